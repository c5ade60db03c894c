"""What a printed scoresheet shows, loaded for a pool or one sheet: plain values for the templates.

Pages come in entry order (Thai dictionary order of the titles) and, within an entry, the chair first and
then the members in the order they joined the committee. Blank pages come from the pool's assignments
(recused ones left out) or, when nobody is assigned yet, from every scoring member times every submitted
entry. Filled pages are the submitted (or signed) sheets; each entry ends with a summary page of every
assigned judge's total.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from app.models import (
    Assignment,
    CommitteeMember,
    CommitteeRole,
    Entry,
    EntryState,
    Pool,
    Round,
    RubricCriterion,
    Scoresheet,
    User,
)
from app.models.collation import thai_sort_key
from app.services.rules import rubric_of
from judging import Rubric, SheetState, display, sheet_total

FINAL_STATES = (SheetState.SUBMITTED, SheetState.SIGNED)


@dataclass(frozen=True)
class Line:
    """One criterion on a page, with the judge's score and comment when the page is filled."""

    criterion: RubricCriterion
    value: Decimal | None = None
    comment: str = ""


@dataclass(frozen=True)
class Signer:
    user: User
    role: CommitteeRole


@dataclass(frozen=True)
class SheetPage:
    """One judge's sheet for one entry; ``sheet`` is None on a blank page."""

    entry: Entry
    judge: Signer | None
    lines: tuple[Line, ...]
    total: Decimal | None = None
    sheet: Scoresheet | None = None
    kind: str = "sheet"


@dataclass(frozen=True)
class SummaryRow:
    judge: Signer
    total: Decimal | None
    submitted: bool


@dataclass(frozen=True)
class SummaryPage:
    """Every judge's total for one entry, with the whole committee's signature lines."""

    entry: Entry
    rows: tuple[SummaryRow, ...]
    kind: str = "summary"


@dataclass(frozen=True)
class Document:
    pool: Pool
    round: Round
    rubric_total: Decimal
    signers: tuple[Signer, ...]
    pages: tuple[SheetPage | SummaryPage, ...]
    filled: bool

    @property
    def chair(self) -> Signer | None:
        return next((s for s in self.signers if s.role is CommitteeRole.CHAIR), None)


def scoring_members(session: Session, pool: Pool) -> tuple[Signer, ...]:
    """The committee members who score: the chair first, then members in the order they joined."""
    members = session.scalars(
        sa.select(CommitteeMember)
        .where(CommitteeMember.pool_id == pool.id, CommitteeMember.role != CommitteeRole.SECRETARY)
        .options(selectinload(CommitteeMember.user))
        .order_by(CommitteeMember.id)
    ).all()
    ordered = sorted(members, key=lambda m: m.role is not CommitteeRole.CHAIR)
    return tuple(Signer(m.user, m.role) for m in ordered)


def is_committee_member(session: Session, pool: Pool, user: User) -> bool:
    query = sa.select(CommitteeMember.id).where(
        CommitteeMember.pool_id == pool.id, CommitteeMember.user_id == user.id
    )
    return session.scalar(query) is not None


def _signer_for(signers: tuple[Signer, ...], user: User) -> Signer:
    found = next((s for s in signers if s.user.id == user.id), None)
    return found or Signer(user, CommitteeRole.MEMBER)


def _by_title(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (thai_sort_key(e.title), e.id))


def _assigned(session: Session, pool: Pool) -> dict[Entry, list[User]]:
    """Each entry's judges from the pool's assignments, recusals left out."""
    rows = session.scalars(
        sa.select(Assignment)
        .where(Assignment.pool_id == pool.id, Assignment.recused_at.is_(None))
        .options(selectinload(Assignment.entry).selectinload(Entry.unit), selectinload(Assignment.judge))
        .order_by(Assignment.id)
    ).all()
    judges: dict[Entry, list[User]] = {}
    for row in rows:
        judges.setdefault(row.entry, []).append(row.judge)
    return judges


