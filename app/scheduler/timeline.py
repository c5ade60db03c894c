"""Which timed jobs a round needs, and when: read from its dates every time, so a changed date moves its
jobs and a deleted round has none. Times are aware UTC instants (pages show them in Bangkok time)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app

from app.models import Round
from judging import RoundState

OPEN = "open_submissions"
CLOSE = "close_submissions"
JUDGING_OPEN = "open_judging"
JUDGING_CLOSE = "close_judging"
REMIND_UNITS = "remind_units"
REMIND_JUDGES = "remind_judges"
PUBLISH = "publish_results"
ROUND_KINDS = (OPEN, CLOSE, JUDGING_OPEN, JUDGING_CLOSE, REMIND_UNITS, REMIND_JUDGES, PUBLISH)


@dataclass(frozen=True)
class PlannedJob:
    """One moment of one round. ``key`` names the job and its moment: the record that it ran carries it,
    so a job that runs twice acts once, and a job moved to a new moment acts again then."""

    round_id: int
    kind: str
    due: datetime
    days_before: int = 0

    @property
    def job_id(self) -> str:
        suffix = f":{self.days_before}d" if self.kind in (REMIND_UNITS, REMIND_JUDGES) else ""
        return f"round:{self.round_id}:{self.kind}{suffix}"

    @property
    def key(self) -> str:
        return f"{self.job_id}@{self.due.isoformat()}"


def reminder_days(setting: str) -> list[int]:
    """``"3,1"`` -> [3, 1]; blanks and non-numbers are ignored, duplicates dropped."""
    days = {int(part) for part in setting.split(",") if part.strip().isdigit() and int(part) > 0}
    return sorted(days, reverse=True)


def planned_jobs(round_: Round) -> list[PlannedJob]:
    """The jobs of one round from its dates now. A draft round only has its opening (if it has dates)."""
    jobs: list[PlannedJob] = []
    first = round_.is_first

    def add(kind: str, due: datetime | None, days_before: int = 0) -> None:
        if due is not None:
            jobs.append(PlannedJob(round_.id, kind, due, days_before))

    if round_.state is RoundState.DRAFT:
        if first:
            add(OPEN, round_.submissions_open_at)
        return jobs
    if first:
        add(CLOSE, round_.submissions_close_at)
        if round_.submissions_close_at is not None:
            for days in reminder_days(current_app.config["UNIT_REMINDER_DAYS"]):
                add(REMIND_UNITS, round_.submissions_close_at - timedelta(days=days), days)
    add(JUDGING_OPEN, round_.judging_open_at)
    add(JUDGING_CLOSE, round_.judging_close_at)
    if round_.judging_close_at is not None:
        for days in reminder_days(current_app.config["JUDGE_REMINDER_DAYS"]):
            add(REMIND_JUDGES, round_.judging_close_at - timedelta(days=days), days)
    add(PUBLISH, round_.announce_at)
    return jobs


def planned_job(round_: Round, kind: str, days_before: int = 0) -> PlannedJob | None:
    """The round's job of this kind as its dates make it now (None when the dates no longer have it)."""
    for job in planned_jobs(round_):
        if job.kind == kind and job.days_before == days_before:
            return job
    return None
