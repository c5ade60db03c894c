"""Authorization predicates for every role, and the pages that use them."""

from __future__ import annotations

import pytest
from flask_login import AnonymousUserMixin

from app import permissions
from app.extensions import db
from app.models import Province, Role
from tests.integration import factories


@pytest.fixture
def world(app):
    geo = factories.small_geography()
    region = geo["region"]
    sisaket: Province = geo["sisaket"]
    people = {
        "admin": factories.user(Role.ADMIN),
        "national organizer": factories.user(Role.ORGANIZER),
        "region 14 organizer": factories.user(Role.ORGANIZER, region_id=region.id),
        "Sisaket organizer": factories.user(Role.ORGANIZER, province_id=sisaket.id),
        "Surin organizer": factories.user(Role.ORGANIZER, province_id=geo["surin"].id),
        "judge": factories.user(Role.JUDGE),
        "Phu Sing coordinator": factories.user(Role.COORDINATOR, unit=geo["phusing"]),
        "Phu Sing officer": factories.user(Role.OFFICER, unit=geo["phusing"]),
        "deactivated admin": factories.user(Role.ADMIN, active=False),
        "anonymous": AnonymousUserMixin(),
    }
    db.session.commit()
    return geo, people


# person -> (administer users, organize region 14, organize Sisaket, act for Phu Sing, view Phu Sing)
RULES = {
    "admin": (True, False, False, False, True),
    "national organizer": (False, True, True, False, True),
    "region 14 organizer": (False, True, True, False, True),
    "Sisaket organizer": (False, False, True, False, True),
    "Surin organizer": (False, False, False, False, False),
    "judge": (False, False, False, False, False),
    "Phu Sing coordinator": (False, False, False, True, True),
    "Phu Sing officer": (False, False, False, False, True),
    "deactivated admin": (False, False, False, False, False),
    "anonymous": (False, False, False, False, False),
}


@pytest.mark.parametrize("person", RULES)
def test_each_role_may_do_exactly_what_its_scope_allows(world, person):
    geo, people = world
    user = people[person]
    phusing = geo["phusing"]
    got = (
        permissions.can_administer_users(user),
        permissions.can_organize_region(user, geo["region"].id),
        permissions.can_organize_province(user, geo["sisaket"]),
        permissions.can_act_for_unit(user, phusing),
        permissions.can_view_unit(user, phusing),
    )
    assert got == RULES[person]


def test_a_coordinator_sees_their_own_unit_but_not_another(world, browser):
    geo, people = world
    browser.login(people["Phu Sing coordinator"].username, factories.PASSWORD)
    assert browser.get(f"/units/{geo['phusing'].id}").status_code == 200
    assert browser.get(f"/units/{geo['silalat'].id}").status_code == 404
    assert browser.get("/units/999999").status_code == 404


def test_administration_is_refused_to_everyone_but_administrators(world, browser):
    _geo, people = world
    browser.login(people["national organizer"].username, factories.PASSWORD)
    assert browser.get("/admin/users").status_code == 403
    assert browser.client.post("/admin/users/1/deactivate").status_code in (400, 403)


def test_administration_asks_anonymous_visitors_to_sign_in(world, client):
    response = client.get("/admin/users")
    assert response.status_code == 302
    assert "/login" in response.location
