"""Organizer pages that set up a contest and its categories; the contest page anyone can read."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Category, Contest, EntrantKind, Role, Unit, User
from app.services.contests import add_category
from judging import RoundState, Scope
from tests.integration import contest_factories as cf
from tests.integration import factories
from tests.integration.test_auth import english


def sign_in(browser, role: Role = Role.ORGANIZER, *, in_english: bool = True, **scope) -> User:
    """A national organizer by default; ``province_id=``/``region_id=`` for a narrower one."""
    account = factories.user(role, username=f"{role.value}{len(scope)}", **scope)
    db.session.commit()
    browser.login(account.username, factories.PASSWORD)
    if in_english:
        english(browser.client)
    return account


def world() -> dict[str, object]:
    geo = factories.small_geography()
    geo["department"] = cf.department()
    geo["sisaket_office"] = cf.provincial_office(geo["sisaket"], "33")
    geo["surin_office"] = cf.provincial_office(geo["surin"], "32")
    db.session.commit()
    return geo


def contest_data(unit: Unit, **overrides: object) -> dict[str, object]:
    return {
        "name": "ประกวดเรื่องเล่า 2566",
        "fiscal_year_be": "2566",
        "organizer_unit_id": str(unit.id),
        "description": "เล่าเรื่องการทำงาน",
        "start_from": "blank",
    } | overrides


def contests() -> list[Contest]:
    return list(db.session.scalars(sa.select(Contest).order_by(Contest.id)))


def test_a_national_organizer_creates_a_blank_contest_with_the_year_typed_in_the_buddhist_era(app, browser):
    geo = world()
    sign_in(browser)
    response = browser.post_form("/contests/new", contest_data(geo["department"]))
    [contest] = contests()
    assert response.status_code == 302 and response.location.endswith(f"/contests/{contest.id}")
    assert (contest.name, contest.fiscal_year, contest.categories) == ("ประกวดเรื่องเล่า 2566", 2023, [])
    assert "Fiscal year 2566" in browser.get(response.location).get_data(as_text=True)


def test_starting_from_the_km_challenge_template_makes_its_three_categories(app, browser):
    geo = world()
    sign_in(browser)
    data = contest_data(geo["department"], name="KM Challenge 2566", start_from="km_challenge")
    browser.post_form("/contests/new", data)
    [contest] = contests()
    assert [c.entrant_kind for c in contest.categories] == [
        EntrantKind.PERSON,
        EntrantKind.DISTRICT_OFFICE,
        EntrantKind.PROVINCIAL_OFFICE,
    ]
    assert contest.description == "เล่าเรื่องการทำงาน"
    assert all(r.criteria for c in contest.categories for r in c.rounds)


@pytest.mark.parametrize("typed", ["2022", "2701", "25x6", ""])
def test_a_year_that_is_not_a_buddhist_era_year_is_refused_and_what_was_typed_is_kept(app, browser, typed):
    geo = world()
    sign_in(browser)
    response = browser.post_form("/contests/new", contest_data(geo["department"], fiscal_year_be=typed))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Type the fiscal year in the Buddhist Era" in html
    assert 'value="ประกวดเรื่องเล่า 2566"' in html
    assert contests() == []


def test_a_year_typed_in_thai_digits_is_read(app, browser):
    geo = world()
    sign_in(browser)
    browser.post_form("/contests/new", contest_data(geo["department"], fiscal_year_be="๒๕๖๖"))
    assert [c.fiscal_year_be for c in contests()] == [2566]


def test_the_organizing_unit_is_the_department_or_a_provincial_office_in_thai_order(app, browser):
    world()
    sign_in(browser)
    html = browser.get("/contests/new").get_data(as_text=True)
    select = html[
        html.index('name="organizer_unit_id"') : html.index("</select>", html.index("organizer_unit_id"))
    ]
    names = re.findall(r"<option[^>]*>([^<]+)</option>", select)
    assert names == ["กรมการพัฒนาชุมชน", "สำนักงานพัฒนาชุมชนจังหวัดศรีสะเกษ", "สำนักงานพัฒนาชุมชนจังหวัดสุรินทร์"]


def test_editing_a_contest_changes_its_name_year_and_organizer(app, browser):
    geo = world()
    contest = cf.km_challenge(open_categories=()).contest
    db.session.commit()
    sign_in(browser)
    page = browser.get(f"/contests/{contest.id}/edit").get_data(as_text=True)
    assert 'value="2565"' in page and "start_from" not in page
    data = contest_data(geo["sisaket_office"], name="KM Challenge ศรีสะเกษ", fiscal_year_be="2567")
    response = browser.post_form(f"/contests/{contest.id}/edit", data)
    assert response.status_code == 302
    contest = db.session.get(Contest, contest.id)
    assert (contest.name, contest.fiscal_year_be, contest.organizer_unit_id) == (
        "KM Challenge ศรีสะเกษ",
        2567,
        geo["sisaket_office"].id,
    )
    assert len(contest.categories) == 3


def test_the_list_shows_the_newest_fiscal_year_first_with_the_state_of_each_round(app, browser):
    world()
    challenge = cf.km_challenge(open_categories=("district",))
    older = Contest(
        name="ประกวดคำขวัญ 2564", fiscal_year=2021, organizer_unit_id=challenge.contest.organizer_unit_id
    )
    db.session.add(older)
    db.session.commit()
    english(browser.client)
    html = browser.get("/contests/").get_data(as_text=True)
    assert html.index("KM Challenge 2565") < html.index("ประกวดคำขวัญ 2564")
    assert "Province level: Open for entries" in html and "National level: Being prepared" in html
    assert "New contest" not in html


def test_anyone_may_read_a_contest_page_with_its_rules_in_words_but_not_the_manager_buttons(app, browser):
    world()
    challenge = cf.km_challenge(open_categories=("district",))
    db.session.commit()
    english(browser.client)
    response = browser.get(f"/contests/{challenge.contest.id}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Fiscal year 2565" in html
    assert "Province level → Inspection region level → National level" in html
    assert "Inspection region level → National level" in html
    assert "Winner + 3 runners-up" in html
    assert (
        "Entries going on to the next level from each pool: 1" in html and "This is the final level." in html
    )
    assert "Higher mean score on: Content and value of the knowledge" in html
    assert "The committee&#39;s recorded decision" in html
    assert "Total of the maxima" in html
    assert "Edit contest" not in html and "Copy to next year" not in html and "Open this round" not in html


def test_a_manager_sees_what_a_draft_round_still_needs_before_it_can_open(app, browser):
    world()
    challenge = cf.km_challenge(open_categories=())
    db.session.commit()
    sign_in(browser)
    html = browser.get(f"/contests/{challenge.contest.id}").get_data(as_text=True)
    assert "Edit contest" in html and "Copy to next year" in html and "Add a category" in html
    assert "the dates submissions open and close" in html


MANAGEMENT_PAGES = [
    "/contests/new",
    "/contests/{contest}/edit",
    "/contests/{contest}/categories/new",
    "/contests/categories/{category}/edit",
    "/contests/rounds/{round}/edit",
    "/contests/rounds/{round}/rubric",
]


def _urls(challenge: cf.KmChallenge) -> list[str]:
    ids = {
        "contest": challenge.contest.id,
        "category": challenge.district.id,
        "round": challenge.district.rounds[0].id,
    }
    return [page.format(**ids) for page in MANAGEMENT_PAGES]


def test_anonymous_visitors_are_sent_to_sign_in_from_every_management_page(app, client):
    world()
    challenge = cf.km_challenge(open_categories=())
    db.session.commit()
    for url in _urls(challenge):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.location, url


def test_a_province_organizer_may_not_manage_contests(app, browser):
    geo = world()
    challenge = cf.km_challenge(open_categories=())
    db.session.commit()
    sign_in(browser, province_id=geo["sisaket"].id)
    for url in _urls(challenge):
        assert browser.get(url).status_code == 403, url
    page = f"/contests/{challenge.contest.id}"
    assert browser.post_form(f"/contests/{challenge.contest.id}/copy", {}, page=page).status_code == 403
    round_id = challenge.district.rounds[0].id
    assert browser.post_form(f"/contests/rounds/{round_id}/open", {}, page=page).status_code == 403
    assert len(contests()) == 1


def test_unknown_contests_categories_and_rounds_are_not_found(app, browser):
    world()
    sign_in(browser)
    for url in (
        "/contests/999",
        "/contests/999/edit",
        "/contests/categories/999/edit",
        "/contests/rounds/999/edit",
    ):
        assert browser.get(url).status_code == 404, url


def test_a_post_without_csrf_token_is_refused_with_400(app, browser):
    geo = world()
    challenge = cf.km_challenge(open_categories=())
    db.session.commit()
    sign_in(browser)
    copy = browser.client.post(f"/contests/{challenge.contest.id}/copy")
    new = browser.client.post("/contests/new", data=contest_data(geo["department"]))
    assert copy.status_code == new.status_code == 400
    assert len(contests()) == 1


def test_copying_a_contest_makes_next_years_edition_and_shows_it(app, browser):
    world()
    challenge = cf.km_challenge(open_categories=("district",))
    db.session.commit()
    sign_in(browser)
    page = f"/contests/{challenge.contest.id}"
    response = browser.post_form(f"/contests/{challenge.contest.id}/copy", {}, page=page)
    copy = contests()[-1]
    assert response.status_code == 302 and response.location.endswith(f"/contests/{copy.id}")
    assert (copy.name, copy.fiscal_year_be, copy.copied_from_id) == (
        "KM Challenge 2566",
        2566,
        challenge.contest.id,
    )
    html = browser.get(response.location).get_data(as_text=True)
    assert "Copied to KM Challenge 2566" in html
    assert all(r.state is RoundState.DRAFT for c in copy.categories for r in c.rounds)


def category_data(**overrides: object) -> dict[str, object]:
    return {
        "name_th": "ประเภทคำขวัญ",
        "name_en": "Slogans",
        "description": "คำขวัญด้านการจัดการความรู้",
        "entrant_kind": "person",
        "levels": "province,national",
        "per_unit_cap": "2",
    } | overrides


def test_a_category_is_added_with_one_draft_round_per_level(app, browser):
    world()
    contest = cf.km_challenge(open_categories=()).contest
    db.session.commit()
    sign_in(browser)
    response = browser.post_form(f"/contests/{contest.id}/categories/new", category_data())
    category = db.session.scalars(sa.select(Category).where(Category.name_th == "ประเภทคำขวัญ")).one()
    assert response.status_code == 302 and response.location.endswith(f"#category-{category.id}")
    assert (category.position, category.per_unit_cap) == (3, 2)
    assert [r.level for r in category.rounds] == [Scope.PROVINCE, Scope.NATIONAL]


def test_a_limit_per_unit_is_refused_for_a_category_entered_by_units(app, browser):
    world()
    contest = cf.km_challenge(open_categories=()).contest
    db.session.commit()
    sign_in(browser)
    data = category_data(entrant_kind="district_office")
    response = browser.post_form(f"/contests/{contest.id}/categories/new", data)
    assert response.status_code == 422
    assert "A limit per unit applies only to categories entered by persons." in response.get_data(
        as_text=True
    )
    assert len(db.session.get(Contest, contest.id).categories) == 3


def test_editing_a_category_changes_its_names_and_chain_while_its_rounds_are_drafts(app, browser):
    world()
    challenge = cf.km_challenge(open_categories=())
    db.session.commit()
    sign_in(browser)
    url = f"/contests/categories/{challenge.storytelling.id}/edit"
    assert "Province level → Inspection region level → National level" in browser.get(url).get_data(
        as_text=True
    )
    response = browser.post_form(url, category_data(levels="region,national", per_unit_cap=""))
    assert response.status_code == 302
    category = db.session.get(Category, challenge.storytelling.id)
    assert (category.name_th, category.levels, category.per_unit_cap) == (
        "ประเภทคำขวัญ",
        "region,national",
        None,
    )
    assert [r.level for r in category.rounds] == [Scope.REGION, Scope.NATIONAL]


def test_changing_the_chain_of_a_category_with_an_open_round_is_refused(app, browser):
    world()
    challenge = cf.km_challenge(open_categories=("district",))
    db.session.commit()
    sign_in(browser)
    url = f"/contests/categories/{challenge.district.id}/edit"
    data = category_data(
        name_th="ชื่อใหม่", entrant_kind="district_office", levels="province,national", per_unit_cap=""
    )
    response = browser.post_form(url, data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "the chain of levels can no longer change" in html and 'value="ชื่อใหม่"' in html
    category = db.session.get(Category, challenge.district.id)
    assert (category.levels, len(category.rounds)) == ("province,region,national", 3)
    assert category.name_th != "ชื่อใหม่"


def test_the_contest_page_runs_as_many_queries_for_four_categories_as_for_three(app, client, count_queries):
    world()
    challenge = cf.km_challenge(open_categories=("district",))
    db.session.commit()
    url = f"/contests/{challenge.contest.id}"
    client.get(url)
    with count_queries() as three:
        assert client.get(url).status_code == 200
    contest = db.session.get(Contest, challenge.contest.id)
    add_category(
        db.session, contest, name_th="ประเภทที่ 4", entrant_kind=EntrantKind.OTHER, levels=(Scope.NATIONAL,)
    )
    db.session.commit()
    with count_queries() as four:
        assert client.get(url).status_code == 200
    assert four.count == three.count <= 8
