"""A Sisaket district-office pool with four submitted entries scored by a committee of three, for results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from app.extensions import db
from app.models import Assignment, CommitteeMember, CommitteeRole, Entry, Pool, Round, User
from app.models.base import utcnow
from app.services import scoresheets as sheets
from app.services.contests import open_round
from app.services.scoresheets import SheetInput
from tests.integration import contest_factories as cf
from tests.integration import factories
from tests.integration.factories import Role
from tests.integration.scoring_factories import judging_now, submitted_entry

TITLES = ("ผลงานภูสิงห์", "ผลงานศิลาลาด", "ผลงานพยุห์", "ผลงานเบญจลักษ์")
# Each entry's scores (process /40, tools /30, results /30) from the chair, judge1 and judge2.
SCORES = (
    (("36", "27", "26"), ("35", "26", "27"), ("37", "27", "25")),  # 89, 88, 89
    (("33", "25", "24"), ("34", "24", "25"), ("32", "25", "24")),  # 82, 83, 81
    (("30", "22", "22"), ("31", "23", "21"), ("30", "22", "23")),  # 74, 75, 75
    (("27", "20", "20"), ("28", "19", "20"), ("26", "21", "19")),  # 67, 67, 66
)


@dataclass
class ScoredPool:
    round: Round
    region_round: Round
    pool: Pool
    entries: list[Entry]
    chair: User
    judges: list[User]
    organizer: User


def scored_pool(scores=SCORES, *, sign: bool = True, open_region: bool = True) -> ScoredPool:
    """Four Sisaket entries, every sheet submitted by three judges, the pool signed off by the chair
    (unless ``sign`` is false), and the region round opened so that a winner has somewhere to go."""
    geo = factories.small_geography()
    extra = [
        factories.district_office(geo["sisaket"], "3320", "พยุห์", "Phayu"),
        factories.district_office(geo["sisaket"], "3319", "เบญจลักษ์", "Benchalak"),
    ]
    challenge = cf.km_challenge(open_categories=("district",))
    round_ = challenge.district.rounds[0]
    region_round = challenge.district.rounds[1]
    judging_now(round_)
    units = [geo["phusing"], geo["silalat"], *extra]
    entries = [submitted_entry(round_, unit, title) for unit, title in zip(units, TITLES, strict=False)]
    pool = entries[0].pool
    chair = factories.user(Role.JUDGE, username="chair")
    judges = [factories.user(Role.JUDGE, username=f"judge{i}") for i in (1, 2)]
    organizer = factories.user(Role.ORGANIZER, username="national")
    db.session.add(CommitteeMember(pool_id=pool.id, user_id=chair.id, role=CommitteeRole.CHAIR))
    for judge in judges:
        db.session.add(CommitteeMember(pool_id=pool.id, user_id=judge.id, role=CommitteeRole.MEMBER))
    scorers = [chair, *judges]
    keys = [c.key for c in round_.criteria]
    now = utcnow()
    for entry, by_judge in zip(entries, scores, strict=False):
        for judge, values in zip(scorers, by_judge, strict=True):
            db.session.add(Assignment(pool_id=pool.id, entry_id=entry.id, judge_id=judge.id))
            db.session.flush()
            sheet = sheets.sheet_for(db.session, pool, entry, judge)
            typed = SheetInput(dict(zip(keys, values, strict=True)))
            sheets.save(
                db.session, sheet, typed, seen_version=sheet.version, user=judge, now=now, submit=True
            )
    if sign:
        sheets.sign_pool(db.session, pool, chair=chair, now=now)
    if open_region:
        cf.set_dates(region_round, closes_in=timedelta(days=40))
        open_round(db.session, region_round)
    db.session.flush()
    return ScoredPool(round_, region_round, pool, entries, chair, judges, organizer)
