"""A pool's result and its full score matrix as XLSX and CSV for its organizers, once approved."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import sqlalchemy as sa
from openpyxl import load_workbook

from app.extensions import db
from app.models import Assignment, Entry, EntryState, Score, Scoresheet
from app.models.base import utcnow
from app.models.entries import entrant_key
from app.services import publication
from judging import SheetState
from tests.integration import factories
from tests.integration.award_factories import approved_pool, coordinator, published_pool, sign_in
from tests.integration.factories import Role
from tests.integration.result_factories import scored_pool

BOM = "\ufeff"
RECUSAL = "เป็นญาติกับผู้ส่งผลงาน"


def _rows_of_csv(response) -> list[list[str]]:
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.data.decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM) :])))


def _sheet_of_xlsx(response):
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return load_workbook(io.BytesIO(response.data)).active


def test_the_result_as_xlsx_and_csv_with_places_totals_judges_and_criterion_means(app, browser):
    scored, _result = approved_pool()  # approved, not yet published: organizers may already export
    db.session.commit()
    sign_in(browser, scored.organizer, english=True)
    response = browser.get(f"/awards/pools/{scored.pool.id}/result.xlsx")
    disposition = response.headers["Content-Disposition"]
    assert disposition == f'attachment; filename="result-province-33-pool-{scored.pool.id}.xlsx"'
    sheet = _sheet_of_xlsx(response)
    header = [cell.value for cell in sheet[1]]
    assert header[:6] == ["Rank", "Place", "Entry ID", "Title", "Entrant", "Total"]
    assert "Judge: ผู้ใช้ chair" in header and "Judge: ผู้ใช้ judge1" in header
    assert any(name.startswith("Mean: ") for name in header)
    first = [cell.value for cell in sheet[2]]
    assert first[:4] == [1, "Winner", scored.entries[0].id, "ผลงานภูสิงห์"]
    assert first[4] == scored.entries[0].unit.name_en
    assert Decimal(str(first[5])) == Decimal("88.67")
    assert sheet.max_row == 5  # the header and four entries

    thai = browser.get(f"/awards/pools/{scored.pool.id}/result.csv")
    rows = _rows_of_csv(thai)
    assert rows[1][1] == "Winner" and rows[1][3] == "ผลงานภูสิงห์" and rows[1][5] == "88.67"
    assert rows[2][1] == "Runner-up 1" and rows[4][3] == "ผลงานเบญจลักษ์"
    assert len(rows) == 5


def test_the_result_export_is_in_thai_for_a_thai_reader(app, browser):
    scored, _result = published_pool()
    sign_in(browser, scored.organizer)
    rows = _rows_of_csv(browser.get(f"/awards/pools/{scored.pool.id}/result.csv"))
    assert rows[1][1] == "ชนะเลิศ" and rows[2][1] == "รองชนะเลิศอันดับ 1"
    assert rows[1][4] == "สำนักงานพัฒนาชุมชนอำเภอภูสิงห์"


def _recuse_and_comment(scored) -> Assignment:
    """A fourth judge recused from the winner, with a reason; a comment on one of judge1's scores."""
    recused_judge = factories.user(Role.JUDGE, username="judge3")
    recusal = Assignment(
        pool_id=scored.pool.id,
        entry_id=scored.entries[0].id,
        judge_id=recused_judge.id,
        recused_at=utcnow(),
        recusal_reason=RECUSAL,
    )
    db.session.add(recusal)
    sheet = db.session.scalar(
        sa.select(Scoresheet).where(
            Scoresheet.entry_id == scored.entries[0].id, Scoresheet.judge_id == scored.judges[0].id
        )
    )
    sheet.overall_comment = '=HYPERLINK("x") ภาพรวมดี'
    sheet.scores[0].comment = "ใช้ CoP ได้ดี"
    db.session.commit()
    return recusal


