"""Lifecycle of rounds and scoresheets: states, the transitions allowed, and the guards.

Round: draft -> open (entries accepted) -> judging -> closed -> published; a closed round may go
back to judging for a correction; published is final. Scoresheet: draft -> submitted -> signed; a
submitted sheet may be reopened (back to draft) while the round is judging; signed is final.

Guards return a :class:`Decision` (truthy when allowed) carrying a :class:`Refusal` code otherwise.
Times are timezone-aware datetimes; a naive one raises :class:`~judging.errors.NaiveDatetimeError`.
Windows are half-open: a window from 09:00 to 17:00 accepts 09:00:00 and refuses 17:00:00.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from judging.errors import NaiveDatetimeError, RuleError


class RoundState(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    JUDGING = "judging"
    CLOSED = "closed"
    PUBLISHED = "published"


class SheetState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    SIGNED = "signed"


ROUND_TRANSITIONS: dict[RoundState, frozenset[RoundState]] = {
    RoundState.DRAFT: frozenset({RoundState.OPEN}),
    RoundState.OPEN: frozenset({RoundState.JUDGING}),
    RoundState.JUDGING: frozenset({RoundState.CLOSED}),
    RoundState.CLOSED: frozenset({RoundState.JUDGING, RoundState.PUBLISHED}),
    RoundState.PUBLISHED: frozenset(),
}

SHEET_TRANSITIONS: dict[SheetState, frozenset[SheetState]] = {
    SheetState.DRAFT: frozenset({SheetState.SUBMITTED}),
    SheetState.SUBMITTED: frozenset({SheetState.DRAFT, SheetState.SIGNED}),
    SheetState.SIGNED: frozenset(),
}


class Refusal(StrEnum):
    """Why a guard said no."""

    WRONG_STATE = "wrong_state"
    TOO_EARLY = "too_early"
    TOO_LATE = "too_late"
    NO_RUBRIC = "no_rubric"
    SHEETS_OUTSTANDING = "sheets_outstanding"
    UNRESOLVED_TIES = "unresolved_ties"
    SHEET_LOCKED = "sheet_locked"
    SHEET_SIGNED = "sheet_signed"


@dataclass(frozen=True, slots=True)
class Decision:
    """A guard's answer: ``allowed``, or refused with a ``reason``. Truthy when allowed."""

    allowed: bool
    reason: Refusal | None = None

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Decision(True)


def refused(reason: Refusal) -> Decision:
    """A refusal with this reason."""
    return Decision(False, reason)


@dataclass(frozen=True, slots=True)
class Window:
    """A half-open time window ``[start, end)`` between aware datetimes."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        _require_aware(self.start)
        _require_aware(self.end)
        if self.end <= self.start:
            raise RuleError("a window must end after it starts")

    def check(self, now: datetime) -> Decision:
        """Allowed inside the window; ``too_early`` before it, ``too_late`` from its end."""
        _require_aware(now)
        if now < self.start:
            return refused(Refusal.TOO_EARLY)
        if now >= self.end:
            return refused(Refusal.TOO_LATE)
        return ALLOWED


@dataclass(frozen=True, slots=True)
class RoundSchedule:
    """When a round accepts entries and when its judges score."""

    submissions: Window
    judging: Window


def can_move_round(current: RoundState, target: RoundState) -> Decision:
    """Whether the round state machine has this transition (``wrong_state`` if not)."""
    return ALLOWED if target in ROUND_TRANSITIONS[current] else refused(Refusal.WRONG_STATE)


def can_move_sheet(current: SheetState, target: SheetState) -> Decision:
    """Whether the scoresheet state machine has this transition (``wrong_state`` if not)."""
    return ALLOWED if target in SHEET_TRANSITIONS[current] else refused(Refusal.WRONG_STATE)


def can_open_round(state: RoundState, has_rubric: bool) -> Decision:
    """A draft round opens once it has a rubric."""
    if not (decision := can_move_round(state, RoundState.OPEN)):
        return decision
    return ALLOWED if has_rubric else refused(Refusal.NO_RUBRIC)


def can_submit_entry(state: RoundState, schedule: RoundSchedule, now: datetime) -> Decision:
    """Entries are accepted while the round is open and inside the submission window."""
    _require_aware(now)
    if state is not RoundState.OPEN:
        return refused(Refusal.WRONG_STATE)
    return schedule.submissions.check(now)


def can_start_judging(state: RoundState, schedule: RoundSchedule, now: datetime) -> Decision:
    """An open round moves to judging once the submission window has ended."""
    _require_aware(now)
    if not (decision := can_move_round(state, RoundState.JUDGING)):
        return decision
    if state is RoundState.OPEN and now < schedule.submissions.end:
        return refused(Refusal.TOO_EARLY)
    return ALLOWED


def can_close_round(
    state: RoundState, schedule: RoundSchedule, now: datetime, outstanding_sheets: int
) -> Decision:
    """A judging round closes when every sheet is in, or in any case once judging has ended.

    Sheets still missing at the end are left out of the aggregates, never counted as zero.
    """
    _require_aware(now)
    if not (decision := can_move_round(state, RoundState.CLOSED)):
        return decision
    if outstanding_sheets > 0 and now < schedule.judging.end:
        return refused(Refusal.SHEETS_OUTSTANDING)
    return ALLOWED


def can_publish(state: RoundState, unresolved_ties: int) -> Decision:
    """A closed round is published once the committee has settled every tie that matters."""
    if not (decision := can_move_round(state, RoundState.PUBLISHED)):
        return decision
    return ALLOWED if unresolved_ties == 0 else refused(Refusal.UNRESOLVED_TIES)


def can_edit_sheet(
    round_state: RoundState,
    sheet_state: SheetState,
    schedule: RoundSchedule,
    now: datetime,
    reopened: bool = False,
) -> Decision:
    """A judge edits a draft sheet while the round is judging, inside the judging window.

    A sheet the chair reopened may also be edited after the window, while the round is judging.
    """
    _require_aware(now)
    if round_state is not RoundState.JUDGING:
        return refused(Refusal.WRONG_STATE)
    if sheet_state is SheetState.SIGNED:
        return refused(Refusal.SHEET_SIGNED)
    if sheet_state is SheetState.SUBMITTED:
        return refused(Refusal.SHEET_LOCKED)
    timing = schedule.judging.check(now)
    if reopened and timing.reason is Refusal.TOO_LATE:
        return ALLOWED
    return timing


def can_submit_sheet(
    round_state: RoundState,
    sheet_state: SheetState,
    schedule: RoundSchedule,
    now: datetime,
    reopened: bool = False,
) -> Decision:
    """Submitting follows the editing rule (scores must also pass complete validation)."""
    return can_edit_sheet(round_state, sheet_state, schedule, now, reopened)


def can_reopen_sheet(round_state: RoundState, sheet_state: SheetState) -> Decision:
    """The chair reopens a submitted (not signed) sheet while the round is judging."""
    if round_state is not RoundState.JUDGING:
        return refused(Refusal.WRONG_STATE)
    if sheet_state is SheetState.SIGNED:
        return refused(Refusal.SHEET_SIGNED)
    return can_move_sheet(sheet_state, SheetState.DRAFT)


def can_sign_sheet(round_state: RoundState, sheet_state: SheetState) -> Decision:
    """A submitted sheet is signed while the round is judging or closed."""
    if round_state not in (RoundState.JUDGING, RoundState.CLOSED):
        return refused(Refusal.WRONG_STATE)
    return can_move_sheet(sheet_state, SheetState.SIGNED)


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise NaiveDatetimeError(f"{moment!r} has no time zone")
