"""What the scoring pages show: criteria in the reader's language, messages for problems and refusals,
the sheet's total, the judge's pools and progress, and the committee's sheets once judging has closed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, selectinload

from app.extensions import db
from app.i18n import BANGKOK, thai_datetime
from app.models import (
    Assignment,
    Category,
    CommitteeMember,
    CommitteeRole,
    Entry,
    Pool,
    Round,
    RubricCriterion,
    Scoresheet,
)
from app.scoring.access import scoring_pool_ids
from app.services.rules import round_state_now, rubric_of
from app.services.scoresheets import ScoringError
from judging import Problem, ProblemCode, RoundState, SheetState
from judging.totals import display, scale

DONE = (SheetState.SUBMITTED, SheetState.SIGNED)


def plain(number: Decimal | None) -> str:
    """A stored decimal as people write it: 40.00 -> "40", 0.50 -> "0.5"."""
    return "" if number is None else f"{number.normalize():f}"


def criterion_label(criterion: RubricCriterion) -> str:
    english = str(get_locale() or "th").startswith("en")
    return criterion.label_en if english and criterion.label_en else criterion.label_th


def problem_message(problem: Problem, criterion: RubricCriterion) -> str:
    """A judging problem as a message that states what is allowed."""
    maximum, step = plain(criterion.max_score), plain(criterion.step)
    if problem.code is ProblemCode.MISSING:
        return _("Enter a score from 0 to %(max)s.", max=maximum)
    if problem.code is ProblemCode.OFF_STEP:
        return _("The score must be a multiple of %(step)s.", step=step)
    if problem.code is ProblemCode.UNKNOWN_CRITERION:
        return _("This criterion is not in the rubric.")
    if problem.code is ProblemCode.NOT_A_NUMBER:
        return _("The score must be a number from 0 to %(max)s.", max=maximum)
    return _("The score must be between 0 and %(max)s.", max=maximum)


def problem_messages(
    problems: Mapping[str, tuple[Problem, ...]], criteria: list[RubricCriterion]
) -> dict[str, str]:
    """Criterion key -> one message (several problems of one score are joined)."""
    by_key = {c.key: c for c in criteria}
    messages = {}
    for key, found in problems.items():
        criterion = by_key.get(key)
        if criterion is not None:
            messages[key] = " ".join(dict.fromkeys(problem_message(p, criterion) for p in found))
    return messages


def refusal_message(error: ScoringError, round_: Round) -> str:
    """Why a save was refused, in words a judge can act on."""
    if error.code == "stale":
        return _(
            "This sheet was changed in another window or on another device. Reload the page to see the "
            "latest scores; the edits here were not saved."
        )
    if error.code == "too_late":
        return _(
            "Judging closed on %(date)s. The scores can no longer be changed.",
            date=thai_datetime(round_.judging_close_at),
        )
    if error.code == "too_early":
        return _("Judging opens on %(date)s.", date=thai_datetime(round_.judging_open_at))
    messages = {
        "sheet_locked": _("This sheet has been submitted and can no longer be changed."),
        "sheet_signed": _("The chair has signed off this pool; the sheet is final."),
        "recused": _("You have recused yourself from this entry."),
    }
    return messages.get(error.code, _("Judging is not open for this round."))


def judging_closed(round_: Round, now: datetime) -> bool:
    """True once judging has ended: the round has moved on, or its judging window has passed."""
    if round_state_now(round_, now) not in (RoundState.OPEN, RoundState.JUDGING):
        return True
    return round_.judging_close_at is not None and now >= round_.judging_close_at


def sheet_total(criteria: list[RubricCriterion], values: Mapping[str, Decimal | None]) -> Decimal:
    """The weighted total of the scores given so far, scaled so the full rubric is 100 (as judging does)."""
    rubric = rubric_of(criteria)
    weighted = sum(
        (c.weight * values[c.key] for c in rubric.criteria if values.get(c.key) is not None), Decimal(0)
    )
    return display(scale(rubric, weighted))


def stored_values(sheet: Scoresheet) -> dict[str, Decimal | None]:
    return {score.criterion_key: score.value for score in sheet.scores}


def stored_comments(sheet: Scoresheet) -> dict[str, str]:
    return {score.criterion_key: score.comment for score in sheet.scores}


@dataclass
class PoolProgress:
    """One pool on the judge's home page."""

    pool: Pool
    chair: bool = False
    total: int = 0
    submitted: int = 0
    to_score: list[tuple[int, str, bool]] = field(default_factory=list)  # entry id, title, started
    done: list[tuple[int, str]] = field(default_factory=list)


def home_pools(judge_id: int) -> list[PoolProgress]:
    """The judge's pools with their progress and the entries still to score, in three queries."""
    rows = db.session.execute(
        sa.select(Assignment.pool_id, Entry.id, Entry.title, Scoresheet.state)
        .join(Entry, Entry.id == Assignment.entry_id)
        .outerjoin(
            Scoresheet,
            sa.and_(
                Scoresheet.pool_id == Assignment.pool_id,
                Scoresheet.entry_id == Assignment.entry_id,
                Scoresheet.judge_id == Assignment.judge_id,
            ),
        )
        .where(
            Assignment.judge_id == judge_id,
            Assignment.recused_at.is_(None),
            Assignment.pool_id.in_(scoring_pool_ids(judge_id)),
        )
        .order_by(Assignment.pool_id, Entry.id)
    ).all()
    pools = _pools({pool_id for pool_id, *_ in rows})
    chaired = set(
        db.session.scalars(
            sa.select(CommitteeMember.pool_id).where(
                CommitteeMember.user_id == judge_id, CommitteeMember.role == CommitteeRole.CHAIR
            )
        )
    )
    progress = {pool.id: PoolProgress(pool, chair=pool.id in chaired) for pool in pools}
    for pool_id, entry_id, title, state in rows:
        item = progress[pool_id]
        item.total += 1
        if state in DONE:
            item.submitted += 1
            item.done.append((entry_id, title))
        else:
            item.to_score.append((entry_id, title, state is not None))
    return list(progress.values())


def _pools(ids: set[int]) -> list[Pool]:
    if not ids:
        return []
    return list(
        db.session.scalars(
            sa.select(Pool)
            .where(Pool.id.in_(ids))
            .options(
                joinedload(Pool.round).joinedload(Round.category).joinedload(Category.contest),
                joinedload(Pool.province),
                joinedload(Pool.region),
            )
            .order_by(Pool.round_id, Pool.key)
        ).unique()
    )


def committee_sheets(pool: Pool, entry: Entry) -> list[Scoresheet]:
    """Every sheet of the entry in the pool, with scores and judges (for the read-only table)."""
    return list(
        db.session.scalars(
            sa.select(Scoresheet)
            .where(Scoresheet.pool_id == pool.id, Scoresheet.entry_id == entry.id)
            .options(selectinload(Scoresheet.scores), joinedload(Scoresheet.judge))
            .order_by(Scoresheet.judge_id)
        )
    )


def sheet_json(sheet: Scoresheet, criteria: list[RubricCriterion], **extra: Any) -> dict[str, Any]:
    """The JSON answer to a draft save."""
    return {
        "ok": True,
        "version": sheet.version,
        "saved_at": thai_datetime(sheet.updated_at),
        "saved_time": sheet.updated_at.astimezone(BANGKOK).strftime("%H:%M"),
        "total": plain(sheet_total(criteria, stored_values(sheet))),
        "errors": {},
        **extra,
    }
