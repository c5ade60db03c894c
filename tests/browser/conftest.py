"""Browser tests: the real app served on loopback, migrated and loaded with the demo, driven by chromium.

They use Debian's chromium (``/usr/bin/chromium``); where it is missing they are skipped with that reason.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from app import create_app
from app.config import config_for_tests, database_url
from app.extensions import db
from app.models import Base
from app.services.demo import load_demo

CHROMIUM = "/usr/bin/chromium"
OUTPUT = Path(__file__).resolve().parents[2] / "test-output"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.browser


def _reset(uri: str) -> None:
    engine = sa.create_engine(uri)
    with engine.begin() as connection:
        Base.metadata.drop_all(connection)
        connection.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app, migrated with Alembic and loaded with the demo, served on a free loopback port."""
    from alembic import command

    url = os.environ.get("TEST_DATABASE_URL")
    tmp = tmp_path_factory.mktemp("live")
    uri = database_url(url) if url else f"sqlite:///{tmp / 'live.sqlite3'}"
    _reset(uri)
    app = create_app(config_for_tests(uri, tmp))
    with app.app_context():
        command.upgrade(app.extensions["migrate"].migrate.get_config(), "head")
        load_demo(db.session)
        db.session.commit()
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        with app.app_context():
            db.engine.dispose()
        _reset(uri)


@pytest.fixture(scope="module")
def live_app(live_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """An app of our own on the live server's database, for a test to arrange data and read what was stored
    (the live server does not expose its app)."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        uri = database_url(url)
    else:
        sqlite_file = next(tmp_path_factory.getbasetemp().glob("live*/live.sqlite3"))
        uri = f"sqlite:///{sqlite_file}"
    app = create_app(config_for_tests(uri, tmp_path_factory.mktemp("arrange")))
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); browser tests need it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="th-TH")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def screenshot(page: Any, name: str) -> Path:
    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page: Any, live_server: str, username: str, password: str) -> None:
    page.goto(live_server + "/login")
    page.locator("#username").fill(username)
    page.locator("#password").fill(password)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_url(re.compile(r"/$"))
