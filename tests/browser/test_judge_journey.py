"""A judge on a phone scores three entries during the presentations: the sheet saves itself while they
type, a reload in the middle of a sheet loses nothing, and each sheet is submitted and locked. A second judge
of the same committee, in another browser, sees none of the first judge's scores while judging is open.

The live server holds the demo; this module arranges its own contest, entries and committee through a second
app on the same database.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import CommitteeRole, Role, RubricCriterion, Scoresheet, Unit, User
from app.models.base import utcnow
from app.services import committees
from app.services.accounts import RoleSpec, create_user
from app.services.contests import open_round
from app.services.km_challenge import create_km_challenge
from judging import SheetState
from tests.browser.conftest import screenshot, sign_in
from tests.integration.scoring_factories import judging_now, submitted_entry

PASSWORD = "judge-pass-2565"
DISTRICTS = {"CDD-3317": "ภูสิงห์", "CDD-3322": "ศิลาลาด", "CDD-3320": "พยุห์"}


@dataclass
class Criterion:
    key: str
    value: str  # a valid score for it, as typed


@dataclass
class Judging:
    first: str
    second: str
    pool_id: int
    entries: list[tuple[int, str]]  # id, title
    criteria: list[Criterion]


def _valid_score(criterion: RubricCriterion, share: Decimal) -> str:
    step = criterion.step or Decimal(1)
    value = (criterion.max_score * share // step) * step
    return f"{value.normalize():f}"


@pytest.fixture
def judging(live_app: Any) -> Judging:
    """A district-office round being judged now: three submitted entries from Sisaket and a committee of two
    new judges (a chair and a member), both assigned to every entry."""
    tag = secrets.token_hex(3)
    with live_app.app_context():
        department = db.session.scalar(sa.select(Unit).where(Unit.code == "CDD"))
        contest = create_km_challenge(
            db.session, name=f"KM Challenge ทดสอบการตัดสิน {tag}", fiscal_year=2021, organizer_unit=department
        )
        round_ = contest.categories[1].rounds[0]
        now = utcnow()
        round_.submissions_open_at = now - timedelta(days=10)
        round_.submissions_close_at = now + timedelta(days=1)
        round_.judging_open_at = now + timedelta(days=2)
        round_.judging_close_at = now + timedelta(days=9)
        round_.announce_at = now + timedelta(days=10)
        open_round(db.session, round_)
        entries = []
        for code, name in DISTRICTS.items():
            unit = db.session.scalar(sa.select(Unit).where(Unit.code == code))
            entries.append(submitted_entry(round_, unit, f"การจัดการความรู้ของ สพอ.{name}"))
        judging_now(round_)
        pool = entries[0].pool
        users = []
        for name, role in ((f"chair-{tag}", CommitteeRole.CHAIR), (f"member-{tag}", CommitteeRole.MEMBER)):
            user = create_user(
                db.session,
                username=name,
                full_name=f"นายทดสอบ {name}",
                email=None,
                password=PASSWORD,
                roles=[RoleSpec(Role.JUDGE)],
                unit_id=None,
            )
            committees.add_member(db.session, pool, user, role)
            users.append(user.username)
        assert committees.assign(db.session, pool).added == 6
        shares = (Decimal("0.8"), Decimal("0.7"), Decimal("0.9"), Decimal("0.6"), Decimal("0.75"))
        criteria = [
            Criterion(c.key, _valid_score(c, shares[i % len(shares)])) for i, c in enumerate(round_.criteria)
        ]
        db.session.commit()
        result = Judging(users[0], users[1], pool.id, [(e.id, e.title) for e in entries], criteria)
        db.session.remove()
    return result


def stored_sheets(live_app: Any, username: str) -> dict[int, tuple[SheetState, dict[str, Decimal | None]]]:
    with live_app.app_context():
        sheets = db.session.scalars(
            sa.select(Scoresheet).join(User, User.id == Scoresheet.judge_id).where(User.username == username)
        ).all()
        found = {s.entry_id: (s.state, {x.criterion_key: x.value for x in s.scores}) for s in sheets}
        db.session.remove()
    return found


def wait_saved(page: Any) -> None:
    page.wait_for_function(
        "() => /บันทึกเมื่อ/.test(document.getElementById('save-status').textContent)", timeout=15_000
    )


def score(page: Any, criteria: list[Criterion]) -> None:
    for criterion in criteria:
        page.locator(f"#score-{criterion.key}").fill(criterion.value)


def test_a_judge_scores_three_entries_on_a_phone_and_a_second_judge_sees_none_of_it(
    live_server, live_app, judging, page, chromium
):
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, live_server, judging.first, PASSWORD)
    page.goto(live_server + "/judge/")
    progress = page.locator(f'section[aria-labelledby="pool-{judging.pool_id}"] progress')
    assert progress.get_attribute("value") == "0" and progress.get_attribute("max") == "3"
    screenshot(page, "judge-home-phone")

    half = len(judging.criteria) // 2
    for index, (entry_id, title) in enumerate(judging.entries):
        page.goto(live_server + "/judge/")
        page.locator("ul.to-score a", has_text=title).click()
        page.wait_for_url(re.compile(rf"/judge/pools/{judging.pool_id}/entries/{entry_id}$"))
        if index == 0:
            score(page, judging.criteria[:half])
            page.locator(f"#comment-{judging.criteria[0].key}").fill("นำเสนอชัดเจน มีหลักฐานครบ")
            wait_saved(page)
            # One more score typed and the page reloaded at once, before the autosave could send it.
            page.locator(f"#score-{judging.criteria[half].key}").fill(judging.criteria[half].value)
            page.reload()
            for criterion in judging.criteria[: half + 1]:
                assert page.locator(f"#score-{criterion.key}").input_value() == criterion.value
            assert (
                page.locator(f"#comment-{judging.criteria[0].key}").input_value() == "นำเสนอชัดเจน มีหลักฐานครบ"
            )
            wait_saved(page)
            state, values = stored_sheets(live_app, judging.first)[entry_id]
            assert state is SheetState.DRAFT
            assert {k: v for k, v in values.items() if v is not None} == {
                c.key: Decimal(c.value) for c in judging.criteria[: half + 1]
            }
            screenshot(page, "judge-sheet-phone")
        score(page, judging.criteria)
        page.locator("#overall_comment").fill("ผลงานนำไปใช้ได้จริงในชุมชน")
        wait_saved(page)
        page.locator("button[name=action][value=submit]").click()
        page.locator("#sheet-heading .state-submitted").wait_for()
        assert page.locator("form.sheet-form").count() == 0

    page.goto(live_server + "/judge/")
    assert progress.get_attribute("value") == "3"
    assert page.locator(f'section[aria-labelledby="pool-{judging.pool_id}"] .all-done').is_visible()
    screenshot(page, "judge-home-done-phone")
    sheets = stored_sheets(live_app, judging.first)
    expected = {c.key: Decimal(c.value) for c in judging.criteria}
    assert sheets == {entry_id: (SheetState.SUBMITTED, expected) for entry_id, _ in judging.entries}

    other = chromium.new_context(viewport={"width": 390, "height": 844}, locale="th-TH")
    try:
        second = other.new_page()
        sign_in(second, live_server, judging.second, PASSWORD)
        entry_id, _title = judging.entries[0]
        second.goto(f"{live_server}/judge/pools/{judging.pool_id}/entries/{entry_id}")
        for criterion in judging.criteria:
            assert second.locator(f"#score-{criterion.key}").input_value() == ""
        assert second.locator(".peer-sheets").count() == 0
        content = second.content()
        assert "นำเสนอชัดเจน" not in content and "นำไปใช้ได้จริง" not in content
        with live_app.app_context():
            first_sheet = db.session.scalar(
                sa.select(Scoresheet.id).where(
                    Scoresheet.entry_id == entry_id, Scoresheet.state == SheetState.SUBMITTED
                )
            )
            db.session.remove()
        assert second.request.get(f"{live_server}/judge/sheets/{first_sheet}", max_redirects=0).status == 404
    finally:
        other.close()
