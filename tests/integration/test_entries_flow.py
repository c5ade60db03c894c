"""Writing, submitting, editing and withdrawing entries: eligibility, pools, deadlines, stale pages, double
clicks, and who may see what."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.i18n import thai_datetime
from app.models import Entry, EntryState, Role, User
from app.models.base import utcnow
from app.services import entries as service
from tests.integration import contest_factories as cf
from tests.integration import factories
from tests.integration.conftest import csrf_token


@dataclass
class World:
    geo: dict
    challenge: cf.KmChallenge
    people: dict[str, User]

    def category(self, name: str):
        return getattr(self.challenge, name)

    def unit(self, name: str):
        return self.geo[name]


@pytest.fixture
def world(app) -> World:
    geo = factories.small_geography()
    challenge = cf.km_challenge()
    people = {
        "phusing": factories.user(Role.COORDINATOR, username="phusing", unit=geo["phusing"]),
        "silalat": factories.user(Role.COORDINATOR, username="silalat", unit=geo["silalat"]),
        "surin": factories.user(Role.COORDINATOR, username="surin", unit=geo["surin_office"]),
        "officer": factories.user(Role.OFFICER, username="officer", unit=geo["phusing"]),
        "officer2": factories.user(Role.OFFICER, username="officer2", unit=geo["phusing"]),
        "sisaket_organizer": factories.user(
            Role.ORGANIZER, username="sisaket_org", province_id=geo["sisaket"].id
        ),
        "surin_organizer": factories.user(Role.ORGANIZER, username="surin_org", province_id=geo["surin"].id),
    }
    people["officer"].position = "นักวิชาการพัฒนาชุมชนชำนาญการ"
    db.session.commit()
    return World(geo, challenge, people)


def sign_in(browser, world: World, who: str) -> None:
    assert browser.login(world.people[who].username, factories.PASSWORD).status_code == 302


def new_url(world: World, category: str = "district", unit: str = "phusing") -> str:
    return f"/entries/new?category={world.category(category).id}&unit={world.unit(unit).id}"


def entry_data(action: str = "draft", **overrides: str) -> dict[str, str]:
    data = {
        "title": "ชุมชนเข้มแข็งด้วยการจัดการความรู้",
        "summary": "สรุปผลงานของสำนักงาน",
        "body": "ย่อหน้าแรก\n\nย่อหน้าที่สอง",
        "video_url": "",
        "authors-0-full_name": "นางสาวสมใจ ใจดี",
        "authors-0-job_title": "พัฒนาการอำเภอ",
        "action": action,
    }
    return data | overrides


def make_entry(world: World, who: str = "phusing", category: str = "district", unit: str = "phusing", **kw):
    entry = service.create_entry(
        db.session,
        category=world.category(category),
        unit=world.unit(unit),
        user=world.people[who],
        content=service.EntryContent(
            title=kw.get("title", "เรื่องเดิม"),
            summary="สรุป",
            body="เนื้อเรื่อง",
            authors=(service.Author("นายเล่า เรื่องดี", "นักพัฒนา"),),
        ),
        now=utcnow(),
        submit=kw.get("submit", False),
    )
    db.session.commit()
    return entry


def stored(entry_id: int) -> Entry:
    db.session.expire_all()
    return db.session.get(Entry, entry_id)


def entry_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Entry))


def test_a_coordinator_saves_a_draft_for_their_unit_in_the_pool_of_its_province(world, browser):
    sign_in(browser, world, "phusing")
    response = browser.post_form(new_url(world), entry_data())
    entry = db.session.scalars(sa.select(Entry)).one()
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/entries/{entry.id}")
    assert entry.state is EntryState.DRAFT and entry.submitted_at is None
    assert entry.unit_id == world.unit("phusing").id and entry.person_id is None
    assert entry.pool.key == "province:33" and entry.entrant_key == f"unit:{entry.unit_id}"
    assert entry.body_html == "<p>ย่อหน้าแรก</p><p>ย่อหน้าที่สอง</p>"


def test_a_surin_office_goes_into_the_surin_pool(world, browser):
    sign_in(browser, world, "surin")
    browser.post_form(new_url(world, unit="surin_office"), entry_data())
    assert db.session.scalars(sa.select(Entry)).one().pool.key == "province:32"


def test_an_officer_submits_a_story_of_their_own_with_their_name_as_first_author(world, browser):
    sign_in(browser, world, "officer")
    form = browser.get(new_url(world, "storytelling")).get_data(as_text=True)
    assert 'value="ผู้ใช้ officer"' in form and 'value="นักวิชาการพัฒนาชุมชนชำนาญการ"' in form
    data = entry_data("submit") | {"authors-0-full_name": "ผู้ใช้ officer", "authors-0-job_title": "นักวิชาการ"}
    response = browser.post_form(new_url(world, "storytelling"), data)
    entry = db.session.scalars(sa.select(Entry)).one()
    assert response.status_code == 302
    assert entry.state is EntryState.SUBMITTED and entry.submitted_at is not None
    assert entry.person_id == world.people["officer"].id
    assert entry.entrant_key == f"person:{entry.person_id}" and entry.pool.key == "province:33"
    assert [(a.full_name, a.job_title) for a in entry.authors] == [("ผู้ใช้ officer", "นักวิชาการ")]


def test_saving_and_submitting_an_incomplete_entry_keeps_the_draft_and_names_what_is_missing(world, browser):
    sign_in(browser, world, "phusing")
    response = browser.post_form(new_url(world), entry_data("submit", summary="", body=""))
    entry = db.session.scalars(sa.select(Entry)).one()
    assert entry.state is EntryState.DRAFT
    page = browser.get(response.headers["Location"]).get_data(as_text=True)
    assert "Still missing" in page or "ยังขาด" in page


def test_an_entry_is_submitted_withdrawn_and_submitted_again_before_the_deadline(world, browser):
    entry = make_entry(world)
    sign_in(browser, world, "phusing")
    page = f"/entries/{entry.id}"
    assert browser.post_form(f"{page}/submit", {"version": "1"}, page=page).status_code == 302
    assert stored(entry.id).state is EntryState.SUBMITTED
    browser.post_form(f"{page}/withdraw", {"version": "2"}, page=page)
    assert stored(entry.id).state is EntryState.WITHDRAWN and stored(entry.id).submitted_at is None
    browser.post_form(f"{page}/submit", {"version": "3"}, page=page)
    assert stored(entry.id).state is EntryState.SUBMITTED and stored(entry.id).version == 4


def test_a_second_entry_for_the_same_unit_and_category_is_never_a_second_row(world, browser):
    sign_in(browser, world, "phusing")
    html = browser.get(new_url(world)).get_data(as_text=True)
    token = csrf_token(html)
    first = browser.client.post(new_url(world), data=entry_data("submit") | {"csrf_token": token})
    second = browser.client.post(new_url(world), data=entry_data("submit") | {"csrf_token": token})
    entry = db.session.scalars(sa.select(Entry)).one()
    assert first.status_code == second.status_code == 302
    assert second.headers["Location"].endswith(f"/entries/{entry.id}")
    assert entry.state is EntryState.SUBMITTED and entry.version == 2
    again = browser.get(new_url(world))
    assert again.status_code == 302 and again.headers["Location"].endswith(f"/entries/{entry.id}")


def test_a_double_click_on_submit_submits_once(world, browser):
    entry = make_entry(world)
    sign_in(browser, world, "phusing")
    page = f"/entries/{entry.id}"
    token = csrf_token(browser.get(page).get_data(as_text=True))
    for _ in range(2):
        response = browser.client.post(f"{page}/submit", data={"version": "1", "csrf_token": token})
        assert response.status_code == 302
    assert stored(entry.id).state is EntryState.SUBMITTED and stored(entry.id).version == 2
    assert entry_count() == 1


def test_after_the_deadline_every_change_is_refused_and_the_entry_is_untouched(world, browser):
    entry = make_entry(world, submit=True)
    round_ = world.challenge.first_round(world.challenge.district)
    cf.close_submissions(round_)
    db.session.commit()
    closed_at = thai_datetime(round_.submissions_close_at, "th")
    sign_in(browser, world, "phusing")
    page = f"/entries/{entry.id}"
    edit = browser.post_form(f"{page}/edit", entry_data(title="แก้หลังปิดรับ") | {"version": "2"}, page=page)
    withdraw = browser.post_form(f"{page}/withdraw", {"version": "2"}, page=page)
    assert edit.status_code == withdraw.status_code == 409
    assert closed_at in edit.get_data(as_text=True)
    after = stored(entry.id)
    assert after.title == "เรื่องเดิม" and after.state is EntryState.SUBMITTED and after.version == 2


def test_after_the_deadline_no_new_entry_and_no_late_submission(world, browser):
    draft = make_entry(world)
    cf.close_submissions(world.challenge.first_round(world.challenge.district))
    cf.close_submissions(world.challenge.first_round(world.challenge.storytelling))
    db.session.commit()
    sign_in(browser, world, "phusing")
    page = f"/entries/{draft.id}"
    assert browser.post_form(f"{page}/submit", {"version": "1"}, page=page).status_code == 409
    assert stored(draft.id).state is EntryState.DRAFT
    browser.logout()
    sign_in(browser, world, "officer")
    late = browser.post_form(new_url(world, "storytelling"), entry_data(), page="/entries/")
    assert late.status_code == 409 and entry_count() == 1
    assert browser.get(new_url(world, "storytelling")).status_code == 302


def test_the_entry_page_drops_the_edit_button_after_the_deadline_and_says_when_it_closed(world, browser):
    entry = make_entry(world, submit=True)
    sign_in(browser, world, "phusing")
    edit_link = f'href="/entries/{entry.id}/edit"'
    assert edit_link in browser.get(f"/entries/{entry.id}").get_data(as_text=True)
    round_ = world.challenge.first_round(world.challenge.district)
    cf.close_submissions(round_)
    db.session.commit()
    page = browser.get(f"/entries/{entry.id}").get_data(as_text=True)
    assert edit_link not in page and f"/entries/{entry.id}/withdraw" not in page
    assert thai_datetime(round_.submissions_close_at, "th") in page
    assert browser.get(f"/entries/{entry.id}/edit").status_code == 302


def test_a_stale_edit_from_another_tab_is_refused_and_the_newer_content_kept(world, browser):
    entry = make_entry(world)
    sign_in(browser, world, "phusing")
    edit = f"/entries/{entry.id}/edit"
    token = csrf_token(browser.get(edit).get_data(as_text=True))
    first = browser.client.post(
        edit, data=entry_data(title="แท็บที่หนึ่ง") | {"version": "1", "csrf_token": token}
    )
    second = browser.client.post(
        edit, data=entry_data(title="แท็บที่สอง") | {"version": "1", "csrf_token": token}
    )
    assert first.status_code == 302 and second.status_code == 409
    page = second.get_data(as_text=True)
    assert (
        "แท็บที่หนึ่ง" in page and 'value="แท็บที่สอง"' in page and 'name="version" type="hidden" value="2"' in page
    )
    assert stored(entry.id).title == "แท็บที่หนึ่ง" and stored(entry.id).version == 2


def test_a_repeated_click_on_save_is_not_mistaken_for_a_conflict(world, browser):
    entry = make_entry(world)
    sign_in(browser, world, "phusing")
    edit = f"/entries/{entry.id}/edit"
    token = csrf_token(browser.get(edit).get_data(as_text=True))
    data = entry_data(title="บันทึกสองครั้ง") | {"version": "1", "csrf_token": token}
    assert [browser.client.post(edit, data=data).status_code for _ in range(2)] == [302, 302]
    assert stored(entry.id).version == 2


def test_an_edit_replaces_the_authors_and_bumps_the_version(world, browser):
    entry = make_entry(world)
    sign_in(browser, world, "phusing")
    data = entry_data(title="ชื่อใหม่") | {
        "version": "1",
        "authors-0-full_name": "คนที่หนึ่ง",
        "authors-1-full_name": "คนที่สอง",
        "authors-1-job_title": "เจ้าพนักงาน",
    }
    assert browser.post_form(f"/entries/{entry.id}/edit", data).status_code == 302
    after = stored(entry.id)
    assert after.title == "ชื่อใหม่" and after.version == 2 and after.updated_at >= after.created_at
    assert [(a.position, a.full_name) for a in after.authors] == [(0, "คนที่หนึ่ง"), (1, "คนที่สอง")]


def test_a_submitted_entry_cannot_be_edited_into_an_incomplete_one(world, browser):
    entry = make_entry(world, submit=True)
    sign_in(browser, world, "phusing")
    response = browser.post_form(f"/entries/{entry.id}/edit", entry_data(body="") | {"version": "2"})
    assert response.status_code == 409
    assert stored(entry.id).body_html == "<p>เนื้อเรื่อง</p>" and stored(entry.id).version == 2


def test_before_submissions_open_a_draft_can_be_saved_but_not_submitted(world, browser):
    round_ = world.challenge.first_round(world.challenge.district)
    cf.set_dates(round_, opens_in=timedelta(days=2), closes_in=timedelta(days=9))
    db.session.commit()
    sign_in(browser, world, "phusing")
    browser.post_form(new_url(world), entry_data("submit"))
    entry = db.session.scalars(sa.select(Entry)).one()
    assert entry.state is EntryState.DRAFT
    page = f"/entries/{entry.id}"
    assert browser.post_form(f"{page}/submit", {"version": "1"}, page=page).status_code == 409


@pytest.mark.parametrize("who", ["silalat", "surin", "officer2", "surin_organizer"])
def test_another_units_entry_is_a_404_for_every_page_and_post(world, browser, who):
    entry = make_entry(world, "officer", "storytelling")
    sign_in(browser, world, who)
    page = f"/entries/{entry.id}"
    token = csrf_token(browser.get("/entries/").get_data(as_text=True))
    assert browser.get(page).status_code == 404
    assert browser.get(f"{page}/edit").status_code == 404
    for action in ("edit", "submit", "withdraw"):
        response = browser.client.post(
            f"{page}/{action}", data=entry_data() | {"version": "1", "csrf_token": token}
        )
        assert response.status_code == 404
    assert stored(entry.id).state is EntryState.DRAFT and stored(entry.id).version == 1


def test_the_coordinator_and_the_pool_organizer_see_a_story_read_only(world, browser):
    entry = make_entry(world, "officer", "storytelling")
    for who in ("phusing", "sisaket_organizer"):
        sign_in(browser, world, who)
        page = browser.get(f"/entries/{entry.id}")
        assert page.status_code == 200 and "เนื้อเรื่อง" in page.get_data(as_text=True)
        assert f"/entries/{entry.id}/edit" not in page.get_data(as_text=True)
        assert browser.get(f"/entries/{entry.id}/edit").status_code == 403
        assert (
            browser.post_form(f"/entries/{entry.id}/withdraw", {"version": "1"}, page="/entries/").status_code
            == 403
        )
        browser.logout()
    assert stored(entry.id).state is EntryState.DRAFT


def test_the_cap_per_unit_counts_stories_that_are_not_withdrawn(world, browser):
    world.challenge.storytelling.per_unit_cap = 1
    first = make_entry(world, "officer", "storytelling", submit=True)
    sign_in(browser, world, "officer2")
    refused = browser.post_form(new_url(world, "storytelling"), entry_data())
    assert refused.status_code == 409 and entry_count() == 1
    start_link = f"/entries/new?category={world.challenge.storytelling.id}&amp;"
    assert start_link not in browser.get("/entries/").get_data(as_text=True)
    first.state, first.submitted_at = EntryState.WITHDRAWN, None
    db.session.commit()
    assert start_link in browser.get("/entries/").get_data(as_text=True)
    assert browser.post_form(new_url(world, "storytelling"), entry_data()).status_code == 302
    assert entry_count() == 2


def test_a_person_cannot_enter_for_a_unit_or_category_that_is_not_theirs(world, browser):
    sign_in(browser, world, "phusing")
    assert browser.get(new_url(world, unit="silalat")).status_code == 404
    assert browser.get(new_url(world, "storytelling")).status_code == 404  # a coordinator, not an officer
    assert browser.get(new_url(world, "prototype")).status_code == 404  # provincial offices only
    assert browser.get("/entries/new?category=999999").status_code == 404


def test_my_entries_lists_states_and_pools_and_what_is_still_open(world, browser):
    make_entry(world, "officer", "storytelling", title="เรื่องเล่าของเจ้าหน้าที่")
    sign_in(browser, world, "phusing")
    page = browser.get("/entries/").get_data(as_text=True)
    assert "เรื่องเล่าของเจ้าหน้าที่" in page and "state-draft" in page
    assert "ศรีสะเกษ" in page
    deadline = world.challenge.first_round(world.challenge.district).submissions_close_at
    assert thai_datetime(deadline, "th") in page
    assert f"/entries/new?category={world.challenge.district.id}&amp;unit={world.unit('phusing').id}" in page
    assert f"category={world.challenge.storytelling.id}" not in page  # stories are for officers
    make_entry(world)
    assert f"category={world.challenge.district.id}" not in browser.get("/entries/").get_data(as_text=True)


def test_signed_out_visitors_are_sent_to_sign_in(world, client):
    response = client.get("/entries/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_my_entries_needs_no_more_queries_for_four_entries_than_for_one(world, browser, count_queries):
    make_entry(world, "officer", "storytelling")
    sign_in(browser, world, "phusing")
    with count_queries() as one:
        assert browser.get("/entries/").status_code == 200
    make_entry(world)
    for index in range(2):
        officer = factories.user(Role.OFFICER, username=f"storyteller{index}", unit=world.unit("phusing"))
        world.people[officer.username] = officer
        make_entry(world, officer.username, "storytelling")
    with count_queries() as many:
        page = browser.get("/entries/").get_data(as_text=True)
    assert page.count("entry-card-head") == 4
    assert many.count <= one.count  # (the first page also lists the district category as open)
