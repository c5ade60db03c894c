"""The demo contest: KM Challenge 2565 with Sisaket's entries, loaded by `flask demo load`, idempotently."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa

from app.extensions import db
from app.models import Contest, Entry, EntryAuthor, EntryState, Pool, Role, RoleAssignment, Unit, User
from app.models.base import utcnow
from app.services.demo import DEMO_PASSWORD
from judging import RoundState

SEED_FINALISTS = ("CDD-3317", "CDD-3322", "CDD-3320", "CDD-3319")  # ภูสิงห์, ศิลาลาด, พยุห์, เบญจลักษ์


def load(app) -> str:
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    return result.output


def demo_contest() -> Contest:
    return db.session.scalars(sa.select(Contest).where(Contest.name == "KM Challenge 2565")).one()


def entries_of(category_id: int) -> list[Entry]:
    return list(db.session.scalars(sa.select(Entry).where(Entry.category_id == category_id)))


def test_loading_the_demo_twice_creates_the_contest_entries_and_officers_once(app):
    first = load(app)
    counts = (
        db.session.scalar(sa.select(sa.func.count(Contest.id))),
        db.session.scalar(sa.select(sa.func.count(Entry.id))),
        db.session.scalar(sa.select(sa.func.count(EntryAuthor.id))),
        db.session.scalar(sa.select(sa.func.count(User.id))),
        db.session.scalar(sa.select(sa.func.count(Pool.id))),
    )
    second = load(app)
    db.session.expire_all()
    assert counts[1] >= 10
    assert (
        db.session.scalar(sa.select(sa.func.count(Contest.id))),
        db.session.scalar(sa.select(sa.func.count(Entry.id))),
        db.session.scalar(sa.select(sa.func.count(EntryAuthor.id))),
        db.session.scalar(sa.select(sa.func.count(User.id))),
        db.session.scalar(sa.select(sa.func.count(Pool.id))),
    ) == counts
    assert re.search(r"KM Challenge 2565: 8 district-office entries in Sisaket \(7 submitted\)", first)
    assert "3 stories (2 submitted)" in first
    assert "0 created now" in second and "0 created now" not in first
    for username in ("storyteller1", "storyteller2", "storyteller3"):
        assert re.search(rf"^  {username} +{DEMO_PASSWORD} ", first, re.M)


def test_the_sisaket_district_pool_holds_the_seed_finalists_submitted_while_the_round_was_open(app):
    load(app)
    now = utcnow()
    district = demo_contest().categories[1]
    round_ = district.rounds[0]
    assert round_.state is RoundState.OPEN
    assert round_.submissions_open_at < round_.submissions_close_at < round_.judging_open_at
    # Judged and announced: the window closed two days ago, the result was announced yesterday.
    assert round_.judging_open_at < round_.judging_close_at < now
    assert now - round_.judging_close_at < timedelta(days=3)
    assert round_.judging_close_at < round_.announce_at <= now
    assert len(round_.pools) == 76  # every province with district offices (not Bangkok)
    # The Sisaket offices' entries (ภูสิงห์'s has since moved up to the region pool).
    entries = {e.unit.code: e for e in entries_of(district.id) if e.unit.code.startswith("CDD-33")}
    submitted = {code for code, e in entries.items() if e.state is EntryState.SUBMITTED}
    assert set(SEED_FINALISTS) <= submitted and len(submitted) == 7
    for code in SEED_FINALISTS:
        entry = entries[code]
        assert round_.submissions_open_at < entry.submitted_at < round_.submissions_close_at
        assert entry.title and entry.summary and entry.body_html.count("<p>") >= 3
        assert len(entry.authors) >= 2 and entry.authors[0].full_name.startswith("นา")
        coordinator = db.session.get(User, entry.created_by_id)
        assert coordinator.username in ("phusing", "silalat", "phayu", "benchalak")
        assert any(a.role == Role.COORDINATOR and a.unit_id == entry.unit_id for a in coordinator.roles)
    assert len({e.title for e in entries.values()}) == len(entries)
    assert all("<script" not in e.body_html for e in entries.values())


def test_the_storytelling_round_is_open_for_demo_officers_with_two_stories_submitted_and_one_draft(app):
    load(app)
    now = utcnow()
    storytelling = demo_contest().categories[0]
    round_ = storytelling.rounds[0]
    assert round_.state is RoundState.OPEN
    assert round_.submissions_open_at < now
    assert timedelta(days=29) < round_.submissions_close_at - now < timedelta(days=31)
    stories = entries_of(storytelling.id)
    assert sorted(e.state for e in stories) == [EntryState.DRAFT, EntryState.SUBMITTED, EntryState.SUBMITTED]
    assert all(e.person is not None and e.person.unit_id == e.unit_id for e in stories)
    assert all(e.pool.key == "province:33" for e in stories)
    tellers = db.session.scalars(
        sa.select(User).where(User.username.in_(["storyteller1", "storyteller2", "storyteller3"]))
    ).all()
    assert len(tellers) == 3
    for teller in tellers:
        officer = [a for a in teller.roles if a.role == Role.OFFICER]
        assert len(officer) == 1 and officer[0].unit.code.startswith("CDD-33")
        assert teller.position.startswith(("นักวิชาการพัฒนาชุมชน", "เจ้าพนักงานพัฒนาชุมชน"))
    has_story = {e.person.username for e in stories}
    assert "storyteller3" not in has_story  # someone can start a story from scratch


def test_the_sisaket_organizer_finds_the_demo_entries_in_thai_order(app, browser):
    load(app)
    district_round = demo_contest().categories[1].rounds[0]
    pool = db.session.scalars(
        sa.select(Pool).where(Pool.round_id == district_round.id, Pool.key == "province:33")
    ).one()
    browser.login("sisaket", DEMO_PASSWORD)
    html = browser.get(f"/organize/pools/{pool.id}?state=submitted").get_data(as_text=True)
    # ภูสิงห์ won the province and its entry now sits in the region 14 pool (test_demo_results.py).
    names = ["สพอ.เบญจลักษ์", "สพอ.พยุห์", "สพอ.ศิลาลาด"]
    positions = [html.index(name) for name in names]
    assert positions == sorted(positions)
    assert html.count("<tr data-entry=") == 6
    assert (
        db.session.scalar(
            sa.select(sa.func.count(RoleAssignment.id))
            .join(Unit, Unit.id == RoleAssignment.unit_id)
            .where(RoleAssignment.role == Role.COORDINATOR, Unit.code.in_(SEED_FINALISTS))
        )
        == 4
    )
