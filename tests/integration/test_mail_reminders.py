"""Reminders to judges from the progress page: queued in the outbox and sent through a real SMTP server."""

from __future__ import annotations

from datetime import timedelta

from flask_babel import force_locale, gettext

from app.extensions import db
from app.models.base import utcnow
from tests.integration.scoring_factories import judged_pool
from tests.integration.smtp_server import body, smtp  # noqa: F401 (the SMTP server fixture)
from tests.integration.test_progress_pages import organizer, signed_in, submit


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


def test_remind_mails_each_judge_with_sheets_outstanding_in_thai(app, browser, smtp):  # noqa: F811
    judged = _pool_with_late_judges()
    url = f"/organize/committees/pools/{judged.pool.id}"
    signed_in(browser)
    response = browser.post_form(f"{url}/remind", {}, page=f"{url}/progress", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert smtp.messages == []  # queued with the request, sent by the scheduler's outbox job
    smtp.deliver()
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
    assert "1 reminder is in the outbox" in html
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
