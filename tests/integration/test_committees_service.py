"""The committee service: members and roles, conflicts, assigning judges to entries, recusal, replacement."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pytest

from app.extensions import db
from app.models import Assignment, CommitteeRole, Entry, Pool, Scoresheet, User
from app.services import committees
from app.services.committees import CommitteeError
from judging import ConflictReason
from tests.integration import contest_factories as cf
from tests.integration import factories
from tests.integration.factories import Role
from tests.integration.scoring_factories import submitted_entry


@dataclass
class Setting:
    pool: Pool
    entries: list[Entry]
    geo: dict[str, object]


def sisaket_pool(extra_offices: int = 0) -> Setting:
    """Sisaket's district-office pool with the entries of ภูสิงห์, ศิลาลาด and ``extra_offices`` more."""
    geo = factories.small_geography()
    extra = [
        factories.district_office(geo["sisaket"], f"33{50 + i}", f"อำเภอทดสอบ{i}")  # type: ignore[arg-type]
        for i in range(extra_offices)
    ]
    round_ = cf.km_challenge(open_categories=("district",)).district.rounds[0]
    units = [geo["phusing"], geo["silalat"], *extra]
    entries = [submitted_entry(round_, unit, f"ผลงาน {i}") for i, unit in enumerate(units)]
    return Setting(entries[0].pool, entries, geo)


def judge(name: str, unit: object = None) -> User:
    return factories.user(Role.JUDGE, username=name, unit=unit)  # type: ignore[arg-type]


def pairs(pool: Pool) -> set[tuple[int, int]]:
    return {(a.entry_id, a.judge_id) for a in committees.assignments_of(db.session, pool)}


def test_everyone_scores_everything_except_an_entry_from_their_own_unit(app):
    s = sisaket_pool()
    insider, outsider = judge("insider", s.geo["phusing"]), judge("outsider")
    committees.add_member(db.session, s.pool, insider, CommitteeRole.CHAIR)
    committees.add_member(db.session, s.pool, outsider, CommitteeRole.MEMBER)
    result = committees.assign(db.session, s.pool)
    phusing, silalat = s.entries
    assert pairs(s.pool) == {(phusing.id, outsider.id), (silalat.id, insider.id), (silalat.id, outsider.id)}
    assert result.added == 3 and result.short == []
    conflicts = committees.conflicts_for(s.pool)
    assert [(c.judge, c.entry, c.reasons) for c in conflicts] == [
        (insider, phusing, (ConflictReason.SAME_UNIT,))
    ]


def test_two_judges_per_entry_spreads_five_entries_evenly_over_three_judges(app):
    s = sisaket_pool(extra_offices=3)
    judges = [judge(f"j{i}") for i in range(3)]
    for member in judges:
        committees.add_member(db.session, s.pool, member, CommitteeRole.MEMBER)
    s.pool.judges_per_entry = 2
    committees.assign(db.session, s.pool)
    assignments = committees.assignments_of(db.session, s.pool)
    per_entry = Counter(a.entry_id for a in assignments)
    loads = Counter(a.judge_id for a in assignments)
    assert len(s.entries) == 5 and set(per_entry.values()) == {2} and len(per_entry) == 5
    assert sorted(loads.values()) == [3, 3, 4]


def test_assigning_again_changes_nothing(app):
    s = sisaket_pool(extra_offices=3)
    for i in range(3):
        committees.add_member(db.session, s.pool, judge(f"j{i}"), CommitteeRole.MEMBER)
    s.pool.judges_per_entry = 2
    committees.assign(db.session, s.pool)
    before = pairs(s.pool)
    again = committees.assign(db.session, s.pool)
    assert (again.added, again.removed, again.short) == (0, 0, [])
    assert pairs(s.pool) == before


def test_a_second_chair_is_refused_but_a_role_can_change(app):
    s = sisaket_pool()
    first, second = judge("first"), judge("second")
    committees.add_member(db.session, s.pool, first, CommitteeRole.CHAIR)
    with pytest.raises(CommitteeError) as refused:
        committees.add_member(db.session, s.pool, second, CommitteeRole.CHAIR)
    assert refused.value.code == "second_chair"
    committees.add_member(db.session, s.pool, first, CommitteeRole.MEMBER)
    committees.add_member(db.session, s.pool, second, CommitteeRole.CHAIR)
    roles = {m.user.username: m.role for m in committees.members_of(db.session, s.pool)}
    assert roles == {"first": CommitteeRole.MEMBER, "second": CommitteeRole.CHAIR}


