"""Inviting a new judge: account, committee seat, a one-time link by e-mail (a real SMTP server), and
setting the password through the link."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta
from urllib.parse import urlsplit

import sqlalchemy as sa

from app.extensions import db
from app.models import CommitteeMember, CommitteeRole, Invitation, MessageStatus, OutboxMessage, Role, User
from app.models.base import utcnow
from app.services import invitations
from app.services.invitations import NewJudge
from tests.integration.smtp_server import body, smtp  # noqa: F401 (the SMTP server fixture)
from tests.integration.test_committees_service import sisaket_pool
from tests.integration.test_progress_pages import organizer, signed_in

NEW_JUDGE = {
    "full_name": "นางสาวสมใจ ใฝ่รู้",
    "email": "somjai.f@example.go.th",
    "position": "นักวิชาการพัฒนาชุมชนชำนาญการพิเศษ",
    "unit_code": "cdd-3201",
    "invite_role": "member",
}


def _committee_setting():
    setting = sisaket_pool()
    organizer()
    db.session.commit()
    return setting


def _invite(browser, setting, data=None):
    url = f"/organize/committees/pools/{setting.pool.id}"
    return browser.post_form(f"{url}/invitations", data or NEW_JUDGE, page=url)


def _path(link: str) -> str:
    return urlsplit(link).path


def test_an_invited_judge_gets_the_link_by_mail_sets_a_password_and_is_signed_in(app, browser, smtp):  # noqa: F811
    setting = _committee_setting()
    signed_in(browser)
    assert _invite(browser, setting).status_code == 302
    user = db.session.scalars(sa.select(User).where(User.email == NEW_JUDGE["email"])).one()
    assert user.password_hash is None and user.has_role(Role.JUDGE) and user.unit.code == "CDD-3201"
    assert user.username == "somjai.f"
    member = db.session.scalars(sa.select(CommitteeMember).where(CommitteeMember.user_id == user.id)).one()
    assert member.pool_id == setting.pool.id and member.role is CommitteeRole.MEMBER
    assert smtp.messages == []  # in the outbox, committed with the seat; the scheduler sends it
    assert len(smtp.deliver().sent) == 1
    [message] = smtp.messages
    assert smtp.recipients == [[NEW_JUDGE["email"]]]
    link = re.search(r"https?://\S+/organize/committees/invitations/\S+", body(message)).group(0)
    token = link.rsplit("/", 1)[1]
    stored = db.session.scalars(sa.select(Invitation)).one()
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest() and token not in stored.token_hash
    assert timedelta(days=6, hours=23) < stored.expires_at - utcnow() <= timedelta(days=7)
    browser.logout()
    form = browser.get(_path(link))
    assert form.status_code == 200 and "somjai.f" in form.get_data(as_text=True)
    short = browser.post_form(_path(link), {"password": "short", "confirm": "short"})
    assert short.status_code == 422 and db.session.get(Invitation, stored.id).used_at is None
    accepted = browser.post_form(_path(link), {"password": "ใจดีมีสุข-2565", "confirm": "ใจดีมีสุข-2565"})
    assert accepted.status_code == 302 and accepted.headers["Location"].endswith("/judge/")
    assert db.session.get(Invitation, stored.id).used_at is not None
    home = browser.get("/account/").get_data(as_text=True)
    assert NEW_JUDGE["full_name"] in home  # signed in as the new judge
    browser.logout()
    assert browser.login("somjai.f", "ใจดีมีสุข-2565").status_code == 302
    used = browser.get(_path(link))
    assert used.status_code == 410 and "ลิงก์นี้ถูกใช้ไปแล้ว" in used.get_data(as_text=True)


def test_without_a_mail_server_the_organizer_sees_the_link_once(app, browser):
    app.config["MAIL_SERVER"] = ""
    setting = _committee_setting()
    signed_in(browser)
    response = _invite(browser, setting)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "No mail server is configured" in html
    [waiting] = db.session.scalars(sa.select(OutboxMessage)).all()  # kept for when a server is set
    assert waiting.status is MessageStatus.PENDING and waiting.to_address == NEW_JUDGE["email"]
    link = re.search(r'value="(https?://[^"]+/organize/committees/invitations/[^"]+)"', html).group(1)
    assert "/organize/committees/invitations/" not in browser.get(
        f"/organize/committees/pools/{setting.pool.id}"
    ).get_data(as_text=True)
    browser.logout()
    assert browser.get(_path(link)).status_code == 200


def test_an_expired_or_unknown_link_is_refused_and_changes_nothing(app, browser):
    setting = _committee_setting()
    invited = invitations.invite_judge(
        db.session,
        setting.pool,
        NewJudge("นายทดสอบ ระบบ", "test@example.go.th"),
        now=utcnow() - timedelta(days=8),
    )
    db.session.commit()
    url = f"/organize/committees/invitations/{invited.token}"
    expired = browser.get(url)
    assert expired.status_code == 410 and "ลิงก์หมดอายุแล้ว" in expired.get_data(as_text=True)
    posted = browser.post_form(url, {"password": "long-enough-1", "confirm": "long-enough-1"}, page="/")
    assert posted.status_code == 410
    user = db.session.get(User, invited.user.id)
    assert user.password_hash is None and db.session.get(Invitation, invited.invitation.id).used_at is None
    assert browser.get("/organize/committees/invitations/not-a-real-token").status_code == 404


def test_an_e_mail_already_in_use_is_refused_keeping_what_was_typed(app, browser):
    setting = _committee_setting()
    invitations.invite_judge(db.session, setting.pool, NewJudge("คนแรก", NEW_JUDGE["email"]), now=utcnow())
    db.session.commit()
    signed_in(browser)
    app.config["MAIL_SERVER"] = ""
    response = _invite(browser, setting)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "already uses this e-mail" in html
    assert NEW_JUDGE["full_name"] in html
    assert db.session.scalar(sa.select(sa.func.count(User.id)).where(User.email == NEW_JUDGE["email"])) == 1


def test_a_second_chair_by_invitation_is_refused_and_no_account_is_left(app, browser):
    setting = _committee_setting()
    invitations.invite_judge(
        db.session,
        setting.pool,
        NewJudge("ประธาน", "chair@example.go.th", role=CommitteeRole.CHAIR),
        now=utcnow(),
    )
    db.session.commit()
    signed_in(browser)
    response = _invite(browser, setting, NEW_JUDGE | {"invite_role": "chair", "unit_code": ""})
    assert response.status_code == 422 and "already has a chair" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(User).where(User.email == NEW_JUDGE["email"])) is None
