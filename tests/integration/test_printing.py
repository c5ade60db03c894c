"""Printed scoresheets: blank and filled Thai PDFs for a pool, one sheet, and who may print them."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from app.extensions import db
from app.models.base import utcnow
from app.services import scoresheets as sheets
from app.services.scoresheets import SheetInput
from tests.integration import factories
from tests.integration.factories import PASSWORD, Role
from tests.integration.scoring_factories import judged_pool

SCORES = {"process": "37", "tools": "23", "results": "29"}
COMMENTS = {"process": "Strong CoP notes", "tools": "BAR and AAR used"}
CRITERIA = ("กระบวนการจัดการความรู้ของสำนักงาน", "การใช้เครื่องมือการจัดการความรู้", "ผลลัพธ์ต่อคน งาน และองค์กร")


def _submit(judged, judge, entry=0):
    sheet = sheets.sheet_for(db.session, judged.pool, judged.entries[entry], judge)
    sheets.save(
        db.session,
        sheet,
        SheetInput(SCORES, COMMENTS, "Overall fine work"),
        seen_version=sheet.version,
        user=judge,
        now=utcnow(),
        submit=True,
    )
    return sheet


def _pdf(response):
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "application/pdf"
    return PdfReader(io.BytesIO(response.data))


def _text(reader):
    return "\n".join(page.extract_text() for page in reader.pages)


def _seen(thai):
    """Thai as pypdf extracts it from WeasyPrint's PDF: SARA AM (and a tone mark before it) come out as
    SARA AA, so "สำนักงาน" reads "สานักงาน". The glyphs on the page are right; only extraction differs."""
    return thai.replace("\u0e49\u0e33", "\u0e32").replace("\u0e33", "\u0e32")


def _fonts(reader):
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def _organizer_signed_in(browser, judged_setup=None):
    factories.user(Role.ORGANIZER, username="organizer")
    db.session.commit()
    browser.login("organizer", PASSWORD)


def test_blank_sheets_have_a_page_per_judge_and_entry_with_the_rubric_in_sarabun(app, browser):
    judged = judged_pool()
    _organizer_signed_in(browser)
    response = browser.get(f"/print/pools/{judged.pool.id}/blank.pdf")
    reader = _pdf(response)
    assert len(reader.pages) == 2 * (3 + 1)  # two entries x (chair + two members + a summary page)
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="scoresheets-pool-{judged.pool.id}-blank.pdf"'
    )
    text = _text(reader)
    assert "ผลงานภูสิงห์" in text and "ผลงานศิลาลาด" in text
    assert all(_seen(label) in text for label in CRITERIA)
    assert str(utcnow().year + 543) in text
    assert "ผู้ใช้ chair" in text and "ผู้ใช้ judge1" in text and "ผู้ใช้ judge2" in text
    assert _seen("สำนักงานพัฒนาชุมชนอำเภอภูสิงห์") in text
    assert all("Sarabun" in name for name in _fonts(reader))


def test_filled_sheets_show_each_submitted_score_and_comment_and_the_blank_ones_do_not(app, browser):
    judged = judged_pool()
    _submit(judged, judged.judges[0])
    _organizer_signed_in(browser)
    filled = _pdf(browser.get(f"/print/pools/{judged.pool.id}/filled.pdf"))
    assert len(filled.pages) == 1 + 2  # the one submitted sheet, then a summary page per entry
    text = _text(filled)
    assert "Strong CoP notes" in text and "Overall fine work" in text
    assert "37" in text and "89" in text
    assert str(utcnow().year + 543) in text
    blank = _text(_pdf(browser.get(f"/print/pools/{judged.pool.id}/blank.pdf")))
    assert "Strong CoP notes" not in blank and "89" not in blank


def test_a_blind_round_prints_no_unit_names(app, browser):
    judged = judged_pool()
    judged.round.blind = True
    _submit(judged, judged.judges[0])
    _organizer_signed_in(browser)
    for kind in ("blank", "filled"):
        text = _text(_pdf(browser.get(f"/print/pools/{judged.pool.id}/{kind}.pdf")))
        assert "ผลงานภูสิงห์" in text and _seen("อำเภอภูสิงห์") not in text


def test_a_single_sheet_prints_on_one_page_with_its_scores(app, browser):
    judged = judged_pool()
    sheet = _submit(judged, judged.judges[0])
    _organizer_signed_in(browser)
    response = browser.get(f"/print/sheets/{sheet.id}.pdf")
    reader = _pdf(response)
    assert len(reader.pages) == 1
    assert "BAR and AAR used" in _text(reader) and "89" in _text(reader)
    assert f'filename="scoresheet-{sheet.id}.pdf"' in response.headers["Content-Disposition"]


def test_a_draft_sheet_is_printed_marked_as_a_draft(app, browser):
    judged = judged_pool()
    judge = judged.judges[0]
    sheet = sheets.sheet_for(db.session, judged.pool, judged.entries[0], judge)
    sheets.save(db.session, sheet, SheetInput({"process": "31"}), seen_version=1, user=judge, now=utcnow())
    db.session.commit()
    browser.login("judge1", PASSWORD)
    text = _text(_pdf(browser.get(f"/print/sheets/{sheet.id}.pdf")))
    assert "ฉบับร่าง" in text or "Draft" in text
    assert "31" in text


def test_a_committee_judge_prints_blank_sheets_and_their_own_sheet_only(app, browser):
    judged = judged_pool()
    own = _submit(judged, judged.judges[0])
    other = _submit(judged, judged.judges[1])
    db.session.commit()
    browser.login("judge1", PASSWORD)
    assert browser.get(f"/print/pools/{judged.pool.id}/blank.pdf").status_code == 200
    assert browser.get(f"/print/sheets/{own.id}.pdf").status_code == 200
    assert browser.get(f"/print/pools/{judged.pool.id}/filled.pdf").status_code == 403
    assert browser.get(f"/print/sheets/{other.id}.pdf").status_code == 404


@pytest.mark.parametrize("who", ["outsider judge", "coordinator", "other province organizer"])
def test_people_outside_the_pool_get_404_for_every_printout(app, browser, who):
    judged = judged_pool()
    sheet = _submit(judged, judged.judges[0])
    if who == "outsider judge":
        factories.user(Role.JUDGE, username="someone")
    elif who == "coordinator":
        factories.user(Role.COORDINATOR, username="someone", unit=judged.entries[0].unit)
    else:
        surin = judged.entries[0].unit.province.region.provinces
        other = next(p for p in surin if p.code == "32")
        factories.user(Role.ORGANIZER, username="someone", province_id=other.id)
    db.session.commit()
    browser.login("someone", PASSWORD)
    for url in (
        f"/print/pools/{judged.pool.id}/blank.pdf",
        f"/print/pools/{judged.pool.id}/filled.pdf",
        f"/print/sheets/{sheet.id}.pdf",
    ):
        assert browser.get(url).status_code == 404, url


def test_printing_needs_a_signed_in_user(app, client):
    judged = judged_pool()
    db.session.commit()
    response = client.get(f"/print/pools/{judged.pool.id}/blank.pdf")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_pool_without_entries_prints_one_page_saying_so(app, browser):
    judged = judged_pool()
    surin = next(pool for pool in judged.round.pools if pool.key == "province:32")
    _organizer_signed_in(browser)
    reader = _pdf(browser.get(f"/print/pools/{surin.id}/blank.pdf"))
    assert len(reader.pages) == 1 and "ผลงานภูสิงห์" not in _text(reader)