def test_an_account_without_the_judge_role_cannot_score_but_may_be_the_secretary(app):
    s = sisaket_pool()
    organizer = factories.user(Role.ORGANIZER, province_id=s.pool.province_id)
    with pytest.raises(CommitteeError) as refused:
        committees.add_member(db.session, s.pool, organizer, CommitteeRole.MEMBER)
    assert refused.value.code == "not_a_judge"
    member = committees.add_member(db.session, s.pool, organizer, CommitteeRole.SECRETARY)
    assert member.role is CommitteeRole.SECRETARY


def test_the_secretary_gets_no_assignments(app):
    s = sisaket_pool()
    chair, secretary = judge("chair"), judge("secretary")
    committees.add_member(db.session, s.pool, chair, CommitteeRole.CHAIR)
    committees.add_member(db.session, s.pool, secretary, CommitteeRole.SECRETARY)
    committees.assign(db.session, s.pool)
    assert {judge_id for _, judge_id in pairs(s.pool)} == {chair.id}


def test_assigning_again_drops_unscored_assignments_of_removed_members_and_new_conflicts(app):
    s = sisaket_pool()
    scored, leaving, moved = judge("scored"), judge("leaving"), judge("moved")
    members = {
        u.id: committees.add_member(db.session, s.pool, u, CommitteeRole.MEMBER)
        for u in (scored, leaving, moved)
    }
    committees.assign(db.session, s.pool)
    phusing, silalat = s.entries
    db.session.add(Scoresheet(pool_id=s.pool.id, entry_id=phusing.id, judge_id=scored.id))
    committees.remove_member(db.session, members[scored.id])
    committees.remove_member(db.session, members[leaving.id])
    moved.unit = s.geo["phusing"]  # type: ignore[assignment]
    db.session.flush()
    result = committees.assign(db.session, s.pool)
    assert result.removed == 1  # moved's phusing assignment; the removed members' went with them
    assert pairs(s.pool) == {(phusing.id, scored.id), (silalat.id, moved.id)}


def test_entries_that_cannot_get_enough_judges_are_reported(app):
    s = sisaket_pool()
    committees.add_member(db.session, s.pool, judge("insider", s.geo["phusing"]), CommitteeRole.CHAIR)
    committees.add_member(db.session, s.pool, judge("outsider"), CommitteeRole.MEMBER)
    s.pool.judges_per_entry = 2
    result = committees.assign(db.session, s.pool)
    assert [(x.entry, x.judges, x.needed) for x in result.short] == [(s.entries[0], 1, 2)]


def test_recusal_needs_a_reason_and_replacement_refuses_a_conflicted_judge(app):
    s = sisaket_pool()
    first, insider, spare = judge("first"), judge("insider", s.geo["phusing"]), judge("spare")
    committees.add_member(db.session, s.pool, first, CommitteeRole.CHAIR)
    s.pool.judges_per_entry = 1
    committees.assign(db.session, s.pool)
    assignment = db.session.query(Assignment).filter_by(entry_id=s.entries[0].id).one()
    with pytest.raises(CommitteeError) as no_reason:
        committees.recuse(db.session, assignment, "  ")
    assert no_reason.value.code == "reason_required" and assignment.recused_at is None
    committees.recuse(db.session, assignment, "เป็นญาติกับเจ้าของผลงาน")
    assert assignment.recused_at is not None and assignment.recusal_reason == "เป็นญาติกับเจ้าของผลงาน"
    committees.add_member(db.session, s.pool, insider, CommitteeRole.MEMBER)
    committees.add_member(db.session, s.pool, spare, CommitteeRole.MEMBER)
    with pytest.raises(CommitteeError) as conflicted:
        committees.replace(db.session, assignment, insider)
    assert conflicted.value.code == "conflict"
    replacement = committees.replace(db.session, assignment, spare)
    assert (replacement.entry_id, replacement.judge_id) == (s.entries[0].id, spare.id)
