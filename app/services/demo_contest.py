"""The demo contest: KM Challenge 2565 as it looks in the middle of the season.

The district-office category's province round closed for submissions two weeks ago and its judging window
closed two days ago; Sisaket's pool holds the entries of the seed's four finalists (ภูสิงห์, ศิลาลาด, พยุห์,
เบญจลักษ์) and of four more offices, and its result was announced yesterday (:mod:`app.services.demo_results`).
The category's region round is open, judging in two weeks, so the province winners have a pool to move to.
The storytelling category's province round is open for another 30 days, so demo officers can write and
submit a story. Dates are relative to the day the demo is loaded. Idempotent: what exists is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import nh3
import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.i18n import BANGKOK
from app.models import (
    Category,
    Contest,
    Entry,
    EntryAuthor,
    EntryState,
    Province,
    Role,
    RoleAssignment,
    Round,
    Unit,
    User,
    entrant_key,
)
from app.models.base import utcnow
from app.services.accounts import RoleSpec, create_user
from app.services.contests import open_round, pool_for_unit
from app.services.demo_entries import DISTRICT_ENTRIES, QUIET_OFFICER, STORIES, DemoEntry
from app.services.km_challenge import create_km_challenge
from judging import RoundState

CONTEST_NAME = "KM Challenge 2565"
FISCAL_YEAR = 2022  # ปีงบประมาณ 2565
DEPARTMENT_CODE = "CDD"
SISAKET = "33"


@dataclass(frozen=True)
class Schedule:
    """Round dates as (days from the load day, Bangkok hour, minute)."""

    opens: tuple[int, int, int]
    closes: tuple[int, int, int]
    judging_opens: tuple[int, int, int]
    judging_closes: tuple[int, int, int]
    announced: tuple[int, int, int]


@dataclass(frozen=True)
class LaterSchedule:
    """A later level's dates (it takes no submissions) and when its organizers opened it."""

    opened: tuple[int, int, int]
    judging_opens: tuple[int, int, int]
    judging_closes: tuple[int, int, int]
    announced: tuple[int, int, int]


JUDGED = Schedule((-45, 8, 30), (-14, 16, 30), (-12, 8, 30), (-2, 16, 30), (-1, 10, 0))
SUBMITTING_NOW = Schedule((-7, 8, 30), (30, 16, 30), (31, 8, 30), (45, 16, 30), (47, 10, 0))
# Opened while the provinces were judging, so that approving a province result moves its winner up.
REGION_NEXT = LaterSchedule((-12, 9, 0), (14, 8, 30), (28, 16, 30), (30, 10, 0))


def bangkok_time(today: date, days: int, hour: int, minute: int) -> datetime:
    """``days`` after ``today`` at a Bangkok wall-clock time, as aware UTC."""
    local = datetime.combine(today + timedelta(days=days), time(hour, minute), tzinfo=BANGKOK)
    return local.astimezone(UTC)


def load_demo_contest(session: Session) -> list[str]:
    """Create the demo contest, open its two province rounds and the district region round, and add the demo
    entries (each only once)."""
    today = utcnow().astimezone(BANGKOK).date()
    department = session.scalar(sa.select(Unit).where(Unit.code == DEPARTMENT_CODE))
    if department is None:
        return [f"  {CONTEST_NAME}: skipped (no department unit {DEPARTMENT_CODE}; load the offices first)"]
    contest = session.scalar(sa.select(Contest).where(Contest.name == CONTEST_NAME))
    if contest is None:
        contest = create_km_challenge(
            session, name=CONTEST_NAME, fiscal_year=FISCAL_YEAR, organizer_unit=department
        )
    storytelling, district = contest.categories[0], contest.categories[1]
    _open_first_round(session, district, JUDGED, today)
    _open_later_round(session, district.rounds[1], REGION_NEXT, today)
    _open_first_round(session, storytelling, SUBMITTING_NOW, today)
    _quiet_officer(session)
    created = sum(_add_entry(session, district, spec, today) for spec in DISTRICT_ENTRIES)
    created += sum(_add_entry(session, storytelling, spec, today) for spec in STORIES)
    session.flush()
    return [_summary(session, contest, created)]


