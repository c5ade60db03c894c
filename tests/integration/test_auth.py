"""Signing in and out: the right password works; everything else is refused without leaking anything."""

from __future__ import annotations

import sqlalchemy as sa

from app.extensions import db
from app.models import LoginThrottle, Role, User
from tests.integration import factories
from tests.integration.conftest import csrf_token

WRONG = "The user name or password is incorrect."


def english(client) -> None:
    html = client.get("/").get_data(as_text=True)
    client.post("/language", data={"lang": "en", "csrf_token": csrf_token(html), "next": "/"})


def test_a_user_signs_in_and_out(app, browser):
    factories.user(Role.JUDGE, username="judge")
    db.session.commit()
    response = browser.login("judge", factories.PASSWORD)
    assert response.status_code == 302
    assert "ออกจากระบบ" in browser.get("/").get_data(as_text=True)
    browser.logout()
    assert "เข้าสู่ระบบ" in browser.get("/").get_data(as_text=True)
    assert browser.get("/account/").status_code == 302


def test_a_wrong_password_and_an_unknown_user_get_the_same_answer(app, browser):
    factories.user(Role.JUDGE, username="judge")
    db.session.commit()
    english(browser.client)
    wrong = browser.login("judge", "not-the-password")
    unknown = browser.login("nobody", "not-the-password")
    assert wrong.status_code == unknown.status_code == 401
    assert WRONG in wrong.get_data(as_text=True)
    assert WRONG in unknown.get_data(as_text=True)
    assert 'value="judge"' in wrong.get_data(as_text=True), "the typed user name is kept"


def test_five_failures_lock_the_name_even_against_the_right_password(app, browser):
    factories.user(Role.JUDGE, username="judge")
    db.session.commit()
    english(browser.client)
    for _ in range(4):
        assert WRONG in browser.login("judge", "wrong-guess").get_data(as_text=True)
    locked = browser.login("judge", "wrong-guess")
    assert "locked until" in locked.get_data(as_text=True)
    right = browser.login("judge", factories.PASSWORD)
    assert right.status_code == 401
    assert "locked until" in right.get_data(as_text=True)
    assert db.session.get(LoginThrottle, "judge").locked_until is not None


def test_an_unknown_name_locks_the_same_way_so_lockout_reveals_no_account(app, browser):
    english(browser.client)
    for _ in range(5):
        last = browser.login("ghost", "wrong-guess")
    assert "locked until" in last.get_data(as_text=True)


def test_a_deactivated_account_cannot_sign_in(app, browser):
    factories.user(Role.JUDGE, username="gone", active=False)
    db.session.commit()
    english(browser.client)
    response = browser.login("gone", factories.PASSWORD)
    assert response.status_code == 401
    assert "deactivated" in response.get_data(as_text=True)


def test_deactivation_ends_a_session_that_is_already_open(app, browser):
    account = factories.user(Role.JUDGE, username="judge")
    db.session.commit()
    browser.login("judge", factories.PASSWORD)
    assert browser.get("/account/").status_code == 200
    from app.services.accounts import deactivate

    deactivate(db.session.get(User, account.id))
    db.session.commit()
    assert browser.get("/account/").status_code == 302


def test_a_post_without_csrf_token_is_refused_with_400(app, client):
    factories.user(Role.JUDGE, username="judge")
    db.session.commit()
    response = client.post("/login", data={"username": "judge", "password": factories.PASSWORD})
    assert response.status_code == 400
    assert "แบบฟอร์ม" in response.get_data(as_text=True)


def test_sign_out_by_get_is_not_possible(app, browser):
    factories.user(Role.JUDGE, username="judge")
    db.session.commit()
    browser.login("judge", factories.PASSWORD)
    assert browser.get("/logout").status_code == 405
    assert browser.get("/account/").status_code == 200


def test_the_next_parameter_cannot_send_a_user_to_another_site(app, browser):
    factories.user(Role.JUDGE, username="judge")
    db.session.commit()
    html = browser.get("/login").get_data(as_text=True)
    response = browser.client.post(
        "/login",
        data={
            "username": "judge",
            "password": factories.PASSWORD,
            "next": "https://evil.example/",
            "csrf_token": csrf_token(html),
        },
    )
    assert response.location == "/"


def test_sign_in_attempts_per_address_are_rate_limited(database_uri, tmp_path):
    from app import create_app
    from app.config import config_for_tests

    app = create_app(config_for_tests(database_uri, tmp_path) | {"LOGIN_RATE_LIMIT": "3 per minute"})
    with app.app_context():
        client = app.test_client()
        html = client.get("/login").get_data(as_text=True)
        statuses = [
            client.post(
                "/login", data={"username": "x", "password": "y", "csrf_token": csrf_token(html)}
            ).status_code
            for _ in range(4)
        ]
        db.session.execute(sa.delete(LoginThrottle))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    assert statuses == [401, 401, 401, 429]


def test_changing_the_password_needs_the_current_one_and_ends_other_sessions(app, browser):
    factories.user(Role.JUDGE, username="judge")
    db.session.commit()
    other = app.test_client()
    from tests.integration.conftest import Browser

    Browser(other).login("judge", factories.PASSWORD)
    browser.login("judge", factories.PASSWORD)
    english(browser.client)
    refused = browser.post_form(
        "/account/password",
        {"current_password": "nope", "new_password": "new-secret-1", "confirm_password": "new-secret-1"},
    )
    assert refused.status_code == 422
    assert "The current password is incorrect." in refused.get_data(as_text=True)
    mismatch = browser.post_form(
        "/account/password",
        {"current_password": factories.PASSWORD, "new_password": "new-secret-1", "confirm_password": "other"},
    )
    assert "The two passwords differ." in mismatch.get_data(as_text=True)
    done = browser.post_form(
        "/account/password",
        {
            "current_password": factories.PASSWORD,
            "new_password": "new-secret-1",
            "confirm_password": "new-secret-1",
        },
    )
    assert done.status_code == 302
    assert browser.get("/account/").status_code == 200, "this session goes on"
    assert other.get("/account/").status_code == 302, "the other session is signed out"
    browser.logout()
    assert browser.login("judge", "new-secret-1").status_code == 302
