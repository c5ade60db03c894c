"""Conflicts of interest."""

import pytest

from judging import Affiliation, ConflictPolicy, ConflictReason, Scope, conflict_reasons
from judging.conflicts import must_not_score

R = ConflictReason
SISAKET_OFFICE = Affiliation("ssk-phusing", "33", 14)
SISAKET_OTHER = Affiliation("ssk-silalat", "33", 14)
UBON_OFFICE = Affiliation("ubn-muang", "34", 14)
BANGKOK_OFFICE = Affiliation("bkk", "10", 0)
CENTRAL_JUDGE = Affiliation("cdd-hq")


@pytest.mark.parametrize(
    ("judge", "entry", "scope", "declared", "reasons"),
    [
        (SISAKET_OFFICE, SISAKET_OFFICE, Scope.PROVINCE, False, (R.SAME_UNIT,)),
        (SISAKET_OTHER, SISAKET_OFFICE, Scope.PROVINCE, False, ()),
        (SISAKET_OTHER, SISAKET_OFFICE, Scope.REGION, False, (R.SAME_PROVINCE,)),
        (UBON_OFFICE, SISAKET_OFFICE, Scope.REGION, False, ()),
        (UBON_OFFICE, SISAKET_OFFICE, Scope.NATIONAL, False, (R.SAME_REGION,)),
        (SISAKET_OTHER, SISAKET_OFFICE, Scope.NATIONAL, False, (R.SAME_PROVINCE, R.SAME_REGION)),
        (BANGKOK_OFFICE, SISAKET_OFFICE, Scope.NATIONAL, False, ()),
        (CENTRAL_JUDGE, SISAKET_OFFICE, Scope.NATIONAL, False, ()),
        (CENTRAL_JUDGE, SISAKET_OFFICE, Scope.PROVINCE, True, (R.DECLARED,)),
        (
            SISAKET_OFFICE,
            SISAKET_OFFICE,
            Scope.NATIONAL,
            True,
            (R.SAME_UNIT, R.SAME_PROVINCE, R.SAME_REGION, R.DECLARED),
        ),
    ],
    ids=[
        "own-unit-always",
        "same-province-is-fine-at-province-level",
        "same-province-at-region-level",
        "other-province-same-region-is-fine-at-region-level",
        "same-region-at-national-level",
        "same-province-at-national-level-is-also-same-region",
        "other-region-is-fine-at-national-level",
        "a-judge-with-no-province-matches-nothing",
        "declared-conflict",
        "every-reason-at-once",
    ],
)
def test_a_judge_must_not_score_an_entry_for_these_reasons(judge, entry, scope, declared, reasons):
    assert conflict_reasons(judge, entry, scope, declared=declared) == reasons
    assert must_not_score(judge, entry, scope, declared=declared) == bool(reasons)


def test_a_round_policy_can_relax_the_geographic_rules():
    relaxed = ConflictPolicy(same_province_at=frozenset(), same_region_at=frozenset())
    assert conflict_reasons(SISAKET_OTHER, SISAKET_OFFICE, Scope.NATIONAL, relaxed) == ()
    assert conflict_reasons(SISAKET_OFFICE, SISAKET_OFFICE, Scope.NATIONAL, relaxed) == (R.SAME_UNIT,)
