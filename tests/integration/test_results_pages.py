"""The private results page of a pool: who reaches it, what the table and the picture show (ranks, places,
judges' totals, criterion means, flags, Kendall's W, what is missing before approval), and a fixed number of
queries whatever the size of the pool."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Assignment, CommitteeMember, CommitteeRole, Pool, Province, User
from app.models.base import utcnow
from app.services import publication, results
from app.services import scoresheets as sheets
from app.services.scoresheets import SheetInput
from tests.integration import factories
from tests.integration.factories import PASSWORD, Role
from tests.integration.result_factories import SCORES, ScoredPool, scored_pool
from tests.integration.scoring_factories import submitted_entry

SVG = "{http://www.w3.org/2000/svg}"
# The third entry (ผลงานพยุห์): judge2 is far off the other two (74, 75, then 20).
SPLIT = (*SCORES[:2], (("30", "22", "22"), ("31", "23", "21"), ("10", "5", "5")), SCORES[3])


def url(pool: Pool) -> str:
    return f"/organize/results/pools/{pool.id}"


def english(user: User) -> User:
    user.locale = "en"
    db.session.commit()
    return user


def signed_in(browser, user: User):
    english(user)
    assert browser.login(user.username, PASSWORD).status_code == 302
    return browser


def entry_row(html: str, entry_id: int) -> str:
    match = re.search(rf'<tr data-entry="{entry_id}"[^>]*>.*?</tr>', html, re.S)
    assert match, f"no row for entry {entry_id}"
    return re.sub(r"\s+", " ", match.group(0))


def svg_of(html: str) -> ET.Element:
    match = re.search(r"<svg.*?</svg>", html, re.S)
    assert match, "no SVG on the page"
    return ET.fromstring(match.group(0))


def other_pool(scored: ScoredPool) -> Pool:
    return db.session.scalar(sa.select(Pool).where(Pool.round_id == scored.region_round.id))


def access_cases(scored: ScoredPool) -> dict[str, User]:
    sisaket = scored.pool.province
    surin = db.session.scalar(sa.select(Province).where(Province.code == "32"))
    unit = scored.entries[0].unit
    stranger = factories.user(Role.JUDGE, username="elsewhere")
    db.session.add(
        CommitteeMember(pool_id=other_pool(scored).id, user_id=stranger.id, role=CommitteeRole.CHAIR)
    )
    return {
        "province organizer": factories.user(Role.ORGANIZER, username="sisaket_org", province_id=sisaket.id),
        "region organizer": factories.user(Role.ORGANIZER, username="r14_org", region_id=sisaket.region_id),
        "national organizer": scored.organizer,
        "chair": scored.chair,
        "committee member": scored.judges[0],
        "other province organizer": factories.user(
            Role.ORGANIZER, username="surin_org", province_id=surin.id
        ),
        "judge of another pool": stranger,
        "unit coordinator": factories.user(Role.COORDINATOR, username="coordinator", unit=unit),
    }


ALLOWED = {"province organizer", "region organizer", "national organizer", "chair", "committee member"}


@pytest.mark.parametrize(
    "who",
    [
        "province organizer",
        "region organizer",
        "national organizer",
        "chair",
        "committee member",
        "other province organizer",
        "judge of another pool",
        "unit coordinator",
    ],
)
def test_only_the_pools_organizers_and_committee_reach_its_results(app, browser, who):
    scored = scored_pool()
    user = access_cases(scored)[who]
    db.session.commit()
    signed_in(browser, user)
    response = browser.get(url(scored.pool))
    assert response.status_code == (200 if who in ALLOWED else 404)
    # Also once a result is approved (not yet published): still hidden from everyone else.
    publication.approve(db.session, scored.pool, chair=scored.chair, now=utcnow())
    db.session.commit()
    assert browser.get(url(scored.pool)).status_code == (200 if who in ALLOWED else 404)


def test_anonymous_visitors_are_sent_to_sign_in_and_unknown_pools_are_404(app, client, browser):
    scored = scored_pool()
    db.session.commit()
    response = client.get(url(scored.pool))
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    signed_in(browser, scored.organizer)
    assert browser.get("/organize/results/pools/999999").status_code == 404


def test_the_table_shows_ranks_places_totals_each_judge_and_criterion_means(app, browser):
    scored = scored_pool()
    signed_in(browser, scored.organizer)
    html = browser.get(url(scored.pool)).get_data(as_text=True)
    first = entry_row(html, scored.entries[0].id)
    assert "ผลงานภูสิงห์" in first and "Winner" in first and "Phu Sing District" in first
    # The chair gave 89, judge1 88, judge2 89.
    assert "88.67" in first and first.count("89.00") == 2 and "88.00" in first
    assert "36.00" in first  # the mean of process: 36, 35, 37
    assert "Runner-up 1" in entry_row(html, scored.entries[1].id)
    assert "Runner-up 3" in entry_row(html, scored.entries[3].id)
    for judge in (scored.chair, *scored.judges):
        assert f'data-judge="{judge.id}">{judge.full_name}</th>' in html
    assert "Kendall's W: 1.0000" in html and "strong agreement" in html
    assert "the judges agree on the order of the entries" in html
    assert "Not approved yet" in html
    assert "Nothing is missing: the chair can approve the result." in html
    assert "Will be published automatically at" in html


def test_place_labels_are_thai_in_thai(app, browser):
    scored = scored_pool()
    db.session.commit()
    assert browser.login(scored.organizer.username, PASSWORD).status_code == 302
    html = browser.get(url(scored.pool)).get_data(as_text=True)
    assert "ชนะเลิศ" in entry_row(html, scored.entries[0].id)
    assert "รองชนะเลิศอันดับ 1" in entry_row(html, scored.entries[1].id)
    assert "สำนักงานพัฒนาชุมชนอำเภอภูสิงห์" in entry_row(html, scored.entries[0].id)


def test_a_judge_far_off_the_others_is_flagged_with_the_spread(app, browser):
    scored = scored_pool(SPLIT)
    signed_in(browser, scored.organizer)
    html = browser.get(url(scored.pool)).get_data(as_text=True)
    split = entry_row(html, scored.entries[2].id)
    assert 'class="disagreement"' in split
    assert "Judges disagree: 55.00 points apart" in split
    assert "Judges disagree" not in entry_row(html, scored.entries[0].id)
    # The far-off judge pulls ผลงานพยุห์ below ผลงานเบญจลักษ์: (74 + 75 + 20) / 3 = 56.33.
    assert "56.33" in split and "Runner-up 3" in split
    w = results.compute(db.session, scored.pool).kendall_w
    assert w < 1 and f"Kendall's W: {w}" in html


def test_what_is_missing_before_approval_is_listed_in_plain_words(app, browser):
    scored = scored_pool(sign=False)
    late = factories.user(Role.JUDGE, username="judge3", full_name="กรรมการสาม")
    db.session.add(CommitteeMember(pool_id=scored.pool.id, user_id=late.id, role=CommitteeRole.MEMBER))
    db.session.add(Assignment(pool_id=scored.pool.id, entry_id=scored.entries[1].id, judge_id=late.id))
    signed_in(browser, scored.organizer)
    html = browser.get(url(scored.pool)).get_data(as_text=True)
    assert "Score sheets not submitted yet (entry – judge):" in html
    assert "<li>ผลงานศิลาลาด – กรรมการสาม</li>" in html
    assert "The chair has not signed the pool off yet." in html
    assert "The committee's chair approves the result." in html  # an organizer sees no approve button
    assert "/approve" not in html


def test_the_picture_is_well_formed_svg_with_a_marker_per_judge_and_a_tick_per_entry(app, browser):
    scored = scored_pool()
    scored.entries[3].title = 'ผลงาน <script>alert("x")</script> & ก'
    signed_in(browser, scored.organizer)
    html = browser.get(url(scored.pool)).get_data(as_text=True)
    assert "<script>alert" not in html
    svg = svg_of(html)
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None and title.text == "Each judge's total per entry"
    assert desc is not None and "0 to 100" in desc.text
    assert set(svg.get("aria-labelledby").split()) == {title.get("id"), desc.get("id")}
    rows = svg.findall(f"{SVG}g[@class='entry-row']")
    assert len(rows) == 4
    assert [row.find(f"{SVG}text").find(f"{SVG}title").text for row in rows][3].startswith(
        "4. ผลงาน <script>"
    )
    for row in rows:
        assert len(row.findall(f"{SVG}line[@class='aggregate']")) == 1
        tips = [
            el.find(f"{SVG}title").text
            for el in row
            if el.tag != f"{SVG}text" and el.find(f"{SVG}title") is not None
        ]
        names = {tip.split(":")[0] for tip in tips if not tip.startswith("Aggregate")}
        assert names == {scored.chair.full_name, *(j.full_name for j in scored.judges)}
    legend = svg.find(f"{SVG}g[@class='legend']")
    texts = [t.text for t in legend.findall(f"{SVG}text")]
    assert texts == ["Aggregate score", scored.chair.full_name, *(j.full_name for j in scored.judges)]
    # Judges get different markers: shape or colour.
    markers = [(el.tag, el.get("fill") or el.get("stroke")) for el in legend if el.tag != f"{SVG}text"][1:]
    assert len(set(markers)) == 3


# Bounded queries ----------------------------------------------------------------------------------------


def surin_pool(scored: ScoredPool, entries: int, judges: int) -> tuple[Pool, User]:
    """Surin's pool of the same round: ``entries`` district offices scored by ``judges`` judges (a chair
    and members), every sheet submitted; distinct totals, so no tie."""
    surin = db.session.scalar(sa.select(Province).where(Province.code == "32"))
    units = [
        factories.district_office(surin, f"32{50 + i}", f"อำเภอ{i}", f"District {i}") for i in range(entries)
    ]
    made = [submitted_entry(scored.round, unit, f"ผลงานสุรินทร์ {i}") for i, unit in enumerate(units)]
    pool = made[0].pool
    scorers = [factories.user(Role.JUDGE, username=f"surin{i}") for i in range(judges)]
    for number, judge in enumerate(scorers):
        role = CommitteeRole.CHAIR if number == 0 else CommitteeRole.MEMBER
        db.session.add(CommitteeMember(pool_id=pool.id, user_id=judge.id, role=role))
    keys = [c.key for c in scored.round.criteria]
    for i, entry in enumerate(made):
        for number, judge in enumerate(scorers):
            db.session.add(Assignment(pool_id=pool.id, entry_id=entry.id, judge_id=judge.id))
            db.session.flush()
            sheet = sheets.sheet_for(db.session, pool, entry, judge)
            values = (str(39 - i), str(25 + number % 2), "25")
            typed = SheetInput(dict(zip(keys, values, strict=True)))
            sheets.save(
                db.session, sheet, typed, seen_version=sheet.version, user=judge, now=utcnow(), submit=True
            )
    sheets.sign_pool(db.session, pool, chair=scorers[0], now=utcnow())
    db.session.flush()
    return pool, scorers[0]


def test_the_page_runs_as_many_queries_for_30_entries_and_5_judges_as_for_4_and_3(
    app, browser, count_queries
):
    scored = scored_pool()
    big, big_chair = surin_pool(scored, entries=30, judges=5)
    signed_in(browser, scored.organizer)
    counts = {}
    for name, pool in (("small", scored.pool), ("big", big)):
        browser.get(url(pool))
        with count_queries() as counter:
            assert browser.get(url(pool)).status_code == 200
        counts[name] = counter.count
    assert counts["small"] == counts["big"]
    html = browser.get(url(big)).get_data(as_text=True)
    assert (
        html.count("<tr data-entry=") == 30 and len(svg_of(html).findall(f"{SVG}g[@class='entry-row']")) == 30
    )
    # The frozen version (approved, then published) is read in a fixed number of queries too.
    for pool, chair in ((scored.pool, scored.chair), (big, big_chair)):
        result, _ = publication.approve(db.session, pool, chair=chair, now=utcnow())
        publication.publish(db.session, result, user=scored.organizer, now=utcnow())
    db.session.commit()
    for name, pool in (("small", scored.pool), ("big", big)):
        with count_queries() as counter:
            assert browser.get(url(pool)).status_code == 200
        counts[name] = counter.count
    assert counts["small"] == counts["big"]


def test_the_judges_home_links_to_the_results_once_the_pool_is_signed_off(app, browser):
    scored = scored_pool(sign=False)
    signed_in(browser, scored.judges[0])
    assert url(scored.pool) not in browser.get("/judge/").get_data(as_text=True)
    sheets.sign_pool(db.session, scored.pool, chair=scored.chair, now=utcnow())
    db.session.commit()
    assert f'href="{url(scored.pool)}"' in browser.get("/judge/").get_data(as_text=True)
