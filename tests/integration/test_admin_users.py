"""Administrators create accounts, give roles, deactivate, and import accounts from CSV."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Role, User
from tests.integration import factories
from tests.integration.test_auth import english


@pytest.fixture
def admin_browser(app, browser):
    geo = factories.small_geography()
    factories.user(Role.ADMIN, username="root")
    db.session.commit()
    browser.login("root", factories.PASSWORD)
    english(browser.client)
    return geo, browser


def user_named(username: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.username == username))


def test_an_administrator_creates_a_coordinator_for_a_unit(admin_browser):
    geo, browser = admin_browser
    response = browser.post_form(
        "/admin/users/new",
        {
            "username": "Phusing.Coord",
            "full_name": "นายสมชาย ใจดี",
            "email": "coord@example.org",
            "unit_id": geo["phusing"].id,
            "organizer_scope": "",
            "is_coordinator": "y",
            "password": "first-pass-1",
        },
    )
    assert response.status_code == 302
    created = user_named("phusing.coord")
    assert created is not None and created.unit_id == geo["phusing"].id
    assert [(a.role, a.unit_id) for a in created.roles] == [(Role.COORDINATOR, geo["phusing"].id)]


def test_a_taken_user_name_is_refused_and_the_typed_values_stay(admin_browser):
    _geo, browser = admin_browser
    response = browser.post_form(
        "/admin/users/new", {"username": "root", "full_name": "ชื่อที่พิมพ์ไว้", "unit_id": 0, "organizer_scope": ""}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "This user name is already taken." in html
    assert "ชื่อที่พิมพ์ไว้" in html


def test_a_coordinator_without_a_unit_is_refused(admin_browser):
    _geo, browser = admin_browser
    response = browser.post_form(
        "/admin/users/new",
        {"username": "lonely", "full_name": "x", "unit_id": 0, "organizer_scope": "", "is_coordinator": "y"},
    )
    assert response.status_code == 422
    assert "Coordinators and officers need a unit." in response.get_data(as_text=True)
    assert user_named("lonely") is None


def test_an_administrator_makes_someone_a_province_organizer(admin_browser):
    geo, browser = admin_browser
    person = factories.user(Role.JUDGE, username="somchai")
    db.session.commit()
    response = browser.post_form(
        f"/admin/users/{person.id}",
        {
            "username": "somchai",
            "full_name": "สมชาย",
            "unit_id": 0,
            "organizer_scope": "province:33",
            "is_judge": "y",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    roles = {(a.role, a.province_id) for a in user_named("somchai").roles}
    assert roles == {(Role.JUDGE, None), (Role.ORGANIZER, geo["sisaket"].id)}


def test_deactivating_an_account_and_not_oneself(admin_browser):
    _geo, browser = admin_browser
    person = factories.user(Role.JUDGE, username="leaving")
    db.session.commit()
    browser.post_form(f"/admin/users/{person.id}/deactivate", {}, page=f"/admin/users/{person.id}")
    db.session.expire_all()
    assert user_named("leaving").active is False
    root = user_named("root")
    response = browser.post_form(f"/admin/users/{root.id}/deactivate", {}, page=f"/admin/users/{root.id}")
    assert response.status_code == 302
    db.session.expire_all()
    assert user_named("root").active is True


CSV_OK = (
    "\ufeffusername,full_name,email,position,unit_code,roles,password\n"
    "coord3317,ผู้ประสานงานภูสิงห์,c@example.org,นักวิชาการ,CDD-3317,coordinator,pass-word-1\n"
    "reg14,ผู้จัดเขต 14,,,,organizer@region:14;judge,pass-word-2\n"
    "officer1,เจ้าหน้าที่,,,CDD-3322,officer,\n"
)


def upload(browser, text: str):
    return browser.post_form(
        "/admin/users/import",
        {"file": (io.BytesIO(text.encode("utf-8")), "users.csv")},
        content_type="multipart/form-data",
    )


def test_importing_a_good_csv_creates_every_account(admin_browser):
    geo, browser = admin_browser
    response = upload(browser, CSV_OK)
    assert response.status_code == 302
    assert user_named("coord3317").roles[0].unit_id == geo["phusing"].id
    assert {a.role for a in user_named("reg14").roles} == {Role.ORGANIZER, Role.JUDGE}
    assert user_named("officer1").password_hash is None


def test_a_malformed_csv_reports_each_bad_line_and_imports_nothing(admin_browser):
    _geo, browser = admin_browser
    bad = (
        "username,full_name,email,position,unit_code,roles,password\n"
        "good1,คนดี,,,,judge,pass-word-1\n"
        "root,ซ้ำ,,,,judge,pass-word-1\n"
        "bad2,,not-an-email,,CDD-9999,wizard,short\n"
        "good1,ซ้ำในไฟล์,,,,judge,pass-word-1\n"
        "coord,ไม่มีหน่วย,,,,coordinator,pass-word-1\n"
    )
    response = upload(browser, bad)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Line 3: username “root” is already taken" in html
    for expected in (
        "Line 4: full_name is empty",
        "Line 4: “not-an-email” is not an e-mail address",
        "Line 4: unknown unit_code “CDD-9999”",
        "Line 4: unknown role “wizard”",
        "Line 4: password is shorter than 8 characters",
        "Line 5: username “good1” is already taken",
        "Line 6: role “coordinator” needs a unit_code",
    ):
        assert expected in html, expected
    assert user_named("good1") is None, "nothing half-imported"


def test_a_csv_without_the_required_columns_is_refused(admin_browser):
    _geo, browser = admin_browser
    response = upload(browser, "name,mail\nx,y\n")
    assert "Line 1: missing columns: username, full_name, roles" in response.get_data(as_text=True)
