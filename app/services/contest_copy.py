"""Next year's edition of a contest: the same categories, rounds, rules and rubrics, dates a year later."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from app.i18n import BANGKOK
from app.models import Category, Contest, Round, RubricCriterion, User
from app.services.contests import ROUND_RULE_FIELDS, CriterionSpec, criterion_values


def copy_contest(session: Session, source: Contest, *, created_by: User | None = None) -> Contest:
    """Next year's edition: categories, rounds with their rules and rubrics, dates shifted by one year; the
    new rounds are drafts without pools or entries."""
    year_be = str(source.fiscal_year_be)
    name = source.name.replace(year_be, str(source.fiscal_year_be + 1))
    copy = Contest(
        name=name if name != source.name else f"{source.name} ({source.fiscal_year_be + 1})",
        fiscal_year=source.fiscal_year + 1,
        description=source.description,
        organizer_unit_id=source.organizer_unit_id,
        copied_from_id=source.id,
        created_by_id=created_by.id if created_by else None,
    )
    session.add(copy)
    for category in source.categories:
        copy.categories.append(_copy_category(category))
    session.flush()
    return copy


def _copy_category(category: Category) -> Category:
    fields = ("position", "name_th", "name_en", "description", "entrant_kind", "levels", "per_unit_cap")
    clone = Category(**{name: getattr(category, name) for name in fields})
    for round_ in category.rounds:
        values = {name: getattr(round_, name) for name in ROUND_RULE_FIELDS}
        for name in (
            "submissions_open_at",
            "submissions_close_at",
            "judging_open_at",
            "judging_close_at",
            "announce_at",
        ):
            values[name] = next_year(values[name])
        new_round = Round(position=round_.position, level=round_.level, **values)
        for criterion in round_.criteria:
            new_round.criteria.append(
                RubricCriterion(position=criterion.position, **criterion_values(_spec_of(criterion)))
            )
        clone.rounds.append(new_round)
    return clone


def _spec_of(criterion: RubricCriterion) -> CriterionSpec:
    return CriterionSpec(
        key=criterion.key,
        label_th=criterion.label_th,
        label_en=criterion.label_en,
        max_score=criterion.max_score,
        weight=criterion.weight,
        step=criterion.step,
        description=criterion.description,
    )


def next_year(moment: datetime | None) -> datetime | None:
    """The same Bangkok wall-clock moment a year later (29 February becomes 28 February)."""
    if moment is None:
        return None
    local = moment.astimezone(BANGKOK)
    try:
        shifted = local.replace(year=local.year + 1)
    except ValueError:
        shifted = (local - timedelta(days=1)).replace(year=local.year + 1)
    return shifted.astimezone(moment.tzinfo)
