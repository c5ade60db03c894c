"""Places (ชนะเลิศ, รองชนะเลิศ, ชมเชย) and score bands."""

from decimal import Decimal

import pytest

from judging import (
    PRACTICE_BANDS,
    BoundaryTie,
    PlaceKind,
    PlacesRule,
    RuleError,
    band_for,
    bands_for,
    places_for,
    rank_entries,
)
from judging.places import HONOURABLE, WINNER, runner_up

from .builders import results_from_totals

D = Decimal


def labels(result):
    return {a.entry_id: a.place.label_th for a in result.awards}


@pytest.mark.parametrize(
    ("place", "thai", "english"),
    [
        (WINNER, "ชนะเลิศ", "Winner"),
        (runner_up(1), "รองชนะเลิศอันดับ 1", "Runner-up 1"),
        (runner_up(3), "รองชนะเลิศอันดับ 3", "Runner-up 3"),
        (HONOURABLE, "ชมเชย", "Honourable mention"),
    ],
)
def test_places_have_thai_and_english_labels(place, thai, english):
    assert (place.label_th, place.label_en) == (thai, english)


def test_places_sort_best_first():
    shuffled = [HONOURABLE, runner_up(2), WINNER, runner_up(1)]
    assert sorted(shuffled, key=lambda p: p.sort_key) == [
        WINNER,
        runner_up(1),
        runner_up(2),
        HONOURABLE,
    ]


def test_places_follow_ranks_then_honourable_mentions_then_nothing():
    totals = {e: [t] for e, t in zip("ABCDEFG", [95, 90, 85, 80, 75, 70, 65], strict=True)}
    result = places_for(rank_entries(results_from_totals(totals)), PlacesRule(3, 2))
    assert labels(result) == {
        "A": "ชนะเลิศ",
        "B": "รองชนะเลิศอันดับ 1",
        "C": "รองชนะเลิศอันดับ 2",
        "D": "รองชนะเลิศอันดับ 3",
        "E": "ชมเชย",
        "F": "ชมเชย",
    }
    assert result.boundary_ties == ()


def test_a_tie_within_one_place_is_not_flagged():
    totals = {"A": [95], "B": [90], "C": [80], "D": [80]}
    result = places_for(rank_entries(results_from_totals(totals)), PlacesRule(1, 3))
    assert labels(result) == {"A": "ชนะเลิศ", "B": "รองชนะเลิศอันดับ 1", "C": "ชมเชย", "D": "ชมเชย"}
    assert result.boundary_ties == ()


def test_a_tie_for_first_gives_joint_winners_flagged_for_the_committee():
    totals = {"A": [95], "B": [95], "C": [90]}
    result = places_for(rank_entries(results_from_totals(totals)), PlacesRule(2))
    assert labels(result) == {"A": "ชนะเลิศ", "B": "ชนะเลิศ", "C": "รองชนะเลิศอันดับ 2"}
    assert result.boundary_ties == (BoundaryTie(1, ("A", "B"), (WINNER, runner_up(1))),)
    assert all(a.provisional for a in result.awards[:2])
    assert result.place_of("C") == runner_up(2)
    assert result.place_of("Z") is None


def test_a_tie_for_the_last_place_is_flagged():
    totals = {"A": [95], "B": [90], "C": [90]}
    result = places_for(rank_entries(results_from_totals(totals)), PlacesRule(1))
    assert result.boundary_ties == (BoundaryTie(2, ("B", "C"), (runner_up(1), None)),)


def test_negative_numbers_of_places_are_refused():
    with pytest.raises(RuleError):
        PlacesRule(-1)


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (D(100), "best_practice"),
        (D(90), "best_practice"),
        (D("89.995"), "good_practice"),
        (D(80), "good_practice"),
        (D("79.5"), "challenger"),
        (D(60), "challenger"),
        (D("59.99"), None),
    ],
)
def test_score_bands_take_the_highest_band_reached_inclusive(total, band):
    found = band_for(total, PRACTICE_BANDS)
    assert (found.key if found else None) == band


def test_score_bands_work_on_percentages_of_any_full_score():
    found = band_for(D(45), PRACTICE_BANDS, out_of=D(50))
    assert found is not None
    assert found.key == "best_practice"


def test_bands_are_given_to_complete_results_only():
    results = results_from_totals({"A": [92], "B": [None], "C": [50]})
    awards = bands_for(results, PRACTICE_BANDS)
    assert [(a.entry_id, a.band.key if a.band else None) for a in awards] == [
        ("A", "best_practice"),
        ("C", None),
    ]


def test_place_kinds_have_stable_codes():
    assert [k.value for k in PlaceKind] == ["winner", "runner_up", "honourable"]
