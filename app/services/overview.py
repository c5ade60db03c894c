"""What organizers see of entries: the pools they cover with counts per state, a pool's entries, and the
national overview of entries per province and category.

Every list is scoped in SQL to the organizer's geography (``permissions.organizer_scope``) and counted with
GROUP BY, so a page issues the same few queries whether a contest has ten entries or ten thousand.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, contains_eager, selectinload

from app.models import (
    Attachment,
    Category,
    Contest,
    Entry,
    EntryState,
    InspectionRegion,
    Pool,
    Province,
    Round,
    Unit,
    User,
)
from app.models.collation import thai_order, thai_sort_key
from app.permissions import organizer_scope
from judging import RoundState


@dataclass
class StateCounts:
    """Entries by state. ``entries`` counts drafts and submitted ones (withdrawn entries are not in play)."""

    draft: int = 0
    submitted: int = 0
    withdrawn: int = 0

    @property
    def entries(self) -> int:
        return self.draft + self.submitted

    def add(self, other: StateCounts) -> None:
        self.draft += other.draft
        self.submitted += other.submitted
        self.withdrawn += other.withdrawn


def pool_scope(user: Any) -> sa.ColumnElement[bool]:
    """The pools an organizer covers, as a WHERE clause (the rule of ``permissions.can_organize_pool``)."""
    everything, regions, provinces = organizer_scope(user)
    if everything:
        return sa.true()
    provinces_of_regions = sa.select(Province.id).where(Province.region_id.in_(regions))
    return sa.or_(
        Pool.province_id.in_(provinces),
        Pool.province_id.in_(provinces_of_regions),
        Pool.region_id.in_(regions),
    )


def province_scope(user: Any) -> sa.ColumnElement[bool]:
    """The provinces an organizer covers, as a WHERE clause on ``Province``."""
    everything, regions, provinces = organizer_scope(user)
    if everything:
        return sa.true()
    return sa.or_(Province.id.in_(provinces), Province.region_id.in_(regions))


def _state_counts(rows: Iterable[Any]) -> dict[Any, StateCounts]:
    """(key, state, n) rows as counts per key."""
    counts: dict[Any, StateCounts] = defaultdict(StateCounts)
    for key, state, number in rows:
        setattr(counts[key], EntryState(state).value, number)
    return counts


# The organizer's home ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PoolSummary:
    pool: Pool
    counts: StateCounts


@dataclass
class OrganizerHome:
    contests: list[Contest]
    pools_by_round: dict[int, list[PoolSummary]] = field(default_factory=dict)


def pool_sort_key(pool: Pool) -> tuple[int, str]:
    """Province pools in Thai order of the province's name, then region pools by number, then national."""
    if pool.province is not None:
        return (0, thai_sort_key(pool.province.name_th))
    if pool.region is not None:
        return (1, f"{pool.region.number:02d}")
    return (2, "")


def organizer_home(session: Session, user: Any) -> OrganizerHome:
    """Every contest with its rounds; for each round that has opened, the pools the user covers with
    their entries counted by state."""
    contests = list(
        session.scalars(
            sa.select(Contest)
            .order_by(Contest.fiscal_year.desc(), Contest.id.desc())
            .options(selectinload(Contest.categories).selectinload(Category.rounds))
        )
    )
    opened = [
        r.id for c in contests for cat in c.categories for r in cat.rounds if r.state is not RoundState.DRAFT
    ]
    home = OrganizerHome(contests)
    if not opened:
        return home
    pools = session.scalars(
        sa.select(Pool)
        .where(Pool.round_id.in_(opened), pool_scope(user))
        .options(selectinload(Pool.province), selectinload(Pool.region))
    ).all()
    counts = _state_counts(
        session.execute(
            sa.select(Entry.pool_id, Entry.state, sa.func.count(Entry.id))
            .join(Pool, Pool.id == Entry.pool_id)
            .where(Pool.round_id.in_(opened), pool_scope(user))
            .group_by(Entry.pool_id, Entry.state)
        )
    )
    for pool in sorted(pools, key=pool_sort_key):
        home.pools_by_round.setdefault(pool.round_id, []).append(PoolSummary(pool, counts[pool.id]))
    return home


# One pool --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PoolEntry:
    entry: Entry
    attachments: int


def pool_state_counts(session: Session, pool: Pool) -> StateCounts:
    rows = session.execute(
        sa.select(Entry.pool_id, Entry.state, sa.func.count(Entry.id))
        .where(Entry.pool_id == pool.id)
        .group_by(Entry.pool_id, Entry.state)
    )
    return _state_counts(rows)[pool.id]


