"""E-mail through a real SMTP server (aiosmtpd on 127.0.0.1): the mail module and reminders to judges."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from datetime import timedelta
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from flask_babel import force_locale, gettext

from app import mail
from app.extensions import db
from app.models.base import utcnow
from tests.integration.scoring_factories import judged_pool
from tests.integration.test_progress_pages import organizer, signed_in, submit


class Collector:
    """An SMTP handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.recipients: list[list[str]] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.recipients.append(list(envelope.rcpt_tos))
        self.messages.append(email.message_from_bytes(envelope.original_content, policy=email.policy.default))
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp(app) -> Iterator[Collector]:
    """A real SMTP server for this test; the app is configured to send through it."""
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=free_port())
    controller.start()
    app.config.update(
        MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port, MAIL_DEFAULT_SENDER="km@example.go.th"
    )
    try:
        yield collector
    finally:
        controller.stop()


def body(message: EmailMessage, subtype: str = "plain") -> str:
    part = message.get_body(preferencelist=(subtype,))
    assert part is not None
    return part.get_content()


def test_send_delivers_text_and_html_through_the_server(app, smtp):
    assert mail.send("judge@example.go.th", "ทดสอบ", "สวัสดี", "<p>สวัสดี</p>") is True
    [message] = smtp.messages
    assert smtp.recipients == [["judge@example.go.th"]]
    assert message["Subject"] == "ทดสอบ" and message["From"] == "km@example.go.th"
    assert body(message).strip() == "สวัสดี" and "<p>สวัสดี</p>" in body(message, "html")


def test_without_a_mail_server_send_does_nothing_and_says_so(app):
    app.config["MAIL_SERVER"] = ""
    assert mail.configured() is False
    assert mail.send("judge@example.go.th", "ทดสอบ", "สวัสดี") is False


def test_an_unreachable_server_is_reported_as_not_sent(app):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())
    assert mail.send("judge@example.go.th", "ทดสอบ", "สวัสดี") is False


def _pool_with_late_judges():
    """judge1 and judge2 have sheets outstanding (judge2 has no e-mail); the chair is done."""
    judged = judged_pool(judges=2)
    for entry in judged.entries:
        submit(judged.pool, entry, judged.chair)
    submit(judged.pool, judged.entries[0], judged.judges[0])
    judged.chair.email = "chair@example.go.th"
    judged.judges[0].email = "judge1@example.go.th"
    judged.round.judging_close_at = utcnow() + timedelta(hours=10)
    organizer()
    db.session.commit()
    return judged


def test_remind_mails_each_judge_with_sheets_outstanding_in_thai(app, browser, smtp):
    judged = _pool_with_late_judges()
    url = f"/organize/committees/pools/{judged.pool.id}"
    signed_in(browser)
    response = browser.post_form(f"{url}/remind", {}, page=f"{url}/progress", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert smtp.recipients == [["judge1@example.go.th"]]
    [message] = smtp.messages
    with force_locale("th"):
        thai_subject = gettext(
            "Reminder: %(n)d score sheets to submit, %(contest)s",
            n=1,
            contest=judged.round.category.contest.name,
        )
    assert message["Subject"] == thai_subject  # the judge has no language set: Thai
    text = body(message)
    assert "1" in text and "ผู้ใช้ judge1" in text
    close = judged.round.judging_close_at
    assert str(close.year + 543) in text and "น." in text  # Buddhist Era, Bangkok time
    assert "/judge/" in text and "<a href=" in body(message, "html")
    assert "1 reminder sent." in html
    assert "Not reachable by e-mail" in html and "ผู้ใช้ judge2 (2)" in html


def test_without_a_mail_server_remind_sends_nothing_and_lists_who_is_behind(app, browser):
    judged = _pool_with_late_judges()
    app.config["MAIL_SERVER"] = ""
    url = f"/organize/committees/pools/{judged.pool.id}"
    signed_in(browser)
    html = browser.post_form(f"{url}/remind", {}, page=f"{url}/progress", follow_redirects=True).get_data(
        as_text=True
    )
    assert "No mail server is configured" in html
    assert "ผู้ใช้ judge1 (1)" in html and "ผู้ใช้ judge2 (2)" in html and "ผู้ใช้ chair (" not in html
