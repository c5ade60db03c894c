"""Organizers follow entries: pools and their entries, the national overview, exports."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from flask_login import current_user, login_required

from app.extensions import db
from app.models import Category, Contest, EntryState
from app.permissions import contest_or_404, is_organizer, pool_or_404, require
from app.services import exports, overview

bp = Blueprint("oversight", __name__, url_prefix="/organize")

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.before_request
@login_required
def only_organizers() -> None:
    require(is_organizer(current_user))


def entry_link(entry_id: int, external: bool = False) -> str:
    """The entry's page (served by the entries blueprint)."""
    if "entries.show" in current_app.view_functions:
        return url_for("entries.show", entry_id=entry_id, _external=external)
    path = f"{request.script_root}/entries/{entry_id}"
    return request.host_url.rstrip("/") + path if external else path


@bp.get("/")
def home() -> str:
    return render_template("oversight/index.html", home=overview.organizer_home(db.session, current_user))


@bp.get("/pools/<int:pool_id>")
def pool(pool_id: int) -> str:
    pool = pool_or_404(pool_id)
    state = _state_filter()
    return render_template(
        "oversight/pool.html",
        pool=pool,
        round=overview.round_of(db.session, pool),
        counts=overview.pool_state_counts(db.session, pool),
        rows=overview.pool_entries(db.session, pool, state),
        state=state,
        states=list(EntryState),
        entry_link=entry_link,
    )


def _state_filter() -> EntryState | None:
    value = request.args.get("state", "")
    if not value:
        return None
    try:
        return EntryState(value)
    except ValueError:
        abort(400)


@bp.get("/contests/<int:contest_id>/overview")
def contest_overview(contest_id: int) -> str:
    contest = contest_or_404(contest_id)
    table = overview.national_overview(db.session, contest, current_user)
    return render_template("oversight/overview.html", overview=table, contest=contest)


@bp.get("/contests/<int:contest_id>/entries.csv")
def export_csv(contest_id: int) -> Response:
    contest, category = _export_scope(contest_id)
    headers, rows = _export_table(contest, category)
    return _download(exports.to_csv(headers, rows), "text/csv; charset=utf-8", contest, category, "csv")


@bp.get("/contests/<int:contest_id>/entries.xlsx")
def export_xlsx(contest_id: int) -> Response:
    contest, category = _export_scope(contest_id)
    headers, rows = _export_table(contest, category)
    content = exports.to_xlsx(headers, rows, title=contest.name)
    return _download(content, XLSX_TYPE, contest, category, "xlsx")


def _export_scope(contest_id: int) -> tuple[Contest, Category | None]:
    """The contest, and the category of ``?category=`` if given (it must be one of the contest's)."""
    contest = contest_or_404(contest_id)
    category_id = request.args.get("category", type=int)
    if category_id is None:
        return contest, None
    category = db.session.get(Category, category_id)
    if category is None or category.contest_id != contest.id:
        abort(404)
    return contest, category


def _export_table(contest: Contest, category: Category | None) -> tuple[list[str], list[list[exports.Cell]]]:
    return exports.table(
        db.session,
        contest,
        current_user,
        lambda entry_id: entry_link(entry_id, external=True),
        category.id if category is not None else None,
    )


def _download(
    content: bytes, mimetype: str, contest: Contest, category: Category | None, extension: str
) -> Response:
    response = Response(content, mimetype=mimetype)
    filename = exports.export_filename(contest, extension, category)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