def _open_first_round(session: Session, category: Category, schedule: Schedule, today: date) -> Round:
    round_ = category.rounds[0]
    if round_.state is RoundState.DRAFT:
        round_.submissions_open_at = bangkok_time(today, *schedule.opens)
        round_.submissions_close_at = bangkok_time(today, *schedule.closes)
        round_.judging_open_at = bangkok_time(today, *schedule.judging_opens)
        round_.judging_close_at = bangkok_time(today, *schedule.judging_closes)
        round_.announce_at = bangkok_time(today, *schedule.announced)
        open_round(session, round_, now=round_.submissions_open_at)
    return round_


def _open_later_round(session: Session, round_: Round, schedule: LaterSchedule, today: date) -> Round:
    if round_.state is RoundState.DRAFT:
        round_.judging_open_at = bangkok_time(today, *schedule.judging_opens)
        round_.judging_close_at = bangkok_time(today, *schedule.judging_closes)
        round_.announce_at = bangkok_time(today, *schedule.announced)
        open_round(session, round_, now=bangkok_time(today, *schedule.opened))
    return round_


def _quiet_officer(session: Session) -> None:
    username, full_name, position, unit_code = QUIET_OFFICER
    if session.scalar(sa.select(User.id).where(User.username == username)) is not None:
        return
    unit_id = session.scalar(sa.select(Unit.id).where(Unit.code == unit_code))
    create_user(
        session,
        username=username,
        full_name=full_name,
        email=None,
        password=None,
        roles=[RoleSpec(Role.OFFICER, unit_id=unit_id)],
        unit_id=unit_id,
        position=position,
    )


def _add_entry(session: Session, category: Category, spec: DemoEntry, today: date) -> int:
    """Add one demo entry unless its unit (or person) already has one in the category; 1 if added."""
    unit = session.scalar(sa.select(Unit).where(Unit.code == spec.unit_code))
    person = session.scalar(sa.select(User).where(User.username == spec.person)) if spec.person else None
    if unit is None or (spec.person and person is None):
        return 0
    key = entrant_key(unit.id, person.id if person else None)
    if session.scalar(sa.select(Entry.id).where(Entry.category_id == category.id, Entry.entrant_key == key)):
        return 0
    pool = pool_for_unit(session, category.rounds[0], unit)
    if pool is None:
        return 0
    entry = _entry(spec, today, category=category, pool=pool, unit=unit, person=person, entrant_key=key)
    entry.created_by_id = person.id if person else _coordinator_id(session, unit)
    session.add(entry)
    return 1


def _entry(spec: DemoEntry, today: date, **place: Any) -> Entry:
    """The entry of ``spec``, begun two days before it was submitted (drafts: ``spec.drafted`` days ago)."""
    submitted_at = bangkok_time(today, -spec.submitted[0], *spec.submitted[1:]) if spec.submitted else None
    started_at = bangkok_time(today, -spec.started_days_ago, 9, 0)
    entry = Entry(
        **place,
        state=EntryState.SUBMITTED if submitted_at else EntryState.DRAFT,
        title=spec.title,
        summary=spec.summary,
        body_html=nh3.clean(spec.body_html),
        created_at=started_at,
        updated_at=submitted_at or started_at,
        submitted_at=submitted_at,
        version=3 if submitted_at else 1,
    )
    for position, (full_name, job_title) in enumerate(spec.authors):
        entry.authors.append(EntryAuthor(position=position, full_name=full_name, job_title=job_title))
    return entry


def _coordinator_id(session: Session, unit: Unit) -> int | None:
    return session.scalar(
        sa.select(RoleAssignment.user_id)
        .where(RoleAssignment.role == Role.COORDINATOR, RoleAssignment.unit_id == unit.id)
        .order_by(RoleAssignment.id)
        .limit(1)
    )


def _summary(session: Session, contest: Contest, created: int) -> str:
    """One line: the Sisaket pool's entries per category (all, submitted) and how many were created now."""
    rows = session.execute(
        sa.select(Category.position, Entry.state, sa.func.count(Entry.id))
        .join(Entry.unit)
        .join(Province, Province.id == Unit.province_id)
        .join(Category, Category.id == Entry.category_id)
        .where(Category.contest_id == contest.id, Province.code == SISAKET)
        .group_by(Category.position, Entry.state)
    ).all()

    def count(position: int, submitted_only: bool = False) -> int:
        return sum(
            n for p, state, n in rows if p == position and (state == "submitted" or not submitted_only)
        )

    return (
        f"  {CONTEST_NAME}: {count(1)} district-office entries in Sisaket ({count(1, True)} submitted), "
        f"{count(0)} stories ({count(0, True)} submitted); {created} created now"
    )
