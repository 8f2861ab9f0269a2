"""A small OpenID Connect provider of the tests' own, on loopback (starlette, joserfc, uvicorn:
all come with streamlit[auth]).

Its sign-in page lists the test users as buttons; choosing one sends the browser back with a
code, which the token endpoint exchanges for an ID token (RS256) with that user's claims and
the nonce of the request. Enough of the protocol for Authlib (discovery, authorization code,
client_secret_basic or _post, JWKS) and nothing more: never for anything but a test.
"""

from __future__ import annotations

import base64
import contextlib
import html
import secrets
import threading
import time
import urllib.parse

import uvicorn
from joserfc import jwk, jwt
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse
from starlette.routing import Route

from tests.helpers import free_port

CLIENT_ID, CLIENT_SECRET = "regiedashboard", "test-client-secret"


def provider(users: dict[str, dict], issuer: str) -> Starlette:
    key = jwk.RSAKey.generate_key(2048, parameters={"kid": "test-key", "alg": "RS256", "use": "sig"})
    pending: dict[str, dict] = {}  # code -> the request it answers and the user chosen

    async def discovery(_: Request) -> JSONResponse:
        return JSONResponse({
            "issuer": issuer, "authorization_endpoint": f"{issuer}/authorize", "token_endpoint": f"{issuer}/token",
            "jwks_uri": f"{issuer}/jwks", "end_session_endpoint": f"{issuer}/logout",
            "response_types_supported": ["code"], "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"], "scopes_supported": ["openid", "profile", "email"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        })  # fmt: skip

    async def authorize(request: Request) -> HTMLResponse | RedirectResponse:
        asked = dict(request.query_params)
        if asked.get("client_id") != CLIENT_ID:
            return HTMLResponse("unknown client", status_code=400)
        chosen = asked.pop("user", None)
        if chosen in users:
            code = secrets.token_urlsafe(16)
            pending[code] = {"user": chosen, "nonce": asked.get("nonce"), "redirect_uri": asked["redirect_uri"]}
            back = {"code": code, "state": asked.get("state", "")}
            return RedirectResponse(f"{asked['redirect_uri']}?{urllib.parse.urlencode(back)}", status_code=302)

        def link(name: str) -> str:
            query = html.escape(urllib.parse.urlencode({**asked, "user": name}))
            return f'<p><a id="user-{html.escape(name)}" href="?{query}">{html.escape(name)}</a></p>'

        links = "".join(link(name) for name in users)
        return HTMLResponse(f"<html><body><h1>Test provider: choose a user</h1>{links}</body></html>")

    async def token(request: Request) -> JSONResponse:
        form = dict(await request.form())
        client, secret = form.get("client_id"), form.get("client_secret")
        header = request.headers.get("authorization", "")
        if header.startswith("Basic "):
            client, secret = (urllib.parse.unquote(p) for p in base64.b64decode(header[6:]).decode().split(":", 1))
        if (client, secret) != (CLIENT_ID, CLIENT_SECRET):
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        grant = pending.pop(form.get("code", ""), None)
        if grant is None or grant["redirect_uri"] != form.get("redirect_uri"):
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        now = int(time.time())
        claims = {"iss": issuer, "aud": CLIENT_ID, "iat": now, "exp": now + 600, **users[grant["user"]]}
        if grant["nonce"]:
            claims["nonce"] = grant["nonce"]
        id_token = jwt.encode({"alg": "RS256", "kid": "test-key"}, claims, key)
        return JSONResponse({"access_token": secrets.token_urlsafe(16), "token_type": "Bearer", "expires_in": 600,
                             "id_token": id_token})  # fmt: skip

    async def jwks(_: Request) -> JSONResponse:
        return JSONResponse({"keys": [key.as_dict(private=False)]})

    async def logout(request: Request) -> RedirectResponse | HTMLResponse:
        back = request.query_params.get("post_logout_redirect_uri")
        return RedirectResponse(back, status_code=302) if back else HTMLResponse("signed out")

    return Starlette(routes=[
        Route("/.well-known/openid-configuration", discovery), Route("/authorize", authorize),
        Route("/token", token, methods=["POST"]), Route("/jwks", jwks), Route("/logout", logout),
    ])  # fmt: skip


@contextlib.contextmanager
def running(users: dict[str, dict]):
    """The provider on a free loopback port, in a thread; gives its issuer URL."""
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    server = uvicorn.Server(uvicorn.Config(provider(users, issuer), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield issuer
    finally:
        server.should_exit = True
        thread.join(timeout=10)
