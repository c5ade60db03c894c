"""Published results as the public reads them: only :attr:`ResultState.PUBLISHED` versions, the newest per
pool. An approved result waiting for its announcement, and a superseded version, never come out of here,
so every public page and the JSON form are 404 for them whoever asks (organizers read those elsewhere).

Each loader runs a fixed number of queries whatever the number of pools and entries: the rows, names and
places come from the frozen snapshot (``PoolResult.standings``), never from the live entries.

The JSON form of a published pool (``GET /results/pools/<id>.json``), made by :func:`pool_document`::

    {"contest": {"id": 3, "name": "KM Challenge 2565", "fiscal_year_be": 2565},
     "category": {"id": 8, "name_th": "...", "name_en": "..."},
     "level": "province",                      # province | region | national
     "pool": {"id": 21, "key": "province:33", "name_th": "จังหวัดศรีสะเกษ", "name_en": "Si Sa Ket Province"},
     "version": 1,                             # 2, 3 ... after corrections
     "published_at": "2022-07-21T14:30:00+07:00",
     "note": "",                               # the reason of a correction; "" for version 1
     "places": [{"rank": 1,
                 "place": {"kind": "winner", "number": 0, "th": "ชนะเลิศ", "en": "Winner"},
                 "entry_id": 57, "title": "...", "entrant_th": "...", "entrant_en": "...",
                 "total": "88.67"}]}           # a string; null when the round does not show scores

``places`` lists the placed entries only (winner, runners-up ``runner_up`` with ``number`` 1..n,
honourable mentions ``honourable``), best first. ``GET /results/rounds/<id>.json`` gives
``{"round": {"id", "level"}, "contest", "category", "pools": [<the document above>, ...]}``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload, selectinload

from app.i18n import to_bangkok
from app.models import Category, Contest, InspectionRegion, Pool, PoolResult, Province, ResultState, Round
from app.models.collation import thai_sort_key


def _newest_published() -> sa.Subquery:
    """(pool_id, version) of the newest published version of each pool."""
    return (
        sa.select(PoolResult.pool_id, sa.func.max(PoolResult.version).label("version"))
        .where(PoolResult.state == ResultState.PUBLISHED)
        .group_by(PoolResult.pool_id)
        .subquery()
    )


def _published() -> sa.Select[PoolResult]:
    newest = _newest_published()
    return sa.select(PoolResult).join(
        newest, sa.and_(PoolResult.pool_id == newest.c.pool_id, PoolResult.version == newest.c.version)
    )


def pool_names(pool: Pool) -> tuple[str, str]:
    """The pool's name in Thai and English: the province, the inspection region, or the nation."""
    if pool.province is not None:
        province = pool.province
        if province.is_bangkok:
            return province.name_th, province.name_en
        return f"จังหวัด{province.name_th}", f"{province.name_en} Province"
    if pool.region is not None:
        return pool.region.name_th, pool.region.name_en
    return "ระดับประเทศ", "National"


@dataclass(frozen=True)
class PublishedPool:
    """A pool and its newest published version, read from the frozen snapshot."""

    pool: Pool
    result: PoolResult

    @property
    def show_scores(self) -> bool:
        return bool(self.result.standings.get("show_scores"))

    @property
    def places(self) -> list[dict[str, Any]]:
        """The placed rows, best first."""
        placed = [row for row in self.result.rows if row.get("place")]
        return sorted(placed, key=lambda row: row["rank"])

    @property
    def names(self) -> tuple[str, str]:
        return pool_names(self.pool)

    @property
    def changes(self) -> list[dict[str, Any]]:
        """What the correction changed, each with the entry's title; totals only where scores are shown."""
        titles = {row["entry_id"]: row["title"] for row in self.result.rows}
        listed = []
        for change in self.result.standings.get("changes", []):
            if change.get("field") == "total" and not self.show_scores:
                continue
            title = titles.get(change.get("entry_id")) or change.get("old") or ""
            listed.append({**change, "title": title})
        return listed


@dataclass
class RegionGroup:
    """The province pools of one inspection region (``region`` is None for region and national rounds)."""

    region: InspectionRegion | None
    pools: list[PublishedPool] = field(default_factory=list)


@dataclass(frozen=True)
class ContestSummary:
    contest: Contest
    pools: int  # pools with a published result


def contests_with_results(session: Session) -> list[ContestSummary]:
    """Contests with at least one published result, newest fiscal year first (one query)."""
    newest = _newest_published()
    counts = (
        sa.select(Category.contest_id, sa.func.count().label("pools"))
        .select_from(newest)
        .join(Pool, Pool.id == newest.c.pool_id)
        .join(Round, Round.id == Pool.round_id)
        .join(Category, Category.id == Round.category_id)
        .group_by(Category.contest_id)
        .subquery()
    )
    rows = session.execute(
        sa.select(Contest, counts.c.pools)
        .join(counts, counts.c.contest_id == Contest.id)
        .order_by(Contest.fiscal_year.desc(), Contest.id.desc())
    ).all()
    return [ContestSummary(contest, pools) for contest, pools in rows]


