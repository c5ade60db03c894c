"""Command-line tasks. Each command owns its transaction: it commits once at the end, or not at all."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from app.extensions import db
from app.models import Pool, Role
from app.models.base import utcnow
from app.services import publication
from app.services.accounts import RoleSpec, create_user, username_taken
from app.services.demo import load_demo
from app.services.geography import create_cdd_offices, load_geography
from app.services.user_import import import_users

geo_cli = AppGroup("geo", help="Thai organization data: regions, provinces, districts, CDD offices.")
demo_cli = AppGroup("demo", help="The demo data that `make run` loads.")
users_cli = AppGroup("users", help="User accounts.")
results_cli = AppGroup("results", help="Pool results: publication at the announcement time.")
scheduler_cli = AppGroup("scheduler", help="The scheduler process: timed jobs, reminders, the outbox.")
outbox_cli = AppGroup("outbox", help="The e-mail outbox.")


@geo_cli.command("load")
def geo_load() -> None:
    """Load the 19 inspection regions, 77 provinces and 928 districts (idempotent)."""
    reports = load_geography(db.session)
    db.session.commit()
    for name, report in reports.items():
        click.echo(f"{name}: {report}")


@geo_cli.command("offices")
def geo_offices() -> None:
    """Create the CDD department, 76 provincial and 878 district offices (idempotent)."""
    try:
        reports = create_cdd_offices(db.session)
    except LookupError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    for name, report in reports.items():
        click.echo(f"{name}: {report}")


@demo_cli.command("load")
def demo_load() -> None:
    """Load organization data, offices and demo accounts (idempotent)."""
    lines = load_demo(db.session)
    db.session.commit()
    click.echo("\n".join(lines))


@users_cli.command("create-admin")
@click.argument("username")
@click.option("--full-name", default="Administrator", show_default=True)
@click.password_option()
def create_admin(username: str, full_name: str, password: str) -> None:
    """Create an administrator account."""
    if username_taken(db.session, username):
        raise click.ClickException(f"username {username!r} is already taken")
    create_user(
        db.session,
        username=username,
        full_name=full_name,
        email=None,
        password=password,
        roles=[RoleSpec(Role.ADMIN)],
    )
    db.session.commit()
    click.echo(f"administrator {username} created")


@users_cli.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def users_import(csv_file: Path) -> None:
    """Import accounts from CSV (all rows or none)."""
    report = import_users(db.session, csv_file.read_bytes())
    if not report.ok:
        db.session.rollback()
        for line, message in report.errors:
            click.echo(f"line {line}: {message}", err=True)
        raise click.ClickException("nothing imported")
    db.session.commit()
    click.echo(f"{len(report.created)} accounts created")


@results_cli.command("publish-due")
def results_publish_due() -> None:
    """Publish every approved result whose round's announcement time has passed (idempotent), and name
    the pools whose announcement time passed without an approved result."""
    published, lacking = publication.publish_due(db.session, utcnow())
    db.session.commit()
    for result in published:
        click.echo(f"published: {_pool_line(result.pool)}, version {result.version}")
    for pool in lacking:
        click.echo(f"announcement time passed, no approved result: {_pool_line(pool)}")
    if not published and not lacking:
        click.echo("nothing to publish")


@scheduler_cli.command("run")
@click.option("--holder", default=None, help="Name of this process in the lease (default host:pid).")
def scheduler_run(holder: str | None) -> None:
    """Run the scheduler until Ctrl-C or SIGTERM. Start one beside the web workers; a second one waits and
    takes over if the first stops."""
    import logging
    import signal
    import threading

    from flask import current_app

    from app.scheduler import runner

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    click.echo(f"scheduler {holder or runner.holder_name()} starting (Ctrl-C stops it)")
    runner.run(current_app._get_current_object(), stop, holder=holder)  # type: ignore[attr-defined]


@scheduler_cli.command("catch-up")
def scheduler_catch_up() -> None:
    """Run once every round job whose moment has passed and that has not run (idempotent)."""
    from flask import current_app

    from app.scheduler import jobs, runner

    with runner.link_context(current_app._get_current_object()):  # type: ignore[attr-defined]
        ran = jobs.catch_up(db.session, utcnow(), holder="cli")
    for job, outcome in ran:
        click.echo(f"{job.key}: {outcome.detail}")
    if not ran:
        click.echo("nothing is due")


@scheduler_cli.command("status")
def scheduler_status() -> None:
    """Who holds the scheduler lease, and the jobs waiting in the job table."""
    from flask import current_app

    from app.i18n import thai_datetime
    from app.scheduler import runner

    report = runner.status(current_app._get_current_object())  # type: ignore[attr-defined]
    click.echo(f"lease: {report['holder'] or 'nobody'}")
    for job_id, when in report["jobs"]:
        click.echo(f"{job_id}: {thai_datetime(when, locale='th') if when else 'paused'}")


@outbox_cli.command("send")
def outbox_send() -> None:
    """Send the outbox's due messages now (what the scheduler does every few seconds)."""
    from app import mail

    if not mail.configured():
        raise click.ClickException("MAIL_SERVER is not set: messages stay in the outbox")
    delivery = mail.deliver_due(db.session, utcnow())
    click.echo(f"{len(delivery.sent)} sent, {len(delivery.retrying)} to retry, {len(delivery.failed)} failed")


def _pool_line(pool: Pool) -> str:
    category = pool.round.category
    place = pool.province.name_th if pool.province else pool.region.name_th if pool.region else "national"
    return f"{category.contest.name} / {category.name_th} / {place} (pool {pool.id})"


def register(app: Flask) -> None:
    for group in (geo_cli, demo_cli, users_cli, results_cli, scheduler_cli, outbox_cli):
        app.cli.add_command(group)
