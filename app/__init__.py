"""The web shell of the KM Challenge contest manager."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask

from app import config as settings
from app.extensions import babel, csrf, db, limiter, login_manager, migrate

REPO_ROOT = Path(__file__).resolve().parent.parent


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app. ``config`` overrides the environment (tests pass their own database)."""
    app = Flask(
        __name__,
        instance_path=str(settings.DEFAULT_INSTANCE),
        template_folder=str(REPO_ROOT / "templates"),
        static_folder="static",
    )
    app.config.update(settings.DEFAULTS)
    config = config or {}
    app.config.update(
        settings.from_environment(Path(app.instance_path), with_secret="SECRET_KEY" not in config)
    )
    app.config.update(config)
    # One file per upload request: the per-file limit plus room for the form's other fields.
    app.config.setdefault("MAX_CONTENT_LENGTH", (app.config["MAX_UPLOAD_MB"] + 1) * 1024 * 1024)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_template_helpers(app)
    register_cli(app)
    return app


def register_extensions(app: Flask) -> None:
    from app import auth_session, i18n

    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(REPO_ROOT / "migrations"), compare_type=True, render_as_batch=True
    )
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=i18n.select_timezone)
    login_manager.init_app(app)
    auth_session.configure(login_manager)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            from app.models.collation import register_sqlite_collation

            sa.event.listen(db.engine, "connect", register_sqlite_collation)
            sa.event.listen(db.engine, "connect", _sqlite_foreign_keys)


def _sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def register_blueprints(app: Flask) -> None:
    from app.account.routes import bp as account_bp
    from app.admin.routes import bp as admin_bp
    from app.auth.routes import bp as auth_bp
    from app.awards.routes import bp as awards_bp
    from app.ceremony.routes import bp as ceremony_bp
    from app.committees.routes import bp as committees_bp
    from app.contests.routes import bp as contests_bp
    from app.entries.routes import bp as entries_bp
    from app.inbox.routes import bp as inbox_bp
    from app.mailroom.routes import bp as mailroom_bp
    from app.oversight.routes import bp as oversight_bp
    from app.printing.routes import bp as printing_bp
    from app.public.routes import bp as public_bp
    from app.public_results.routes import bp as public_results_bp
    from app.results.routes import bp as results_bp
    from app.scoring.routes import bp as scoring_bp
    from app.units.routes import bp as units_bp

    for blueprint in (
        public_bp,
        auth_bp,
        account_bp,
        admin_bp,
        units_bp,
        contests_bp,
        entries_bp,
        oversight_bp,
        committees_bp,
        scoring_bp,
        printing_bp,
        results_bp,
        public_results_bp,
        awards_bp,
        ceremony_bp,
        inbox_bp,
        mailroom_bp,
    ):
        app.register_blueprint(blueprint)


def register_errorhandlers(app: Flask) -> None:
    from app import errors

    errors.register(app)


def register_template_helpers(app: Flask) -> None:
    from app import i18n

    i18n.register_filters(app)


def register_cli(app: Flask) -> None:
    from app import cli

    cli.register(app)
