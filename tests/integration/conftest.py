"""Integration fixtures: a real database (SQLite, or PostgreSQL from TEST_DATABASE_URL), emptied per test.

The schema is created once per session from the models (a separate test proves the migrations produce the same
schema); after each test every table is emptied, so each test starts from nothing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from app.config import config_for_tests, database_url
from app.extensions import db
from app.models import Base

CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="session")
def database_uri(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = os.environ.get("TEST_DATABASE_URL")
    uri = database_url(url) if url else f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    engine = sa.create_engine(uri)
    with engine.begin() as connection:
        Base.metadata.drop_all(connection)
        connection.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
        Base.metadata.create_all(connection)
    engine.dispose()
    yield uri


class FreshContextClient(FlaskClient):
    """Runs each request in its own app context, as a server does (fresh ``g``, its own DB session).

    The test's own session is expired afterwards, so what the test reads next comes from the database.
    """

    def open(self, *args: Any, **kwargs: Any) -> Any:
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.expire_all()
        return response


@pytest.fixture
def app(database_uri: str, tmp_path: Path) -> Iterator[Flask]:
    application = create_app(config_for_tests(database_uri, tmp_path))
    application.test_client_class = FreshContextClient
    with application.app_context():
        yield application
        db.session.rollback()
        db.session.remove()
        _empty_tables()
        db.engine.dispose()


def _empty_tables() -> None:
    tables = list(reversed(Base.metadata.sorted_tables))
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            connection.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(table.delete())


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def csrf_token(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1) or match.group(2)


class Browser:
    """Drives the test client like a person: fetches a form, then posts it with its CSRF token."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def get(self, url: str) -> Any:
        return self.client.get(url)

    def post_form(self, url: str, data: dict[str, Any], page: str | None = None, **kwargs: Any) -> Any:
        html = self.client.get(page or url).get_data(as_text=True)
        return self.client.post(url, data={**data, "csrf_token": csrf_token(html)}, **kwargs)

    def login(self, username: str, password: str) -> Any:
        return self.post_form("/login", {"username": username, "password": password})

    def logout(self) -> Any:
        return self.post_form("/logout", {}, page="/")


@pytest.fixture
def browser(client: FlaskClient) -> Browser:
    return Browser(client)


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, *_args: Any) -> None:
        self.count += 1


@pytest.fixture
def count_queries(app: Flask) -> Any:
    """``with count_queries() as counter: ...`` counts the SQL statements run inside the block."""
    from contextlib import contextmanager

    @contextmanager
    def counting() -> Iterator[QueryCounter]:
        counter = QueryCounter()
        sa.event.listen(db.engine, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", counter)

    return counting


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``postgres_only`` need several real connections at once; SQLite runs skip them."""
    if os.environ.get("TEST_DATABASE_URL"):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set TEST_DATABASE_URL (CI runs it)")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)
