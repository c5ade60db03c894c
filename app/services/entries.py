"""Writing, submitting, editing and withdrawing entries, under the round's deadline and the eligibility rules.

Deadlines are decided here at the moment of the request (``rules.drafting_decision`` for drafts, edits and
withdrawals; ``rules.entry_decision`` for submitting). One entry per unit (or person) per category is the
database's unique ``(category_id, entrant_key)``: a second insert fails there, and the caller rolls back and
shows the entry that exists. Services flush; the request commits.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import nh3
import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from app.models import (
    Category,
    EntrantKind,
    Entry,
    EntryAuthor,
    EntryState,
    Pool,
    Round,
    Unit,
    User,
    entrant_key,
)
from app.services import notices
from app.services.contests import pool_for_unit
from app.services.rules import drafting_decision, entry_decision
from judging import Decision, Refusal, RoundState

TITLE_MAX = 300
SUMMARY_MAX = 2000
BODY_MAX = 50000
VIDEO_URL_MAX = 500
AUTHORS_MAX = 10
AUTHOR_FIELD_MAX = 200

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "u", "h3", "h4", "ul", "ol", "li", "blockquote", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


class EntryError(Exception):
    """An entry action refused. ``code``: closed (with the round's ``refusal``), stale, incomplete (with
    ``missing`` fields), cap_reached (with ``cap``), no_pool."""

    def __init__(
        self,
        code: str,
        *,
        refusal: Refusal | None = None,
        missing: Sequence[str] = (),
        cap: int | None = None,
    ) -> None:
        super().__init__(code)
        self.code = code
        self.refusal = refusal
        self.missing = tuple(missing)
        self.cap = cap


@dataclass(frozen=True)
class Author:
    full_name: str
    job_title: str = ""


@dataclass(frozen=True)
class EntryContent:
    """What the entrant wrote. ``body`` is as typed: HTML from the toolbar, or plain text."""

    title: str
    summary: str = ""
    body: str = ""
    video_url: str = ""
    authors: tuple[Author, ...] = field(default_factory=tuple)


def sanitise_body(text: str) -> str:
    """The body as safe HTML: plain text becomes paragraphs (blank lines) with line breaks; HTML keeps only
    simple formatting and http/https/mailto links (``rel="noopener noreferrer"``); scripts go, content too."""
    text = text.replace("\r\n", "\n").strip()
    if not text:
        return ""
    if not _TAG.search(text):
        text = _paragraphs(text)
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        clean_content_tags={"script", "style"},
    ).strip()


def _paragraphs(text: str) -> str:
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]
    return "".join(f"<p>{html.escape(block).replace(chr(10), '<br>')}</p>" for block in blocks)


def has_text(body_html: str) -> bool:
    """Whether a stored body has any visible text (an entry cannot be submitted with an empty body)."""
    return bool(nh3.clean(body_html, tags=set()).strip())


def first_round(category: Category) -> Round:
    round_ = category.first_round
    if round_ is None:
        raise EntryError("closed", refusal=Refusal.WRONG_STATE)
    return round_


def _require(decision: Decision) -> None:
    if not decision:
        raise EntryError("closed", refusal=decision.reason)


def may_draft(entry: Entry, now: datetime) -> Decision:
    """Edit, attach files or withdraw: from the round's opening until submissions close."""
    round_ = entry.category.first_round
    return drafting_decision(round_, now) if round_ is not None else Decision(False, Refusal.WRONG_STATE)


def may_submit(entry: Entry, now: datetime) -> Decision:
    round_ = entry.category.first_round
    return entry_decision(round_, now) if round_ is not None else Decision(False, Refusal.WRONG_STATE)


def key_for(category: Category, unit: Unit, user: User) -> str:
    """Who the one-entry rule counts: the officer for a person category, otherwise the unit."""
    return entrant_key(unit.id, user.id if category.entrant_kind.is_person else None)


def existing_entry(session: Session, category: Category, key: str) -> Entry | None:
    return session.scalar(sa.select(Entry).where(Entry.category_id == category.id, Entry.entrant_key == key))


def cap_reached(session: Session, category: Category, unit: Unit, except_key: str) -> bool:
    """A person category's cap per unit counts the unit's entries that are not withdrawn (the person's own
    entry is left out, so that it can always be found again, or submitted again)."""
    if not category.entrant_kind.is_person or category.per_unit_cap is None:
        return False
    count = session.scalar(
        sa.select(sa.func.count())
        .select_from(Entry)
        .where(
            Entry.category_id == category.id,
            Entry.unit_id == unit.id,
            Entry.state != EntryState.WITHDRAWN,
            Entry.entrant_key != except_key,
        )
    )
    return (count or 0) >= category.per_unit_cap


def create_entry(
    session: Session,
    *,
    category: Category,
    unit: Unit,
    user: User,
    content: EntryContent,
    now: datetime,
    submit: bool = False,
) -> Entry:
    """A new draft (submitted at once if ``submit``) in the pool of the unit's province or region. A second
    entry for the same unit (or person) fails at the flush with the database's IntegrityError."""
    round_ = first_round(category)
    _require(drafting_decision(round_, now))
    key = key_for(category, unit, user)
    if cap_reached(session, category, unit, key):
        raise EntryError("cap_reached", cap=category.per_unit_cap)
    pool = pool_for_unit(session, round_, unit)
    if pool is None:
        raise EntryError("no_pool")
    entry = Entry(
        category=category,
        pool=pool,
        unit=unit,
        person_id=user.id if category.entrant_kind.is_person else None,
        entrant_key=key,
        created_by_id=user.id,
        state=EntryState.DRAFT,
        version=1,
    )
    _apply(entry, content)
    session.add(entry)
    session.flush()
    if submit:
        submit_entry(session, entry, version=entry.version, now=now)
    return entry


