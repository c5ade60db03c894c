"""News of an advancement, by e-mail: the entrant (the unit's coordinators, or the officer for a story) and
the organizers of the next level's pool. The messages go into the outbox with the approval; the scheduler
sends them (without a mail server they wait there, and the results page has already said what moved)."""

from __future__ import annotations

import logging

from flask import url_for
from flask_babel import lazy_gettext as _l

from app import mail
from app.extensions import db
from app.models import Advancement, User
from app.services.audiences import entrants, organizers_of

log = logging.getLogger(__name__)


def advancements(moved: list[Advancement]) -> int:
    """Tell each entrant and the next pool's organizers; the number of messages queued."""
    sent = 0
    for advancement in moved:
        entry = advancement.entry
        told: set[int] = set()
        entry_link = url_for("entries.show", entry_id=entry.id, _external=True)
        pool_link = url_for("oversight.pool", pool_id=advancement.to_pool_id, _external=True)
        audiences = (
            (entrants(db.session, entry), entry_link),
            (organizers_of(db.session, advancement.to_pool), pool_link),
        )
        for users, link in audiences:
            for user in users:
                if user.id in told:
                    continue
                told.add(user.id)
                sent += _send(user, advancement, link)
    return sent


def _send(user: User, advancement: Advancement, link: str) -> bool:
    contest, title = advancement.to_pool.round.category.contest.name, advancement.entry.title
    subject = _l("%(title)s advances to the next level, %(contest)s", title=title, contest=contest)
    try:
        queued = mail.queue(
            db.session,
            user,
            "result_advanced",
            subject,
            entry=advancement.entry,
            from_pool=advancement.from_pool,
            to_pool=advancement.to_pool,
            round=advancement.to_pool.round,
            link=link,
            dedupe_key=f"advanced:{advancement.entry_id}:{advancement.to_pool_id}:{user.id}",
        )
    except Exception:  # best-effort: a template surprise must not undo an approval
        log.exception("advancement mail to user %s not queued", user.id)
        return False
    return queued is not None