def test_the_matrix_has_every_assignment_and_criterion_with_comments_and_recusals(app, browser):
    scored, _result = approved_pool()
    _recuse_and_comment(scored)
    sign_in(browser, scored.organizer, english=True)
    rows = _rows_of_csv(browser.get(f"/awards/pools/{scored.pool.id}/matrix.csv"))
    header, body = rows[0], rows[1:]
    assert header == [
        "Entry ID",
        "Title",
        "Entrant",
        "Judge",
        "Criterion",
        "Maximum",
        "Score",
        "Criterion comment",
        "Overall comment",
        "Sheet state",
        "Recused",
        "Recusal reason",
    ]
    assert len(body) == (4 * 3 + 1) * 3  # 4 entries x 3 judges, and the recused pair, x 3 criteria
    recused = [row for row in body if row[3] == "ผู้ใช้ judge3"]
    assert len(recused) == 3
    assert all(r[10] == "Yes" and r[11] == RECUSAL and r[6] == "" and r[9] == "Not started" for r in recused)
    judge1 = [row for row in body if row[0] == str(scored.entries[0].id) and row[3] == "ผู้ใช้ judge1"]
    assert [row[6] for row in judge1] == ["35.00", "26.00", "27.00"]
    assert judge1[0][7] == "ใช้ CoP ได้ดี"
    assert judge1[0][8] == '\'=HYPERLINK("x") ภาพรวมดี'  # kept as text, not run as a formula
    assert all(row[9] == "Signed" and row[10] == "No" for row in judge1)

    sheet = _sheet_of_xlsx(browser.get(f"/awards/pools/{scored.pool.id}/matrix.xlsx"))
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert len(values) == len(body)
    assert any(row[11] == RECUSAL for row in values)
    assert any(row[1] == "ผลงานภูสิงห์" for row in values)
    comment_cell = next(row for row in sheet.iter_rows(min_row=2) if row[3].value == "ผู้ใช้ judge1")[8]
    assert comment_cell.data_type == "s"


def test_exports_are_for_the_pool_s_organizers_once_a_result_is_approved(app, browser, client):
    scored = scored_pool()
    db.session.commit()
    urls = [f"/awards/pools/{scored.pool.id}/{name}" for name in ("result.xlsx", "result.csv", "matrix.csv")]
    assert "/login" in client.get(urls[0]).headers["Location"]
    sign_in(browser, scored.organizer)
    for url in urls:  # no approved result yet
        assert browser.get(url).status_code == 404, url
    browser.logout()
    publication.approve(db.session, scored.pool, chair=scored.chair, now=utcnow())
    db.session.commit()
    sign_in(browser, coordinator(scored.entries[0].unit, "phusing"))
    for url in urls:
        assert browser.get(url).status_code == 404, url
    browser.logout()
    sign_in(browser, scored.chair)  # the chair sees the result page, but exports are the organizers'
    for url in urls:
        assert browser.get(url).status_code == 404, url
    assert browser.get(f"/awards/pools/{scored.pool.id}/matrix.pdf").status_code == 404


def _more_scored_entries(scored, count: int) -> None:
    """More entries in the pool with every judge's signed sheet, written straight to the database."""
    keys = [c.key for c in scored.round.criteria]
    for index in range(count):
        unit = factories.district_office(
            scored.pool.province, f"33{50 + index}", f"อำเภอทดสอบ{index}", f"Test {index}"
        )
        entry = Entry(
            category_id=scored.round.category_id,
            pool_id=scored.pool.id,
            unit_id=unit.id,
            entrant_key=entrant_key(unit.id, None),
            state=EntryState.SUBMITTED,
            title=f"ผลงานทดสอบ {index}",
            submitted_at=utcnow(),
        )
        db.session.add(entry)
        db.session.flush()
        for judge in (scored.chair, *scored.judges):
            db.session.add(Assignment(pool_id=scored.pool.id, entry_id=entry.id, judge_id=judge.id))
            db.session.add(
                Scoresheet(
                    pool_id=scored.pool.id,
                    entry_id=entry.id,
                    judge_id=judge.id,
                    state=SheetState.SIGNED,
                    scores=[Score(criterion_key=key, value=Decimal(10)) for key in keys],
                )
            )
    db.session.commit()


def test_exports_need_the_same_number_of_queries_for_4_or_30_entries(app, browser, count_queries):
    scored, _result = approved_pool()
    _recuse_and_comment(scored)
    sign_in(browser, scored.organizer)
    urls = [f"/awards/pools/{scored.pool.id}/{name}" for name in ("matrix.csv", "matrix.xlsx", "result.csv")]
    small = []
    for url in urls:
        with count_queries() as counter:
            assert browser.get(url).status_code == 200
        small.append(counter.count)
    _more_scored_entries(scored, 26)
    large = []
    for url in urls:
        with count_queries() as counter:
            response = browser.get(url)
            assert response.status_code == 200
        large.append(counter.count)
    assert large == small
    assert len(_rows_of_csv(browser.get(urls[0]))) == 1 + (30 * 3 + 1) * 3
