"""A scoresheet's history for the pool's organizers, and reopening a submitted sheet with a reason."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.committees.blueprint import bp
from app.committees.forms import ReopenForm
from app.committees.page import Page
from app.extensions import db
from app.models import Scoresheet
from app.models.base import utcnow
from app.permissions import can_organize_pool
from app.services import progress, scoresheets
from app.services.scoresheets import ScoringError
from judging import Refusal, SheetState


def _sheet_or_404(sheet_id: int) -> Scoresheet:
    sheet = db.session.get(Scoresheet, sheet_id)
    if sheet is None or not can_organize_pool(current_user, sheet.pool):
        abort(404)
    return sheet


def _page(sheet: Scoresheet, form: ReopenForm | None = None, status: int = 200) -> Page:
    round_ = sheet.pool.round
    criteria = sorted(round_.criteria, key=lambda c: c.position)
    english = str(get_locale()) == "en"
    html = render_template(
        "committees/sheet.html",
        sheet=sheet,
        pool=sheet.pool,
        round=round_,
        criteria=criteria,
        labels={c.key: c.label_en if english and c.label_en else c.label_th for c in criteria},
        scores={score.criterion_key: score for score in sheet.scores},
        events=progress.sheet_events(db.session, sheet),
        form=form or ReopenForm(formdata=None),
    )
    return (html, status) if status != 200 else html


@bp.get("/sheets/<int:sheet_id>")
def sheet(sheet_id: int) -> Page:
    return _page(_sheet_or_404(sheet_id))


@bp.post("/sheets/<int:sheet_id>/reopen")
def reopen(sheet_id: int) -> Page | Response:
    sheet = _sheet_or_404(sheet_id)
    form = ReopenForm()
    if form.validate_on_submit():
        try:
            scoresheets.reopen(
                db.session, sheet, user=current_user, reason=form.reason.data or "", now=utcnow()
            )
        except ScoringError as error:
            db.session.rollback()
            form.reason.errors = [reopen_error(error, sheet)]
        else:
            db.session.commit()
            flash(_("The sheet is open again: the judge can change it and submit it again."), "success")
            return redirect(url_for("committees.sheet", sheet_id=sheet.id))
    return _page(sheet, form, 422)


def reopen_error(error: ScoringError, sheet: Scoresheet) -> str:
    if error.code == Refusal.WRONG_STATE and sheet.state is SheetState.DRAFT:
        return _("The sheet has not been submitted, so there is nothing to reopen.")
    messages = {
        "reason_required": _("Give the reason for reopening the sheet."),
        Refusal.WRONG_STATE.value: _("Sheets can be reopened only while the round is being judged."),
        Refusal.SHEET_SIGNED.value: _("The chair has signed the pool off; its sheets are final."),
    }
    return messages.get(error.code, _("The sheet cannot be reopened now."))
