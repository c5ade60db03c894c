"""Scoresheets that never lose a score: drafts saved with a version check, submission, reopening, the
chair's sign-off, and every change kept as a :class:`SheetEvent`. Services flush; the caller commits.

A save names the version it was typed against. The version is bumped with a single conditional UPDATE
(``WHERE version = :seen``), so of two saves racing from two tabs or two phones exactly one wins and the
other is refused as stale: the newer scores survive and nothing is silently overwritten.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import Assignment, Entry, Pool, PoolSignoff, Score, Scoresheet, SheetEvent, User
from app.services import notices
from app.services.rules import round_state_now, rubric_of, schedule_of
from judging import (
    Decision,
    Problem,
    Refusal,
    RoundState,
    ScoreProblems,
    SheetState,
    can_edit_sheet,
    can_reopen_sheet,
    can_sign_sheet,
    can_submit_sheet,
    validate_scores,
)
from judging.lifecycle import refused


class ScoringError(Exception):
    """A refused scoring action; ``code`` is a :class:`judging.Refusal` value or ``stale``,
    ``not_assigned``, ``recused``, ``outstanding``, ``already_signed``, ``reason_required``."""

    def __init__(self, code: str, detail: Any = None) -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class SheetInput:
    """What a judge typed: raw scores and comments per criterion key, and an overall comment."""

    scores: Mapping[str, str | None]
    comments: Mapping[str, str] = field(default_factory=dict)
    overall_comment: str = ""


def assignment_for(session: Session, pool: Pool, entry: Entry, judge: User) -> Assignment:
    """The judge's assignment to this entry in this pool; ``not_assigned`` or ``recused`` otherwise."""
    assignment = session.scalars(
        sa.select(Assignment).where(
            Assignment.pool_id == pool.id, Assignment.entry_id == entry.id, Assignment.judge_id == judge.id
        )
    ).first()
    if assignment is None:
        raise ScoringError("not_assigned")
    if assignment.recused_at is not None:
        raise ScoringError("recused")
    return assignment


def sheet_for(session: Session, pool: Pool, entry: Entry, judge: User) -> Scoresheet:
    """The judge's sheet for an assigned entry, created on first use (a racing duplicate is reloaded)."""
    assignment_for(session, pool, entry, judge)
    query = sa.select(Scoresheet).where(
        Scoresheet.pool_id == pool.id, Scoresheet.entry_id == entry.id, Scoresheet.judge_id == judge.id
    )
    sheet = session.scalars(query).first()
    if sheet is not None:
        return sheet
    try:
        with session.begin_nested():
            sheet = Scoresheet(pool_id=pool.id, entry_id=entry.id, judge_id=judge.id)
            session.add(sheet)
    except IntegrityError:
        sheet = session.scalars(query).one()
    return sheet


def _state_now(pool: Pool, now: datetime) -> RoundState:
    return round_state_now(pool.round, now)


def _editing(sheet: Scoresheet, now: datetime, *, submitting: bool = False) -> Decision:
    round_ = sheet.pool.round
    schedule = schedule_of(round_)
    if schedule is None:
        return refused(Refusal.WRONG_STATE)
    guard = can_submit_sheet if submitting else can_edit_sheet
    return guard(_state_now(sheet.pool, now), sheet.state, schedule, now, sheet.reopened)


def current_values(sheet: Scoresheet) -> dict[str, Any]:
    """The sheet as plain JSON: scores (text), comments and the overall comment."""
    return {
        "scores": {
            s.criterion_key: None if s.value is None else f"{s.value.normalize():f}" for s in sheet.scores
        },
        "comments": {s.criterion_key: s.comment for s in sheet.scores if s.comment},
        "overall_comment": sheet.overall_comment,
    }


def save(
    session: Session,
    sheet: Scoresheet,
    typed: SheetInput,
    *,
    seen_version: int,
    user: User,
    now: datetime,
    submit: bool = False,
) -> Scoresheet:
    """Save a draft (blanks allowed) or, with ``submit``, check every score and lock the sheet.

    Refusals: the round's guard (``wrong_state``, ``too_early``, ``too_late``, ``sheet_locked``,
    ``sheet_signed``), ``stale`` when ``seen_version`` is not the stored version, and
    :class:`judging.ScoreProblems` for invalid scores. Nothing is written when refused.
    """
    decision = _editing(sheet, now, submitting=submit)
    if not decision:
        raise ScoringError(str(decision.reason))
    rubric = rubric_of(sheet.pool.round.criteria)
    parsed = validate_scores(rubric, dict(typed.scores), complete=submit)
    before = current_values(sheet)
    _bump_version(session, sheet, seen_version, now, submit)
    _write_scores(sheet, rubric.keys, parsed, typed)
    session.flush()
    after = current_values(sheet)
    session.add(
        SheetEvent(
            sheet_id=sheet.id,
            user_id=user.id,
            at=now,
            action="submit" if submit else "save",
            old=before,
            new=after,
        )
    )
    session.flush()
    return sheet


