"""The judging progress pages: sheets in per judge and per entry, late judges, recusals, conflicts, and a
fixed number of queries whatever the number of entries."""

from __future__ import annotations

import re
from datetime import timedelta

from app.extensions import db
from app.models import CommitteeRole, Pool, User
from app.models.base import utcnow
from app.services import committees
from app.services import scoresheets as sheets
from app.services.progress import Lateness, lateness
from app.services.scoresheets import SheetInput
from tests.integration import factories
from tests.integration.factories import PASSWORD, Role
from tests.integration.scoring_factories import judged_pool, judging_now
from tests.integration.test_committees_service import judge, sisaket_pool

FULL = {"process": "35", "tools": "25", "results": "27"}


def submit(pool: Pool, entry, judge_user: User, scores: dict[str, str] | None = None):
    """The judge submits a complete sheet for the entry (flushes)."""
    sheet = sheets.sheet_for(db.session, pool, entry, judge_user)
    return sheets.save(
        db.session,
        sheet,
        SheetInput(scores or FULL),
        seen_version=sheet.version,
        user=judge_user,
        now=utcnow(),
        submit=True,
    )


def organizer(username: str = "org", province=None) -> User:
    """A province organizer for Sisaket (the pools' province) who reads English."""
    province = province or db.session.scalars(db.select(factories.Province)).first()
    user = factories.user(Role.ORGANIZER, username=username, province_id=province.id)
    user.locale = "en"
    db.session.flush()
    return user


def signed_in(browser, username: str = "org"):
    assert browser.login(username, PASSWORD).status_code == 302
    return browser


def progress_url(pool: Pool) -> str:
    return f"/organize/committees/pools/{pool.id}/progress"


def judge_row(html: str, username: str) -> str:
    match = re.search(rf'<tr data-judge="{username}"[^>]*>.*?</tr>', html, re.S)
    assert match, f"no row for {username}"
    return match.group(0)


def test_late_means_sheets_outstanding_after_the_close_or_within_a_day_of_it():
    close = utcnow()
    assert lateness(close, 2, close + timedelta(seconds=1)) is Lateness.OVERDUE
    assert lateness(close, 2, close - timedelta(hours=23)) is Lateness.DUE_SOON
    assert lateness(close, 2, close - timedelta(hours=25)) is Lateness.ON_TIME
    assert lateness(close, 0, close + timedelta(days=1)) is Lateness.ON_TIME
    assert lateness(None, 3, close) is Lateness.ON_TIME


def test_the_pool_page_counts_sheets_per_judge_and_entry_and_flags_the_late_judge(app, browser):
    judged = judged_pool(judges=2)
    first = judged.entries[0]
    for entry in judged.entries:
        submit(judged.pool, entry, judged.chair)
    submit(judged.pool, first, judged.judges[0])
    sheets.save(
        db.session,
        sheets.sheet_for(db.session, judged.pool, first, judged.judges[1]),
        SheetInput({"process": "10"}),
        seen_version=1,
        user=judged.judges[1],
        now=utcnow(),
    )
    judged.round.judging_close_at = utcnow() + timedelta(hours=6)
    organizer()
    db.session.commit()
    html = signed_in(browser).get(progress_url(judged.pool)).get_data(as_text=True)
    assert re.search(r"data-total>3 of 6<", html)
    chair_row, late_row = judge_row(html, "chair"), judge_row(html, "judge2")
    assert "2 of 2" in chair_row and "Done" in chair_row and 'class="late-on_time"' in chair_row
    assert "1 of 2" in judge_row(html, "judge1") and "Due within 24 hours" in judge_row(html, "judge1")
    assert "0 of 2" in late_row and 'class="late-due_soon"' in late_row
    entry_row = re.search(rf'<tr data-entry="{first.id}">.*?</tr>', html, re.S).group(0)
    assert "<td>2 of 3" in entry_row
    assert "Draft" in entry_row and "/organize/committees/sheets/" in entry_row


