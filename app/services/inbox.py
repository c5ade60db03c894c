"""A user's in-app notices: the unread count for the bell, the newest-first list, marking them read."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import Notification


def unread_count(session: Session, user_id: int) -> int:
    """One small query (the ``(user_id, read_at)`` index answers it)."""
    count = session.scalar(
        sa.select(sa.func.count())
        .select_from(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
    )
    return int(count or 0)


def newest_first(user_id: int) -> sa.Select[Notification]:
    return (
        sa.select(Notification)
        .where(Notification.user_id == user_id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )


def own_notice(session: Session, notice_id: int, user_id: int) -> Notification | None:
    """The notice if it is this user's; None for a missing one and for anyone else's alike."""
    notice = session.get(Notification, notice_id)
    return notice if notice is not None and notice.user_id == user_id else None


def mark_read(notice: Notification, now: datetime) -> None:
    if notice.read_at is None:
        notice.read_at = now


def mark_all_read(session: Session, user_id: int, now: datetime) -> int:
    """Every unread notice of the user, in one statement; how many there were."""
    result = session.execute(
        sa.update(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .values(read_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
