"""Pages shared by the entry and attachment views: an entry with what this person may do to it, and the
page that says an action was refused."""

from __future__ import annotations

from pathlib import Path

from flask import current_app, render_template
from flask_babel import gettext as _
from flask_login import current_user

from app.entries.forms import AttachmentForm, VersionForm
from app.entries.messages import field_names
from app.i18n import thai_datetime
from app.models import Entry, EntryState
from app.models.base import utcnow
from app.permissions import can_edit_entry
from app.services import attachments
from app.services import entries as service
from judging import Refusal


def upload_dir() -> Path:
    return Path(current_app.config["UPLOAD_DIR"]).absolute()


def limits() -> attachments.Limits:
    return attachments.Limits(
        file_mb=int(current_app.config["MAX_UPLOAD_MB"]),
        entry_mb=int(current_app.config["MAX_ENTRY_UPLOAD_MB"]),
    )


def entry_actions(entry: Entry) -> dict[str, bool]:
    """What the current user may do to the entry now: edit (and attach), submit, withdraw."""
    now = utcnow()
    editor = can_edit_entry(current_user, entry)
    drafting = editor and bool(service.may_draft(entry, now))
    return {
        "edit": drafting,
        "submit": editor and entry.state is not EntryState.SUBMITTED and bool(service.may_submit(entry, now)),
        "withdraw": drafting and entry.state is not EntryState.WITHDRAWN,
    }


def closed_note(entry: Entry) -> str | None:
    """Once the window has passed: when submissions closed, and that the entry is now read-only."""
    round_ = entry.category.first_round
    decision = service.may_draft(entry, utcnow())
    if decision or round_ is None:
        return None
    if round_.submissions_close_at is not None and decision.reason is Refusal.TOO_LATE:
        return _(
            "Submissions closed on %(date)s. This entry can no longer be changed.",
            date=thai_datetime(round_.submissions_close_at),
        )
    return _("This category is not open for entries. This entry cannot be changed now.")


def render_entry(
    entry: Entry, *, upload_form: AttachmentForm | None = None, status: int = 200
) -> tuple[str, int]:
    actions = entry_actions(entry)
    version = {"version": str(entry.version)}
    page = render_template(
        "entries/show.html",
        entry=entry,
        round=entry.category.first_round,
        actions=actions,
        closed_note=closed_note(entry),
        missing_names=field_names(tuple(service.missing_for_submission(entry))),
        action_form=VersionForm(data=version),
        upload_form=upload_form or AttachmentForm(data=version),
        limits=limits(),
        accept=attachments.ACCEPT,
    )
    return page, status


def refused(message: str, entry: Entry | None = None) -> tuple[str, int]:
    """A refused action (the deadline passed, a stale page): 409 with the reason; nothing was changed."""
    return render_template("entries/refused.html", message=message, entry=entry), 409
