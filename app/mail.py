"""E-mail through an outbox: a message is rendered in the recipient's language and written to
``outbox_message`` in the same transaction as the change that caused it; the scheduler process sends it over
SMTP later, with retries and backoff, and records each attempt.

Messages come from ``templates/email/<name>.txt`` and ``<name>.html``. Without ``MAIL_SERVER`` (the
``make run`` default) messages stay in the outbox, where organizers see them. A message is claimed before it
is sent, so two senders never send the same message.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy.orm import Session

from app.models import MessageStatus, OutboxMessage, User

log = logging.getLogger(__name__)
CLAIM_SECONDS = 300  # longer than any SMTP conversation; a crashed sender's claim lapses after it


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    html: str | None


@dataclass
class Delivery:
    """What one pass over the outbox did."""

    sent: list[int] = field(default_factory=list)
    retrying: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


def configured() -> bool:
    """True when a mail server is set, so messages can go out."""
    return bool(current_app.config.get("MAIL_SERVER"))


def render(name: str, user: User, subject: Any, **context: Any) -> Message:
    """The message ``name`` in the user's language (Thai unless they chose another). ``subject`` is a
    lazy string, translated here."""
    with force_locale(user.locale or "th"):
        return Message(
            subject=str(subject),
            text=render_template(f"email/{name}.txt", user=user, **context),
            html=render_template(f"email/{name}.html", user=user, **context),
        )


def queue(
    session: Session, user: User, name: str, subject: Any, *, dedupe_key: str | None = None, **context: Any
) -> OutboxMessage | None:
    """Render ``name`` for the user and put it in the outbox (flushed, not committed). None when the user
    has no address, or when ``dedupe_key`` was queued before."""
    if not user.email:
        return None
    if dedupe_key is not None:
        seen = session.scalar(sa.select(OutboxMessage.id).where(OutboxMessage.dedupe_key == dedupe_key))
        if seen is not None:
            return None
    message = render(name, user, subject, **context)
    row = OutboxMessage(
        user_id=user.id,
        to_address=user.email,
        template=name,
        subject=message.subject[:300],
        text_body=message.text,
        html_body=message.html or "",
        dedupe_key=dedupe_key,
    )
    session.add(row)
    session.flush()
    return row


def retry_delay(attempts: int) -> timedelta:
    """Backoff after the ``attempts``-th failure: MAIL_RETRY_SECONDS, doubled each time, at most an hour."""
    base = int(current_app.config.get("MAIL_RETRY_SECONDS", 60))
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 3600))


def deliver_due(session: Session, now: datetime, *, limit: int = 100) -> Delivery:
    """Send every pending message whose next attempt is due (the scheduler calls this every few seconds).

    Commits after each message: a claim, then the outcome. Nothing is sent without a mail server.
    """
    done = Delivery()
    if not configured():
        return done
    due = session.scalars(
        sa.select(OutboxMessage.id)
        .where(OutboxMessage.status == MessageStatus.PENDING, OutboxMessage.next_attempt_at <= now)
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(limit)
    ).all()
    session.commit()
    for message_id in due:
        if not _claim(session, message_id, now):
            continue
        message = session.get(OutboxMessage, message_id, populate_existing=True)
        assert message is not None
        error = _attempt(message)
        _record(message, error, now)
        session.commit()
        outcome = {
            MessageStatus.SENT: done.sent,
            MessageStatus.PENDING: done.retrying,
            MessageStatus.FAILED: done.failed,
        }
        outcome[message.status].append(message.id)
    return done


def _claim(session: Session, message_id: int, now: datetime) -> bool:
    """Take the message for this sender, atomically; False when another sender has it or it is done."""
    claimed = session.execute(
        sa.update(OutboxMessage)
        .where(
            OutboxMessage.id == message_id,
            OutboxMessage.status == MessageStatus.PENDING,
            sa.or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
        )
        .values(claimed_until=now + timedelta(seconds=CLAIM_SECONDS))
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return bool(claimed.rowcount)  # type: ignore[attr-defined]


def _attempt(message: OutboxMessage) -> str | None:
    """Send it once; the error text when the server refused or could not be reached."""
    try:
        _deliver(_email(message))
    except (smtplib.SMTPException, OSError) as error:
        log.warning("mail %s to %s not sent: %s", message.id, message.to_address, error)
        return f"{type(error).__name__}: {error}"[:500]
    return None


def _record(message: OutboxMessage, error: str | None, now: datetime) -> None:
    message.attempts += 1
    message.claimed_until = None
    if error is None:
        message.status, message.sent_at, message.last_error = MessageStatus.SENT, now, ""
        return
    message.last_error = error
    if message.attempts >= int(current_app.config.get("MAIL_MAX_ATTEMPTS", 5)):
        message.status = MessageStatus.FAILED
    else:
        message.next_attempt_at = now + retry_delay(message.attempts)


def resend(message: OutboxMessage, now: datetime) -> bool:
    """Put a failed message back in the queue for a fresh round of attempts; False if it is not failed."""
    if message.status is not MessageStatus.FAILED:
        return False
    message.status, message.attempts, message.next_attempt_at = MessageStatus.PENDING, 0, now
    message.claimed_until = None
    return True


def _email(message: OutboxMessage) -> EmailMessage:
    sender = current_app.config["MAIL_DEFAULT_SENDER"]
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Date"] = formatdate(localtime=False)
    email["Message-ID"] = make_msgid(idstring=f"outbox-{message.id}", domain=_sender_domain(sender))
    email.set_content(message.text_body)
    if message.html_body:
        email.add_alternative(message.html_body, subtype="html")
    return email


def _deliver(message: EmailMessage) -> None:
    config = current_app.config
    timeout = float(config.get("MAIL_TIMEOUT_SECONDS", 10))
    with smtplib.SMTP(config["MAIL_SERVER"], int(config["MAIL_PORT"]), timeout=timeout) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD", ""))
        smtp.send_message(message)


def _sender_domain(sender: str) -> str:
    return sender.rpartition("@")[2].strip("> ") or "localhost"
