"""The ceremony view: only after approval, only for the pool's organizers and committee, the announced places
in reveal order (lowest first) from the frozen snapshot, scores only when the round shows them."""

from __future__ import annotations

import copy
import re

import sqlalchemy as sa

from app.ceremony.steps import reveal_steps
from app.extensions import db
from app.models import CommitteeMember, CommitteeRole, Pool, PoolResult
from app.models.base import utcnow
from app.services import publication
from tests.integration import factories
from tests.integration.factories import PASSWORD, Role
from tests.integration.result_factories import scored_pool

REVEAL_ORDER = ["runner_up-3", "runner_up-2", "runner_up-1", "winner"]
UNITS_IN_REVEAL_ORDER = ["สพอ.เบญจลักษ์", "สพอ.พยุห์", "สพอ.ศิลาลาด", "สพอ.ภูสิงห์"]


def approved(show_scores: bool = True):
    scored = scored_pool()
    scored.round.show_scores = show_scores
    result, _ = publication.approve(db.session, scored.pool, chair=scored.chair, now=utcnow())
    db.session.commit()
    return scored, result


def url(pool) -> str:
    return f"/ceremony/pools/{pool.id}"


def places(html: str) -> list[str]:
    return re.findall(r'data-step="\d+"\s+data-place="([^"]+)"', html)


def steps(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'data-step="(\d+)"', html)]


def entrants(html: str) -> list[str]:
    return re.findall(r'<p class="place-entrant">([^<]+)</p>', html)


def test_before_approval_the_ceremony_does_not_exist_for_anyone(app, browser):
    scored = scored_pool()
    db.session.commit()
    for username in ("chair", "national"):
        browser.login(username, PASSWORD)
        assert browser.get(url(scored.pool)).status_code == 404
        browser.logout()


def test_after_approval_the_chair_sees_the_places_lowest_first_with_scores(app, browser):
    scored, _ = approved()
    browser.login("chair", PASSWORD)
    response = browser.get(url(scored.pool))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert places(html) == REVEAL_ORDER and steps(html) == [1, 2, 3, 4]
    assert entrants(html) == UNITS_IN_REVEAL_ORDER
    assert "ผลงานเบญจลักษ์" in html and "ผลงานภูสิงห์" in html
    labels = re.findall(r'<p class="place-label">([^<]+)</p>', html)
    assert labels == ["รองชนะเลิศอันดับ 3", "รองชนะเลิศอันดับ 2", "รองชนะเลิศอันดับ 1", "ชนะเลิศ"]
    assert "88.67" in html and html.index("66.67") < html.index("88.67")
    assert "js/ceremony.js" in html and "css/ceremony.css" in html
    assert 'class="site-header"' not in html  # no site chrome on the projector


def test_organizers_of_the_pool_see_it_in_english_with_english_labels(app, browser):
    scored, _ = approved()
    province_organizer = factories.user(
        Role.ORGANIZER, username="sisaket", province_id=scored.pool.province_id
    )
    province_organizer.locale = "en"
    db.session.commit()
    browser.login("national", PASSWORD)
    assert browser.get(url(scored.pool)).status_code == 200
    browser.logout()
    browser.login("sisaket", PASSWORD)
    html = browser.get(url(scored.pool)).get_data(as_text=True)
    labels = re.findall(r'<p class="place-label">([^<]+)</p>', html)
    assert labels == ["Runner-up 3", "Runner-up 2", "Runner-up 1", "Winner"]
    assert "Phu Sing" in entrants(html)[-1]
    assert "All places announced" in html and "Page Down" in html
    assert "88.67 points" in html


def test_scores_are_hidden_when_the_round_does_not_show_them(app, browser):
    scored, result = approved(show_scores=False)
    assert result.standings["show_scores"] is False
    member = scored.judges[0]
    member.locale = "en"
    db.session.commit()
    browser.login(member.username, PASSWORD)
    html = browser.get(url(scored.pool)).get_data(as_text=True)
    assert places(html) == REVEAL_ORDER
    assert "place-score" not in html and "88.67" not in html and " points" not in html