def _bump_version(session: Session, sheet: Scoresheet, seen: int, now: datetime, submit: bool) -> None:
    values: dict[str, Any] = {"version": Scoresheet.version + 1, "updated_at": now}
    if submit:
        values |= {"state": SheetState.SUBMITTED, "submitted_at": now, "reopened": False}
    result = session.execute(
        sa.update(Scoresheet)
        .where(Scoresheet.id == sheet.id, Scoresheet.version == seen, Scoresheet.state == SheetState.DRAFT)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        session.refresh(sheet)
        raise ScoringError("stale", sheet.version)
    session.refresh(sheet)


def _write_scores(
    sheet: Scoresheet, keys: tuple[str, ...], parsed: Mapping[str, Decimal], typed: SheetInput
) -> None:
    existing = {score.criterion_key: score for score in sheet.scores}
    for key in keys:
        score = existing.get(key)
        if score is None:
            score = Score(criterion_key=key)
            sheet.scores.append(score)
        score.value = parsed.get(key)
        score.comment = (typed.comments.get(key) or "").strip()
    sheet.overall_comment = typed.overall_comment.strip()


def reopen(session: Session, sheet: Scoresheet, *, user: User, reason: str, now: datetime) -> None:
    """An organizer reopens a submitted sheet with a reason; the judge may then edit it, even after the
    judging window, until it is submitted again."""
    if not reason.strip():
        raise ScoringError("reason_required")
    decision = can_reopen_sheet(_state_now(sheet.pool, now), sheet.state)
    if not decision:
        raise ScoringError(str(decision.reason))
    before = current_values(sheet)
    sheet.state, sheet.reopened, sheet.version = SheetState.DRAFT, True, sheet.version + 1
    session.add(
        SheetEvent(
            sheet_id=sheet.id,
            user_id=user.id,
            at=now,
            action="reopen",
            reason=reason.strip(),
            old=before,
            new=before,
        )
    )
    notices.sheet_reopened(session, sheet, reason.strip())
    session.flush()


def sign_pool(session: Session, pool: Pool, *, chair: User, now: datetime) -> PoolSignoff:
    """The chair confirms the pool once every assigned, non-recused sheet is in; the sheets become final."""
    if session.scalar(sa.select(PoolSignoff.id).where(PoolSignoff.pool_id == pool.id)) is not None:
        raise ScoringError("already_signed")
    outstanding = outstanding_assignments(session, pool)
    if outstanding:
        raise ScoringError("outstanding", outstanding)
    state = _state_now(pool, now)
    sheets = session.scalars(sa.select(Scoresheet).where(Scoresheet.pool_id == pool.id)).all()
    for sheet in sheets:
        if sheet.state is SheetState.SUBMITTED and can_sign_sheet(state, sheet.state):
            sheet.state = SheetState.SIGNED
            session.add(SheetEvent(sheet_id=sheet.id, user_id=chair.id, at=now, action="sign"))
    signoff = PoolSignoff(pool_id=pool.id, signed_by_id=chair.id, signed_at=now)
    session.add(signoff)
    session.flush()
    return signoff


def outstanding_assignments(session: Session, pool: Pool) -> list[tuple[int, int]]:
    """(entry id, judge id) of every assignment in the pool, not recused, without a submitted sheet."""
    submitted = (
        sa.select(Scoresheet.id)
        .where(
            Scoresheet.pool_id == Assignment.pool_id,
            Scoresheet.entry_id == Assignment.entry_id,
            Scoresheet.judge_id == Assignment.judge_id,
            Scoresheet.state.in_((SheetState.SUBMITTED, SheetState.SIGNED)),
        )
        .exists()
    )
    rows = session.execute(
        sa.select(Assignment.entry_id, Assignment.judge_id)
        .where(Assignment.pool_id == pool.id, Assignment.recused_at.is_(None), ~submitted)
        .order_by(Assignment.entry_id, Assignment.judge_id)
    )
    return [(entry_id, judge_id) for entry_id, judge_id in rows]


def editing_decision(sheet: Scoresheet, now: datetime) -> Decision:
    """May the judge change this sheet now (the same guard :func:`save` applies to a draft)?"""
    return _editing(sheet, now)


def save_draft(
    session: Session, sheet: Scoresheet, typed: SheetInput, *, seen_version: int, user: User, now: datetime
) -> Mapping[str, tuple[Problem, ...]]:
    """Save a draft, keeping every score that passes; a score that does not pass keeps its stored value.

    Returns the problems of the scores that were not saved (empty when all were). Refusals are those of
    :func:`save`; nothing is written when refused.
    """
    rubric = rubric_of(sheet.pool.round.criteria)
    scores = {key: typed.scores.get(key) for key in rubric.keys}
    try:
        validate_scores(rubric, scores, complete=False)
        problems: dict[str, tuple[Problem, ...]] = {}
    except ScoreProblems as found:
        problems = dict(found.problems)
    if problems:
        stored = current_values(sheet)["scores"]
        scores |= {key: stored.get(key) for key in problems}
    kept = SheetInput(scores, typed.comments, typed.overall_comment)
    save(session, sheet, kept, seen_version=seen_version, user=user, now=now)
    return problems


def add_blank_scores(session: Session, sheet: Scoresheet) -> None:
    """Give a sheet without scores one blank score per criterion, in one statement, so that every save
    updates rows instead of inserting them (a sheet opened twice at once keeps the first set)."""
    if sheet.scores:
        return
    rows = [
        {"sheet_id": sheet.id, "criterion_key": c.key, "value": None, "comment": ""}
        for c in sheet.pool.round.criteria
    ]
    try:
        with session.begin_nested():
            session.execute(sa.insert(Score), rows)
    except IntegrityError:
        pass
    session.expire(sheet, ["scores"])
