"""Builders for contests and rounds in tests. Each flushes; tests commit when a request must see the rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.extensions import db
from app.models import Category, Contest, EntrantKind, Round, Unit, UnitType
from app.models.base import utcnow
from app.services.contests import open_round
from app.services.km_challenge import create_km_challenge
from tests.integration import factories


def department() -> Unit:
    unit = Unit(
        code="CDD",
        unit_type=UnitType.DEPARTMENT,
        name_th="กรมการพัฒนาชุมชน",
        name_en="Community Development Department",
        short_name_th="พช.",
    )
    db.session.add(unit)
    db.session.flush()
    return unit


def provincial_office(province_row: object, code: str) -> Unit:
    unit = Unit(
        code=f"CDD-{code}",
        unit_type=UnitType.PROVINCIAL_OFFICE,
        name_th=f"สำนักงานพัฒนาชุมชนจังหวัด{province_row.name_th}",  # type: ignore[attr-defined]
        name_en="Provincial Community Development Office",
        short_name_th=f"สพจ.{province_row.name_th}",  # type: ignore[attr-defined]
        province_id=province_row.id,
    )  # type: ignore[attr-defined]
    db.session.add(unit)
    db.session.flush()
    return unit


def set_dates(
    round_: Round,
    now: datetime | None = None,
    *,
    opens_in: timedelta = timedelta(days=-1),
    closes_in: timedelta = timedelta(days=7),
) -> None:
    """Submissions open ``opens_in`` from now and close ``closes_in`` from now; judging and the announcement
    follow a week apart."""
    now = now or utcnow()
    round_.submissions_open_at = now + opens_in
    round_.submissions_close_at = now + closes_in
    round_.judging_open_at = now + closes_in + timedelta(days=1)
    round_.judging_close_at = now + closes_in + timedelta(days=8)
    round_.announce_at = now + closes_in + timedelta(days=10)
    db.session.flush()


@dataclass
class KmChallenge:
    contest: Contest
    storytelling: Category
    district: Category
    prototype: Category

    def first_round(self, category: Category) -> Round:
        assert category.first_round is not None
        return category.first_round


def km_challenge(
    *,
    open_categories: tuple[str, ...] = ("storytelling", "district"),
    closes_in: timedelta = timedelta(days=7),
) -> KmChallenge:
    """The KM Challenge 2565 (needs geography and the department unit already present, or makes the
    department). The first rounds of ``open_categories`` are dated around now and opened (pools made)."""
    organizer_unit = db.session.query(Unit).filter_by(code="CDD").one_or_none() or department()
    contest = create_km_challenge(
        db.session, name="KM Challenge 2565", fiscal_year=2022, organizer_unit=organizer_unit
    )
    storytelling, district, prototype = contest.categories
    challenge = KmChallenge(contest, storytelling, district, prototype)
    for name in open_categories:
        round_ = challenge.first_round(getattr(challenge, name))
        set_dates(round_, closes_in=closes_in)
        open_round(db.session, round_)
    return challenge


def close_submissions(round_: Round) -> None:
    """Move the round's submission deadline into the past (judging dates stay after it)."""
    now = utcnow()
    round_.submissions_open_at = now - timedelta(days=10)
    round_.submissions_close_at = now - timedelta(minutes=1)
    db.session.flush()


__all__ = [
    "EntrantKind",
    "KmChallenge",
    "close_submissions",
    "department",
    "factories",
    "km_challenge",
    "provincial_office",
    "set_dates",
]
