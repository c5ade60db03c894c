"""Setting up contests: categories with their chain of rounds, pools from the geography, opening a round,
recording changes to an open round's rules, and copying a contest to the next year. Services flush; the
caller commits."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import (
    Category,
    Contest,
    EntrantKind,
    InspectionRegion,
    Pool,
    Province,
    Round,
    RoundChange,
    RubricCriterion,
    Unit,
    UnitType,
    User,
)
from app.models.base import utcnow
from app.services.rules import DEFAULT_CONFLICT_SCOPE, rubric_of
from judging import JudgingError, RoundState, Scope, can_open_round

ENTRANT_UNIT_TYPES: dict[EntrantKind, tuple[UnitType, ...]] = {
    EntrantKind.PERSON: (UnitType.DISTRICT_OFFICE, UnitType.PROVINCIAL_OFFICE),
    EntrantKind.DISTRICT_OFFICE: (UnitType.DISTRICT_OFFICE,),
    EntrantKind.PROVINCIAL_OFFICE: (UnitType.PROVINCIAL_OFFICE,),
    EntrantKind.OTHER: (UnitType.OTHER,),
}

ROUND_RULE_FIELDS = (
    "runners_up",
    "honourable_mentions",
    "advance_per_pool",
    "aggregation",
    "trim_from",
    "min_sheets",
    "tie_breaks",
    "conflict_scope",
    "blind",
    "show_scores",
    "submissions_open_at",
    "submissions_close_at",
    "judging_open_at",
    "judging_close_at",
    "announce_at",
)


class SetupError(Exception):
    """A setup step that the contest's state or data does not allow; ``code`` names the reason."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class CriterionSpec:
    key: str
    label_th: str
    label_en: str
    max_score: Decimal
    weight: Decimal = Decimal(1)
    step: Decimal | None = Decimal(1)
    description: str = ""


def create_contest(
    session: Session,
    *,
    name: str,
    fiscal_year: int,
    organizer_unit: Unit,
    description: str = "",
    created_by: User | None = None,
) -> Contest:
    contest = Contest(
        name=name,
        fiscal_year=fiscal_year,
        description=description,
        organizer_unit_id=organizer_unit.id,
        created_by_id=created_by.id if created_by else None,
    )
    session.add(contest)
    session.flush()
    return contest


def add_category(
    session: Session,
    contest: Contest,
    *,
    name_th: str,
    entrant_kind: EntrantKind,
    levels: Sequence[Scope],
    name_en: str = "",
    description: str = "",
    per_unit_cap: int | None = None,
) -> Category:
    """A category and one draft round per level of its chain, with the level's default conflict rule."""
    position = max((c.position for c in contest.categories), default=-1) + 1
    category = Category(
        contest=contest,
        position=position,
        name_th=name_th,
        name_en=name_en,
        description=description,
        entrant_kind=entrant_kind,
        levels=",".join(levels),
        per_unit_cap=per_unit_cap if entrant_kind.is_person else None,
    )
    session.add(category)
    for index, level in enumerate(levels):
        category.rounds.append(
            Round(position=index, level=level, conflict_scope=DEFAULT_CONFLICT_SCOPE[level])
        )
    session.flush()
    return category


def set_levels(session: Session, category: Category, levels: Sequence[Scope]) -> None:
    """Change the chain of levels while every round is still a draft (rounds of kept levels stay as set)."""
    if any(r.rules_fixed for r in category.rounds):
        raise SetupError("round_open")
    kept = {r.level: r for r in category.rounds}
    for round_ in list(category.rounds):
        if round_.level not in levels:
            category.rounds.remove(round_)
    session.flush()
    for round_ in category.rounds:
        round_.position += 100  # step aside so positions can be renumbered under the unique constraint
    session.flush()
    for index, level in enumerate(levels):
        round_ = kept.get(level) or Round(level=level, conflict_scope=DEFAULT_CONFLICT_SCOPE[level])
        round_.position = index
        if round_ not in category.rounds:
            category.rounds.append(round_)
    category.rounds.sort(key=lambda r: r.position)
    category.levels = ",".join(levels)
    session.flush()


def replace_rubric(session: Session, round_: Round, criteria: Iterable[CriterionSpec]) -> None:
    """Set the round's criteria, in order (checked by ``judging``: unique keys, positive maxima)."""
    specs = list(criteria)
    rubric_of([RubricCriterion(**criterion_values(spec), position=i) for i, spec in enumerate(specs)])
    round_.criteria.clear()
    session.flush()
    for index, spec in enumerate(specs):
        round_.criteria.append(RubricCriterion(position=index, **criterion_values(spec)))
    session.flush()


