"""Settings, declared once: name, default and help. Read from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str

    def get(self) -> str:
        value = os.environ.get(self.name, "").strip()
        return value or self.default


DATA_DIR = Setting("REGIE_DATA_DIR", "data", "The data directory: the lake's catalog.sqlite and its files in lake/.")
CATALOG = Setting(
    "REGIE_CATALOG",
    "",
    "Where the lake's catalog lives, when not in catalog.sqlite of the data directory: "
    "'postgres:dbname=... host=... user=...' (several machines).",
)
DATA_PATH = Setting(
    "REGIE_DATA_PATH", "", "Where the lake's Parquet files live, when not in lake/ of the data directory (s3://...)."
)
S3_KEY_ID = Setting(
    "REGIE_S3_KEY_ID", "", "Access key of the bucket of REGIE_DATA_PATH (s3://...); none: no secret is made."
)
S3_SECRET = Setting("REGIE_S3_SECRET", "", "Secret key of the bucket of REGIE_DATA_PATH.")
S3_REGION = Setting("REGIE_S3_REGION", "us-east-1", "Region of the bucket of REGIE_DATA_PATH.")
S3_ENDPOINT = Setting(
    "REGIE_S3_ENDPOINT", "", "Host and port of an S3-compatible store other than AWS (MinIO, a cloud's S3 API)."
)
S3_URL_STYLE = Setting("REGIE_S3_URL_STYLE", "vhost", "'path' for stores that name the bucket in the path (MinIO).")
S3_USE_SSL = Setting("REGIE_S3_USE_SSL", "true", "'false' for an S3 endpoint without TLS (a test server only).")
HOME = Setting("REGIE_HOME", "GM9001", "Municipality code shown first (the home member).")
SERVICE_HOURS = Setting(
    "REGIE_SERVICE_HOURS",
    "08:00-17:00",
    "Service hours of the business clock, Monday to Friday, Europe/Amsterdam wall-clock time.",
)
GOOD_FRIDAY = Setting(
    "REGIE_GOOD_FRIDAY_CLOSED",
    "no",
    "Whether Good Friday stops the business clock (yes/no). Other Dutch public holidays always do.",
)
DUCKDB_THREADS = Setting("REGIE_DUCKDB_THREADS", "2", "Worker threads of the shared DuckDB connection.")
DUCKDB_MEMORY = Setting("REGIE_DUCKDB_MEMORY", "2GB", "Memory limit of the shared DuckDB connection.")
BUILD_MEMORY = Setting(
    "REGIE_BUILD_MEMORY",
    "8GB",
    "Memory limit of DuckDB while it builds the summaries (demo, import, summarize); exact medians of all tickets.",
)

PAGE_RUNS = Setting(
    "REGIE_PAGE_RUNS",
    "2",
    "Pages that run at the same time in one process; later sessions wait their turn (0: no limit).",
)

CHROMIUM = Setting(
    "REGIE_CHROMIUM",
    "/usr/bin/chromium",
    "The chromium browser that prints the board pack to PDF (and runs browser tests).",
)

REQUIRE_SIGNIN = Setting(
    "REGIE_REQUIRE_SIGNIN",
    "no",
    "yes: refuse to serve without an [auth] section in .streamlit/secrets.toml (a server with real data).",
)
ACCESS_FILE = Setting(
    "REGIE_ACCESS_FILE",
    "access.toml",
    "The access file: which ID-token claims give which role and member (regie/access.py, docs/deployment.md).",
)
AUDIT_DAYS = Setting("REGIE_AUDIT_DAYS", "730", "Days the audit log keeps its entries (imports, undos, downloads).")
PUBLIC_URL = Setting(
    "REGIE_PUBLIC_URL",
    "",
    "The dashboard's address as its users reach it (https://regie.example.nl), from which the board pack's "
    "'Bekijk op de pagina' links are made; none (or a loopback address): the pack names the page in plain text.",
)

ALL = [
    DATA_DIR,
    CATALOG,
    DATA_PATH,
    S3_KEY_ID,
    S3_SECRET,
    S3_REGION,
    S3_ENDPOINT,
    S3_URL_STYLE,
    S3_USE_SSL,
    HOME,
    SERVICE_HOURS,
    GOOD_FRIDAY,
    DUCKDB_THREADS,
    DUCKDB_MEMORY,
    BUILD_MEMORY,
    PAGE_RUNS,
    CHROMIUM,
    REQUIRE_SIGNIN,
    ACCESS_FILE,
    AUDIT_DAYS,
    PUBLIC_URL,
]


def data_dir():
    """The data directory (a folder): the lake's catalog and, by default, its files."""
    from pathlib import Path

    return Path(DATA_DIR.get())


def access_file():
    """The access file's path: as set, relative to the working directory."""
    from pathlib import Path

    return Path(ACCESS_FILE.get())


LOOPBACK = ("localhost", "127.", "0.0.0.0", "[::1]", "[::]")


def public_url() -> str:
    """REGIE_PUBLIC_URL without its trailing '/', or '' when unset or not an http(s) address others can
    reach: a link to the machine that made a document (127.0.0.1, localhost) is no link for its readers."""
    from urllib.parse import urlsplit

    url = PUBLIC_URL.get().rstrip("/")
    parts = urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1].lower()
    if parts.scheme not in ("http", "https") or not host or host.startswith(LOOPBACK):
        return ""
    return url
