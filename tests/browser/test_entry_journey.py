"""A district office's coordinator, on a phone, writes an entry with a PDF, saves a draft, submits it and sees
it listed; once the deadline has passed the entry is read-only and a forged edit changes nothing.

The live server holds the demo (organization data and accounts). This module adds its own open KM Challenge
and coordinator through a second app on the same database, so it needs nothing else from the demo.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Entry, EntryState, Role, Round, Unit
from app.models.base import utcnow
from app.services.accounts import RoleSpec, create_user
from app.services.contests import open_round
from app.services.km_challenge import create_km_challenge
from tests.browser.conftest import screenshot, sign_in

PASSWORD = "journey-pass-2565"
PHU_SING = "CDD-3317"
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass
class Journey:
    username: str
    district_category_id: int
    round_id: int


@pytest.fixture
def journey(live_app: Any) -> Journey:
    """An open KM Challenge (storytelling and district rounds open, closing in a week) and a new coordinator
    of สพอ.ภูสิงห์."""
    username = f"coord-{secrets.token_hex(3)}"
    with live_app.app_context():
        unit = db.session.scalar(sa.select(Unit).where(Unit.code == PHU_SING))
        department = db.session.scalar(sa.select(Unit).where(Unit.code == "CDD"))
        contest = create_km_challenge(
            db.session, name="KM Challenge ทดสอบเส้นทาง", fiscal_year=2022, organizer_unit=department
        )
        storytelling, district, _ = contest.categories
        for category in (storytelling, district):
            _open(category.rounds[0])
        create_user(
            db.session,
            username=username,
            full_name="นางสาวทดสอบ ประสานงาน",
            email=None,
            password=PASSWORD,
            roles=[RoleSpec(Role.COORDINATOR, unit_id=unit.id)],
            unit_id=unit.id,
        )
        db.session.commit()
        result = Journey(username, district.id, district.rounds[0].id)
        db.session.remove()
    return result


def _open(round_: Round) -> None:
    now = utcnow()
    round_.submissions_open_at = now - timedelta(days=1)
    round_.submissions_close_at = now + timedelta(days=7)
    round_.judging_open_at = now + timedelta(days=8)
    round_.judging_close_at = now + timedelta(days=15)
    round_.announce_at = now + timedelta(days=17)
    open_round(db.session, round_)


def close_submissions(live_app: Any, round_id: int) -> None:
    with live_app.app_context():
        round_ = db.session.get(Round, round_id)
        round_.submissions_open_at = utcnow() - timedelta(days=10)
        round_.submissions_close_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
        db.session.remove()


def stored_entry(live_app: Any, entry_id: int) -> tuple[str, EntryState, int, int]:
    with live_app.app_context():
        entry = db.session.get(Entry, entry_id)
        result = (entry.title, entry.state, entry.version, len(entry.attachments))
        db.session.remove()
    return result


def write_draft(page: Any, live_server: str, journey: Journey) -> int:
    page.goto(live_server + "/entries/")
    page.locator(f'a[href*="/entries/new?category={journey.district_category_id}&"]').click()
    page.locator("#title").fill("ภูสิงห์: ชุมชนเรียนรู้ด้วยการจัดการความรู้")
    page.locator("#summary").fill("สำนักงานใช้ชุมชนนักปฏิบัติและการทบทวนหลังปฏิบัติงานทุกเดือน")
    editor = page.locator(".rich-editor")  # the formatted-text editor that replaces the textarea
    editor.click()
    editor.type("ชุมชนนักปฏิบัติ")
    editor.press("Control+A")
    page.locator(".editor-toolbar [data-wrap=strong]").click()
    assert page.locator("#body").input_value() == "<strong>ชุมชนนักปฏิบัติ</strong>"
    editor.press("End")
    editor.press("Enter")
    editor.type("เราพบกันทุกเดือนเพื่อแลกเปลี่ยนเรียนรู้")
    assert "เราพบกันทุกเดือน" in page.locator("#body").input_value()
    screenshot(page, "entry-form-phone")
    page.locator("button[name=action][value=draft]").click()
    page.wait_for_url(re.compile(r"/entries/\d+$"))
    assert page.locator("h1 + .card .state-draft").is_visible()
    return int(page.url.rsplit("/", 1)[1])


def attach_pdf(page: Any) -> None:
    page.locator("#file").set_input_files(
        files=[{"name": "รายงานผลการดำเนินงาน.pdf", "mimeType": "application/pdf", "buffer": MINIMAL_PDF}]
    )
    page.locator('form[action$="/attachments"] button[type=submit]').click()
    page.locator(".attachment-list a", has_text="รายงานผลการดำเนินงาน.pdf").wait_for()


def test_a_coordinator_submits_an_entry_that_becomes_read_only_after_the_deadline(
    live_server, live_app, journey, page
):
    sign_in(page, live_server, journey.username, PASSWORD)
    entry_id = write_draft(page, live_server, journey)
    attach_pdf(page)
    page.locator('form[action$="/submit"] button[type=submit]').click()
    page.locator("h1 + .card .state-submitted").wait_for()
    assert page.locator(".entry-body strong", has_text="ชุมชนนักปฏิบัติ").is_visible()
    screenshot(page, "entry-submitted-phone")

    page.goto(live_server + "/entries/")
    listed = page.locator(".entry-card", has=page.locator(f'a[href="/entries/{entry_id}"]'))
    assert listed.locator(".state-submitted").is_visible()
    assert page.locator(f'a[href*="/entries/new?category={journey.district_category_id}&"]').count() == 0
    screenshot(page, "entries-submitted-phone")

    page.goto(f"{live_server}/entries/{entry_id}")
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    version = page.locator("input[name=version]").first.get_attribute("value")
    assert page.locator(f'a[href="/entries/{entry_id}/edit"]').count() == 1
    before = stored_entry(live_app, entry_id)
    assert before[1] is EntryState.SUBMITTED and before[3] == 1

    close_submissions(live_app, journey.round_id)
    page.reload()
    assert page.locator(f'a[href="/entries/{entry_id}/edit"]').count() == 0
    assert page.locator('form[action$="/attachments"]').count() == 0
    assert page.locator(".closed-note").is_visible()
    screenshot(page, "entry-closed-phone")

    forged = page.request.post(
        f"{live_server}/entries/{entry_id}/edit",
        form={"csrf_token": token, "version": version, "title": "แก้ไขหลังหมดเวลา", "action": "draft"},
        max_redirects=0,
    )
    assert forged.status == 409
    assert stored_entry(live_app, entry_id) == before
    page.reload()
    assert page.locator("h1").inner_text() == before[0]
