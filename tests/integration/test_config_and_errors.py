"""Configuration from the environment, and error pages in Thai."""

from __future__ import annotations

import stat

from app.config import database_url, from_environment, persistent_secret_key
from app.extensions import db
from app.models import Role
from tests.integration import factories


def test_the_secret_key_is_generated_once_and_kept_private(tmp_path):
    first = persistent_secret_key(tmp_path)
    assert len(first) == 64
    assert persistent_secret_key(tmp_path) == first
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600


def test_settings_come_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-env")
    monkeypatch.setenv("DATABASE_URL", "postgres://u@db/km")
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379")
    monkeypatch.setenv("MAX_UPLOAD_MB", "5")
    settings = from_environment(tmp_path)
    assert settings["SECRET_KEY"] == "from-env"
    assert settings["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db/km"
    assert settings["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379"
    assert settings["MAX_UPLOAD_MB"] == 5
    assert not (tmp_path / "secret_key").exists()


def test_the_default_database_is_a_sqlite_file_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("SECRET_KEY", "x")
    assert (
        from_environment(tmp_path)["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/kmchallenge.sqlite3"
    )
    assert database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_a_missing_page_answers_404_in_thai(app, client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in response.get_data(as_text=True)


def test_a_forbidden_page_answers_403_in_thai(app, browser):
    factories.user(Role.JUDGE, username="judge")
    db.session.commit()
    browser.login("judge", factories.PASSWORD)
    response = browser.get("/admin/users")
    assert response.status_code == 403
    assert "ข้อผิดพลาด 403" in response.get_data(as_text=True)


def test_an_unexpected_failure_answers_500_in_thai_and_rolls_back(database_uri, tmp_path):
    from app import create_app
    from app.config import config_for_tests

    app = create_app(config_for_tests(database_uri, tmp_path) | {"PROPAGATE_EXCEPTIONS": False})

    def broken() -> str:
        factories_user = factories.user(Role.JUDGE, username="half-written")
        raise RuntimeError(f"failure after writing {factories_user.username}")

    app.add_url_rule("/broken", view_func=broken)
    with app.app_context():
        response = app.test_client().get("/broken")
        assert response.status_code == 500
        assert "ข้อผิดพลาด 500" in response.get_data(as_text=True)
        import sqlalchemy as sa

        from app.models import User

        try:
            assert db.session.scalar(sa.select(User).where(User.username == "half-written")) is None
        finally:
            db.session.remove()  # give the connection back before closing the pool
            db.engine.dispose()
