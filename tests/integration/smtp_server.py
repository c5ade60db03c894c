"""A real SMTP server for tests (aiosmtpd on 127.0.0.1), and servers that misbehave on purpose."""

from __future__ import annotations

import email
import email.policy
import socket
import threading
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from app import mail
from app.extensions import db
from app.models.base import utcnow


class Collector:
    """An SMTP handler that keeps every message it receives; ``refuse`` makes it answer 550 instead."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.recipients: list[list[str]] = []
        self.refuse = False

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.refuse:
            return "550 Mailbox unavailable"
        self.recipients.append(list(envelope.rcpt_tos))
        self.messages.append(email.message_from_bytes(envelope.original_content, policy=email.policy.default))
        return "250 Message accepted"

    def deliver(self) -> mail.Delivery:
        """Send the outbox now, as the scheduler's outbox job does."""
        return mail.deliver_due(db.session, utcnow())


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


@pytest.fixture
def silent_server(app) -> Iterator[int]:
    """A server that accepts connections and never says a word (an SMTP server that hangs)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                continue
            held.append(connection)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    port = int(listener.getsockname()[1])
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_TIMEOUT_SECONDS=1)
    try:
        yield port
    finally:
        stop.set()
        thread.join()
        for connection in held:
            connection.close()
        listener.close()


def body(message: EmailMessage, subtype: str = "plain") -> str:
    part = message.get_body(preferencelist=(subtype,))
    assert part is not None
    return part.get_content()
