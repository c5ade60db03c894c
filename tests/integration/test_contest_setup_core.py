"""The contest service core: the KM Challenge template, pools from the geography, opening, copying."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.extensions import db
from app.models import Pool
from app.services.contest_copy import copy_contest
from app.services.contests import SetupError, missing_for_opening, open_round, update_rules
from judging import RoundState, Scope
from tests.integration import contest_factories as cf
from tests.integration import factories


def test_the_km_challenge_template_has_three_categories_with_their_chains_and_rubrics(app):
    factories.small_geography()
    challenge = cf.km_challenge(open_categories=())
    assert [c.scopes for c in challenge.contest.categories] == [
        (Scope.PROVINCE, Scope.REGION, Scope.NATIONAL),
        (Scope.PROVINCE, Scope.REGION, Scope.NATIONAL),
        (Scope.REGION, Scope.NATIONAL),
    ]
    totals = [sum(c.max_score for c in cat.rounds[0].criteria) for cat in challenge.contest.categories]
    assert totals == [100, 100, 100]
    assert missing_for_opening(challenge.district.rounds[0]) == [
        "submission_dates",
        "judging_dates",
        "announce_at",
    ]


def test_opening_makes_one_pool_per_province_with_eligible_units_and_fixes_the_rules(app):
    factories.small_geography()
    challenge = cf.km_challenge(open_categories=("district",))
    round_ = challenge.district.rounds[0]
    assert round_.state is RoundState.OPEN
    assert sorted(p.key for p in round_.pools) == ["province:32", "province:33"]  # not Bangkok: no offices
    with pytest.raises(SetupError) as refused:
        update_rules(db.session, round_, {"runners_up": 2}, user=None)
    assert refused.value.code == "rules_fixed"
    with pytest.raises(SetupError) as no_reason:
        update_rules(db.session, round_, {"runners_up": 2}, user=None, may_amend=True)
    assert no_reason.value.code == "reason_required"
    change = update_rules(db.session, round_, {"runners_up": 2}, user=None, may_amend=True, reason="งบจำกัด")
    assert change is not None and change.changes == [{"field": "runners_up", "old": 3, "new": 2}]


def test_region_pools_cover_regions_with_eligible_units_and_opening_twice_is_refused(app):
    geo = factories.small_geography()
    cf.provincial_office(geo["sisaket"], "33")
    challenge = cf.km_challenge(open_categories=())
    round_ = challenge.prototype.rounds[0]
    cf.set_dates(round_)
    open_round(db.session, round_)
    assert [p.key for p in db.session.query(Pool).filter_by(round_id=round_.id)] == ["region:14"]
    with pytest.raises(SetupError):
        open_round(db.session, round_)


def test_copying_a_contest_shifts_the_year_and_dates_and_starts_as_drafts(app):
    factories.small_geography()
    challenge = cf.km_challenge(open_categories=("district",))
    source_round = challenge.district.rounds[0]
    copy = copy_contest(db.session, challenge.contest)
    assert copy.name == "KM Challenge 2566" and copy.fiscal_year_be == 2566
    copied = copy.categories[1].rounds[0]
    assert copied.state is RoundState.DRAFT and copied.pools == []
    assert copied.submissions_close_at - source_round.submissions_close_at in (
        timedelta(days=365),
        timedelta(days=366),
    )
    assert [c.key for c in copied.criteria] == [c.key for c in source_round.criteria]