def _apply(entry: Entry, content: EntryContent) -> None:
    entry.title = content.title.strip()
    entry.summary = content.summary.strip()
    entry.body_html = sanitise_body(content.body)
    entry.video_url = content.video_url.strip()
    entry.authors = [
        EntryAuthor(position=index, full_name=a.full_name.strip(), job_title=a.job_title.strip())
        for index, a in enumerate(content.authors[:AUTHORS_MAX])
    ]


def check_version(entry: Entry, version: int | None) -> None:
    if version != entry.version:
        raise EntryError("stale")


def update_entry(
    session: Session, entry: Entry, content: EntryContent, *, version: int | None, now: datetime
) -> None:
    """Save new content, if the form was made from the current version and submissions are still open. A
    submitted entry must stay complete (the caller rolls back on the ``incomplete`` refusal)."""
    check_version(entry, version)
    _require(may_draft(entry, now))
    entry.authors.clear()
    session.flush()  # old author rows go first: positions are unique per entry
    _apply(entry, content)
    if entry.state is EntryState.SUBMITTED and (missing := missing_for_submission(entry)):
        raise EntryError("incomplete", missing=missing)
    entry.version += 1
    session.flush()


def same_content(entry: Entry, content: EntryContent) -> bool:
    """Whether saving ``content`` would change nothing (a repeated click on Save)."""
    authors = tuple(Author(a.full_name, a.job_title) for a in entry.authors)
    wanted = tuple(Author(a.full_name.strip(), a.job_title.strip()) for a in content.authors[:AUTHORS_MAX])
    return (
        entry.title == content.title.strip()
        and entry.summary == content.summary.strip()
        and entry.body_html == sanitise_body(content.body)
        and entry.video_url == content.video_url.strip()
        and authors == wanted
    )


def missing_for_submission(entry: Entry) -> list[str]:
    """What a complete entry still lacks: title, summary, body, and authors for a person category."""
    missing = [name for name in ("title", "summary") if not getattr(entry, name).strip()]
    if not has_text(entry.body_html):
        missing.append("body")
    if entry.category.entrant_kind.is_person and not entry.authors:
        missing.append("authors")
    return missing


def submit_entry(session: Session, entry: Entry, *, version: int | None, now: datetime) -> bool:
    """Submit (or submit again after a withdrawal) inside the submission window. Returns False when the entry
    was already submitted (a double click), changing nothing."""
    if entry.state is EntryState.SUBMITTED:
        return False
    check_version(entry, version)
    _require(may_submit(entry, now))
    missing = missing_for_submission(entry)
    if missing:
        raise EntryError("incomplete", missing=missing)
    if entry.state is EntryState.WITHDRAWN and cap_reached(
        session, entry.category, entry.unit, entry.entrant_key
    ):
        raise EntryError("cap_reached", cap=entry.category.per_unit_cap)
    entry.state = EntryState.SUBMITTED
    entry.submitted_at = now
    entry.version += 1
    session.flush()
    notices.entry_received(session, entry)
    return True


def withdraw_entry(session: Session, entry: Entry, *, version: int | None, now: datetime) -> bool:
    """Withdraw a draft or a submitted entry until submissions close; the row stays and may be submitted
    again. Returns False when it was already withdrawn."""
    if entry.state is EntryState.WITHDRAWN:
        return False
    check_version(entry, version)
    _require(may_draft(entry, now))
    entry.state = EntryState.WITHDRAWN
    entry.submitted_at = None
    entry.version += 1
    session.flush()
    return True


@dataclass(frozen=True)
class Opening:
    """A category open for entries that this person may still start, for one unit."""

    category: Category
    unit: Unit
    round: Round
    cap_reached: bool


UnitsFor = Callable[[User, EntrantKind], list[Unit]]


def openings(session: Session, user: User, units_for: UnitsFor, now: datetime) -> list[Opening]:
    """Categories whose first round accepts drafts now, for each unit the person may enter them for, that
    have no entry of theirs yet. ``units_for(user, kind)`` is the permission rule."""
    rounds = session.scalars(
        sa.select(Round)
        .join(Round.category)
        .where(Round.position == 0, Round.state == RoundState.OPEN)
        .order_by(Category.contest_id, Category.position)
        .options(selectinload(Round.category))
    ).all()
    result = []
    for round_ in rounds:
        if not drafting_decision(round_, now):
            continue
        category = round_.category
        for unit in units_for(user, category.entrant_kind):
            key = key_for(category, unit, user)
            if existing_entry(session, category, key) is None:
                result.append(Opening(category, unit, round_, cap_reached(session, category, unit, key)))
    return result


def entries_for(session: Session, unit_ids: set[int], person_id: int) -> list[Entry]:
    """The entries of the units a person coordinates, and the person's own stories."""
    condition = Entry.person_id == person_id
    if unit_ids:
        condition = sa.or_(condition, Entry.unit_id.in_(unit_ids))
    query = (
        sa.select(Entry)
        .where(condition)
        .order_by(Entry.created_at.desc(), Entry.id.desc())
        .options(
            selectinload(Entry.category).selectinload(Category.rounds),
            selectinload(Entry.pool).selectinload(Pool.province),
            selectinload(Entry.pool).selectinload(Pool.region),
            selectinload(Entry.unit),
            selectinload(Entry.person),
        )
    )
    return list(session.scalars(query).all())