def criterion_values(spec: CriterionSpec) -> dict[str, Any]:
    return {
        "key": spec.key,
        "label_th": spec.label_th,
        "label_en": spec.label_en,
        "description": spec.description,
        "max_score": spec.max_score,
        "weight": spec.weight,
        "step": spec.step,
    }


def missing_for_opening(round_: Round) -> list[str]:
    """What a round still lacks before it can open: ``rubric``, ``submission_dates`` (first level only),
    ``judging_dates``, ``announce_at``, ``dates_order``."""
    missing = []
    try:
        rubric_of(round_.criteria)
    except JudgingError:
        missing.append("rubric")
    if round_.is_first and (round_.submissions_open_at is None or round_.submissions_close_at is None):
        missing.append("submission_dates")
    if round_.judging_open_at is None or round_.judging_close_at is None:
        missing.append("judging_dates")
    if round_.announce_at is None:
        missing.append("announce_at")
    if not missing and not _dates_in_order(round_):
        missing.append("dates_order")
    return missing


def _dates_in_order(round_: Round) -> bool:
    """Submissions close no later than judging opens; judging closes no later than the announcement."""
    moments = [round_.judging_open_at, round_.judging_close_at, round_.announce_at]
    if round_.is_first:
        moments = [round_.submissions_open_at, round_.submissions_close_at, *moments]
    known = [m for m in moments if m is not None]
    return all(a <= b for a, b in itertools.pairwise(known))


def open_round(session: Session, round_: Round, now: datetime | None = None) -> list[Pool]:
    """Open a draft round: its rules become fixed and its pools are created from the geography."""
    missing = missing_for_opening(round_)
    if missing:
        raise SetupError("incomplete", ",".join(missing))
    decision = can_open_round(round_.state, has_rubric=True)
    if not decision:
        raise SetupError(str(decision.reason))
    pools = create_pools(session, round_)
    round_.state = RoundState.OPEN
    round_.opened_at = now or utcnow()
    session.flush()
    return pools


def create_pools(session: Session, round_: Round) -> list[Pool]:
    """One pool per province (only those with units that may enter), per inspection region (likewise), or
    one national pool. Idempotent: pools that exist are kept."""
    existing = {pool.key for pool in round_.pools}
    created: list[Pool] = []
    for key, province_id, region_id in _pool_places(session, round_):
        if key not in existing:
            pool = Pool(key=key, province_id=province_id, region_id=region_id)
            round_.pools.append(pool)
            created.append(pool)
    session.flush()
    return created


def _pool_places(session: Session, round_: Round) -> list[tuple[str, int | None, int | None]]:
    if round_.level is Scope.NATIONAL:
        return [("national", None, None)]
    unit_types = ENTRANT_UNIT_TYPES[round_.category.entrant_kind]
    eligible = sa.select(Unit.province_id).where(
        Unit.unit_type.in_(unit_types), Unit.province_id.is_not(None)
    )
    if round_.level is Scope.PROVINCE:
        provinces = session.execute(
            sa.select(Province.code, Province.id).where(Province.id.in_(eligible)).order_by(Province.code)
        )
        return [(f"province:{code}", province_id, None) for code, province_id in provinces]
    regions = session.execute(
        sa.select(InspectionRegion.number, InspectionRegion.id)
        .where(InspectionRegion.id.in_(sa.select(Province.region_id).where(Province.id.in_(eligible))))
        .order_by(InspectionRegion.number)
    )
    return [(f"region:{number}", None, region_id) for number, region_id in regions]


def pool_for_unit(session: Session, round_: Round, unit: Unit) -> Pool | None:
    """The pool of this round that a unit's entry belongs to (its province's, or its region's)."""
    if round_.level is Scope.NATIONAL:
        key = "national"
    elif unit.province is None:
        return None
    elif round_.level is Scope.PROVINCE:
        key = f"province:{unit.province.code}"
    else:
        key = f"region:{unit.province.region.number}"
    return session.scalars(sa.select(Pool).where(Pool.round_id == round_.id, Pool.key == key)).first()