def test_after_the_close_a_judge_with_sheets_outstanding_is_late(app, browser):
    judged = judged_pool(judges=1)
    for entry in judged.entries:
        submit(judged.pool, entry, judged.chair)
    judged.round.judging_close_at = utcnow() - timedelta(minutes=5)
    judged.round.judging_open_at = utcnow() - timedelta(hours=2)
    organizer()
    db.session.commit()
    html = signed_in(browser).get(progress_url(judged.pool)).get_data(as_text=True)
    assert 'class="late-overdue"' in judge_row(html, "judge1") and "Late" in judge_row(html, "judge1")
    assert "late-overdue" not in judge_row(html, "chair")


def test_recusals_with_reasons_and_conflicts_are_listed(app, browser):
    setting = sisaket_pool()
    insider, outsider = judge("insider", setting.geo["phusing"]), judge("outsider")
    committees.add_member(db.session, setting.pool, insider, CommitteeRole.CHAIR)
    committees.add_member(db.session, setting.pool, outsider, CommitteeRole.MEMBER)
    committees.assign(db.session, setting.pool)
    assignment = next(
        a for a in committees.assignments_of(db.session, setting.pool) if a.judge_id == outsider.id
    )
    committees.recuse(db.session, assignment, "เคยเป็นที่ปรึกษาโครงการนี้")
    organizer()
    db.session.commit()
    html = signed_in(browser).get(progress_url(setting.pool)).get_data(as_text=True)
    assert "เคยเป็นที่ปรึกษาโครงการนี้" in html
    conflicts = html[html.index('id="conflicts-heading"') :]
    assert "ผู้ใช้ insider" in conflicts and "same unit" in conflicts
    assert "No recusals." not in html


def test_the_round_page_lists_every_pool_the_organizer_covers(app, browser):
    judged = judged_pool(judges=1)
    submit(judged.pool, judged.entries[0], judged.chair)
    organizer()
    db.session.commit()
    html = (
        signed_in(browser)
        .get(f"/organize/committees/rounds/{judged.round.id}/progress")
        .get_data(as_text=True)
    )
    row = re.search(rf'<tr data-pool="{judged.pool.id}".*?</tr>', html, re.S).group(0)
    assert "1 of 4" in row and "<td>2</td>" in row and "Not yet" in row
    assert html.count("<tr data-pool=") == 1  # pools with neither entries nor a committee are left out


def test_an_organizer_of_another_province_sees_no_progress(app, browser):
    judged = judged_pool()
    surin = db.session.scalars(db.select(factories.Province).where(factories.Province.code == "32")).one()
    organizer("surin", province=surin)
    db.session.commit()
    signed_in(browser, "surin")
    assert browser.get(progress_url(judged.pool)).status_code == 404
    html = browser.get(f"/organize/committees/rounds/{judged.round.id}/progress").get_data(as_text=True)
    assert f'data-pool="{judged.pool.id}"' not in html


def test_the_pool_page_runs_the_same_number_of_queries_for_3_and_30_entries(app, browser, count_queries):
    setting = sisaket_pool(extra_offices=1)
    judging_now(setting.pool.round)
    members = [judge(f"j{i}") for i in range(3)]
    for i, member in enumerate(members):
        role = CommitteeRole.CHAIR if i == 0 else CommitteeRole.MEMBER
        committees.add_member(db.session, setting.pool, member, role)
    committees.assign(db.session, setting.pool)
    submit(setting.pool, setting.entries[0], members[0])
    organizer()
    db.session.commit()
    signed_in(browser)
    with count_queries() as small:
        assert "1 of 9" in browser.get(progress_url(setting.pool)).get_data(as_text=True)
    more = sisaket_more(setting, 27)
    committees.assign(db.session, setting.pool)
    for entry in more[:5]:
        submit(setting.pool, entry, members[1])
    db.session.commit()
    with count_queries() as large:
        assert "6 of 90" in browser.get(progress_url(setting.pool)).get_data(as_text=True)
    assert large.count == small.count


def sisaket_more(setting, n: int):
    from tests.integration.scoring_factories import submitted_entry

    entries = []
    for i in range(n):
        unit = factories.district_office(setting.geo["sisaket"], f"33{70 + i}", f"อำเภอเพิ่ม{i}")
        entries.append(submitted_entry(setting.pool.round, unit, f"ผลงานเพิ่ม {i}"))
    return entries
