"""The committee page: who may see it, adding members, assigning, recusal and replacement through forms."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models import Assignment, CommitteeMember, CommitteeRole
from app.services import committees
from tests.integration import factories
from tests.integration.factories import PASSWORD, Role
from tests.integration.test_committees_service import Setting, judge, sisaket_pool


@pytest.fixture
def pool(app) -> Setting:
    setting = sisaket_pool()
    organizer = factories.user(Role.ORGANIZER, username="org", province_id=setting.geo["sisaket"].id)  # type: ignore[attr-defined]
    organizer.locale = "en"  # English source strings, whatever the catalogue holds
    db.session.commit()
    return setting


def url(setting: Setting, tail: str = "") -> str:
    return f"/organize/committees/pools/{setting.pool.id}{tail}"


def signed_in(browser, username: str = "org"):
    assert browser.login(username, PASSWORD).status_code == 302
    return browser


def test_the_page_shows_the_assignments_and_why_a_judge_is_not_assigned(pool, browser):
    insider, outsider = judge("insider", pool.geo["phusing"]), judge("outsider")
    committees.add_member(db.session, pool.pool, insider, CommitteeRole.CHAIR)
    committees.add_member(db.session, pool.pool, outsider, CommitteeRole.SECRETARY)
    db.session.commit()
    signed_in(browser)
    assert browser.post_form(url(pool, "/assign"), {}, page=url(pool)).status_code == 302
    html = browser.get(url(pool)).get_data(as_text=True)
    assert 'class="cell-conflict" data-judge="insider"' in html and "same unit" in html
    assert 'class="cell-assigned" data-judge="insider"' in html
    assert 'data-judge="outsider"' not in html  # the secretary is not in the matrix
    assert "Chair" in html and "Secretary" in html
    assert "Entries lacking judges" in html  # ภูสิงห์'s entry has nobody


def test_an_organizer_adds_a_judge_by_user_name_and_a_second_chair_is_refused(pool, browser):
    judge("first")
    judge("second")
    db.session.commit()
    signed_in(browser)
    added = browser.post_form(url(pool, "/members"), {"username": " First ", "role": "chair"}, page=url(pool))
    assert added.status_code == 302
    refused = browser.post_form(
        url(pool, "/members"), {"username": "second", "role": "chair"}, page=url(pool)
    )
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "already has a chair" in html and 'value="second"' in html
    members = db.session.query(CommitteeMember).all()
    assert [(m.user.username, m.role) for m in members] == [("first", CommitteeRole.CHAIR)]


def test_an_unknown_or_non_judge_user_name_is_refused_keeping_the_input(pool, browser):
    factories.user(username="clerk")
    db.session.commit()
    signed_in(browser)
    refused = browser.post_form(
        url(pool, "/members"), {"username": "clerk", "role": "member"}, page=url(pool)
    )
    assert refused.status_code == 422
    assert "No active account with the judge role" in refused.get_data(as_text=True)
    assert db.session.query(CommitteeMember).count() == 0


def test_judges_per_entry_is_saved_blank_means_everyone_and_zero_is_refused(pool, browser):
    signed_in(browser)
    assert (
        browser.post_form(
            url(pool, "/judges-per-entry"), {"judges_per_entry": "2"}, page=url(pool)
        ).status_code
        == 302
    )
    db.session.refresh(pool.pool)
    assert pool.pool.judges_per_entry == 2
    assert (
        browser.post_form(
            url(pool, "/judges-per-entry"), {"judges_per_entry": "0"}, page=url(pool)
        ).status_code
        == 422
    )
    assert (
        browser.post_form(
            url(pool, "/judges-per-entry"), {"judges_per_entry": ""}, page=url(pool)
        ).status_code
        == 302
    )
    db.session.refresh(pool.pool)
    assert pool.pool.judges_per_entry is None


def test_removing_a_member_takes_away_their_unscored_assignments(pool, browser):
    member = committees.add_member(db.session, pool.pool, judge("leaving"), CommitteeRole.MEMBER)
    committees.assign(db.session, pool.pool)
    db.session.commit()
    signed_in(browser)
    response = browser.post_form(url(pool, f"/members/{member.id}/remove"), {}, page=url(pool))
    assert response.status_code == 302
    assert db.session.query(CommitteeMember).count() == 0 and db.session.query(Assignment).count() == 0


def test_a_recusal_needs_a_reason_and_the_page_shows_it(pool, browser):
    committees.add_member(db.session, pool.pool, judge("first"), CommitteeRole.CHAIR)
    committees.assign(db.session, pool.pool)
    db.session.commit()
    assignment_id = db.session.query(Assignment).filter_by(entry_id=pool.entries[0].id).one().id
    signed_in(browser)
    data = {"recuse_assignment": str(assignment_id), "reason": ""}
    refused = browser.post_form(url(pool, "/recusals"), data, page=url(pool))
    assert refused.status_code == 422 and db.session.get(Assignment, assignment_id).recused_at is None
    data["reason"] = "เคยเป็นที่ปรึกษาของผลงานนี้"
    assert browser.post_form(url(pool, "/recusals"), data, page=url(pool)).status_code == 302
    assert db.session.get(Assignment, assignment_id).recusal_reason == "เคยเป็นที่ปรึกษาของผลงานนี้"
    html = browser.get(url(pool)).get_data(as_text=True)
    assert 'class="cell-recused"' in html and "เคยเป็นที่ปรึกษาของผลงานนี้" in html


def test_a_recused_judge_cannot_be_replaced_by_a_conflicted_one(pool, browser):
    first, insider = judge("first"), judge("insider", pool.geo["phusing"])
    committees.add_member(db.session, pool.pool, first, CommitteeRole.CHAIR)
    committees.assign(db.session, pool.pool)
    committees.add_member(db.session, pool.pool, insider, CommitteeRole.MEMBER)
    assignment = db.session.query(Assignment).filter_by(entry_id=pool.entries[0].id).one()
    committees.recuse(db.session, assignment, "ป่วย")
    db.session.commit()
    signed_in(browser)
    data = {"replace_assignment": str(assignment.id), "new_judge": str(insider.id)}
    refused = browser.post_form(url(pool, "/replacements"), data, page=url(pool))
    assert refused.status_code == 422 and "may not score the entry: same unit" in refused.get_data(
        as_text=True
    )
    assert (
        db.session.query(Assignment).filter_by(judge_id=insider.id, entry_id=pool.entries[0].id).count() == 0
    )


def test_an_organizer_of_another_province_gets_404_and_a_coordinator_403(pool, browser):
    factories.user(Role.ORGANIZER, username="surin", province_id=pool.geo["surin"].id)  # type: ignore[attr-defined]
    factories.user(Role.COORDINATOR, username="coord", unit=pool.geo["phusing"])  # type: ignore[arg-type]
    db.session.commit()
    assert signed_in(browser, "surin").get(url(pool)).status_code == 404
    browser.logout()
    assert signed_in(browser, "coord").get(url(pool)).status_code == 403


def test_a_post_without_the_csrf_token_is_refused(pool, browser, client):
    signed_in(browser)
    assert client.post(url(pool, "/assign")).status_code == 400
    assert db.session.query(Assignment).count() == 0