def test_a_judge_of_another_pool_a_coordinator_and_another_province_organizer_get_404(app, browser):
    scored, _ = approved()
    surin = db.session.scalars(
        sa.select(Pool).where(Pool.round_id == scored.round.id, Pool.key == "province:32")
    ).one()
    other_judge = factories.user(Role.JUDGE, username="surin_judge")
    db.session.add(CommitteeMember(pool_id=surin.id, user_id=other_judge.id, role=CommitteeRole.CHAIR))
    factories.user(Role.COORDINATOR, username="phusing", unit=scored.entries[0].unit)
    factories.user(Role.ORGANIZER, username="surin_organizer", province_id=surin.province_id)
    db.session.commit()
    for username in ("surin_judge", "phusing", "surin_organizer"):
        browser.login(username, PASSWORD)
        assert browser.get(url(scored.pool)).status_code == 404, username
        browser.logout()
    assert browser.get("/ceremony/pools/999999").status_code in (302, 401)


def test_signed_out_visitors_are_sent_to_sign_in(app, client):
    scored, _ = approved()
    response = client.get(url(scored.pool))
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_after_publication_it_still_shows_the_current_version_to_the_committee_only(app, browser):
    scored, result = approved()
    publication.publish(db.session, result, user=scored.organizer, now=utcnow())
    factories.user(Role.JUDGE, username="outsider")
    db.session.commit()
    browser.login("chair", PASSWORD)
    assert places(browser.get(url(scored.pool)).get_data(as_text=True)) == REVEAL_ORDER
    browser.logout()
    browser.login("outsider", PASSWORD)
    assert browser.get(url(scored.pool)).status_code == 404


def test_the_page_costs_the_same_queries_however_many_entries_the_snapshot_holds(app, browser, count_queries):
    scored, result = approved()
    browser.login("chair", PASSWORD)
    with count_queries() as small:
        assert browser.get(url(scored.pool)).status_code == 200
    standings = copy.deepcopy(result.standings)
    extra = standings["rows"][-1]
    for n in range(40):
        standings["rows"].append({**extra, "entry_id": 10_000 + n, "rank": 5 + n, "place": None})
    stored = db.session.get(PoolResult, result.id)
    stored.standings = standings
    db.session.commit()
    with count_queries() as large:
        html = browser.get(url(scored.pool)).get_data(as_text=True)
    assert places(html) == REVEAL_ORDER
    assert large.count == small.count


def row(entry_id, rank, kind, number, **names):
    place = None
    if kind:
        labels = {
            "winner": ("ชนะเลิศ", "Winner"),
            "runner_up": (f"รองชนะเลิศอันดับ {number}", f"Runner-up {number}"),
            "honourable": ("ชมเชย", "Honourable mention"),
        }[kind]
        place = {"kind": kind, "number": number, "th": labels[0], "en": labels[1]}
    return {
        "entry_id": entry_id,
        "title": f"ผลงาน {entry_id}",
        "person_id": names.get("person_id"),
        "entrant_th": names.get("th", f"สำนักงาน {entry_id}"),
        "entrant_en": names.get("en", f"Office {entry_id}"),
        "unit_short_th": names.get("short", f"สพอ.{entry_id}"),
        "rank": rank,
        "place": place,
        "total": f"{90 - rank}.00",
    }


def test_honourable_mentions_come_first_as_one_step_then_runners_up_then_the_winner():
    standings = {
        "show_scores": True,
        "rows": [
            row(1, 1, "winner", 0),
            row(2, 2, "runner_up", 1, person_id=7, th="นางสาวเอ (สำนักงานพัฒนาชุมชนอำเภอภูสิงห์)"),
            row(3, 3, "honourable", 0),
            row(4, 4, "honourable", 0),
            row(5, 5, None, 0),
        ],
    }
    thai = reveal_steps(standings, "th")
    assert [(s.number, s.label) for s in thai] == [(1, "ชมเชย"), (2, "รองชนะเลิศอันดับ 1"), (3, "ชนะเลิศ")]
    assert [e.entrant for e in thai[0].entries] == ["สพอ.3", "สพอ.4"]
    assert thai[1].entries[0].entrant == "นางสาวเอ (สำนักงานพัฒนาชุมชนอำเภอภูสิงห์)"
    assert thai[2].entries[0].total == "89.00"
    english = reveal_steps({**standings, "show_scores": False}, "en")
    assert [s.label for s in english] == ["Honourable mention", "Runner-up 1", "Winner"]
    assert english[2].entries[0].entrant == "Office 1" and english[2].entries[0].total is None
    assert reveal_steps({"rows": [row(5, 5, None, 0)]}, "th") == []
