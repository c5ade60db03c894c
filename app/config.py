"""Configuration read from the environment, with safe defaults for a laptop.

Every setting can be overridden by an environment variable of the same name. ``SECRET_KEY`` is never a
constant in code: without the variable, a random key is generated once and kept in ``instance/secret_key``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INSTANCE = REPO_ROOT / "instance"


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


def persistent_secret_key(instance_path: Path) -> str:
    """Return the secret key kept in ``instance/secret_key``, creating it on first use (mode 0600)."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="ascii").strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key)
    return key


def database_url(url: str) -> str:
    """Normalise ``postgres://``/``postgresql://`` URLs to the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def from_environment(instance_path: Path, *, with_secret: bool = True) -> dict[str, Any]:
    """The settings of a running app, read from the environment.

    ``with_secret=False`` skips the secret key (a caller that brings its own must not create the file).
    """
    default_db = f"sqlite:///{instance_path / 'kmchallenge.sqlite3'}"
    settings: dict[str, Any] = {}
    if with_secret:
        settings["SECRET_KEY"] = os.environ.get("SECRET_KEY") or persistent_secret_key(instance_path)
    return settings | {
        "SQLALCHEMY_DATABASE_URI": database_url(os.environ.get("DATABASE_URL") or default_db),
        "UPLOAD_DIR": os.environ.get("UPLOAD_DIR") or str(instance_path / "uploads"),
        "MAX_UPLOAD_MB": _int("MAX_UPLOAD_MB", 20),
        "MAX_ENTRY_UPLOAD_MB": _int("MAX_ENTRY_UPLOAD_MB", 60),
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": _int("MAIL_PORT", 25),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _bool("MAIL_USE_TLS", False),
        "MAIL_DEFAULT_SENDER": os.environ.get("MAIL_DEFAULT_SENDER", "kmchallenge@localhost"),
        "MAIL_TIMEOUT_SECONDS": _int("MAIL_TIMEOUT_SECONDS", 10),
        "MAIL_MAX_ATTEMPTS": _int("MAIL_MAX_ATTEMPTS", 5),
        "MAIL_RETRY_SECONDS": _int("MAIL_RETRY_SECONDS", 60),
        "JUDGE_REMINDER_DAYS": os.environ.get("JUDGE_REMINDER_DAYS", "3,1"),
        "UNIT_REMINDER_DAYS": os.environ.get("UNIT_REMINDER_DAYS", "3,1"),
        "DIGEST_HOUR": _int("DIGEST_HOUR", 7),
        "SCHEDULER_LEASE_SECONDS": _int("SCHEDULER_LEASE_SECONDS", 30),
        "OUTBOX_INTERVAL_SECONDS": _int("OUTBOX_INTERVAL_SECONDS", 15),
        "SCHEDULER_SYNC_SECONDS": _int("SCHEDULER_SYNC_SECONDS", 60),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "30 per minute"),
        "SESSION_COOKIE_SECURE": _bool("SESSION_COOKIE_SECURE", False),
        "PUBLIC_BASE_URL": os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000"),
        "PREFERRED_URL_SCHEME": os.environ.get("PREFERRED_URL_SCHEME", "http"),
    }


DEFAULTS: dict[str, Any] = {
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "BABEL_DEFAULT_LOCALE": "th",
    "BABEL_DEFAULT_TIMEZONE": "Asia/Bangkok",
    "LANGUAGES": ("th", "en"),
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "WTF_CSRF_TIME_LIMIT": 8 * 3600,
    "RATELIMIT_HEADERS_ENABLED": True,
    # Account lock-out after repeated wrong passwords (counted per user name, known or not).
    "LOGIN_MAX_FAILURES": 5,
    "LOGIN_LOCK_MINUTES": 15,
    # argon2 parameters (argon2-cffi defaults); tests lower them to stay fast.
    "ARGON2_TIME_COST": 3,
    "ARGON2_MEMORY_COST": 65536,
    "USERS_PER_PAGE": 50,
}


def config_for_tests(database_uri: str, instance_path: Path) -> dict[str, Any]:
    """Settings for the test suite: a given database, cheap hashing, no CSRF exemptions."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-only-" + secrets.token_hex(8),
        "SQLALCHEMY_DATABASE_URI": database_uri,
        "UPLOAD_DIR": str(instance_path / "uploads"),
        "ARGON2_TIME_COST": 1,
        "ARGON2_MEMORY_COST": 64,
        "RATELIMIT_STORAGE_URI": "memory://",
        "SERVER_NAME": None,
    }
