# ruff: noqa: F811  (pytest fixtures imported from smtp_server)
"""The outbox against real SMTP servers on loopback: one that accepts (aiosmtpd), one that refuses, one that
never answers, and none at all. Nothing is lost: a message is sent once, retried with backoff, marked failed
after its last attempt, and can be sent again."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from app import mail
from app.extensions import db
from app.models import MessageStatus, OutboxMessage, Role
from app.models.base import utcnow
from tests.integration import factories
from tests.integration.smtp_server import body, free_port, silent_server, smtp  # noqa: F401 (fixtures)


def plain(address: str = "judge@example.go.th") -> OutboxMessage:
    """A message put straight into the outbox (what ``mail.queue`` writes)."""
    row = OutboxMessage(
        to_address=address, template="test", subject="ทดสอบ", text_body="สวัสดี", html_body="<p>สวัสดี</p>"
    )
    db.session.add(row)
    db.session.commit()
    return row


def stored(message_id: int) -> OutboxMessage:
    db.session.expire_all()
    message = db.session.get(OutboxMessage, message_id)
    assert message is not None
    return message


def test_a_queued_message_is_sent_once_with_text_and_html(app, smtp):
    message = plain()
    delivery = smtp.deliver()
    assert delivery.sent == [message.id]
    [received] = smtp.messages
    assert smtp.recipients == [["judge@example.go.th"]]
    assert received["Subject"] == "ทดสอบ" and received["From"] == "km@example.go.th"
    assert body(received).strip() == "สวัสดี" and "<p>สวัสดี</p>" in body(received, "html")
    sent = stored(message.id)
    assert sent.status is MessageStatus.SENT and sent.attempts == 1 and sent.sent_at is not None
    assert smtp.deliver().sent == [] and len(smtp.messages) == 1  # never twice


def test_queue_renders_in_the_users_language_once_per_key_and_skips_users_without_an_address(app):
    from tests.integration.scoring_factories import judged_pool

    judged = judged_pool()
    context = {
        "pool": judged.pool,
        "round": judged.round,
        "outstanding": 2,
        "deadline": judged.round.judging_close_at,
        "link": "http://example/judge/",
    }
    nobody = factories.user(Role.JUDGE, username="noaddress")
    assert mail.queue(db.session, nobody, "reminder", "x", **context) is None
    english = factories.user(Role.JUDGE, username="english")
    english.email, english.locale = "en@example.go.th", "en"
    thai = factories.user(Role.JUDGE, username="thai")
    thai.email = "th@example.go.th"
    queued = mail.queue(db.session, english, "reminder", "Reminder", dedupe_key="once", **context)
    assert queued is not None and "You have 2 score sheets" in queued.text_body
    assert "แบบให้คะแนน" in mail.queue(db.session, thai, "reminder", "x", **context).text_body
    assert mail.queue(db.session, english, "reminder", "x", dedupe_key="once", **context) is None


def test_a_refusing_server_is_retried_with_backoff_then_marked_failed_and_can_be_resent(app, smtp):
    app.config.update(MAIL_MAX_ATTEMPTS=3, MAIL_RETRY_SECONDS=60)
    smtp.refuse = True
    message = plain()
    now = utcnow()
    assert mail.deliver_due(db.session, now).retrying == [message.id]
    first = stored(message.id)
    assert first.status is MessageStatus.PENDING and first.attempts == 1 and "550" in first.last_error
    assert first.next_attempt_at == now + timedelta(seconds=60)
    assert mail.deliver_due(db.session, now + timedelta(seconds=30)).retrying == []  # not due yet
    assert mail.deliver_due(db.session, now + timedelta(seconds=61)).retrying == [message.id]
    assert stored(message.id).next_attempt_at == now + timedelta(seconds=61 + 120)  # doubled
    assert mail.deliver_due(db.session, now + timedelta(seconds=200)).failed == [message.id]
    failed = stored(message.id)
    assert failed.status is MessageStatus.FAILED and failed.attempts == 3
    assert mail.deliver_due(db.session, now + timedelta(days=1)).failed == []  # a failed one waits
    assert smtp.messages == []

    smtp.refuse = False
    assert mail.resend(failed, now + timedelta(days=1)) is True
    db.session.commit()
    assert mail.deliver_due(db.session, now + timedelta(days=1)).sent == [message.id]
    assert len(smtp.messages) == 1 and stored(message.id).status is MessageStatus.SENT


def test_a_server_that_never_answers_times_out_and_the_message_waits_for_the_next_attempt(app, silent_server):
    message = plain()
    delivery = mail.deliver_due(db.session, utcnow())
    assert delivery.retrying == [message.id]
    waiting = stored(message.id)
    assert waiting.status is MessageStatus.PENDING and "timed out" in waiting.last_error.lower()
    assert waiting.claimed_until is None  # free for the next attempt


def test_an_unreachable_server_leaves_the_message_pending(app):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())
    message = plain()
    assert mail.deliver_due(db.session, utcnow()).retrying == [message.id]
    assert stored(message.id).last_error.startswith("ConnectionRefusedError")


def test_without_a_mail_server_messages_stay_in_the_outbox(app):
    app.config["MAIL_SERVER"] = ""
    message = plain()
    assert mail.deliver_due(db.session, utcnow()).sent == []
    assert stored(message.id).status is MessageStatus.PENDING and stored(message.id).attempts == 0


def test_a_message_claimed_by_another_sender_is_not_sent_twice(app, smtp):
    message = plain()
    now = utcnow()
    db.session.execute(
        sa.update(OutboxMessage)
        .where(OutboxMessage.id == message.id)
        .values(claimed_until=now + timedelta(minutes=5))
    )
    db.session.commit()
    assert smtp.deliver().sent == [] and smtp.messages == []
    assert mail.deliver_due(db.session, now + timedelta(minutes=6)).sent == [message.id]  # the claim lapsed
