"""One scheduler at a time: a lease row in the database that the holder renews. Another process takes the
lease only once it has expired, so a second scheduler waits, and takes over within one lease period of the
first one dying. Each step is one short transaction on its own connection, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.models import SchedulerLease

LEASE_NAME = "scheduler"


def acquire(engine: sa.Engine, holder: str, now: datetime, seconds: int, name: str = LEASE_NAME) -> bool:
    """Take or renew the lease; True when ``holder`` has it until ``now + seconds``."""
    until = now + timedelta(seconds=seconds)
    table = SchedulerLease.__table__
    with engine.begin() as connection:
        taken = connection.execute(
            sa.update(table)
            .where(table.c.name == name, sa.or_(table.c.holder == holder, table.c.expires_at < now))
            .values(holder=holder, expires_at=until)
        ).rowcount
        if taken:
            return True
        exists = connection.execute(sa.select(table.c.name).where(table.c.name == name)).first()
        if exists is not None:
            return False
    try:
        with engine.begin() as connection:
            connection.execute(
                sa.insert(table).values(name=name, holder=holder, expires_at=until, acquired_at=now)
            )
    except IntegrityError:  # another process inserted it at the same moment
        return False
    return True


def release(engine: sa.Engine, holder: str, name: str = LEASE_NAME) -> None:
    """Give the lease up at once (on a clean stop), so another scheduler need not wait for it to expire."""
    table = SchedulerLease.__table__
    with engine.begin() as connection:
        connection.execute(sa.delete(table).where(table.c.name == name, table.c.holder == holder))


def holder_of(engine: sa.Engine, now: datetime, name: str = LEASE_NAME) -> str | None:
    """Who holds an unexpired lease now (None when nobody does)."""
    table = SchedulerLease.__table__
    with engine.connect() as connection:
        row = connection.execute(
            sa.select(table.c.holder).where(table.c.name == name, table.c.expires_at >= now)
        ).first()
    return row[0] if row else None
