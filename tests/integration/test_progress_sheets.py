"""A sheet's history and reopening it, for organizers; the chair's sign-off of the pool."""

from __future__ import annotations

import re

from app.extensions import db
from app.models import PoolSignoff, Scoresheet, SheetEvent
from app.models.base import utcnow
from app.services import scoresheets as sheets
from app.services.scoresheets import SheetInput
from judging import SheetState
from tests.integration import factories
from tests.integration.factories import Role
from tests.integration.scoring_factories import judged_pool
from tests.integration.test_progress_pages import organizer, signed_in, submit


def _history_setting():
    judged = judged_pool(judges=1)
    judge = judged.judges[0]
    sheet = sheets.sheet_for(db.session, judged.pool, judged.entries[0], judge)
    sheets.save(
        db.session,
        sheet,
        SheetInput({"process": "30", "tools": "20"}),
        seen_version=1,
        user=judge,
        now=utcnow(),
    )
    sheets.save(
        db.session,
        sheet,
        SheetInput({"process": "32", "tools": "20", "results": "25"}, {"tools": "ครบถ้วน"}),
        seen_version=2,
        user=judge,
        now=utcnow(),
        submit=True,
    )
    organizer()
    db.session.commit()
    return judged, sheet


def test_the_history_shows_who_did_what_and_only_the_values_that_changed(app, browser):
    _judged, sheet = _history_setting()
    html = signed_in(browser).get(f"/organize/committees/sheets/{sheet.id}").get_data(as_text=True)
    events = re.findall(r'<li data-action="(\w+)">(.*?)</li>\s*(?=<li data-action|</ol>)', html, re.S)
    assert [action for action, _body in events] == ["save", "submit"]
    submitted = events[1][1]
    assert "ผู้ใช้ judge1" in submitted and str(utcnow().year) in submitted  # English dates for this organizer
    changes = re.findall(r'<span class="old">(.*?)</span> →\s*<span class="new">(.*?)</span>', submitted)
    assert ("30", "32") in changes and ("—", "25") in changes and ("—", "ครบถ้วน") in changes
    assert ("20", "20") not in changes  # an unchanged score is not listed
    assert len(changes) == 3


def test_reopening_needs_a_reason_and_then_lets_the_judge_edit_again(app, browser):
    _judged, sheet = _history_setting()
    url = f"/organize/committees/sheets/{sheet.id}"
    signed_in(browser)
    refused = browser.post_form(f"{url}/reopen", {"reason": "   "}, page=url)
    assert refused.status_code == 422
    assert db.session.get(Scoresheet, sheet.id).state is SheetState.SUBMITTED
    reopened = browser.post_form(f"{url}/reopen", {"reason": "คะแนนเกณฑ์ที่ 1 พิมพ์ผิด"}, page=url)
    assert reopened.status_code == 302
    stored = db.session.get(Scoresheet, sheet.id)
    assert stored.state is SheetState.DRAFT and stored.reopened
    event = db.session.query(SheetEvent).filter_by(action="reopen").one()
    assert event.reason == "คะแนนเกณฑ์ที่ 1 พิมพ์ผิด"
    html = browser.get(url).get_data(as_text=True)
    assert "คะแนนเกณฑ์ที่ 1 พิมพ์ผิด" in html and 'data-action="reopen"' in html


def test_reopening_a_draft_is_refused_with_a_message_and_the_typed_reason_kept(app, browser):
    judged = judged_pool(judges=1)
    sheet = sheets.sheet_for(db.session, judged.pool, judged.entries[0], judged.judges[0])
    organizer()
    db.session.commit()
    url = f"/organize/committees/sheets/{sheet.id}"
    signed_in(browser)
    refused = browser.post_form(f"{url}/reopen", {"reason": "ขอแก้คะแนน"}, page=url)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "has not been submitted" in html
    assert db.session.query(SheetEvent).count() == 0


def test_a_sheet_of_another_province_is_not_shown(app, browser):
    _judged, sheet = _history_setting()
    surin = db.session.scalars(db.select(factories.Province).where(factories.Province.code == "32")).one()
    organizer("surin", province=surin)
    db.session.commit()
    assert signed_in(browser, "surin").get(f"/organize/committees/sheets/{sheet.id}").status_code == 404


def _signoff_url(pool) -> str:
    return f"/organize/committees/pools/{pool.id}/signoff"


def test_only_the_chair_may_sign_off_not_an_organizer_nor_another_judge(app, browser):
    judged = judged_pool(judges=1)
    organizer()
    db.session.commit()
    url = _signoff_url(judged.pool)
    for username in ("org", "judge1"):
        signed_in(browser, username)
        assert browser.get(url).status_code == 403
        assert browser.post_form(url, {}, page="/").status_code == 403
        browser.logout()
    assert db.session.query(PoolSignoff).count() == 0
    signed_in(browser, "chair")
    assert browser.get(url).status_code == 200
    assert browser.get(f"/organize/committees/pools/{judged.pool.id}").status_code == 403


def test_the_chair_is_refused_while_sheets_are_outstanding_and_sees_which(app, browser):
    judged = judged_pool(judges=1)
    first, second = judged.entries
    submit(judged.pool, first, judged.chair)
    submit(judged.pool, second, judged.chair)
    submit(judged.pool, first, judged.judges[0])
    db.session.commit()
    signed_in(browser, "chair")
    refused = browser.post_form(_signoff_url(judged.pool), {})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422
    missing = re.search(r'<ul class="missing-sheets">(.*?)</ul>', html, re.S).group(1)
    assert "ผลงานศิลาลาด × ผู้ใช้ judge1" in missing and "ผลงานภูสิงห์" not in missing
    assert db.session.query(PoolSignoff).count() == 0


def test_the_chair_signs_off_a_complete_pool_and_its_sheets_become_signed(app, browser):
    judged = judged_pool(judges=1)
    for entry in judged.entries:
        for judge in (judged.chair, judged.judges[0]):
            submit(judged.pool, entry, judge)
    db.session.commit()
    signed_in(browser, "chair")
    assert browser.post_form(_signoff_url(judged.pool), {}).status_code == 302
    signoff = db.session.query(PoolSignoff).one()
    assert signoff.signed_by_id == judged.chair.id
    assert {s.state for s in db.session.query(Scoresheet)} == {SheetState.SIGNED}
    again = browser.post_form(_signoff_url(judged.pool), {}, follow_redirects=True)
    assert db.session.query(PoolSignoff).count() == 1 and again.status_code == 200


def test_a_signed_in_judge_who_chairs_nothing_and_a_missing_pool(app, browser):
    judged = judged_pool(judges=1)
    factories.user(Role.JUDGE, username="outsider")
    db.session.commit()
    signed_in(browser, "outsider")
    assert browser.get(_signoff_url(judged.pool)).status_code == 403
    assert browser.get("/organize/committees/pools/999999/signoff").status_code == 404