def attachment_count() -> sa.ScalarSelect[int]:
    """The number of an entry's attachments, as a correlated subquery."""
    return (
        sa.select(sa.func.count(Attachment.id))
        .where(Attachment.entry_id == Entry.id)
        .correlate(Entry)
        .scalar_subquery()
    )


def pool_entries(session: Session, pool: Pool, state: EntryState | None = None) -> list[PoolEntry]:
    """A pool's entries in Thai order of the unit's short name, then of the person's name."""
    query = (
        sa.select(Entry, attachment_count())
        .join(Entry.unit)
        .outerjoin(Entry.person)
        .where(Entry.pool_id == pool.id)
        .order_by(thai_order(Unit.short_name_th), thai_order(User.full_name), Entry.id)
        .options(contains_eager(Entry.unit), contains_eager(Entry.person))
    )
    if state is not None:
        query = query.where(Entry.state == state)
    return [PoolEntry(entry, attachments) for entry, attachments in session.execute(query)]


def round_of(session: Session, pool: Pool) -> Round:
    """The pool's round with its category and contest (one query)."""
    return session.scalars(
        sa.select(Round)
        .where(Round.id == pool.round_id)
        .options(selectinload(Round.category).selectinload(Category.contest))
    ).one()


# The national overview ------------------------------------------------------------------------------


@dataclass(frozen=True)
class OverviewRow:
    province: Province
    counts: dict[int, StateCounts]  # by category id


@dataclass
class RegionGroup:
    region: InspectionRegion
    rows: list[OverviewRow] = field(default_factory=list)
    subtotal: dict[int, StateCounts] = field(default_factory=lambda: defaultdict(StateCounts))


@dataclass
class Overview:
    contest: Contest
    categories: list[Category]
    groups: list[RegionGroup]
    totals: dict[int, StateCounts]
    pools: dict[tuple[int, int], int]  # (category id, province id) -> the first round's province pool


def national_overview(session: Session, contest: Contest, user: Any) -> Overview:
    """Entries per province (of the entrant's unit) and category, grouped by inspection region with
    subtotals and a total; only the provinces the user covers. Four queries whatever the size."""
    categories = list(
        session.scalars(
            sa.select(Category).where(Category.contest_id == contest.id).order_by(Category.position)
        )
    )
    provinces = session.scalars(
        sa.select(Province)
        .join(Province.region)
        .where(province_scope(user))
        .order_by(InspectionRegion.number, thai_order(Province.name_th))
        .options(contains_eager(Province.region))
    ).all()
    counts = _province_counts(session, contest, user)
    groups: dict[int, RegionGroup] = {}
    totals: dict[int, StateCounts] = defaultdict(StateCounts)
    for province in provinces:
        group = groups.setdefault(province.region_id, RegionGroup(province.region))
        row = OverviewRow(
            province, {c.id: counts.get((province.id, c.id), StateCounts()) for c in categories}
        )
        group.rows.append(row)
        for category_id, cell in row.counts.items():
            group.subtotal[category_id].add(cell)
            totals[category_id].add(cell)
    return Overview(
        contest, categories, list(groups.values()), totals, _province_pools(session, contest, user)
    )


def _province_pools(session: Session, contest: Contest, user: Any) -> dict[tuple[int, int], int]:
    rows = session.execute(
        sa.select(Round.category_id, Pool.province_id, Pool.id)
        .join(Round, Round.id == Pool.round_id)
        .join(Category, Category.id == Round.category_id)
        .where(Category.contest_id == contest.id, Round.position == 0, Pool.province_id.is_not(None))
        .where(pool_scope(user))
    )
    return {(category_id, province_id): pool_id for category_id, province_id, pool_id in rows}


def _province_counts(session: Session, contest: Contest, user: Any) -> dict[tuple[int, int], StateCounts]:
    def count_of(state: EntryState) -> sa.ColumnElement[int]:
        return sa.func.count(sa.case((Entry.state == state, 1)))

    rows = session.execute(
        sa.select(
            Unit.province_id,
            Entry.category_id,
            count_of(EntryState.DRAFT),
            count_of(EntryState.SUBMITTED),
            count_of(EntryState.WITHDRAWN),
        )
        .join(Entry.unit)
        .join(Province, Province.id == Unit.province_id)
        .join(Category, Category.id == Entry.category_id)
        .where(Category.contest_id == contest.id, province_scope(user))
        .group_by(Unit.province_id, Entry.category_id)
    )
    return {
        (province_id, category_id): StateCounts(draft, submitted, withdrawn)
        for province_id, category_id, draft, submitted, withdrawn in rows
    }