def has_published_results(session: Session, contest_id: int) -> bool:
    """Whether any pool of the contest has a published result (one query)."""
    found = (
        sa.select(PoolResult.id)
        .join(Pool, Pool.id == PoolResult.pool_id)
        .join(Round, Round.id == Pool.round_id)
        .join(Category, Category.id == Round.category_id)
        .where(Category.contest_id == contest_id, PoolResult.state == ResultState.PUBLISHED)
    )
    return bool(session.scalar(sa.select(found.exists())))


def contest_overview(session: Session, contest_id: int) -> tuple[Contest, dict[int, int]] | None:
    """The contest with its categories and rounds, and how many pools of each round have a published
    result; None when the contest has none (four queries)."""
    contest = session.scalar(
        sa.select(Contest)
        .where(Contest.id == contest_id)
        .options(selectinload(Contest.categories).selectinload(Category.rounds))
    )
    if contest is None:
        return None
    newest = _newest_published()
    round_ids = [r.id for category in contest.categories for r in category.rounds]
    counts = dict(
        session.execute(
            sa.select(Pool.round_id, sa.func.count())
            .select_from(newest)
            .join(Pool, Pool.id == newest.c.pool_id)
            .where(Pool.round_id.in_(round_ids))
            .group_by(Pool.round_id)
        ).all()
    )
    return (contest, counts) if counts else None


def _with_place_names() -> Iterable[Any]:
    return (
        joinedload(PoolResult.pool).joinedload(Pool.province).joinedload(Province.region),
        joinedload(PoolResult.pool).joinedload(Pool.region),
    )


def round_results(session: Session, round_id: int) -> tuple[Round, list[RegionGroup]] | None:
    """Every published pool of a round, province pools grouped by inspection region (regions by number,
    provinces in Thai order); None when the round has none (two queries)."""
    round_ = session.scalar(
        sa.select(Round)
        .where(Round.id == round_id)
        .options(joinedload(Round.category).joinedload(Category.contest))
    )
    if round_ is None:
        return None
    results = session.scalars(
        _published()
        .where(PoolResult.pool_id.in_(sa.select(Pool.id).where(Pool.round_id == round_id)))
        .options(*_with_place_names())
    ).all()
    if not results:
        return None
    published = sorted((PublishedPool(r.pool, r) for r in results), key=_pool_order)
    groups: list[RegionGroup] = []
    for item in published:
        region = item.pool.province.region if item.pool.province is not None else None
        if not groups or groups[-1].region is not region:
            groups.append(RegionGroup(region))
        groups[-1].pools.append(item)
    return round_, groups


def _pool_order(item: PublishedPool) -> tuple[int, int, str]:
    pool = item.pool
    if pool.province is not None:
        return (0, pool.province.region.number, thai_sort_key(pool.province.name_th))
    if pool.region is not None:
        return (1, pool.region.number, "")
    return (2, 0, pool.key)


def pool_result(session: Session, pool_id: int) -> PublishedPool | None:
    """The pool's newest published version with its round, category and contest (one query)."""
    result = session.scalar(
        _published()
        .where(PoolResult.pool_id == pool_id)
        .options(
            *_with_place_names(),
            joinedload(PoolResult.pool)
            .joinedload(Pool.round)
            .joinedload(Round.category)
            .joinedload(Category.contest),
        )
    )
    return None if result is None else PublishedPool(result.pool, result)


# The JSON form -------------------------------------------------------------------------------------


def iso_bangkok(moment: datetime | None) -> str | None:
    """ISO 8601 in Bangkok time: 2022-07-21T14:30:00+07:00."""
    return None if moment is None else to_bangkok(moment).isoformat(timespec="seconds")


def contest_part(contest: Contest) -> dict[str, Any]:
    return {"id": contest.id, "name": contest.name, "fiscal_year_be": contest.fiscal_year_be}


def category_part(category: Category) -> dict[str, Any]:
    return {"id": category.id, "name_th": category.name_th, "name_en": category.name_en}


def _place_part(row: dict[str, Any], show_scores: bool) -> dict[str, Any]:
    place = row["place"]
    return {
        "rank": row["rank"],
        "place": {key: place.get(key) for key in ("kind", "number", "th", "en")},
        "entry_id": row["entry_id"],
        "title": row["title"],
        "entrant_th": row["entrant_th"],
        "entrant_en": row["entrant_en"],
        "total": row.get("total") if show_scores else None,
    }


def pool_document(published: PublishedPool, round_: Round) -> dict[str, Any]:
    """The stable JSON form of a published pool (see the module docstring)."""
    pool, result = published.pool, published.result
    name_th, name_en = published.names
    return {
        "contest": contest_part(round_.category.contest),
        "category": category_part(round_.category),
        "level": round_.level.value,
        "pool": {"id": pool.id, "key": pool.key, "name_th": name_th, "name_en": name_en},
        "version": result.version,
        "published_at": iso_bangkok(result.published_at),
        "note": result.note,
        "places": [_place_part(row, published.show_scores) for row in published.places],
    }


def round_document(round_: Round, groups: list[RegionGroup]) -> dict[str, Any]:
    """Every published pool of a round, each in the form of :func:`pool_document`."""
    return {
        "round": {"id": round_.id, "level": round_.level.value},
        "contest": contest_part(round_.category.contest),
        "category": category_part(round_.category),
        "pools": [pool_document(item, round_) for group in groups for item in group.pools],
    }
