"""Rubrics, score validation and sheet totals."""

from decimal import Decimal

import pytest

from judging import (
    Criterion,
    ProblemCode,
    Rubric,
    RuleError,
    ScoreProblems,
    display,
    parse_score,
    sheet_total,
    validate_scores,
)

from .builders import CONTENT_STYLE

D = Decimal
P = ProblemCode


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"content": "45", "style": "30.5"}, {"content": D(45), "style": D("30.5")}),
        ({"content": " 45.0 ", "style": "0"}, {"content": D("45.0"), "style": D(0)}),
        ({"content": "๔๕", "style": "๓๐.๕"}, {"content": D(45), "style": D("30.5")}),
        ({"content": D("60"), "style": 40}, {"content": D(60), "style": D(40)}),
        ({"content": "45.50", "style": "1e1"}, {"content": D("45.5"), "style": D(10)}),
    ],
    ids=["plain", "spaces-and-trailing-zero", "thai-digits", "decimal-and-int", "other-forms"],
)
def test_valid_scores_are_returned_as_decimals(raw, expected):
    assert validate_scores(CONTENT_STYLE, raw) == expected


@pytest.mark.parametrize(
    ("raw", "codes"),
    [
        ({"style": "30"}, {"content": (P.MISSING,)}),
        ({"content": "  ", "style": "30"}, {"content": (P.MISSING,)}),
        ({"content": None, "style": "30"}, {"content": (P.MISSING,)}),
        ({"content": "abc", "style": "30"}, {"content": (P.NOT_A_NUMBER,)}),
        ({"content": "NaN", "style": "Infinity"}, {"content": (P.NOT_A_NUMBER,), "style": (P.NOT_A_NUMBER,)}),
        ({"content": 45.0, "style": True}, {"content": (P.NOT_A_NUMBER,), "style": (P.NOT_A_NUMBER,)}),
        ({"content": "-1", "style": "30"}, {"content": (P.NEGATIVE,)}),
        ({"content": "-0.3", "style": "30"}, {"content": (P.NEGATIVE, P.OFF_STEP)}),
        ({"content": "61", "style": "30"}, {"content": (P.ABOVE_MAXIMUM,)}),
        ({"content": "60.25", "style": "30"}, {"content": (P.ABOVE_MAXIMUM, P.OFF_STEP)}),
        ({"content": "45.25", "style": "30"}, {"content": (P.OFF_STEP,)}),
        ({"content": "1e30", "style": "30"}, {"content": (P.ABOVE_MAXIMUM,)}),
        ({"content": "45", "style": "30", "humour": "5"}, {"humour": (P.UNKNOWN_CRITERION,)}),
    ],
    ids=[
        "absent-is-missing",
        "blank-is-missing",
        "none-is-missing",
        "text-is-not-a-number",
        "nan-and-infinity-are-not-numbers",
        "floats-and-booleans-are-refused",
        "negative",
        "negative-and-off-step-together",
        "above-maximum",
        "above-maximum-and-off-step-together",
        "off-step",
        "huge-number-is-above-maximum",
        "unknown-criterion",
    ],
)
def test_invalid_scores_report_each_problem_by_criterion(raw, codes):
    with pytest.raises(ScoreProblems) as caught:
        validate_scores(CONTENT_STYLE, raw)
    assert caught.value.codes == codes


def test_every_problem_on_a_sheet_is_reported_at_once():
    raw = {"content": "x", "style": "41", "humour": "1"}
    with pytest.raises(ScoreProblems) as caught:
        validate_scores(CONTENT_STYLE, raw)
    assert set(caught.value.problems) == {"content", "style", "humour"}


def test_problems_carry_thai_and_english_messages():
    with pytest.raises(ScoreProblems) as caught:
        validate_scores(CONTENT_STYLE, {"content": "70", "style": "30"})
    (problem,) = caught.value.problems["content"]
    assert problem.message_th == "คะแนนเต็ม 60 คะแนน"
    assert "60" in problem.message_en


def test_a_draft_may_leave_scores_blank():
    assert validate_scores(CONTENT_STYLE, {"content": "", "style": "20"}, complete=False) == {"style": D(20)}


def test_a_draft_is_still_checked_for_bad_values():
    with pytest.raises(ScoreProblems) as caught:
        validate_scores(CONTENT_STYLE, {"content": "", "style": "41"}, complete=False)
    assert caught.value.codes == {"style": (P.ABOVE_MAXIMUM,)}


@pytest.mark.parametrize(
    ("value", "parsed"),
    [("7.5", D("7.5")), (" 7 ", D(7)), ("๗", D(7)), ("", None), ("7,5", None), (7.5, None)],
)
def test_parse_score_accepts_numbers_only(value, parsed):
    assert parse_score(value) == parsed


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Criterion("a", "ก", "A", D(0)), "max_score"),
        (lambda: Criterion("a", "ก", "A", D(10), weight=D(-1)), "weight"),
        (lambda: Criterion("a", "ก", "A", D(10), step=D(0)), "step"),
        (lambda: Criterion("a", "ก", "A", 10.0), "max_score"),  # type: ignore[arg-type]
        (lambda: Rubric(()), "at least one"),
        (lambda: Rubric((Criterion("a", "ก", "A", D(1)),) * 2), "unique"),
    ],
    ids=["zero-maximum", "negative-weight", "zero-step", "float-maximum", "empty", "duplicates"],
)
def test_inconsistent_rubrics_are_refused(build, message):
    with pytest.raises(RuleError, match=message):
        build()


def test_a_sheet_total_with_maxima_adding_to_100_is_the_plain_sum():
    assert sheet_total(CONTENT_STYLE, {"content": D("45.5"), "style": D(30)}) == D("75.5")


def test_a_weighted_sheet_total_is_scaled_to_the_rubric_total():
    rubric = Rubric(
        (
            Criterion("a", "ก", "A", D(10), weight=D(2)),
            Criterion("b", "ข", "B", D(10)),
            Criterion("c", "ค", "C", D(10)),
        )
    )
    # weighted sum 2*8 + 6 + 5 = 27 out of a weighted maximum 2*10 + 10 + 10 = 40;
    # scaled to 100: 27 * 100 / 40 = 67.5
    assert sheet_total(rubric, {"a": D(8), "b": D(6), "c": D(5)}) == D("67.5")


def test_a_sheet_total_keeps_exact_thirds_until_display():
    rubric = Rubric((Criterion("a", "ก", "A", D(3)),))
    total = sheet_total(rubric, {"a": D(1)})  # 1 * 100 / 3
    assert display(total) == D("33.33")
    assert total * 3 == D("100.0000000000000000000000000000000")


def test_a_sheet_total_needs_every_score():
    with pytest.raises(ScoreProblems) as caught:
        sheet_total(CONTENT_STYLE, {"content": D(40)})
    assert caught.value.codes == {"style": (P.MISSING,)}


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (D("81.125"), D("81.13")),
        (D("81.135"), D("81.14")),
        (D("77.83333333"), D("77.83")),
        (D("-0.005"), D("-0.01")),
        (D(85), D("85.00")),
    ],
)
def test_display_rounds_half_up_to_two_places(value, shown):
    assert display(value) == shown
    assert str(display(value)) == str(shown)