def _pairs(session: Session, pool: Pool, signers: tuple[Signer, ...]) -> list[tuple[Entry, list[Signer]]]:
    """(entry, its judges in committee order) for every entry to be scored in the pool."""
    rank = {s.user.id: index for index, s in enumerate(signers)}
    assigned = _assigned(session, pool)
    if not assigned:
        entries = session.scalars(
            sa.select(Entry)
            .where(Entry.pool_id == pool.id, Entry.state == EntryState.SUBMITTED)
            .options(selectinload(Entry.unit))
        ).all()
        assigned = {entry: [s.user for s in signers] for entry in entries}
    return [
        (entry, [_signer_for(signers, j) for j in sorted(assigned[entry], key=lambda j: rank.get(j.id, 999))])
        for entry in _by_title(list(assigned))
    ]


def _blank_lines(round_: Round) -> tuple[Line, ...]:
    return tuple(Line(c) for c in round_.criteria)


def _filled_lines(round_: Round, sheet: Scoresheet) -> tuple[Line, ...]:
    scores = {s.criterion_key: s for s in sheet.scores}
    return tuple(
        Line(c, scores[c.key].value, scores[c.key].comment) if c.key in scores else Line(c)
        for c in round_.criteria
    )


def _total(rubric: Rubric, sheet: Scoresheet) -> Decimal | None:
    values = {s.criterion_key: s.value for s in sheet.scores if s.value is not None}
    if set(values) != set(rubric.keys):
        return None
    return display(sheet_total(rubric, values))


def _document(
    pool: Pool, signers: tuple[Signer, ...], pages: list[SheetPage | SummaryPage], filled: bool
) -> Document:
    rubric = rubric_of(pool.round.criteria)
    return Document(pool, pool.round, rubric.total, signers, tuple(pages), filled)


def blank_document(session: Session, pool: Pool) -> Document:
    """One blank page per entry and judge, then a blank summary page per entry."""
    signers = scoring_members(session, pool)
    pages: list[SheetPage | SummaryPage] = []
    for entry, judges in _pairs(session, pool, signers):
        scorers: list[Signer | None] = [*judges] or [None]  # no committee yet: one page, no name
        pages.extend(SheetPage(entry, judge, _blank_lines(pool.round)) for judge in scorers)
        pages.append(SummaryPage(entry, tuple(SummaryRow(j, None, False) for j in judges)))
    return _document(pool, signers, pages, filled=False)


def _sheets(session: Session, pool: Pool) -> dict[tuple[int, int], Scoresheet]:
    rows = session.scalars(
        sa.select(Scoresheet)
        .where(Scoresheet.pool_id == pool.id, Scoresheet.state.in_(FINAL_STATES))
        .options(selectinload(Scoresheet.scores))
    ).all()
    return {(s.entry_id, s.judge_id): s for s in rows}


def filled_document(session: Session, pool: Pool) -> Document:
    """Every submitted sheet of the pool, one page each, then a summary page per entry."""
    signers = scoring_members(session, pool)
    rubric = rubric_of(pool.round.criteria)
    sheets = _sheets(session, pool)
    pages: list[SheetPage | SummaryPage] = []
    for entry, judges in _pairs(session, pool, signers):
        rows = []
        for judge in judges:
            sheet = sheets.get((entry.id, judge.user.id))
            total = _total(rubric, sheet) if sheet is not None else None
            if sheet is not None:
                pages.append(SheetPage(entry, judge, _filled_lines(pool.round, sheet), total, sheet))
            rows.append(SummaryRow(judge, total, sheet is not None))
        pages.append(SummaryPage(entry, tuple(rows)))
    return _document(pool, signers, pages, filled=True)


def sheet_document(session: Session, sheet: Scoresheet) -> Document:
    """One sheet as it stands now (a draft is printed too, and marked as a draft)."""
    pool = sheet.pool
    signers = scoring_members(session, pool)
    rubric = rubric_of(pool.round.criteria)
    judge = _signer_for(signers, sheet.judge)
    page = SheetPage(sheet.entry, judge, _filled_lines(pool.round, sheet), _total(rubric, sheet), sheet)
    return _document(pool, signers, [page], filled=True)
