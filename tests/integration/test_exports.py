"""Entry exports: CSV with a BOM, XLSX through openpyxl, formula guarding, scoping and bounded queries."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from app.extensions import db
from app.models import Attachment, Entry, EntryAuthor, EntryState, Role, entrant_key
from app.services.contests import pool_for_unit
from app.services.exports import guard_formula
from tests.integration import contest_factories as cf
from tests.integration import factories
from tests.integration.factories import PASSWORD

SUBMITTED_AT = datetime(2022, 5, 31, 9, 30, tzinfo=UTC)  # 31 May 2565, 16:30 in Bangkok


def add_entry(
    category, unit, title, *, state=EntryState.SUBMITTED, person=None, authors=(), files=0, video=""
):
    entry = Entry(
        category=category,
        pool=pool_for_unit(db.session, category.rounds[0], unit),
        unit=unit,
        person=person,
        entrant_key=entrant_key(unit.id, person.id if person else None),
        state=state,
        title=title,
        video_url=video,
        submitted_at=SUBMITTED_AT if state is EntryState.SUBMITTED else None,
    )
    for position, (name, job) in enumerate(authors):
        entry.authors.append(EntryAuthor(position=position, full_name=name, job_title=job))
    for number in range(files):
        entry.attachments.append(
            Attachment(
                original_name=f"f{number}.pdf",
                stored_name=f"{unit.code}-{title}-{number}",
                kind="pdf",
                size_bytes=10,
                sha256="0" * 64,
            )
        )
    db.session.add(entry)
    db.session.flush()
    return entry


@pytest.fixture
def world(app):
    geo = factories.small_geography()
    challenge = cf.km_challenge()
    geo["challenge"] = challenge
    geo["phusing_entry"] = add_entry(
        challenge.district,
        geo["phusing"],
        'ภูสิงห์โมเดล, "CoP" กองทุนหมู่บ้าน\nบรรทัดที่สอง',
        authors=[("นายประสิทธิ์ วงศ์สุวรรณ", "พัฒนาการอำเภอภูสิงห์"), ("นางสาวอรทัย จันทร์หอม", "")],
        files=2,
        video="https://example.org/v/1",
    )
    geo["silalat_entry"] = add_entry(challenge.district, geo["silalat"], '=HYPERLINK("http://x")')
    geo["surin_entry"] = add_entry(challenge.district, geo["surin_office"], "สุรินทร์เรียนรู้")
    teller = factories.user(Role.OFFICER, unit=geo["silalat"], full_name="นายอนุชา บุญประเสริฐ")
    geo["story"] = add_entry(
        challenge.storytelling, geo["silalat"], "@เรื่องเล่า", state=EntryState.DRAFT, person=teller
    )
    factories.user(Role.ORGANIZER, username="national")
    factories.user(Role.ORGANIZER, username="sisaket", province_id=geo["sisaket"].id)
    db.session.commit()
    return geo


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"), newline="")))


def xlsx_rows(response) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    return list(sheet.iter_rows(values_only=True))


def test_the_csv_export_is_utf8_with_a_bom_and_one_row_per_entry(world, browser):
    browser.login("national", PASSWORD)
    response = browser.get(f"/organize/contests/{world['challenge'].contest.id}/entries.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="km-challenge-2565-entries.csv"'
    assert response.get_data().startswith(b"\xef\xbb\xbf")
    rows = csv_rows(response)
    assert len(rows) == 1 + 4
    by_title = {row[9]: row for row in rows[1:]}
    phusing = by_title['ภูสิงห์โมเดล, "CoP" กองทุนหมู่บ้าน\nบรรทัดที่สอง']
    assert phusing[:8] == [
        "KM Challenge 2565",
        "ระดับหน่วยงาน ประเภทสุดยอดสำนักงานพัฒนาชุมชนอำเภอแห่งการเรียนรู้",
        phusing[2],
        "14",
        "ศรีสะเกษ",
        "CDD-3317",
        "สำนักงานพัฒนาชุมชนอำเภอภูสิงห์",
        "",
    ]
    assert "ศรีสะเกษ" in phusing[2]
    assert phusing[8] == "นายประสิทธิ์ วงศ์สุวรรณ (พัฒนาการอำเภอภูสิงห์); นางสาวอรทัย จันทร์หอม"
    assert phusing[11:] == [
        "31 พฤษภาคม 2565 เวลา 16:30 น.",
        "2022-05-31T16:30:00+07:00",
        "2",
        "https://example.org/v/1",
        f"http://localhost/entries/{world['phusing_entry'].id}",
    ]
    story = by_title["'@เรื่องเล่า"]
    assert story[7] == "นายอนุชา บุญประเสริฐ" and story[11:13] == ["", ""]


def test_the_csv_quotes_commas_quotes_and_line_breaks_and_guards_formulas(world, browser):
    browser.login("national", PASSWORD)
    raw = browser.get(f"/organize/contests/{world['challenge'].contest.id}/entries.csv").get_data()
    text = raw.decode("utf-8-sig")
    assert '"ภูสิงห์โมเดล, ""CoP"" กองทุนหมู่บ้าน\nบรรทัดที่สอง"' in text
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    assert ",'@เรื่องเล่า," in text


@pytest.mark.parametrize(
    ("value", "guarded"),
    [("=1+1", "'=1+1"), ("+66 81", "'+66 81"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("ผลงาน", "ผลงาน")],
)
def test_text_a_spreadsheet_would_evaluate_gets_a_leading_quote(value, guarded):
    assert guard_formula(value) == guarded
    assert guard_formula(14) == 14


def test_the_xlsx_export_opens_with_a_bold_frozen_header_and_the_rows(world, browser):
    browser.login("national", PASSWORD)
    response = browser.get(f"/organize/contests/{world['challenge'].contest.id}/entries.xlsx")
    assert response.headers["Content-Disposition"] == 'attachment; filename="km-challenge-2565-entries.xlsx"'
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.b and sheet.column_dimensions["J"].width >= 40
    rows = list(sheet.iter_rows(values_only=True))
    titles = {row[9] for row in rows[1:]}
    assert "สุรินทร์เรียนรู้" in titles and len(rows) == 5
    formula = next(cell for cell in sheet["J"] if str(cell.value).startswith("=HYPERLINK"))
    assert formula.data_type == "s"  # text, not a formula


def test_a_province_organizer_exports_only_the_entries_of_their_province(world, browser):
    browser.login("sisaket", PASSWORD)
    contest_id = world["challenge"].contest.id
    csv_titles = {row[9] for row in csv_rows(browser.get(f"/organize/contests/{contest_id}/entries.csv"))[1:]}
    xlsx_titles = {
        row[9] for row in xlsx_rows(browser.get(f"/organize/contests/{contest_id}/entries.xlsx"))[1:]
    }
    assert csv_titles == {world["phusing_entry"].title, '\'=HYPERLINK("http://x")', "'@เรื่องเล่า"}
    assert "สุรินทร์เรียนรู้" not in xlsx_titles and len(xlsx_titles) == 3


def test_the_category_filter_keeps_that_category_and_names_the_file(world, browser):
    challenge = world["challenge"]
    browser.login("national", PASSWORD)
    url = f"/organize/contests/{challenge.contest.id}/entries.csv?category={challenge.storytelling.id}"
    response = browser.get(url)
    assert 'filename="km-challenge-2565-category-1-entries.csv"' in response.headers["Content-Disposition"]
    assert [row[9] for row in csv_rows(response)[1:]] == ["'@เรื่องเล่า"]
    other = cf.km_challenge(open_categories=())
    db.session.commit()
    wrong = f"/organize/contests/{challenge.contest.id}/entries.xlsx?category={other.district.id}"
    assert browser.get(wrong).status_code == 404
    assert browser.get("/organize/contests/999999/entries.csv").status_code == 404


def test_exports_issue_the_same_number_of_queries_for_few_or_many_entries(world, browser, count_queries):
    contest_id = world["challenge"].contest.id
    browser.login("national", PASSWORD)
    with count_queries() as few:
        browser.get(f"/organize/contests/{contest_id}/entries.xlsx")
    for number in range(20):
        unit = factories.district_office(world["sisaket"], f"33{50 + number}", f"ทดสอบ{number}")
        add_entry(world["challenge"].district, unit, f"ผลงาน {number}", authors=[("ผู้เขียน", "")], files=1)
    db.session.commit()
    with count_queries() as many:
        response = browser.get(f"/organize/contests/{contest_id}/entries.xlsx")
    assert len(xlsx_rows(response)) == 1 + 24
    assert many.count == few.count
