"""The steps on the results page: the committee's tie decision, the chair's approval (and what it moved),
the organizer's publication and correction, the versions, and refusals that store nothing."""

from __future__ import annotations

from html import unescape

import sqlalchemy as sa

from app.extensions import db
from app.models import (
    Advancement,
    Assignment,
    CommitteeMember,
    CommitteeRole,
    PoolResult,
    ResultState,
    TieDecision,
)
from app.models.base import utcnow
from app.services import publication
from tests.integration import factories
from tests.integration.factories import Role
from tests.integration.result_factories import scored_pool
from tests.integration.test_results_core import TIED
from tests.integration.test_results_pages import entry_row, signed_in, url


def text(response) -> str:
    return unescape(response.get_data(as_text=True))


def count(model: type) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def tie_data(first: int, second: int, reason: str, positions: tuple[str, str] = ("1", "2")) -> dict[str, str]:
    key = ",".join(str(i) for i in sorted((first, second)))
    return {
        "tie": key,
        f"position_{first}": positions[0],
        f"position_{second}": positions[1],
        "reason": reason,
    }


def test_a_tie_is_settled_by_the_chair_with_a_reason_and_the_decision_is_listed(app, browser):
    scored = scored_pool(TIED)
    phusing, silalat = scored.entries[0].id, scored.entries[1].id
    signed_in(browser, scored.chair)
    page = url(scored.pool)
    html = browser.get(page).get_data(as_text=True)
    assert "Tie not settled" in entry_row(html, phusing)
    assert "Tied at rank 1:" in html and f'name="position_{phusing}"' in html
    assert "This tie crosses a place boundary: the tied positions carry Winner, Runner-up 1." in html
    assert "Tied entries whose order the committee has not decided yet:" in html

    missing = browser.post_form(f"{page}/ties", tie_data(silalat, phusing, "  "), page=page)
    assert missing.status_code == 422
    assert "Give the committee's reason for this order." in text(missing)
    same = browser.post_form(f"{page}/ties", tie_data(silalat, phusing, "เหตุผล", ("1", "1")), page=page)
    assert same.status_code == 422 and "Give each entry a different position." in same.get_data(as_text=True)
    too_long = browser.post_form(f"{page}/ties", tie_data(silalat, phusing, "ก" * 2001), page=page)
    assert too_long.status_code == 422
    assert count(TieDecision) == 0

    reason = "ผลงานศิลาลาดนำไปใช้ได้กว้างกว่า"
    done = browser.post_form(f"{page}/ties", tie_data(silalat, phusing, reason), page=page)
    assert done.status_code == 302
    decision = db.session.scalar(sa.select(TieDecision))
    assert decision.order == [silalat, phusing] and decision.decided_by_id == scored.chair.id
    html = text(browser.get(page))
    assert "The committee's decision is recorded." in html
    assert "ผลงานศิลาลาด › ผลงานภูสิงห์" in html and "Reason: ผลงานศิลาลาดนำไปใช้ได้กว้างกว่า" in html
    assert f"Recorded by {scored.chair.full_name}" in html
    row = entry_row(html, silalat)
    assert "Winner" in row and "Order decided by the committee" in row
    assert "Tied at rank" not in html


def test_a_committee_member_may_not_decide_a_tie_and_a_stale_tie_is_refused(app, browser):
    scored = scored_pool(TIED)
    phusing, silalat = scored.entries[0].id, scored.entries[1].id
    signed_in(browser, scored.judges[0])
    page = url(scored.pool)
    assert f'name="position_{phusing}"' not in browser.get(page).get_data(as_text=True)
    refused = browser.post_form(f"{page}/ties", tie_data(silalat, phusing, "เหตุผล"), page=page)
    assert refused.status_code == 403
    browser.logout()
    signed_in(browser, scored.organizer)
    stale = tie_data(silalat, scored.entries[2].id, "เหตุผล")
    response = browser.post_form(f"{page}/ties", stale, page=page)
    assert response.status_code == 409 and "These entries are not tied (any more)." in text(response)
    assert count(TieDecision) == 0


def test_the_chair_approves_and_the_winner_moves_to_the_region_pool(app, browser):
    scored = scored_pool()
    signed_in(browser, scored.chair)
    page = url(scored.pool)
    response = browser.post_form(f"{page}/approve", {}, page=page)
    assert response.status_code == 302
    html = browser.get(page).get_data(as_text=True)
    assert "The result is approved (version 1)." in html
    assert "สพอ.ภูสิงห์ moved to the เขตตรวจราชการที่ 14 pool." in html
    assert "Approved</span>" in html and "Only the organizers and the committee can see it." in html
    moved = db.session.scalar(sa.select(Advancement))
    assert moved.entry_id == scored.entries[0].id
    again = browser.post_form(f"{page}/approve", {}, page=page)
    assert again.status_code == 409 and "The result is already approved." in again.get_data(as_text=True)
    assert count(PoolResult) == 1 and count(Advancement) == 1


