"""A judge recuses from an entry on its page, with a reason; and the home page's links for a chair."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from app.extensions import db
from app.models import Assignment, PoolSignoff, Scoresheet
from app.models.base import utcnow
from judging import SheetState
from tests.integration.factories import PASSWORD
from tests.integration.scoring_factories import judged_pool


def signed_in(browser, user):
    user.locale = "en"
    db.session.commit()
    browser.login(user.username, PASSWORD)


def assignment_of(judge, entry):
    return db.session.scalars(
        sa.select(Assignment).where(Assignment.judge_id == judge.id, Assignment.entry_id == entry.id)
    ).one()


def url(judged, entry=0):
    return f"/judge/pools/{judged.pool.id}/entries/{judged.entries[entry].id}"


def test_a_judge_recuses_with_a_reason_and_the_entry_leaves_their_list(app, browser):
    judged = judged_pool()
    judge = judged.judges[0]
    signed_in(browser, judge)
    assert "I should not score this entry" in browser.get(url(judged)).get_data(as_text=True)
    response = browser.post_form(
        url(judged) + "/recusal", {"reason": "เคยเป็นพี่เลี้ยงของสำนักงานนี้"}, page=url(judged)
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/judge/")
    db.session.expire_all()
    assignment = assignment_of(judge, judged.entries[0])
    assert assignment.recused_at is not None and assignment.recusal_reason == "เคยเป็นพี่เลี้ยงของสำนักงานนี้"
    home = browser.get("/judge/").get_data(as_text=True)
    assert "0 of 1 submitted" in home and "ผลงานภูสิงห์" not in home.split("Still to score")[1]
    page = browser.get(url(judged)).get_data(as_text=True)
    assert "You have recused yourself" in page and 'name="score_' not in page


def test_a_recusal_without_a_reason_is_refused_and_nothing_is_recorded(app, browser):
    judged = judged_pool()
    judge = judged.judges[0]
    signed_in(browser, judge)
    response = browser.post_form(url(judged) + "/recusal", {"reason": "   "}, page=url(judged))
    assert response.status_code == 400
    assert "Give the reason for the recusal." in response.get_data(as_text=True)
    db.session.expire_all()
    assert assignment_of(judge, judged.entries[0]).recused_at is None


def test_a_recusal_without_the_csrf_token_is_refused(app, browser):
    judged = judged_pool()
    judge = judged.judges[0]
    signed_in(browser, judge)
    response = browser.client.post(url(judged) + "/recusal", data={"reason": "ขัดกันแห่งผลประโยชน์"})
    assert response.status_code == 400
    db.session.expire_all()
    assert assignment_of(judge, judged.entries[0]).recused_at is None


def test_a_recusal_after_judging_closed_is_refused_with_409(app, browser):
    judged = judged_pool()
    judge = judged.judges[0]
    signed_in(browser, judge)
    page = url(judged)
    browser.get(page)
    judged.round.judging_close_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    response = browser.post_form(page + "/recusal", {"reason": "ขัดกันแห่งผลประโยชน์"}, page=page)
    assert response.status_code == 409
    assert "ask the organizers to record a recusal" in response.get_data(as_text=True)
    db.session.expire_all()
    assert assignment_of(judge, judged.entries[0]).recused_at is None


def test_a_judge_cannot_recuse_from_an_entry_they_are_not_assigned(app, browser):
    judged = judged_pool()
    judge = judged.judges[0]
    db.session.delete(assignment_of(judge, judged.entries[1]))
    signed_in(browser, judge)
    response = browser.post_form(url(judged, 1) + "/recusal", {"reason": "ขัดกัน"}, page="/judge/")
    assert response.status_code == 404
    assert db.session.scalar(sa.select(sa.func.count(Scoresheet.id))) == 0


def test_a_signed_off_pool_accepts_no_recusal(app, browser):
    judged = judged_pool()
    judge = judged.judges[0]
    db.session.add(
        Scoresheet(
            pool_id=judged.pool.id, entry_id=judged.entries[0].id, judge_id=judge.id, state=SheetState.SIGNED
        )
    )
    db.session.add(PoolSignoff(pool_id=judged.pool.id, signed_by_id=judged.chair.id))
    signed_in(browser, judge)
    page = url(judged)
    assert "I should not score this entry" not in browser.get(page).get_data(as_text=True)
    response = browser.post_form(page + "/recusal", {"reason": "ขัดกัน"}, page="/judge/")
    assert response.status_code == 409
    db.session.expire_all()
    assert assignment_of(judge, judged.entries[0]).recused_at is None


def test_the_chair_finds_sign_off_and_printing_on_the_home_page_and_a_member_only_printing(app, browser):
    judged = judged_pool()
    signed_in(browser, judged.chair)
    home = browser.get("/judge/").get_data(as_text=True)
    assert f"/committees/pools/{judged.pool.id}/signoff" in home
    assert f"/print/pools/{judged.pool.id}/blank.pdf" in home
    browser.logout()
    signed_in(browser, judged.judges[0])
    home = browser.get("/judge/").get_data(as_text=True)
    assert "/signoff" not in home and f"/print/pools/{judged.pool.id}/blank.pdf" in home
