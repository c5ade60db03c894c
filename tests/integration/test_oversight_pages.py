"""Organizers' home and pool pages: who sees which pools, entries in Thai order, filters by state."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from app.extensions import db
from app.models import Attachment, Entry, EntryState, Pool, Role, Unit, User, entrant_key
from app.services.contests import pool_for_unit
from tests.integration import contest_factories as cf
from tests.integration import factories
from tests.integration.factories import PASSWORD

MAY_31_2565 = datetime(2022, 5, 31, 9, 30, tzinfo=UTC)  # 16:30 in Bangkok


def add_entry(category, unit: Unit, title: str, state=EntryState.SUBMITTED, person: User | None = None):
    row = Entry(
        category=category,
        pool=pool_for_unit(db.session, category.rounds[0], unit),
        unit=unit,
        person=person,
        entrant_key=entrant_key(unit.id, person.id if person else None),
        state=state,
        title=title,
        submitted_at=MAY_31_2565 if state is EntryState.SUBMITTED else None,
    )
    db.session.add(row)
    db.session.flush()
    return row


@pytest.fixture
def world(app):
    """Sisaket (ภูสิงห์, ศิลาลาด, เบญจลักษ์, พยุห์) and Surin (เมืองสุรินทร์) in region 14; the KM Challenge
    with its storytelling and district rounds open; entries in both provinces."""
    geo = factories.small_geography()
    geo["benchalak"] = factories.district_office(geo["sisaket"], "3319", "เบญจลักษ์", "Benchalak")
    geo["phayu"] = factories.district_office(geo["sisaket"], "3320", "พยุห์", "Phayu")
    challenge = cf.km_challenge()
    district = challenge.district
    geo["entries"] = {
        "phusing": add_entry(district, geo["phusing"], "ภูสิงห์โมเดล"),
        "silalat": add_entry(district, geo["silalat"], "สภากาแฟศิลาลาด", EntryState.DRAFT),
        "benchalak": add_entry(district, geo["benchalak"], "ออมวันละบาท"),
        "phayu": add_entry(district, geo["phayu"], "AAR ทุกงาน", EntryState.WITHDRAWN),
        "surin": add_entry(district, geo["surin_office"], "สุรินทร์เรียนรู้"),
    }
    geo["challenge"] = challenge
    geo["users"] = {
        "national": factories.user(Role.ORGANIZER, username="national"),
        "sisaket": factories.user(Role.ORGANIZER, username="sisaket", province_id=geo["sisaket"].id),
        "region14": factories.user(Role.ORGANIZER, username="region14", region_id=geo["region"].id),
        "coordinator": factories.user(Role.COORDINATOR, username="coord", unit=geo["phusing"]),
        "judge": factories.user(Role.JUDGE, username="judge"),
    }
    db.session.commit()
    return geo


def pool_of(world, category_name: str, province_key: str) -> Pool:
    category = getattr(world["challenge"], category_name)
    return pool_for_unit(db.session, category.rounds[0], world[province_key])


def pool_links(html: str) -> set[str]:
    return set(re.findall(r'href="/organize/pools/(\d+)"', html))


def test_a_province_organizer_sees_only_their_provinces_pools_with_counts_per_state(world, browser):
    browser.login("sisaket", PASSWORD)
    html = browser.get("/organize/").get_data(as_text=True)
    sisaket_district = pool_of(world, "district", "phusing")
    sisaket_stories = pool_of(world, "storytelling", "phusing")
    assert pool_links(html) == {str(sisaket_district.id), str(sisaket_stories.id)}
    row = re.search(rf'pools/{sisaket_district.id}".*?</tr>', html, re.S).group(0)
    assert re.findall(r'class="num">(?:<span class="muted">)?(\d+)', row) == ["2", "1", "1"]
    assert "สุรินทร์" not in html


def test_a_region_organizer_sees_the_pools_of_every_province_in_the_region(world, browser):
    browser.login("region14", PASSWORD)
    html = browser.get("/organize/").get_data(as_text=True)
    expected = {
        str(pool_of(world, category, place).id)
        for category in ("district", "storytelling")
        for place in ("phusing", "surin_office")
    }
    assert pool_links(html) == expected
    assert browser.get(f"/organize/pools/{pool_of(world, 'district', 'surin_office').id}").status_code == 200


def test_a_national_organizer_and_an_administrator_see_every_pool(world, browser):
    every = {str(pool.id) for pool in db.session.query(Pool)}
    browser.login("national", PASSWORD)
    assert pool_links(browser.get("/organize/").get_data(as_text=True)) == every
    browser.logout()
    factories.user(Role.ADMIN, username="root")
    db.session.commit()
    browser.login("root", PASSWORD)
    assert pool_links(browser.get("/organize/").get_data(as_text=True)) == every


@pytest.mark.parametrize("username", ["coord", "judge"])
def test_coordinators_and_judges_are_refused_every_organizer_page(world, browser, username):
    contest_id = world["challenge"].contest.id
    pool_id = pool_of(world, "district", "phusing").id
    browser.login(username, PASSWORD)
    for url in (
        "/organize/",
        f"/organize/pools/{pool_id}",
        f"/organize/contests/{contest_id}/overview",
        f"/organize/contests/{contest_id}/entries.csv",
        f"/organize/contests/{contest_id}/entries.xlsx",
    ):
        assert browser.get(url).status_code == 403, url


def test_signed_out_visitors_are_sent_to_sign_in(world, client):
    response = client.get("/organize/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_pool_outside_the_organizers_province_is_not_found(world, browser):
    browser.login("sisaket", PASSWORD)
    assert browser.get(f"/organize/pools/{pool_of(world, 'district', 'surin_office').id}").status_code == 404
    assert browser.get("/organize/pools/999999").status_code == 404
    assert browser.get(f"/organize/pools/{pool_of(world, 'district', 'phusing').id}").status_code == 200


def test_the_pool_page_lists_entries_in_thai_order_with_state_time_and_files(world, browser):
    phusing_entry = world["entries"]["phusing"]
    for number in (1, 2):
        db.session.add(
            Attachment(
                entry=phusing_entry,
                original_name=f"report-{number}.pdf",
                stored_name=f"stored-{number}",
                kind="pdf",
                size_bytes=1000,
                sha256="0" * 64,
            )
        )
    db.session.commit()
    browser.login("sisaket", PASSWORD)
    html = browser.get(f"/organize/pools/{pool_of(world, 'district', 'phusing').id}").get_data(as_text=True)
    # Thai order: เบญจลักษ์ (บ), พยุห์ (พ), ภูสิงห์ (ภ), ศิลาลาด (ศ); by code point เ would sort last
    order = [html.index(name) for name in ("สพอ.เบญจลักษ์", "สพอ.พยุห์", "สพอ.ภูสิงห์", "สพอ.ศิลาลาด")]
    assert order == sorted(order)
    assert "สพอ.เมืองสุรินทร์" not in html
    row = re.search(rf'<tr data-entry="{phusing_entry.id}">.*?</tr>', html, re.S).group(0)
    assert f'href="/entries/{phusing_entry.id}"' in row and "ภูสิงห์โมเดล" in row
    assert "31 พฤษภาคม 2565 เวลา 16:30 น." in row
    assert re.search(r'class="num">2</td>', row)
    assert "state-submitted" in row


def test_the_pool_page_filters_entries_by_state(world, browser):
    pool_id = pool_of(world, "district", "phusing").id
    browser.login("sisaket", PASSWORD)
    drafts = browser.get(f"/organize/pools/{pool_id}?state=draft").get_data(as_text=True)
    assert re.findall(r'<tr data-entry="(\d+)"', drafts) == [str(world["entries"]["silalat"].id)]
    withdrawn = browser.get(f"/organize/pools/{pool_id}?state=withdrawn").get_data(as_text=True)
    assert re.findall(r'<tr data-entry="(\d+)"', withdrawn) == [str(world["entries"]["phayu"].id)]
    everything = browser.get(f"/organize/pools/{pool_id}").get_data(as_text=True)
    assert len(re.findall(r"<tr data-entry=", everything)) == 4
    assert browser.get(f"/organize/pools/{pool_id}?state=lost").status_code == 400


def test_a_storytelling_pool_names_the_person_telling_each_story(world, browser):
    officer = factories.user(Role.OFFICER, username="teller", unit=world["silalat"], full_name="นายอนุชา ใจดี")
    add_entry(world["challenge"].storytelling, world["silalat"], "คืนที่ฝนตก", person=officer)
    db.session.commit()
    browser.login("sisaket", PASSWORD)
    html = browser.get(f"/organize/pools/{pool_of(world, 'storytelling', 'silalat').id}").get_data(
        as_text=True
    )
    row = re.search(r"<tr data-entry=.*?</tr>", html, re.S).group(0)
    assert "นายอนุชา ใจดี" in row and "คืนที่ฝนตก" in row and "สพอ.ศิลาลาด" in row


def test_the_pool_page_issues_the_same_number_of_queries_for_few_or_many_entries(
    world, browser, count_queries
):
    pool_id = pool_of(world, "district", "phusing").id
    browser.login("sisaket", PASSWORD)
    with count_queries() as few:
        browser.get(f"/organize/pools/{pool_id}")
    sisaket = world["sisaket"]
    for number in range(12):
        unit = factories.district_office(sisaket, f"33{50 + number}", f"อำเภอทดสอบ{number}")
        add_entry(world["challenge"].district, unit, f"ผลงาน {number}")
    db.session.commit()
    with count_queries() as many:
        html = browser.get(f"/organize/pools/{pool_id}").get_data(as_text=True)
    assert html.count("<tr data-entry=") == 16
    assert many.count == few.count