def test_approval_says_when_the_next_level_is_not_open_yet(app, browser):
    scored = scored_pool(open_region=False)
    signed_in(browser, scored.chair)
    page = url(scored.pool)
    browser.post_form(f"{page}/approve", {}, page=page)
    assert "The next level's round is not open yet, so no entry has moved up." in text(browser.get(page))


def test_only_the_chair_approves(app, browser):
    scored = scored_pool()
    page = url(scored.pool)
    for user in (scored.judges[0], scored.organizer):
        signed_in(browser, user)
        assert browser.post_form(f"{page}/approve", {}, page=page).status_code == 403
        browser.logout()
    assert count(PoolResult) == 0


def test_approval_is_refused_while_unsigned_with_everything_that_is_missing(app, browser):
    scored = scored_pool(sign=False)
    late = factories.user(Role.JUDGE, username="judge3", full_name="กรรมการสาม")
    db.session.add(CommitteeMember(pool_id=scored.pool.id, user_id=late.id, role=CommitteeRole.MEMBER))
    db.session.add(Assignment(pool_id=scored.pool.id, entry_id=scored.entries[3].id, judge_id=late.id))
    signed_in(browser, scored.chair)
    page = url(scored.pool)
    response = browser.post_form(f"{page}/approve", {}, page=page)
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "The result cannot be approved yet. What is missing:" in html
    assert "<li>ผลงานเบญจลักษ์ – กรรมการสาม</li>" in html
    assert "The chair has not signed the pool off yet." in html
    assert count(PoolResult) == 0 and count(Advancement) == 0


def test_publishing_is_for_organizers_and_twice_is_refused(app, browser):
    scored = scored_pool()
    page = url(scored.pool)
    signed_in(browser, scored.organizer)
    early = browser.post_form(f"{page}/publish", {}, page=page)
    assert early.status_code == 409 and "There is no approved result to publish yet" in text(early)
    result, _ = publication.approve(db.session, scored.pool, chair=scored.chair, now=utcnow())
    db.session.commit()
    html = browser.get(page).get_data(as_text=True)
    assert "Will be published automatically at" in html and "Publish now" in html
    assert browser.post_form(f"{page}/publish", {}, page=page).status_code == 302
    db.session.refresh(result)
    assert result.state is ResultState.PUBLISHED and result.published_by_id == scored.organizer.id
    twice = browser.post_form(f"{page}/publish", {}, page=page)
    assert twice.status_code == 409
    assert "This result is already published. To change it, make a correction" in twice.get_data(as_text=True)
    html = browser.get(page).get_data(as_text=True)
    assert "Published</span>" in html and "Version 1, published on" in html
    browser.logout()
    signed_in(browser, scored.chair)
    assert browser.post_form(f"{page}/publish", {}, page=page).status_code == 403


def test_a_correction_needs_a_reason_and_makes_a_new_version_with_its_changes(app, browser):
    scored = scored_pool()
    now = utcnow()
    result, _ = publication.approve(db.session, scored.pool, chair=scored.chair, now=now)
    publication.publish(db.session, result, user=scored.organizer, now=now)
    scored.entries[2].title = "ผลงานพยุห์ (ชื่อที่ถูกต้อง)"
    page = url(scored.pool)
    signed_in(browser, scored.organizer)
    bare = browser.post_form(f"{page}/correct", {"correction_reason": " "}, page=page)
    assert bare.status_code == 422 and "Give the reason for the correction." in bare.get_data(as_text=True)
    assert count(PoolResult) == 1
    done = browser.post_form(f"{page}/correct", {"correction_reason": "แก้ชื่อผลงานให้ตรงกับที่ส่ง"}, page=page)
    assert done.status_code == 302
    html = browser.get(page).get_data(as_text=True)
    assert "Version 2 is published with the correction." in html and "Version 2, published on" in html
    assert f'href="/organize/results/pools/{scored.pool.id}/versions/1"' in html
    assert "replaced by a correction" in html
    first = browser.get(f"{page}/versions/1").get_data(as_text=True)
    assert "Replaced</span>" in first and "ผลงานพยุห์</th>" in first
    second = browser.get(f"{page}/versions/2").get_data(as_text=True)
    assert "Why this version:</strong> แก้ชื่อผลงานให้ตรงกับที่ส่ง" in second
    assert '<span class="old">ผลงานพยุห์</span> → <span class="new">ผลงานพยุห์ (ชื่อที่ถูกต้อง)</span>' in second
    assert browser.get(f"{page}/versions/3").status_code == 404
    browser.logout()
    signed_in(browser, scored.judges[0])
    assert browser.get(f"{page}/versions/1").status_code == 403
    assert browser.post_form(f"{page}/correct", {"correction_reason": "x"}, page=page).status_code == 403


def test_posts_without_a_csrf_token_are_refused(app, browser):
    scored = scored_pool(TIED)
    signed_in(browser, scored.chair)
    page = url(scored.pool)
    for action in ("approve", "publish", "correct", "ties"):
        assert browser.client.post(f"{page}/{action}", data={"reason": "x"}).status_code == 400
    assert count(PoolResult) == 0 and count(TieDecision) == 0
