"""The in-app notices a change brings, added to the caller's session so that they commit (or roll back) with
the change itself. Links are site-relative, and are built outside a request too (the scheduler and the
command line have none)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import current_app, has_app_context, has_request_context, url_for
from sqlalchemy.orm import Session, selectinload

from app.models import Entry, Pool, PoolResult, Scoresheet, User
from app.notifications import notify
from app.services.audiences import entrants
from app.services.public_results import pool_names


def link_to(endpoint: str, **values: Any) -> str:
    """The site-relative URL of a page, with or without a request ("" without an app)."""
    if has_request_context():
        return url_for(endpoint, **values)
    if not has_app_context():
        return ""
    adapter = current_app.url_map.bind("localhost", script_name=current_app.config["APPLICATION_ROOT"])
    return adapter.build(endpoint, values)


def pool_title(pool: Pool, user: User) -> str:
    """The category and the place of a pool, in the reader's language (the notice keeps it as text)."""
    category = pool.round.category
    thai, english = pool_names(pool)
    if user.locale == "en":
        return f"{category.name_en or category.name_th}, {english}"
    return f"{category.name_th} {thai}"


def entry_received(session: Session, entry: Entry) -> None:
    """A submitted entry: its entrants learn it arrived."""
    link = link_to("entries.show", entry_id=entry.id)
    for user in entrants(session, entry):
        notify(session, user.id, "entry_received", link=link, title=entry.title)


def sheet_reopened(session: Session, sheet: Scoresheet, reason: str) -> None:
    """A reopened sheet: its judge is told why. Only the entry's title is named (a blind round shows no
    more)."""
    if not sheet.judge.active:
        return
    link = link_to("scoring.entry", pool_id=sheet.pool_id, entry_id=sheet.entry_id)
    notify(session, sheet.judge_id, "sheet_reopened", link=link, title=sheet.entry.title, reason=reason)


def result_published(session: Session, result: PoolResult) -> None:
    """A published version: the entrants of every entry in its standings, once per user and version."""
    entry_ids = [int(row["entry_id"]) for row in result.standings.get("rows", [])]
    if not entry_ids:
        return
    entries = session.scalars(
        sa.select(Entry).where(Entry.id.in_(entry_ids)).order_by(Entry.id).options(selectinload(Entry.person))
    ).all()
    pool = result.pool
    link = link_to("public_results.pool", pool_id=pool.id)
    told: set[int] = set()
    for entry in entries:
        for user in entrants(session, entry):
            if user.id in told:
                continue
            told.add(user.id)
            notify(
                session,
                user.id,
                "result_published",
                link=link,
                dedupe_key=f"published:{result.id}:{user.id}",
                pool=pool_title(pool, user),
            )


def entry_advanced(session: Session, entry: Entry, to_pool: Pool) -> None:
    """An entry moved up a level: its entrants, once per entry, pool and user."""
    link = link_to("entries.show", entry_id=entry.id)
    for user in entrants(session, entry):
        notify(
            session,
            user.id,
            "entry_advanced",
            link=link,
            dedupe_key=f"advanced:{entry.id}:{to_pool.id}:{user.id}",
            title=entry.title,
            pool=pool_title(to_pool, user),
        )
