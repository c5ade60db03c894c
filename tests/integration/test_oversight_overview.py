"""The national overview: entries per province and category, scoped to the organizer, in bounded queries."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Entry, EntryState, Role, User, entrant_key
from app.services.contests import pool_for_unit
from tests.integration import contest_factories as cf
from tests.integration import factories
from tests.integration.factories import PASSWORD

SUBMITTED_AT = datetime(2022, 5, 31, 9, 30, tzinfo=UTC)
STATES = (EntryState.DRAFT, EntryState.SUBMITTED, EntryState.WITHDRAWN)


@pytest.fixture
def world(app):
    geo = factories.small_geography()
    geo["challenge"] = cf.km_challenge()
    factories.user(Role.ORGANIZER, username="national")
    factories.user(Role.ORGANIZER, username="sisaket", province_id=geo["sisaket"].id)
    factories.user(Role.ORGANIZER, username="region14", region_id=geo["region"].id)
    db.session.commit()
    return geo


def bulk_entries(world, count: int, start: int = 0) -> dict[tuple[str, str, EntryState], int]:
    """``count`` storytelling entries, spread over three units and the three states, inserted in bulk; one
    officer each (a person may tell one story). Returns how many went to each (province, category, state)."""
    story = world["challenge"].storytelling
    units = [world["phusing"], world["silalat"], world["surin_office"]]
    pools = {u.id: pool_for_unit(db.session, story.rounds[0], u).id for u in units}
    db.session.execute(
        sa.insert(User),
        [{"username": f"teller{n}", "full_name": f"ผู้เล่า {n}"} for n in range(start, start + count)],
    )
    names = [f"teller{n}" for n in range(start, start + count)]
    ids = dict(db.session.execute(sa.select(User.username, User.id).where(User.username.in_(names))).all())
    rows, tally = [], {}
    for n in range(start, start + count):
        unit, state, person_id = units[n % 3], STATES[n % 3 if n % 7 else 1], ids[f"teller{n}"]
        rows.append(
            {
                "category_id": story.id,
                "pool_id": pools[unit.id],
                "unit_id": unit.id,
                "person_id": person_id,
                "entrant_key": entrant_key(unit.id, person_id),
                "state": state,
                "title": f"เรื่องเล่า {n}",
                "submitted_at": SUBMITTED_AT if state is EntryState.SUBMITTED else None,
            }
        )
        key = (unit.province.code, "storytelling", state)
        tally[key] = tally.get(key, 0) + 1
    db.session.execute(sa.insert(Entry), rows)
    db.session.commit()
    return tally


def row_numbers(html: str, marker: str) -> list[int]:
    row = re.search(rf"<tr {marker}>.*?</tr>", html, re.S).group(0)
    return [int(n) for n in re.findall(r'class="num[^"]*">(?:<a [^>]*>|<span class="muted">)?(\d+)', row)]


def add(category, unit, state, person=None):
    db.session.add(
        Entry(
            category=category,
            pool=pool_for_unit(db.session, category.rounds[0], unit),
            unit=unit,
            person=person,
            entrant_key=entrant_key(unit.id, person.id if person else None),
            state=state,
            title="ผลงาน",
            submitted_at=SUBMITTED_AT if state is EntryState.SUBMITTED else None,
        )
    )


def test_the_overview_counts_entries_drafts_and_submitted_per_province_and_category(world, browser):
    challenge = world["challenge"]
    add(challenge.district, world["phusing"], EntryState.SUBMITTED)
    add(challenge.district, world["silalat"], EntryState.DRAFT)
    add(challenge.district, world["surin_office"], EntryState.WITHDRAWN)
    teller = factories.user(Role.OFFICER, unit=world["phusing"])
    add(challenge.storytelling, world["phusing"], EntryState.SUBMITTED, person=teller)
    db.session.commit()
    browser.login("national", PASSWORD)
    html = browser.get(f"/organize/contests/{challenge.contest.id}/overview").get_data(as_text=True)
    # per category (storytelling, district, prototype): entries (drafts + submitted), drafts, submitted
    assert row_numbers(html, 'data-province="33"') == [1, 0, 1, 2, 1, 1, 0, 0, 0]
    assert row_numbers(html, 'data-province="32"') == [0, 0, 0, 0, 0, 0, 0, 0, 0]  # withdrawn: not counted
    assert row_numbers(html, 'data-province="10"') == [0] * 9
    assert row_numbers(html, 'class="subtotal" data-region="14"') == [1, 0, 1, 2, 1, 1, 0, 0, 0]
    assert row_numbers(html, 'class="total"') == [1, 0, 1, 2, 1, 1, 0, 0, 0]
    assert "เขตตรวจราชการที่ 14" in html and "เขตตรวจราชการส่วนกลาง" in html


def test_provinces_are_grouped_by_region_and_sorted_in_thai_order(world, browser):
    factories.province(world["region"], "34", "อุบลราชธานี", "Ubon Ratchathani")
    factories.province(world["region"], "37", "อำนาจเจริญ", "Amnat Charoen")
    db.session.commit()
    browser.login("national", PASSWORD)
    html = browser.get(f"/organize/contests/{world['challenge'].contest.id}/overview").get_data(as_text=True)
    codes = re.findall(r'<tr data-province="(\d+)"', html)
    # region 0 (Bangkok) first; then region 14 in Thai order: ศรีสะเกษ, สุรินทร์, อำนาจเจริญ, อุบลราชธานี
    assert codes == ["10", "33", "32", "37", "34"]


def test_a_province_organizer_sees_only_their_province_and_a_region_organizer_their_region(world, browser):
    add(world["challenge"].district, world["phusing"], EntryState.SUBMITTED)
    add(world["challenge"].district, world["surin_office"], EntryState.SUBMITTED)
    db.session.commit()
    url = f"/organize/contests/{world['challenge'].contest.id}/overview"
    browser.login("sisaket", PASSWORD)
    html = browser.get(url).get_data(as_text=True)
    assert re.findall(r'<tr data-province="(\d+)"', html) == ["33"]
    assert row_numbers(html, 'class="total"')[3:6] == [1, 0, 1]
    browser.logout()
    browser.login("region14", PASSWORD)
    html = browser.get(url).get_data(as_text=True)
    assert re.findall(r'<tr data-province="(\d+)"', html) == ["33", "32"]
    assert row_numbers(html, 'class="total"')[3:6] == [2, 0, 2]


def test_an_unknown_contest_has_no_overview(world, browser):
    browser.login("national", PASSWORD)
    assert browser.get("/organize/contests/999999/overview").status_code == 404


def test_the_overview_issues_the_same_number_of_queries_for_10_and_1000_entries(
    world, browser, count_queries
):
    url = f"/organize/contests/{world['challenge'].contest.id}/overview"
    browser.login("national", PASSWORD)
    tally = bulk_entries(world, 10)
    with count_queries() as ten:
        browser.get(url)
    for key, number in bulk_entries(world, 990, start=10).items():
        tally[key] = tally.get(key, 0) + number
    with count_queries() as thousand:
        html = browser.get(url).get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Entry.id))) == 1000
    assert thousand.count == ten.count
    drafts, submitted = tally[("33", "storytelling", STATES[0])], tally[("33", "storytelling", STATES[1])]
    assert row_numbers(html, 'data-province="33"')[:3] == [drafts + submitted, drafts, submitted]
