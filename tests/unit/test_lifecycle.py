"""Round and scoresheet lifecycle guards."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from judging import (
    Decision,
    NaiveDatetimeError,
    Refusal,
    RoundSchedule,
    RoundState,
    RuleError,
    SheetState,
    Window,
    can_close_round,
    can_edit_sheet,
    can_move_round,
    can_move_sheet,
    can_open_round,
    can_publish,
    can_reopen_sheet,
    can_sign_sheet,
    can_start_judging,
    can_submit_entry,
    can_submit_sheet,
)

BANGKOK = timezone(timedelta(hours=7))
R, S = RoundState, SheetState


def at(day, hour=12):
    return datetime(2022, 7, day, hour, tzinfo=BANGKOK)


# Entries 1-10 July 2565; judging on 21 July 2565, 09:00-17:00 Bangkok time.
SCHEDULE = RoundSchedule(Window(at(1, 0), at(11, 0)), Window(at(21, 9), at(21, 17)))


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        (R.DRAFT, R.OPEN, True),
        (R.OPEN, R.JUDGING, True),
        (R.JUDGING, R.CLOSED, True),
        (R.CLOSED, R.PUBLISHED, True),
        (R.CLOSED, R.JUDGING, True),
        (R.DRAFT, R.JUDGING, False),
        (R.JUDGING, R.PUBLISHED, False),
        (R.PUBLISHED, R.CLOSED, False),
    ],
)
def test_a_round_moves_only_along_its_lifecycle(current, target, allowed):
    assert bool(can_move_round(current, target)) is allowed


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        (S.DRAFT, S.SUBMITTED, True),
        (S.SUBMITTED, S.SIGNED, True),
        (S.SUBMITTED, S.DRAFT, True),
        (S.DRAFT, S.SIGNED, False),
        (S.SIGNED, S.DRAFT, False),
    ],
)
def test_a_scoresheet_moves_only_along_its_lifecycle(current, target, allowed):
    assert bool(can_move_sheet(current, target)) is allowed


@pytest.mark.parametrize(
    ("guard", "expected"),
    [
        (lambda: can_open_round(R.DRAFT, has_rubric=True), Decision(True)),
        (lambda: can_open_round(R.DRAFT, has_rubric=False), Decision(False, Refusal.NO_RUBRIC)),
        (lambda: can_open_round(R.OPEN, has_rubric=True), Decision(False, Refusal.WRONG_STATE)),
        (lambda: can_submit_entry(R.OPEN, SCHEDULE, at(5)), Decision(True)),
        (lambda: can_submit_entry(R.OPEN, SCHEDULE, at(11, 0)), Decision(False, Refusal.TOO_LATE)),
        (lambda: can_submit_entry(R.DRAFT, SCHEDULE, at(5)), Decision(False, Refusal.WRONG_STATE)),
        (lambda: can_start_judging(R.OPEN, SCHEDULE, at(10)), Decision(False, Refusal.TOO_EARLY)),
        (lambda: can_start_judging(R.OPEN, SCHEDULE, at(11)), Decision(True)),
        (
            lambda: can_close_round(R.JUDGING, SCHEDULE, at(21, 12), 2),
            Decision(False, Refusal.SHEETS_OUTSTANDING),
        ),
        (lambda: can_close_round(R.JUDGING, SCHEDULE, at(21, 12), 0), Decision(True)),
        (lambda: can_close_round(R.JUDGING, SCHEDULE, at(21, 17), 2), Decision(True)),
        (lambda: can_publish(R.CLOSED, unresolved_ties=1), Decision(False, Refusal.UNRESOLVED_TIES)),
        (lambda: can_publish(R.CLOSED, unresolved_ties=0), Decision(True)),
        (lambda: can_publish(R.JUDGING, unresolved_ties=0), Decision(False, Refusal.WRONG_STATE)),
    ],
    ids=[
        "a-draft-round-with-a-rubric-opens",
        "a-round-without-a-rubric-does-not-open",
        "an-open-round-cannot-open-again",
        "entries-are-accepted-inside-the-window",
        "entries-are-refused-from-the-end-of-the-window",
        "entries-are-refused-before-the-round-opens",
        "judging-waits-for-the-submission-window-to-end",
        "judging-starts-after-the-submission-window",
        "a-round-with-sheets-outstanding-does-not-close-early",
        "a-round-with-every-sheet-in-closes",
        "a-round-closes-at-the-end-of-judging-whatever-is-missing",
        "unresolved-ties-block-publication",
        "a-closed-round-without-ties-is-published",
        "only-a-closed-round-is-published",
    ],
)
def test_round_guards(guard, expected):
    assert guard() == expected


@pytest.mark.parametrize(
    ("round_state", "sheet_state", "now", "reopened", "expected"),
    [
        (R.JUDGING, S.DRAFT, at(21, 9), False, Decision(True)),
        (R.JUDGING, S.DRAFT, at(21, 8), False, Decision(False, Refusal.TOO_EARLY)),
        (R.JUDGING, S.DRAFT, at(21, 17), False, Decision(False, Refusal.TOO_LATE)),
        (R.JUDGING, S.DRAFT, at(21, 18), True, Decision(True)),
        (R.JUDGING, S.DRAFT, at(21, 8), True, Decision(False, Refusal.TOO_EARLY)),
        (R.JUDGING, S.SUBMITTED, at(21, 10), False, Decision(False, Refusal.SHEET_LOCKED)),
        (R.JUDGING, S.SIGNED, at(21, 10), True, Decision(False, Refusal.SHEET_SIGNED)),
        (R.CLOSED, S.DRAFT, at(21, 10), False, Decision(False, Refusal.WRONG_STATE)),
    ],
    ids=[
        "a-draft-is-edited-from-the-start-of-judging",
        "not-before-judging-starts",
        "not-from-the-end-of-judging",
        "a-reopened-sheet-is-edited-after-the-window",
        "a-reopened-sheet-still-waits-for-the-start",
        "a-submitted-sheet-is-locked",
        "a-signed-sheet-is-final",
        "not-once-the-round-is-closed",
    ],
)
def test_a_judge_edits_and_submits_a_sheet_only_while_judging(
    round_state, sheet_state, now, reopened, expected
):
    assert can_edit_sheet(round_state, sheet_state, SCHEDULE, now, reopened) == expected
    assert can_submit_sheet(round_state, sheet_state, SCHEDULE, now, reopened) == expected


@pytest.mark.parametrize(
    ("round_state", "sheet_state", "reason"),
    [
        (R.JUDGING, S.SUBMITTED, None),
        (R.JUDGING, S.DRAFT, Refusal.WRONG_STATE),
        (R.JUDGING, S.SIGNED, Refusal.SHEET_SIGNED),
        (R.CLOSED, S.SUBMITTED, Refusal.WRONG_STATE),
    ],
)
def test_the_chair_reopens_a_submitted_sheet_while_judging(round_state, sheet_state, reason):
    assert can_reopen_sheet(round_state, sheet_state).reason == reason


@pytest.mark.parametrize(
    ("round_state", "sheet_state", "allowed"),
    [
        (R.JUDGING, S.SUBMITTED, True),
        (R.CLOSED, S.SUBMITTED, True),
        (R.JUDGING, S.DRAFT, False),
        (R.PUBLISHED, S.SUBMITTED, False),
    ],
)
def test_a_submitted_sheet_is_signed_while_judging_or_closed(round_state, sheet_state, allowed):
    assert bool(can_sign_sheet(round_state, sheet_state)) is allowed


def test_guards_refuse_naive_datetimes():
    with pytest.raises(NaiveDatetimeError):
        can_submit_entry(R.OPEN, SCHEDULE, datetime(2022, 7, 5))


def test_windows_need_aware_times_in_order():
    with pytest.raises(NaiveDatetimeError):
        Window(datetime(2022, 7, 1), at(2))
    with pytest.raises(RuleError):
        Window(at(2), at(1))


def test_guards_compare_instants_across_time_zones():
    # 02:00 UTC is 09:00 in Bangkok: the start of judging.
    assert can_edit_sheet(R.JUDGING, S.DRAFT, SCHEDULE, datetime(2022, 7, 21, 2, tzinfo=UTC))
