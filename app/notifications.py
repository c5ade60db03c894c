"""In-app notifications: a sentence per kind, filled from stored parameters and translated for the reader.

``notify`` adds the row to the caller's session, so it commits (or not) with the change that caused it.
A ``dedupe_key`` makes a notice that must appear once (a timed reminder) unique: a second one is skipped.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.models import Notification

KINDS: dict[str, Any] = {
    "entry_received": _l("Your entry “%(title)s” was received."),
    "submissions_closing": _l("“%(title)s” is still a draft: submissions close %(when)s."),
    "judging_closing": _l("%(n)s score sheets still to submit in %(pool)s: judging closes %(when)s."),
    "sheet_reopened": _l("Your score sheet for “%(title)s” was reopened: %(reason)s"),
    "result_published": _l("The result of %(pool)s is published."),
    "entry_advanced": _l("“%(title)s” advanced to %(pool)s."),
    "round_not_ready": _l("%(round)s could not open on time: %(missing)s."),
    "result_not_approved": _l("The announcement time of %(pool)s has passed and its result is not approved."),
    "judging_open": _l("Judging is open in %(pool)s: %(n)s entries to score."),
}


def notify(
    session: Session,
    user_id: int,
    kind: str,
    *,
    link: str = "",
    dedupe_key: str | None = None,
    **params: Any,
) -> Notification | None:
    """Add a notification for the user (None when ``dedupe_key`` was used before)."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    if dedupe_key is not None:
        seen = session.scalar(sa.select(Notification.id).where(Notification.dedupe_key == dedupe_key))
        if seen is not None:
            return None
    notice = Notification(
        user_id=user_id,
        kind=kind,
        params={k: str(v) for k, v in params.items()},
        link=link,
        dedupe_key=dedupe_key,
    )
    session.add(notice)
    return notice


def sentence(notice: Notification) -> str:
    """The notice in the current language; a parameter the sentence lacks never breaks the page."""
    template = KINDS.get(notice.kind)
    if template is None:
        return notice.kind
    try:
        return str(template) % notice.params
    except (KeyError, ValueError, TypeError):
        return str(template)
