"""The judge's pages: who may open an entry, the home page's progress, blind rounds, and peer scores."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa

from app.extensions import db
from app.models import (
    Assignment,
    Attachment,
    CommitteeMember,
    CommitteeRole,
    Entry,
    EntryAuthor,
    EntryState,
    Score,
    Scoresheet,
    User,
)
from app.models.base import utcnow
from app.services import attachments
from judging import SheetState
from tests.integration import factories
from tests.integration.factories import PASSWORD, Role
from tests.integration.scoring_factories import judged_pool

MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def entry_url(judged, entry=0):
    return f"/judge/pools/{judged.pool.id}/entries/{judged.entries[entry].id}"


def signed_in(browser, user):
    user.locale = "en"  # English source strings, whatever the catalogue holds
    name = user.username
    db.session.commit()
    browser.login(name, PASSWORD)


def scored_sheet(judged, judge, values, state=SheetState.SUBMITTED, entry=0):
    sheet = Scoresheet(
        pool_id=judged.pool.id, entry_id=judged.entries[entry].id, judge_id=judge.id, state=state, version=3
    )
    sheet.scores = [Score(criterion_key=key, value=Decimal(value)) for key, value in values.items()]
    db.session.add(sheet)
    db.session.flush()
    return sheet


def test_an_assigned_judge_sees_the_entry_and_an_empty_scoresheet_from_the_rubric(app, browser):
    judged = judged_pool()
    url = entry_url(judged)
    signed_in(browser, judged.judges[0])
    page = browser.get(url)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "ผลงานภูสิงห์" in html and "<p>เนื้อหา</p>" in html
    assert (
        html.index('name="score_process"')
        < html.index('name="score_tools"')
        < html.index('name="score_results"')
    )
    assert 'inputmode="decimal"' in html and 'max="40"' in html and 'step="1"' in html
    assert "การกำหนดเป้าหมาย" in html  # the criterion's description, as guidance
    assert 'name="version" id="sheet-version" value="1"' in html
    assert db.session.scalar(sa.select(sa.func.count(Scoresheet.id))) == 1


def test_a_judge_not_assigned_to_the_entry_gets_404(app, browser):
    judged = judged_pool()
    outsider = factories.user(Role.JUDGE, username="outsider")
    db.session.add(CommitteeMember(pool_id=judged.pool.id, user_id=outsider.id, role=CommitteeRole.MEMBER))
    url = entry_url(judged)
    signed_in(browser, outsider)
    assert browser.get(url).status_code == 404


def test_a_judge_of_another_pool_or_no_committee_gets_404(app, browser):
    judged = judged_pool()
    stranger = factories.user(Role.JUDGE, username="stranger")
    # an assignment without committee membership does not open the entry either
    db.session.add(Assignment(pool_id=judged.pool.id, entry_id=judged.entries[0].id, judge_id=stranger.id))
    url, other_url = entry_url(judged), f"/judge/pools/{judged.pool.id + 999}/entries/{judged.entries[0].id}"
    signed_in(browser, stranger)
    assert browser.get(url).status_code == 404
    browser.logout()
    signed_in(browser, judged.judges[0])
    assert browser.get(other_url).status_code == 404


def test_a_secretary_trying_to_score_is_told_plainly_with_403(app, browser):
    judged = judged_pool()
    secretary = factories.user(Role.JUDGE, username="secretary")
    db.session.add(
        CommitteeMember(pool_id=judged.pool.id, user_id=secretary.id, role=CommitteeRole.SECRETARY)
    )
    url = entry_url(judged)
    signed_in(browser, secretary)
    page = browser.get(url)
    assert page.status_code == 403
    assert "secretary organises the judging but does not score" in page.get_data(as_text=True)


def test_a_recused_judge_reads_that_they_recused_and_gets_no_sheet(app, browser):
    judged = judged_pool()
    judge = judged.judges[0]
    assignment = db.session.scalars(
        sa.select(Assignment).where(
            Assignment.judge_id == judge.id, Assignment.entry_id == judged.entries[0].id
        )
    ).one()
    assignment.recused_at, assignment.recusal_reason = utcnow(), "เคยเป็นที่ปรึกษาของสำนักงาน"
    url = entry_url(judged)
    signed_in(browser, judge)
    html = browser.get(url).get_data(as_text=True)
    assert "You have recused yourself" in html and "เคยเป็นที่ปรึกษาของสำนักงาน" in html
    assert "score_process" not in html
    assert db.session.scalar(sa.select(sa.func.count(Scoresheet.id))) == 0


def test_the_home_page_lists_the_pool_progress_deadline_and_entries_still_to_score(app, browser):
    judged = judged_pool()
    judge = judged.judges[0]
    scored_sheet(judged, judge, {"process": "30", "tools": "20", "results": "20"}, entry=1)
    judged.round.judging_close_at = datetime(2030, 7, 21, 9, 0, tzinfo=UTC)
    signed_in(browser, judge)
    html = browser.get("/judge/").get_data(as_text=True)
    assert f"Province of {judged.pool.province.name_en}" in html
    assert "1 of 2 submitted" in html and '<progress max="2" value="1"' in html
    assert "21 July 2030, 16:00" in html
    still = html.split("Still to score")[1].split("</ul>")[0]
    assert "ผลงานภูสิงห์" in still and "ผลงานศิลาลาด" not in still
    db.session.get(User, judge.id).locale = "th"
    db.session.commit()
    assert "21 กรกฎาคม 2573 เวลา 16:00 น." in browser.get("/judge/").get_data(as_text=True)


def test_the_home_page_leaves_out_recused_assignments_from_the_progress(app, browser):
    judged = judged_pool()
    judge = judged.judges[0]
    for assignment in db.session.scalars(sa.select(Assignment).where(Assignment.judge_id == judge.id)):
        if assignment.entry_id == judged.entries[1].id:
            assignment.recused_at = utcnow()
    signed_in(browser, judge)
    assert "0 of 1 submitted" in browser.get("/judge/").get_data(as_text=True)


def _home_queries(browser, count_queries):
    with count_queries() as counter:
        assert browser.get("/judge/").status_code == 200
    return counter.count


def test_the_home_page_runs_the_same_number_of_queries_for_2_or_20_entries(app, browser, count_queries):
    judged = judged_pool()
    judge = judged.judges[0]
    signed_in(browser, judge)
    few = _home_queries(browser, count_queries)
    first = judged.entries[0]
    for number in range(18):
        entry = Entry(
            category_id=first.category_id,
            pool_id=first.pool_id,
            unit_id=first.unit_id,
            entrant_key=f"extra-{number}",
            state=EntryState.SUBMITTED,
            title=f"ผลงานเพิ่ม {number}",
            submitted_at=utcnow(),
        )
        db.session.add(entry)
        db.session.flush()
        db.session.add(Assignment(pool_id=judged.pool.id, entry_id=entry.id, judge_id=judge.id))
    db.session.commit()
    many = _home_queries(browser, count_queries)
    assert "0 of 20 submitted" in browser.get("/judge/").get_data(as_text=True)
    assert many == few and few <= 8


def test_a_blind_round_hides_the_unit_and_authors_and_the_download_name(app, browser):
    judged = judged_pool()
    judged.round.blind = True
    entry = judged.entries[0]
    entry.authors.append(EntryAuthor(full_name="นายผู้เขียน ลับมาก", position=0))
    attachment = _attach(app, entry, "รายงาน สพอ.ภูสิงห์.pdf")
    url = entry_url(judged)
    signed_in(browser, judged.judges[0])
    unit = entry.unit
    html = browser.get(url).get_data(as_text=True)
    assert unit.name_en not in html and unit.short_name_th not in html
    assert "นายผู้เขียน" not in html and "judged blind" in html
    link = re.search(r'href="(/judge/pools/\d+/entries/\d+/files/\d+)"', html).group(1)
    download = browser.get(link)
    body = download.get_data()
    download.close()
    assert download.status_code == 200 and body == MINIMAL_PDF
    disposition = download.headers["Content-Disposition"]
    assert "ภูสิงห์" not in disposition and "%E0%B8" not in disposition
    assert f"file-{attachment}.pdf" in disposition


def test_an_open_round_shows_the_entrant_and_the_attachment_under_its_name(app, browser):
    judged = judged_pool()
    _attach(app, judged.entries[0], "รายงาน.pdf")
    url, unit_name = entry_url(judged), judged.entries[0].unit.name_en
    signed_in(browser, judged.judges[0])
    html = browser.get(url).get_data(as_text=True)
    assert unit_name in html and "รายงาน.pdf" in html


def test_a_file_of_another_entry_is_not_downloaded_through_this_entry(app, browser):
    judged = judged_pool()
    other = _attach(app, judged.entries[1], "อื่น.pdf")
    url = f"{entry_url(judged)}/files/{other}"
    signed_in(browser, judged.judges[0])
    assert browser.get(url).status_code == 404


def _attach(app, entry, name):
    stored = "ab" + "0" * 30 + str(entry.id)
    stored = stored[-32:]
    attachment = Attachment(
        original_name=name, stored_name=stored, kind="pdf", size_bytes=len(MINIMAL_PDF), sha256="0" * 64
    )
    entry.attachments.append(attachment)
    db.session.flush()
    path = attachments.stored_path(app.config["UPLOAD_DIR"], stored)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(MINIMAL_PDF)
    return attachment.id


def test_peer_scores_are_hidden_while_judging_is_open(app, browser):
    judged = judged_pool()
    scored_sheet(judged, judged.chair, {"process": "37", "tools": "23", "results": "19"})
    url = entry_url(judged)
    signed_in(browser, judged.judges[0])
    html = browser.get(url).get_data(as_text=True)
    assert "The committee&#39;s scores" not in html and "The committee's scores" not in html
    assert ">37<" not in html and "ผู้ใช้ chair" not in html


def test_peer_scores_are_shown_read_only_after_judging_closes(app, browser):
    judged = judged_pool()
    scored_sheet(judged, judged.chair, {"process": "37", "tools": "23", "results": "19"})
    judged.round.judging_close_at = utcnow() - timedelta(minutes=5)
    judged.round.judging_open_at = utcnow() - timedelta(hours=2)
    url = entry_url(judged)
    signed_in(browser, judged.judges[0])
    html = browser.get(url).get_data(as_text=True)
    table = html.split('class="peer-scores"')[1].split("</table>")[0]
    assert "ผู้ใช้ chair" in table and ">37<" in table and ">79<" in table
    assert "score_process" not in html and "Judging closed on" in html
