"""The outbox and timed-jobs pages: national organizers only; a failed message is sent again on request;
a message that waits for a mail server can be read in the app."""

from __future__ import annotations

import sqlalchemy as sa

from app.extensions import db
from app.models import JobRun, MessageStatus, OutboxMessage, Role
from app.models.base import utcnow
from tests.integration import factories
from tests.integration.factories import PASSWORD


def national() -> None:
    user = factories.user(Role.ORGANIZER, username="national")
    user.locale = "en"


def message(status: MessageStatus = MessageStatus.PENDING, **values) -> OutboxMessage:
    row = OutboxMessage(
        to_address="judge@example.go.th",
        template="reminder",
        subject="เตือนการให้คะแนน",
        text_body="ท่านยังมีแบบให้คะแนน 2 ฉบับ",
        status=status,
        **values,
    )
    db.session.add(row)
    db.session.commit()
    return row


def test_a_national_organizer_reads_the_outbox_and_a_waiting_message(app, browser):
    national()
    waiting = message()
    failed = message(MessageStatus.FAILED, attempts=5, last_error="SMTPDataError: 550 Mailbox unavailable")
    browser.login("national", PASSWORD)
    html = browser.get("/organize/outbox").get_data(as_text=True)
    assert "No mail server is configured" in html and "เตือนการให้คะแนน" in html
    assert "550 Mailbox unavailable" in html and html.count("Send again") == 1
    assert f'data-message="{waiting.id}"' in html and f'data-message="{failed.id}"' in html
    only_failed = browser.get("/organize/outbox?status=failed").get_data(as_text=True)
    assert f'data-message="{waiting.id}"' not in only_failed
    assert browser.get("/organize/outbox?status=nonsense").status_code == 400
    page = browser.get(f"/organize/outbox/{waiting.id}").get_data(as_text=True)
    assert "ท่านยังมีแบบให้คะแนน 2 ฉบับ" in page
    assert browser.get("/organize/outbox/999999").status_code == 404


def test_a_failed_message_is_sent_again_only_by_a_checked_post(app, browser):
    national()
    failed = message(MessageStatus.FAILED, attempts=5, last_error="timed out")
    sent = message(MessageStatus.SENT, attempts=1, sent_at=utcnow())
    browser.login("national", PASSWORD)
    assert browser.client.post(f"/organize/outbox/{failed.id}/resend").status_code == 400  # no CSRF token
    assert db.session.get(OutboxMessage, failed.id).status is MessageStatus.FAILED
    response = browser.post_form(f"/organize/outbox/{failed.id}/resend", {}, page="/organize/outbox")
    assert response.status_code == 302
    again = db.session.get(OutboxMessage, failed.id)
    assert again.status is MessageStatus.PENDING and again.attempts == 0
    refused = browser.post_form(f"/organize/outbox/{sent.id}/resend", {}, page="/organize/outbox")
    assert refused.status_code == 409 and db.session.get(OutboxMessage, sent.id).status is MessageStatus.SENT


def test_only_national_organizers_see_the_outbox_and_the_timed_jobs(app, browser):
    geo = factories.small_geography()
    factories.user(Role.ORGANIZER, username="sisaket", province_id=geo["sisaket"].id)
    factories.user(Role.JUDGE, username="judge")
    db.session.commit()
    for username in ("sisaket", "judge"):
        browser.login(username, PASSWORD)
        assert browser.get("/organize/outbox").status_code == 403
        assert browser.get("/organize/scheduler").status_code == 403
        browser.logout()
    assert browser.get("/organize/outbox").status_code == 302  # signed out: to the sign-in page


def test_the_timed_jobs_page_shows_what_ran_and_what_is_coming(app, browser):
    from tests.integration.test_scheduler_timeline import setting

    round_, *_rest = setting()  # its organizer "national" reads Thai
    db.session.add(
        JobRun(
            key="k", kind="close_submissions", round_id=round_.id, detail="submissions closed: 3 submitted"
        )
    )
    db.session.commit()
    browser.login("national", PASSWORD)
    html = browser.get("/organize/scheduler").get_data(as_text=True)
    assert "submissions closed: 3 submitted" in html
    label = f"{round_.category.contest.name}, {round_.category.name_th}, ระดับจังหวัด"
    assert html.count(label) == 8  # the province round's 8 jobs to come
    assert db.session.scalar(sa.select(sa.func.count(JobRun.id))) == 1
