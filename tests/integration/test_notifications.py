"""In-app notifications: the notices that submitting, reopening, publishing and advancing add (to whom, and
to no one else), the bell's unread count, the reader's list, and marking notices read (own ones only, with
CSRF)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.i18n import thai_datetime
from app.models import Notification, Pool, Role, Unit, User
from app.models.base import utcnow
from app.notifications import notify
from app.services import entries as entry_service
from app.services import publication
from app.services import scoresheets as sheets
from app.services.scoresheets import SheetInput
from tests.integration import contest_factories as cf
from tests.integration import factories
from tests.integration.conftest import csrf_token
from tests.integration.result_factories import scored_pool
from tests.integration.scoring_factories import judged_pool

BADGE = re.compile(r'<span class="bell-count" aria-hidden="true">([^<]+)</span>')


def notices(user: User | None = None, kind: str | None = None) -> list[Notification]:
    db.session.expire_all()
    query = sa.select(Notification).order_by(Notification.user_id, Notification.id)
    if user is not None:
        query = query.where(Notification.user_id == user.id)
    if kind is not None:
        query = query.where(Notification.kind == kind)
    return list(db.session.scalars(query))


def recipients(kind: str) -> list[int]:
    return [n.user_id for n in notices(kind=kind)]


def content(title: str = "ชุมชนเข้มแข็งด้วยการจัดการความรู้") -> entry_service.EntryContent:
    return entry_service.EntryContent(
        title=title,
        summary="สรุป",
        body="เนื้อเรื่อง",
        authors=(entry_service.Author("นายเล่า เรื่องดี", "นักพัฒนา"),),
    )


# ---- Hooks -------------------------------------------------------------------------------------------


@pytest.fixture
def entrants_world(app):
    geo = factories.small_geography()
    challenge = cf.km_challenge()
    people = {
        "phusing": factories.user(Role.COORDINATOR, username="phusing", unit=geo["phusing"]),
        "phusing2": factories.user(Role.COORDINATOR, username="phusing2", unit=geo["phusing"]),
        "retired": factories.user(Role.COORDINATOR, username="retired", unit=geo["phusing"], active=False),
        "silalat": factories.user(Role.COORDINATOR, username="silalat", unit=geo["silalat"]),
        "officer": factories.user(Role.OFFICER, username="officer", unit=geo["phusing"]),
        "organizer": factories.user(Role.ORGANIZER, username="org", province_id=geo["sisaket"].id),
    }
    db.session.commit()
    return geo, challenge, people


def test_a_submitted_unit_entry_tells_the_units_active_coordinators_and_no_one_else(entrants_world, browser):
    geo, challenge, people = entrants_world
    entry = entry_service.create_entry(
        db.session,
        category=challenge.district,
        unit=geo["phusing"],
        user=people["phusing"],
        content=content(),
        now=utcnow(),
    )
    db.session.commit()
    assert notices() == []  # a draft is no news

    assert browser.login("phusing", factories.PASSWORD).status_code == 302
    page = f"/entries/{entry.id}"
    assert browser.post_form(f"{page}/submit", {"version": "1"}, page=page).status_code == 302

    received = notices(kind="entry_received")
    assert [n.user_id for n in received] == [people["phusing"].id, people["phusing2"].id]
    assert all(n.params == {"title": entry.title} and n.link == page for n in received)
    assert all(n.read_at is None for n in received)
    # A double click changes nothing, so it tells no one twice.
    token = csrf_token(browser.get(page).get_data(as_text=True))
    browser.client.post(f"{page}/submit", data={"version": "2", "csrf_token": token})
    assert len(notices()) == 2


def test_an_officers_story_tells_the_officer_only(entrants_world):
    geo, challenge, people = entrants_world
    story = entry_service.create_entry(
        db.session,
        category=challenge.storytelling,
        unit=geo["phusing"],
        user=people["officer"],
        content=content("เรื่องเล่าเร้าพลัง"),
        now=utcnow(),
        submit=True,
    )
    db.session.commit()
    (only,) = notices()
    assert only.user_id == people["officer"].id and only.kind == "entry_received"
    assert only.params == {"title": "เรื่องเล่าเร้าพลัง"} and only.link == f"/entries/{story.id}"


def test_a_refused_submission_leaves_no_notice(entrants_world):
    geo, challenge, people = entrants_world
    entry = entry_service.create_entry(
        db.session,
        category=challenge.district,
        unit=geo["phusing"],
        user=people["phusing"],
        content=content(),
        now=utcnow(),
    )
    db.session.commit()
    cf.close_submissions(challenge.first_round(challenge.district))
    with pytest.raises(entry_service.EntryError):
        entry_service.submit_entry(db.session, entry, version=entry.version, now=utcnow())
    db.session.rollback()
    assert notices() == []


def test_a_reopened_sheet_tells_its_judge_the_title_and_the_reason_even_in_a_blind_round(app):
    judged = judged_pool()
    judged.round.blind = True
    judge, entry = judged.judges[0], judged.entries[0]
    sheet = sheets.sheet_for(db.session, judged.pool, entry, judge)
    full = {"process": "35", "tools": "25", "results": "27"}
    sheets.save(db.session, sheet, SheetInput(full), seen_version=1, user=judge, now=utcnow(), submit=True)
    sheets.reopen(db.session, sheet, user=judged.chair, reason="  คะแนนเกณฑ์ที่ 2 พิมพ์ผิด ", now=utcnow())
    db.session.commit()
    (only,) = notices()
    assert only.user_id == judge.id and only.kind == "sheet_reopened"
    assert only.params == {"title": "ผลงานภูสิงห์", "reason": "คะแนนเกณฑ์ที่ 2 พิมพ์ผิด"}  # no unit named
    assert only.link == f"/judge/pools/{judged.pool.id}/entries/{entry.id}"


def test_a_refused_reopening_tells_no_one(app):
    judged = judged_pool()
    sheet = sheets.sheet_for(db.session, judged.pool, judged.entries[0], judged.judges[0])
    with pytest.raises(sheets.ScoringError):
        sheets.reopen(db.session, sheet, user=judged.chair, reason="ยังไม่ได้ส่ง", now=utcnow())
    assert notices() == []


@pytest.fixture
def scored(app):
    found = scored_pool()
    geo_units = [entry.unit for entry in found.entries]
    surin_office = db.session.scalar(sa.select(Unit).where(Unit.code == "CDD-3201"))  # in no entry
    people = {
        "winner": factories.user(Role.COORDINATOR, username="winner", unit=geo_units[0]),
        "winner_en": factories.user(Role.COORDINATOR, username="winner_en", unit=geo_units[0]),
        "second": factories.user(Role.COORDINATOR, username="second", unit=geo_units[1]),
        "surin": factories.user(Role.COORDINATOR, username="surin", unit=surin_office),
    }
    people["winner_en"].locale = "en"
    db.session.flush()
    return found, people


def test_approval_tells_the_winners_entrants_it_advanced_and_only_once(scored):
    found, people = scored
    result, advanced = publication.approve(db.session, found.pool, chair=found.chair, now=utcnow())
    db.session.commit()
    region_pool = db.session.scalar(sa.select(Pool).where(Pool.round_id == found.region_round.id))
    winner = found.entries[0]
    assert [a.entry_id for a in advanced.moved] == [winner.id]
    moved = notices(kind="entry_advanced")
    assert [n.user_id for n in moved] == [people["winner"].id, people["winner_en"].id]
    category = found.round.category
    thai, english = moved
    assert thai.params == {"title": "ผลงานภูสิงห์", "pool": f"{category.name_th} {region_pool.region.name_th}"}
    assert english.params["pool"] == f"{category.name_en}, Inspection Region 14"
    assert thai.link == f"/entries/{winner.id}"
    assert thai.dedupe_key == f"advanced:{winner.id}:{region_pool.id}:{people['winner'].id}"
    # Advancing again (a correction re-runs it) moves nothing and tells no one again.
    publication.publish(db.session, result, user=found.organizer, now=utcnow())
    publication.correct(db.session, found.pool, user=found.organizer, reason="แก้ชื่อ", now=utcnow())
    db.session.commit()
    assert len(notices(kind="entry_advanced")) == 2
    assert recipients("result_published").count(people["winner"].id) == 2  # version 1, then the correction


def test_publication_tells_the_entrants_of_every_entry_in_the_standings_and_no_one_else(scored):
    found, people = scored
    result, _ = publication.approve(db.session, found.pool, chair=found.chair, now=utcnow())
    db.session.commit()
    assert notices(kind="result_published") == []  # approval is not publication
    publication.publish(db.session, result, user=found.organizer, now=utcnow())
    db.session.commit()
    published = notices(kind="result_published")
    assert [n.user_id for n in published] == [
        people["winner"].id,
        people["winner_en"].id,
        people["second"].id,
    ]
    assert all(n.link == f"/results/pools/{found.pool.id}" for n in published)
    assert published[0].params == {"pool": f"{found.round.category.name_th} จังหวัดศรีสะเกษ"}
    assert published[1].params == {"pool": f"{found.round.category.name_en}, Si Sa Ket Province"}
    assert published[0].dedupe_key == f"published:{result.id}:{people['winner'].id}"
    for user in (found.chair, *found.judges, found.organizer, people["surin"]):
        assert notices(user, "result_published") == []


def test_publication_at_the_announcement_time_tells_the_entrants_too(scored):
    found, people = scored
    publication.approve(db.session, found.pool, chair=found.chair, now=utcnow())
    publication.publish_due(db.session, found.round.announce_at)
    db.session.commit()
    assert sorted(recipients("result_published")) == sorted(
        [people["winner"].id, people["winner_en"].id, people["second"].id]
    )


# ---- Pages -------------------------------------------------------------------------------------------


@pytest.fixture
def reader(app):
    reader = factories.user(Role.JUDGE, username="reader")
    reader.locale = "en"
    other = factories.user(Role.JUDGE, username="other")
    db.session.commit()
    return reader, other


def sign_in(browser, user: User) -> None:
    assert browser.login(user.username, factories.PASSWORD).status_code == 302


def add_notices(user: User, n: int, *, start=None) -> list[Notification]:
    start = start or utcnow() - timedelta(days=1)
    added = []
    for i in range(n):
        notice = notify(db.session, user.id, "entry_received", link=f"/entries/{i + 1}", title=f"Entry {i}")
        assert notice is not None
        notice.created_at = start + timedelta(minutes=i)
        added.append(notice)
    db.session.commit()
    return added


def badge(html: str) -> str | None:
    found = BADGE.search(html)
    return found.group(1) if found else None


def test_the_bell_shows_the_unread_count_and_it_goes_down_as_notices_are_read(reader, browser):
    me, other = reader
    mine = add_notices(me, 3)
    add_notices(other, 2)
    sign_in(browser, me)
    html = browser.get("/").get_data(as_text=True)
    assert badge(html) == "3" and 'aria-label="Notifications (3 unread)"' in html

    response = browser.post_form(f"/notifications/{mine[0].id}/read", {}, page="/notifications")
    assert response.status_code == 302 and response.headers["Location"] == "/entries/1"
    html = browser.get("/contests/").get_data(as_text=True)
    assert badge(html) == "2" and 'aria-label="Notifications (2 unread)"' in html

    response = browser.post_form("/notifications/read-all", {"next": "/notifications"}, page="/notifications")
    assert response.status_code == 302 and response.headers["Location"] == "/notifications"
    html = browser.get("/").get_data(as_text=True)
    assert badge(html) is None and 'aria-label="Notifications"' in html
    assert all(n.read_at is not None for n in notices(me))
    assert all(n.read_at is None for n in notices(other))  # read-all is the reader's own only


def statements_during(request) -> list[str]:
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        seen.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        request()
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
    return seen


def test_no_bell_and_no_list_without_signing_in(reader, client):
    pages: list[str] = []
    ran = statements_during(lambda: pages.append(client.get("/").get_data(as_text=True)))
    assert 'class="bell' not in pages[0] and "/notifications" not in pages[0]
    assert not any("notification" in statement for statement in ran)  # no count for a visitor
    response = client.get("/notifications")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_list_shows_the_readers_notices_newest_first_with_sentence_date_and_link(reader, browser):
    me, other = reader
    start = utcnow() - timedelta(days=2)
    older, newer = add_notices(me, 2, start=start)
    notify(db.session, me.id, "sheet_reopened", title="Story", reason="typo")  # no link
    add_notices(other, 1)
    db.session.commit()
    older.read_at = utcnow()
    db.session.commit()
    sign_in(browser, me)
    html = browser.get("/notifications").get_data(as_text=True)
    assert "Your score sheet for “Story” was reopened: typo" in html
    assert html.index("Entry 1") < html.index("Entry 0")  # newest first
    assert (
        f'<time datetime="{older.created_at.isoformat()}">{thai_datetime(older.created_at, "en")}</time>'
        in html
    )
    assert 'href="/entries/1"' in html  # a read notice links straight to its page
    assert f'action="/notifications/{newer.id}/read"' in html  # an unread one is opened through "read"
    assert f'action="/notifications/{older.id}/read"' not in html
    assert html.count('class="card notice unread"') == 2
    assert html.count('class="card notice"') == 1
    assert "Entry 0" in html and html.count("Your entry “Entry") == 2  # not the other user's


def test_a_notice_without_a_link_goes_back_to_the_list_once_read(reader, browser):
    me, _ = reader
    notice = notify(db.session, me.id, "sheet_reopened", title="Story", reason="typo")
    db.session.commit()
    sign_in(browser, me)
    response = browser.post_form(f"/notifications/{notice.id}/read", {"next": "/notifications?page=1"})
    assert response.status_code == 302 and response.headers["Location"] == "/notifications?page=1"
    assert notices(me)[0].read_at is not None
    evil = browser.post_form(f"/notifications/{notice.id}/read", {"next": "https://evil.example/"})
    assert evil.headers["Location"] == "/notifications"


def test_the_list_has_fifty_notices_a_page(reader, browser):
    me, _ = reader
    add_notices(me, 60)
    sign_in(browser, me)
    first = browser.get("/notifications").get_data(as_text=True)
    second = browser.get("/notifications?page=2").get_data(as_text=True)
    assert first.count('class="card notice') == 50 and second.count('class="card notice') == 10
    assert "Entry 59" in first and "Entry 9<" not in first.replace("”", "<") and "Entry 9" in second
    assert badge(first) == "60" and "60 unread" in first


def test_another_users_notice_is_a_404_and_stays_unread(reader, browser):
    me, other = reader
    (theirs,) = add_notices(other, 1)
    sign_in(browser, me)
    response = browser.post_form(f"/notifications/{theirs.id}/read", {}, page="/notifications")
    assert response.status_code == 404
    assert browser.post_form("/notifications/999999/read", {}, page="/notifications").status_code == 404
    assert notices(other)[0].read_at is None


def test_marking_read_without_the_csrf_token_is_refused(reader, browser):
    me, _ = reader
    (mine,) = add_notices(me, 1)
    sign_in(browser, me)
    assert browser.client.post(f"/notifications/{mine.id}/read").status_code == 400
    assert browser.client.post("/notifications/read-all").status_code == 400
    assert notices(me)[0].read_at is None


def test_a_signed_in_page_counts_the_unread_notices_in_one_query(reader, browser):
    me, _ = reader
    add_notices(me, 2)
    sign_in(browser, me)
    ran = statements_during(lambda: browser.get("/"))
    assert len([statement for statement in ran if "notification" in statement]) == 1


def test_the_list_runs_the_same_few_queries_for_3_or_60_notices(reader, browser, count_queries):
    me, _ = reader
    sign_in(browser, me)
    add_notices(me, 3)
    browser.get("/notifications")  # warm up
    with count_queries() as few:
        assert browser.get("/notifications").status_code == 200
    add_notices(me, 57)
    with count_queries() as many:
        html = browser.get("/notifications").get_data(as_text=True)
    assert html.count('class="card notice') == 50
    assert many.count == few.count <= 6