def changed_fields(round_: Round, values: dict[str, Any]) -> list[dict[str, Any]]:
    """Each rule field whose new value differs: ``{"field", "old", "new"}`` with JSON-safe values."""
    return [
        {"field": name, "old": _plain(getattr(round_, name)), "new": _plain(values[name])}
        for name in ROUND_RULE_FIELDS
        if name in values and getattr(round_, name) != values[name]
    ]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value.value if hasattr(value, "value") else value


def update_rules(
    session: Session,
    round_: Round,
    values: dict[str, Any],
    *,
    user: User | None,
    reason: str = "",
    may_amend: bool = False,
) -> RoundChange | None:
    """Apply new rule values. A draft round changes freely. An open round's rules are fixed: the change is
    refused (``rules_fixed``) unless the user may amend and gives a reason (``reason_required``), and it is
    recorded for entrants to read. Once judging has started, nothing that scores depend on may change."""
    changes = changed_fields(round_, values)
    if not changes:
        return None
    record = None
    if round_.rules_fixed:
        if not may_amend:
            raise SetupError("rules_fixed")
        if not reason.strip():
            raise SetupError("reason_required")
        if round_.state is not RoundState.OPEN:
            raise SetupError("judging_started")
        record = RoundChange(
            round=round_, changed_by_id=user.id if user else None, reason=reason.strip(), changes=changes
        )
        session.add(record)
    for name in ROUND_RULE_FIELDS:
        if name in values:
            setattr(round_, name, values[name])
    session.flush()
    return record


def update_contest(
    contest: Contest, *, name: str, fiscal_year: int, organizer_unit: Unit, description: str = ""
) -> None:
    """Change a contest's name, fiscal year (C.E.), organizer and description."""
    contest.name = name
    contest.fiscal_year = fiscal_year
    contest.organizer_unit_id = organizer_unit.id
    contest.description = description


def update_category(
    session: Session,
    category: Category,
    *,
    name_th: str,
    entrant_kind: EntrantKind,
    levels: Sequence[Scope],
    name_en: str = "",
    description: str = "",
    per_unit_cap: int | None = None,
) -> None:
    """Change a category. Who may enter and the chain of levels are fixed once one of its rounds is open
    (``round_open``); names, description and the per-unit cap may still change."""
    opened = any(r.rules_fixed for r in category.rounds)
    if opened and entrant_kind is not category.entrant_kind:
        raise SetupError("round_open", "entrant_kind")
    if tuple(levels) != category.scopes:
        set_levels(session, category, levels)
    category.name_th = name_th
    category.name_en = name_en
    category.description = description
    category.entrant_kind = entrant_kind
    category.per_unit_cap = per_unit_cap if entrant_kind.is_person else None
    session.flush()


def decimal_text(value: Decimal) -> str:
    """A decimal as plainly written: 60.00 -> "60", 0.50 -> "0.5"."""
    return f"{value.normalize():f}"


def rubric_json(criteria: Iterable[CriterionSpec | RubricCriterion]) -> list[dict[str, Any]]:
    """A rubric as JSON-safe rows (decimals as text), for the record of a change."""
    return [
        {
            "key": c.key,
            "label_th": c.label_th,
            "label_en": c.label_en,
            "max_score": decimal_text(c.max_score),
            "weight": decimal_text(c.weight),
            "step": decimal_text(c.step) if c.step is not None else None,
            "description": c.description,
        }
        for c in criteria
    ]


def amend_rubric(
    session: Session,
    round_: Round,
    criteria: Iterable[CriterionSpec],
    *,
    user: User | None,
    reason: str = "",
    may_amend: bool = False,
) -> RoundChange | None:
    """Replace the rubric. A draft round changes freely; an open round's rubric changes only under the rules
    of :func:`update_rules` (``rules_fixed``, ``reason_required``, ``judging_started``) and the change is
    recorded as ``{"field": "rubric", "old": [...], "new": [...]}``. None when nothing changed."""
    specs = list(criteria)
    old, new = rubric_json(round_.criteria), rubric_json(specs)
    if old == new:
        return None
    record = None
    if round_.rules_fixed:
        if not may_amend:
            raise SetupError("rules_fixed")
        if not reason.strip():
            raise SetupError("reason_required")
        if round_.state is not RoundState.OPEN:
            raise SetupError("judging_started")
        record = RoundChange(
            round=round_,
            changed_by_id=user.id if user else None,
            reason=reason.strip(),
            changes=[{"field": "rubric", "old": old, "new": new}],
        )
        session.add(record)
    replace_rubric(session, round_, specs)
    return record
