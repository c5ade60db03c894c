"""E-mail over SMTP, rendered in the recipient's language.

Messages come from ``templates/email/<name>.txt`` and ``<name>.html``. Callers send only after their
request has committed (a later issue replaces this with an outbox). Without ``MAIL_SERVER`` nothing is
sent and ``send`` returns False, so pages can tell the organizer to pass the news on themselves.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from flask import current_app, render_template
from flask_babel import force_locale

from app.models import User

SMTP_TIMEOUT_SECONDS = 10
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    html: str | None


def configured() -> bool:
    """True when a mail server is set, so messages can go out."""
    return bool(current_app.config.get("MAIL_SERVER"))


def send(to: str, subject: str, text: str, html: str | None = None) -> bool:
    """Send one message; False when no server is configured or the server refused it (logged)."""
    if not configured():
        return False
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_DEFAULT_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=_sender_domain(config["MAIL_DEFAULT_SENDER"]))
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    try:
        _deliver(message)
    except (smtplib.SMTPException, OSError) as error:
        log.warning("mail to %s not sent: %s", to, error)
        return False
    return True


def _deliver(message: EmailMessage) -> None:
    config = current_app.config
    with smtplib.SMTP(config["MAIL_SERVER"], int(config["MAIL_PORT"]), timeout=SMTP_TIMEOUT_SECONDS) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD", ""))
        smtp.send_message(message)


def _sender_domain(sender: str) -> str:
    return sender.rpartition("@")[2].strip("> ") or "localhost"


def render(name: str, user: User, subject: Any, **context: Any) -> Message:
    """The message ``name`` in the user's language (Thai unless they chose another). ``subject`` is a
    lazy string, translated here."""
    with force_locale(user.locale or "th"):
        return Message(
            subject=str(subject),
            text=render_template(f"email/{name}.txt", user=user, **context),
            html=render_template(f"email/{name}.html", user=user, **context),
        )


def send_to(user: User, name: str, subject: Any, **context: Any) -> bool:
    """Render ``name`` for the user and send it to their address; False without an address or server."""
    if not user.email or not configured():
        return False
    message = render(name, user, subject, **context)
    return send(user.email, message.subject, message.text, message.html)
