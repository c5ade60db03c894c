"""Judges score online: their home page, the entry, and the scoresheet that saves while they type."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from app.entries.pages import upload_dir
from app.extensions import db
from app.models import Attachment, Scoresheet
from app.models.base import utcnow
from app.scoring import helpers
from app.scoring.access import JudgeAccess, judge_access_or_404, sheet_access_or_404
from app.scoring.forms import RecusalForm, SheetForm, sheet_form
from app.services import attachments, committees
from app.services import scoresheets as sheets
from app.services.committees import CommitteeError
from app.services.scoresheets import ScoringError
from judging import ScoreProblems, SheetState

bp = Blueprint("scoring", __name__, url_prefix="/judge")

Page = str | tuple[str, int]


@bp.before_request
@login_required
def signed_in() -> None:
    """Every scoring page needs a signed-in person; access to each entry is checked per request."""


@bp.get("/")
def home() -> str:
    return render_template("scoring/home.html", pools=helpers.home_pools(current_user.id), now=utcnow())


@bp.get("/pools/<int:pool_id>/entries/<int:entry_id>")
def entry(pool_id: int, entry_id: int) -> Page:
    access = judge_access_or_404(pool_id, entry_id)
    if access.recused:
        return _render(access, None, None)
    sheet = sheets.sheet_for(db.session, access.pool, access.entry, current_user)
    sheets.add_blank_scores(db.session, sheet)
    db.session.commit()
    return _render(access, sheet, sheet_form(access.pool.round.criteria, sheet))


@bp.get("/sheets/<int:sheet_id>")
def sheet(sheet_id: int) -> Response:
    found, _access = sheet_access_or_404(sheet_id)
    return redirect(url_for("scoring.entry", pool_id=found.pool_id, entry_id=found.entry_id))


@bp.post("/sheets/<int:sheet_id>")
def post_sheet(sheet_id: int) -> Page | Response:
    """Without JavaScript: save the draft (action=save) or submit the sheet (action=submit)."""
    found, access = sheet_access_or_404(sheet_id)
    criteria = access.pool.round.criteria
    form = sheet_form(criteria, found, request.form)
    submit = request.form.get("action") == "submit"
    try:
        problems = _save(found, access, form, submit)
    except ScoreProblems as invalid:
        db.session.rollback()
        errors = helpers.problem_messages(invalid.problems, criteria)
        return _render(access, found, form, errors=errors, status=400)
    except ScoringError as refused:
        db.session.rollback()
        message = helpers.refusal_message(refused, access.pool.round)
        fresh = sheet_form(criteria, db.session.get(Scoresheet, sheet_id))  # type: ignore[arg-type]
        return _render(access, found, fresh, refusal=message, status=409)
    db.session.commit()
    if problems:
        form.version.data = str(found.version)
        errors = helpers.problem_messages(problems, criteria)
        return _render(access, found, form, errors=errors, status=400)
    flash(_("Scores submitted. Thank you.") if submit else _("Draft saved."), "success")
    return redirect(url_for("scoring.entry", pool_id=found.pool_id, entry_id=found.entry_id))


@bp.post("/sheets/<int:sheet_id>/draft")
def draft(sheet_id: int) -> tuple[Response, int]:
    """Autosave: the draft as typed; JSON with the new version, or why it was not saved (409)."""
    found, access = sheet_access_or_404(sheet_id)
    criteria = access.pool.round.criteria
    form = sheet_form(criteria, found, request.form)
    try:
        problems = _save(found, access, form, submit=False)
    except ScoringError as refused:
        db.session.rollback()
        message = helpers.refusal_message(refused, access.pool.round)
        body = {"ok": False, "code": refused.code, "message": message}
        if refused.code == "stale":
            body["version"] = refused.detail
        return jsonify(body), 409
    answer = helpers.sheet_json(found, criteria, errors=helpers.problem_messages(problems, criteria))
    db.session.commit()
    return jsonify(answer), 200


@bp.post("/pools/<int:pool_id>/entries/<int:entry_id>/recusal")
def recuse(pool_id: int, entry_id: int) -> Page | Response:
    """The judge steps back from the entry with a reason, while judging is open and the sheet not final.
    (CSRF is checked before the view runs, by CSRFProtect.)"""
    access = judge_access_or_404(pool_id, entry_id)
    if access.recused:
        flash(_("You have recused yourself from this entry."), "info")
        return redirect(url_for("scoring.entry", pool_id=pool_id, entry_id=entry_id))
    form = RecusalForm()
    found = sheets.sheet_for(db.session, access.pool, access.entry, current_user)
    db.session.commit()  # the sheet exists from here on, as after the entry page's first visit
    criteria = access.pool.round.criteria
    if helpers.judging_closed(access.pool.round, utcnow()) or found.state is SheetState.SIGNED:
        refusal = _("Judging has closed for this pool; ask the organizers to record a recusal.")
        return _render(access, found, sheet_form(criteria, found), refusal=refusal, status=409)
    if not form.validate_on_submit():
        return _render(access, found, sheet_form(criteria, found), recusal=form, status=400)
    try:
        committees.recuse(db.session, access.assignment, form.reason.data or "")
    except CommitteeError:
        db.session.rollback()
        abort(409)
    db.session.commit()
    flash(_("Your recusal is recorded. The organizers can assign another judge to this entry."), "success")
    return redirect(url_for("scoring.home"))


def _save(found: Scoresheet, access: JudgeAccess, form: SheetForm, submit: bool) -> Any:
    if access.recused:
        raise ScoringError("recused")
    seen = form.seen_version()
    if seen is None:
        abort(400)
    typed, now = form.typed(), utcnow()
    if submit:
        sheets.save(db.session, found, typed, seen_version=seen, user=current_user, now=now, submit=True)
        return {}
    return sheets.save_draft(db.session, found, typed, seen_version=seen, user=current_user, now=now)


def _render(
    access: JudgeAccess,
    found: Scoresheet | None,
    form: SheetForm | None,
    *,
    errors: dict[str, str] | None = None,
    refusal: str | None = None,
    recusal: RecusalForm | None = None,
    status: int = 200,
) -> Page:
    now = utcnow()
    round_ = access.pool.round
    closed = helpers.judging_closed(round_, now)
    editable = found is not None and bool(sheets.editing_decision(found, now))
    html = render_template(
        "scoring/entry.html",
        access=access,
        pool=access.pool,
        entry=access.entry,
        round=round_,
        blind=round_.blind,
        sheet=found,
        form=form,
        criteria=round_.criteria,
        errors=errors or {},
        refusal=refusal or _closed_note(found, access, now, editable),
        editable=editable,
        recusal=recusal or RecusalForm(formdata=None),
        can_recuse=found is not None and not closed and found.state is not SheetState.SIGNED,
        total=helpers.sheet_total(round_.criteria, helpers.stored_values(found)) if found else None,
        peers=helpers.committee_sheets(access.pool, access.entry) if closed else None,
        label=helpers.criterion_label,
        plain=helpers.plain,
        sheet_total=helpers.sheet_total,
        stored_values=helpers.stored_values,
        stored_comments=helpers.stored_comments,
    )
    return (html, status) if status != 200 else html


def _closed_note(found: Scoresheet | None, access: JudgeAccess, now: Any, editable: bool) -> str | None:
    if found is None or editable:
        return None
    decision = sheets.editing_decision(found, now)
    return helpers.refusal_message(ScoringError(str(decision.reason)), access.pool.round)


@bp.get("/pools/<int:pool_id>/entries/<int:entry_id>/files/<int:attachment_id>")
def download(pool_id: int, entry_id: int, attachment_id: int) -> Response:
    """An assigned judge downloads the entry's file; in a blind round under a name that reveals no unit."""
    access = judge_access_or_404(pool_id, entry_id)
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None or attachment.entry_id != access.entry.id or access.recused:
        abort(404)
    path = attachments.stored_path(upload_dir(), attachment.stored_name)
    if not path.is_file():
        current_app.logger.error("attachment %s: file %s is missing", attachment.id, path)
        abort(404)
    kind = attachments.KINDS[attachment.kind]
    name = (
        f"entry-{access.entry.id}-file-{attachment.id}.{kind.extension}"
        if access.pool.round.blind
        else attachments.download_name(attachment)
    )
    response = send_file(
        path,
        as_attachment=True,
        download_name=name,
        mimetype=kind.mimetype,
        etag=attachment.sha256,
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.cache_control.private = True
    return response
