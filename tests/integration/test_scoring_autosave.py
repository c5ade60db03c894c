"""The scoresheet saves: autosave as JSON (ok, stale, invalid, too late), the form without JavaScript (save
and submit with messages per criterion), CSRF, and a bounded number of queries per save."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import sqlalchemy as sa

from app.extensions import db
from app.models import RubricCriterion, Scoresheet, SheetEvent
from app.models.base import utcnow
from judging import SheetState
from tests.integration.conftest import csrf_token
from tests.integration.factories import PASSWORD
from tests.integration.scoring_factories import judged_pool

FULL = {"score_process": "35", "score_tools": "25", "score_results": "27"}


def open_sheet(browser, judged, judge=None, entry=0, login=True):
    """Sign the judge in (English pages), open the entry; returns (sheet id, CSRF token)."""
    judge = judge or judged.judges[0]
    judge.locale = "en"
    name, pool_id, entry_id, judge_id = judge.username, judged.pool.id, judged.entries[entry].id, judge.id
    db.session.commit()
    if login:
        browser.login(name, PASSWORD)
    html = browser.get(f"/judge/pools/{pool_id}/entries/{entry_id}").get_data(as_text=True)
    sheet_id = db.session.scalar(
        sa.select(Scoresheet.id).where(Scoresheet.entry_id == entry_id, Scoresheet.judge_id == judge_id)
    )
    return sheet_id, csrf_token(html)


def draft(browser, sheet_id, token, version, **fields):
    return browser.client.post(
        f"/judge/sheets/{sheet_id}/draft", data={"csrf_token": token, "version": str(version), **fields}
    )


def stored(sheet_id):
    db.session.expire_all()
    sheet = db.session.get(Scoresheet, sheet_id)
    return sheet, {s.criterion_key: s.value for s in sheet.scores}


def test_an_autosave_stores_the_draft_and_answers_with_the_new_version(app, browser):
    sheet_id, token = open_sheet(browser, judged_pool())
    response = draft(browser, sheet_id, token, 1, score_process="30", comment_process="ชัดเจน")
    body = response.get_json()
    assert response.status_code == 200
    assert body["ok"] is True and body["version"] == 2 and body["errors"] == {} and body["saved_time"]
    assert body["total"] == "30"
    sheet, scores = stored(sheet_id)
    assert sheet.version == 2 and scores == {"process": Decimal(30), "tools": None, "results": None}
    assert sheet.scores[0].comment == "ชัดเจน"


def test_a_stale_autosave_is_refused_with_409_and_the_newer_scores_survive(app, browser):
    sheet_id, token = open_sheet(browser, judged_pool())
    assert draft(browser, sheet_id, token, 1, score_process="30").status_code == 200
    response = draft(browser, sheet_id, token, 1, score_process="10")
    assert response.status_code == 409
    body = response.get_json()
    assert body["ok"] is False and body["code"] == "stale" and body["version"] == 2
    assert "changed in another window" in body["message"]
    assert stored(sheet_id)[1]["process"] == Decimal(30)


def test_an_autosave_keeps_the_valid_scores_and_reports_the_invalid_ones_with_their_range(app, browser):
    sheet_id, token = open_sheet(browser, judged_pool())
    draft(browser, sheet_id, token, 1, score_process="20")
    response = draft(browser, sheet_id, token, 2, score_process="41", score_tools="25", score_results="x")
    body = response.get_json()
    assert response.status_code == 200 and body["version"] == 3
    assert body["errors"] == {
        "process": "The score must be between 0 and 40.",
        "results": "The score must be a number from 0 to 30.",
    }
    assert stored(sheet_id)[1] == {"process": Decimal(20), "tools": Decimal(25), "results": None}


def test_an_autosave_after_judging_closed_is_refused_and_changes_nothing(app, browser):
    judged = judged_pool()
    sheet_id, token = open_sheet(browser, judged)
    judged.round.judging_open_at = utcnow() - timedelta(hours=2)
    judged.round.judging_close_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    response = draft(browser, sheet_id, token, 1, score_process="30")
    assert response.status_code == 409
    assert response.get_json()["code"] == "too_late" and "Judging closed on" in response.get_json()["message"]
    sheet, scores = stored(sheet_id)
    assert sheet.version == 1 and set(scores.values()) == {None} and db.session.query(SheetEvent).count() == 0


def test_a_save_without_the_csrf_token_is_refused_with_400(app, browser):
    sheet_id, _token = open_sheet(browser, judged_pool())
    response = browser.client.post(
        f"/judge/sheets/{sheet_id}/draft", data={"version": "1", "score_process": "9"}
    )
    assert response.status_code == 400
    response = browser.client.post(f"/judge/sheets/{sheet_id}", data={"version": "1", "action": "save"})
    assert response.status_code == 400
    assert stored(sheet_id)[0].version == 1


def test_the_csrf_token_may_come_in_the_x_csrftoken_header(app, browser):
    sheet_id, token = open_sheet(browser, judged_pool())
    response = browser.client.post(
        f"/judge/sheets/{sheet_id}/draft",
        data={"version": "1", "score_tools": "12"},
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 200 and stored(sheet_id)[1]["tools"] == Decimal(12)


def test_another_judges_sheet_cannot_be_saved(app, browser):
    judged = judged_pool()
    chair_sheet, _ = open_sheet(browser, judged, judge=judged.chair)
    browser.logout()
    _mine, token = open_sheet(browser, judged, judge=judged.judges[0])
    assert draft(browser, chair_sheet, token, 1, score_process="1").status_code == 404
    assert stored(chair_sheet)[0].version == 1


def test_without_javascript_save_draft_redirects_and_keeps_the_scores(app, browser):
    judged = judged_pool()
    sheet_id, token = open_sheet(browser, judged)
    response = browser.client.post(
        f"/judge/sheets/{sheet_id}", data={"csrf_token": token, "version": "1", "action": "save", **FULL}
    )
    assert response.status_code == 302
    sheet, scores = stored(sheet_id)
    assert sheet.state is SheetState.DRAFT and scores["tools"] == Decimal(25)
    page = browser.get(response.headers["Location"]).get_data(as_text=True)
    assert "Draft saved." in page and 'value="25"' in page and 'value="2"' in page


def test_submitting_an_incomplete_sheet_shows_each_problem_and_keeps_what_was_typed(app, browser):
    sheet_id, token = open_sheet(browser, judged_pool())
    response = browser.client.post(
        f"/judge/sheets/{sheet_id}",
        data={
            "csrf_token": token,
            "version": "1",
            "action": "submit",
            "score_process": "45",
            "score_tools": "22",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "The score must be between 0 and 40." in html and "Enter a score from 0 to 30." in html
    assert 'value="45"' in html and 'value="22"' in html
    sheet, scores = stored(sheet_id)
    assert sheet.version == 1 and sheet.state is SheetState.DRAFT and set(scores.values()) == {None}


def test_a_score_off_the_step_is_refused_with_the_step_in_the_message(app, browser):
    judged = judged_pool()
    for criterion in judged.round.criteria:
        criterion.step = Decimal("0.5")
    sheet_id, token = open_sheet(browser, judged)
    data = {**FULL, "score_tools": "7.25"}
    response = browser.client.post(
        f"/judge/sheets/{sheet_id}", data={"csrf_token": token, "version": "1", "action": "submit", **data}
    )
    assert response.status_code == 400
    assert "The score must be a multiple of 0.5." in response.get_data(as_text=True)


def test_a_complete_submission_locks_the_sheet_and_later_saves_are_refused(app, browser):
    judged = judged_pool()
    sheet_id, token = open_sheet(browser, judged)
    response = browser.client.post(
        f"/judge/sheets/{sheet_id}", data={"csrf_token": token, "version": "1", "action": "submit", **FULL}
    )
    assert response.status_code == 302
    sheet, _ = stored(sheet_id)
    assert sheet.state is SheetState.SUBMITTED and sheet.version == 2
    page = browser.get(response.headers["Location"]).get_data(as_text=True)
    assert "score_process" not in page and "87" in page
    refused = draft(browser, sheet_id, token, 2, score_process="1")
    assert refused.status_code == 409 and refused.get_json()["code"] == "sheet_locked"
    assert stored(sheet_id)[1]["process"] == Decimal(35)


def test_a_stale_form_without_javascript_is_refused_and_shows_the_stored_scores(app, browser):
    sheet_id, token = open_sheet(browser, judged_pool())
    draft(browser, sheet_id, token, 1, score_process="30")
    response = browser.client.post(
        f"/judge/sheets/{sheet_id}",
        data={"csrf_token": token, "version": "1", "action": "save", "score_process": "5"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 409 and "changed in another window" in html
    assert 'value="30"' in html and stored(sheet_id)[1]["process"] == Decimal(30)


def test_a_form_after_judging_closed_is_refused_with_a_clear_message(app, browser):
    judged = judged_pool()
    sheet_id, token = open_sheet(browser, judged)
    judged.round.judging_open_at = utcnow() - timedelta(hours=2)
    judged.round.judging_close_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    response = browser.client.post(
        f"/judge/sheets/{sheet_id}", data={"csrf_token": token, "version": "1", "action": "submit", **FULL}
    )
    assert response.status_code == 409 and "Judging closed on" in response.get_data(as_text=True)
    assert stored(sheet_id)[0].state is SheetState.DRAFT


def _first_save_queries(browser, count_queries, sheet_id, token, keys):
    with count_queries() as counter:
        response = draft(browser, sheet_id, token, 1, **{f"score_{key}": "1" for key in keys})
    assert response.status_code == 200 and response.get_json()["errors"] == {}
    with count_queries() as second:
        assert draft(browser, sheet_id, token, 2, **{f"score_{key}": "2" for key in keys}).status_code == 200
    return counter.count, second.count


def test_a_draft_save_runs_a_bounded_number_of_queries_whatever_the_rubric_size(app, browser, count_queries):
    judged = judged_pool()
    sheet_id, token = open_sheet(browser, judged, entry=0)
    small = _first_save_queries(browser, count_queries, sheet_id, token, ["process", "tools", "results"])
    round_ = judged.round
    for index in range(3, 12):
        round_.criteria.append(
            RubricCriterion(
                position=index, key=f"extra{index}", label_th=f"เกณฑ์ {index}", max_score=Decimal(5)
            )
        )
    db.session.commit()
    keys = [c.key for c in judged.round.criteria]
    sheet_id, token = open_sheet(browser, judged, entry=1, login=False)
    large = _first_save_queries(browser, count_queries, sheet_id, token, keys)
    assert small == large
    assert max(large) <= 15
