"""An S3 bucket of the test's own: moto's S3 server (from the requirements) on 127.0.0.1 on a
free port, in a process stopped at the end; the bucket `regie` is made in it."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

from tests.helpers import free_port

BUCKET = "regie"
KEY = {"REGIE_S3_KEY_ID": "test-key", "REGIE_S3_SECRET": "test-secret", "REGIE_S3_URL_STYLE": "path",
       "REGIE_S3_USE_SSL": "false"}  # fmt: skip


def serve() -> Iterator[dict[str, str]]:
    """The settings that point the lake's data path at the bucket, while the server runs."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(urllib.request.Request(f"{url}/{BUCKET}", method="PUT"), timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield {**KEY, "REGIE_S3_ENDPOINT": f"127.0.0.1:{port}", "REGIE_DATA_PATH": f"s3://{BUCKET}/lake/"}
    finally:
        server.terminate()
        server.wait(timeout=20)


def files(settings: dict[str, str]) -> list[str]:
    """The object keys in the bucket (moto answers an unsigned listing)."""
    with urllib.request.urlopen(f"http://{settings['REGIE_S3_ENDPOINT']}/{BUCKET}", timeout=5) as answer:
        text = answer.read().decode()
    return [part.split("</Key>")[0] for part in text.split("<Key>")[1:]]
