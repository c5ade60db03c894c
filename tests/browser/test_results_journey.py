"""A province pool goes from signed score sheets to a published result: the chair approves it, the winner
moves to the inspection region's pool, an organizer publishes it and downloads the XLSX export, a visitor
reads the public page (404 until publication) and the winner's coordinator downloads the certificate.

The live server holds the demo (organization data and its own contest). ``scored_pool`` of
``tests.integration.result_factories`` builds its own geography and accounts (region 14, Sisaket, ``judge1``),
which the demo already has, so this module arranges the same pool (its titles and scores) on the demo's
units, with the scoring factories and the services the factory calls, in a contest of its own.
"""

from __future__ import annotations

import io
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from pypdf import PdfReader

from app.extensions import db
from app.models import Assignment, CommitteeMember, CommitteeRole, Role, Unit
from app.models.base import utcnow
from app.services import scoresheets as sheets
from app.services.accounts import RoleSpec, create_user
from app.services.contests import open_round
from app.services.km_challenge import create_km_challenge
from app.services.scoresheets import SheetInput
from tests.browser.conftest import screenshot, sign_in
from tests.integration.award_factories import SIGNER, seen
from tests.integration.contest_factories import set_dates
from tests.integration.result_factories import SCORES, TITLES
from tests.integration.scoring_factories import judging_now, submitted_entry

PASSWORD = "results-pass-2565"
# The units of TITLES, in order: ภูสิงห์ wins (89, 88, 89), ศิลาลาด is second, then พยุห์, then เบญจลักษ์.
UNITS = ("CDD-3317", "CDD-3322", "CDD-3320", "CDD-3319")
PLACES = ("ชนะเลิศ", "รองชนะเลิศอันดับ 1", "รองชนะเลิศอันดับ 2", "รองชนะเลิศอันดับ 3")


@dataclass
class Placed:
    entry_id: int
    title: str
    short_name: str  # สพอ.ภูสิงห์, as the public page shows it
    name: str  # สำนักงานพัฒนาชุมชนอำเภอภูสิงห์, as the certificate and the export write it


@dataclass
class Arranged:
    contest: str
    round_id: int
    pool_id: int
    region_pool_id: int
    region_name: str
    entries: list[Placed]  # in the expected order of the standings
    chair: str
    organizer: str
    coordinator: str


def _account(username: str, role: RoleSpec, unit_id: int | None = None) -> Any:
    return create_user(
        db.session,
        username=username,
        full_name=f"นายทดสอบ {username}",
        email=None,
        password=PASSWORD,
        roles=[role],
        unit_id=unit_id,
    )


@pytest.fixture
def arranged(live_app: Any) -> Arranged:
    """Sisaket's pool of the district-office category (province level, then region, then national): four
    entries, every sheet submitted by three judges and the pool signed off by the chair; the region round
    open; an organizer of inspection region 14 and a coordinator of สพอ.ภูสิงห์."""
    tag = secrets.token_hex(3)
    with live_app.app_context():
        department = db.session.scalar(sa.select(Unit).where(Unit.code == "CDD"))
        contest = create_km_challenge(
            db.session, name=f"KM Challenge ทดสอบประกาศผล {tag}", fiscal_year=2023, organizer_unit=department
        )
        district = contest.categories[1]
        round_, region_round = district.rounds[0], district.rounds[1]
        assert (round_.level.value, region_round.level.value) == ("province", "region")
        set_dates(round_, opens_in=timedelta(days=-10))
        open_round(db.session, round_)
        round_.certificate_signer_name, round_.certificate_signer_title = SIGNER
        units = [db.session.scalar(sa.select(Unit).where(Unit.code == code)) for code in UNITS]
        titles = [f"{title} {tag}" for title in TITLES]
        entries = [submitted_entry(round_, unit, title) for unit, title in zip(units, titles, strict=True)]
        judging_now(round_)
        pool = entries[0].pool
        assert all(entry.pool_id == pool.id for entry in entries)

        judge = RoleSpec(Role.JUDGE)
        chair = _account(f"chair-{tag}", judge)
        judges = [_account(f"judge{i}-{tag}", judge) for i in (1, 2)]
        db.session.add(CommitteeMember(pool_id=pool.id, user_id=chair.id, role=CommitteeRole.CHAIR))
        for member in judges:
            db.session.add(CommitteeMember(pool_id=pool.id, user_id=member.id, role=CommitteeRole.MEMBER))
        keys = [c.key for c in round_.criteria]
        now = utcnow()
        for entry, by_judge in zip(entries, SCORES, strict=True):
            for scorer, values in zip([chair, *judges], by_judge, strict=True):
                db.session.add(Assignment(pool_id=pool.id, entry_id=entry.id, judge_id=scorer.id))
                db.session.flush()
                sheet = sheets.sheet_for(db.session, pool, entry, scorer)
                typed = SheetInput(dict(zip(keys, values, strict=True)))
                sheets.save(
                    db.session, sheet, typed, seen_version=sheet.version, user=scorer, now=now, submit=True
                )
        sheets.sign_pool(db.session, pool, chair=chair, now=now)

        set_dates(region_round, closes_in=timedelta(days=40))
        open_round(db.session, region_round)
        region_id = units[0].province.region_id
        region_pool = next(p for p in region_round.pools if p.region_id == region_id)
        organizer = _account(f"region14-{tag}", RoleSpec(Role.ORGANIZER, region_id=region_id))
        coordinator = _account(f"phusing-{tag}", RoleSpec(Role.COORDINATOR, unit_id=units[0].id), units[0].id)
        db.session.commit()
        result = Arranged(
            contest=contest.name,
            round_id=round_.id,
            pool_id=pool.id,
            region_pool_id=region_pool.id,
            region_name=region_pool.region.name_th,
            entries=[
                Placed(entry.id, entry.title, unit.short_name_th, unit.name_th)
                for entry, unit in zip(entries, units, strict=True)
            ],
            chair=chair.username,
            organizer=organizer.username,
            coordinator=coordinator.username,
        )
        db.session.remove()
    return result


def new_page(chromium: Any) -> tuple[Any, Any]:
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, locale="th-TH", accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on("dialog", lambda dialog: dialog.accept())
    return context, page


def public_rows(page: Any) -> list[tuple[str, str, str]]:
    """(place, entrant, title) of each row of the public places table."""
    rows = page.locator("table.places tbody tr")
    return [
        (
            row.locator("th").inner_text().strip(),
            row.locator("td").nth(0).inner_text().strip(),
            row.locator("td").nth(1).inner_text().strip(),
        )
        for row in rows.all()
    ]


def approve_as_chair(page: Any, live_server: str, arranged: Arranged) -> None:
    sign_in(page, live_server, arranged.chair, PASSWORD)
    page.locator('header a[href="/judge/"]').click()
    section = page.locator(f'section[aria-labelledby="pool-{arranged.pool_id}"]')
    section.locator(f'a[href="/organize/results/pools/{arranged.pool_id}"]').click()
    page.wait_for_url(re.compile(rf"/organize/results/pools/{arranged.pool_id}$"))
    badge = page.locator(".result-state .badge")
    not_approved = badge.inner_text()
    assert "state-draft" in badge.get_attribute("class")
    assert page.locator(".approval-problems").count() == 0
    standings = page.locator("table.standings:not(.incomplete-entries) tbody tr")
    assert [int(row.get_attribute("data-entry")) for row in standings.all()] == [
        e.entry_id for e in arranged.entries
    ]
    assert page.locator('form[action$="/publish"]').count() == 0  # the chair does not publish
    screenshot(page, "results-before-approval")

    page.locator(f'form[action$="/pools/{arranged.pool_id}/approve"] button[type=submit]').click()
    page.locator(".flash-success").wait_for()
    assert page.url.endswith(f"/organize/results/pools/{arranged.pool_id}")
    assert page.locator(f'form[action$="/pools/{arranged.pool_id}/approve"]').count() == 0
    # Approved, not yet published: another badge of the same colour, and nothing says "published".
    assert badge.inner_text() != not_approved and "state-draft" in badge.get_attribute("class")
    moved = page.locator(".flash-info")
    assert moved.count() == 1 and arranged.entries[0].short_name in moved.inner_text()
    assert arranged.region_name in moved.inner_text()
    screenshot(page, "results-approved")


def open_pool_from_home(page: Any, arranged: Arranged, pool_id: int) -> None:
    """From the organizer's home, the pool's page in this module's contest."""
    page.locator('header a[href="/organize/"]').click()
    card = page.locator("section.contest-card", has=page.locator("h2", has_text=arranged.contest))
    card.locator(f'a[href="/organize/pools/{pool_id}"]').click()
    page.wait_for_url(re.compile(rf"/organize/pools/{pool_id}$"))


def publish_as_organizer(page: Any, live_server: str, arranged: Arranged) -> None:
    sign_in(page, live_server, arranged.organizer, PASSWORD)
    open_pool_from_home(page, arranged, arranged.pool_id)
    page.locator(f'a[href="/organize/results/pools/{arranged.pool_id}"]').click()
    page.wait_for_url(re.compile(rf"/organize/results/pools/{arranged.pool_id}$"))
    assert page.locator(".result-state .state-submitted").count() == 0
    page.locator(f'form[action$="/pools/{arranged.pool_id}/publish"] button[type=submit]').click()
    page.locator(".flash-success").wait_for()
    assert page.locator(".result-state .state-submitted").is_visible()
    assert page.locator(f'form[action$="/pools/{arranged.pool_id}/publish"]').count() == 0
    assert page.locator('form[action$="/correct"]').count() == 1  # only a correction changes it now
    screenshot(page, "results-published")


def exported_rows(page: Any, live_server: str, pool_id: int) -> list[tuple[Any, ...]]:
    """The result export as an organizer downloads it: the XLSX link on the pool's results page."""
    page.goto(f"{live_server}/organize/results/pools/{pool_id}")
    with page.expect_download() as download_info:
        page.locator(f'a[href="/awards/pools/{pool_id}/result.xlsx"]').click()
    download = download_info.value
    assert download.suggested_filename == f"result-province-33-pool-{pool_id}.xlsx"
    workbook = load_workbook(io.BytesIO(download.path().read_bytes()), read_only=True)
    return list(workbook.active.iter_rows(values_only=True))


def read_public_result(page: Any, live_server: str, arranged: Arranged) -> None:
    page.goto(live_server + "/")
    page.locator('header a[href="/results/"]').click()
    page.locator("section.result-contest a", has_text=arranged.contest).click()
    page.locator(f'a[href="/results/rounds/{arranged.round_id}"]').click()
    page.locator(f'#pool-{arranged.pool_id} h3 a[href="/results/pools/{arranged.pool_id}"]').click()
    page.wait_for_url(re.compile(rf"/results/pools/{arranged.pool_id}$"))
    expected = [(place, e.short_name, e.title) for place, e in zip(PLACES, arranged.entries, strict=True)]
    assert public_rows(page) == expected
    winner = page.locator("table.places tr.place-winner")
    assert winner.count() == 1 and winner.locator("th").inner_text().strip() == "ชนะเลิศ"
    assert winner.get_attribute("data-entry") == str(arranged.entries[0].entry_id)
    screenshot(page, "results-public-pool")


def test_a_pool_goes_from_signed_sheets_to_a_published_result_with_its_certificate_and_export(
    live_server, live_app, arranged, chromium
):
    winner = arranged.entries[0]
    result_url = f"{live_server}/results/pools/{arranged.pool_id}"
    visitor_context, visitor = new_page(chromium)
    contexts = [visitor_context]
    try:
        assert visitor.goto(result_url).status == 404  # signed off, not approved

        chair_context, chair = new_page(chromium)
        contexts.append(chair_context)
        approve_as_chair(chair, live_server, arranged)
        assert visitor.goto(result_url).status == 404  # approved, not published: still nothing public

        organizer_context, organizer = new_page(chromium)
        contexts.append(organizer_context)
        publish_as_organizer(organizer, live_server, arranged)

        read_public_result(visitor, live_server, arranged)

        rows = exported_rows(organizer, live_server, arranged.pool_id)
        assert [row[:5] for row in rows[1:]] == [
            (rank, place, e.entry_id, e.title, e.name)
            for rank, (place, e) in enumerate(zip(PLACES, arranged.entries, strict=True), start=1)
        ]
        assert rows[1][5] == pytest.approx(88.67)  # the mean of 89, 88 and 89

        # The winner is in the inspection region's pool now, and nobody else from Sisaket is.
        open_pool_from_home(organizer, arranged, arranged.region_pool_id)
        assert organizer.locator("h1").inner_text().strip() == arranged.region_name
        listed = organizer.locator("table.entries tbody tr")
        assert [row.get_attribute("data-entry") for row in listed.all()] == [str(winner.entry_id)]
        assert listed.first.locator("td").first.inner_text().strip() == winner.short_name
        screenshot(organizer, "results-region-pool")

        coordinator_context, coordinator = new_page(chromium)
        contexts.append(coordinator_context)
        sign_in(coordinator, live_server, arranged.coordinator, PASSWORD)
        coordinator.locator('header a[href="/entries/"]').click()
        coordinator.locator(f'.entry-card a[href="/entries/{winner.entry_id}"]').first.click()
        coordinator.wait_for_url(re.compile(rf"/entries/{winner.entry_id}$"))
        assert arranged.region_name in coordinator.locator("h1 + .card dl.facts").inner_text()
        link = coordinator.locator(".entry-certificates a")
        assert link.count() == 1 and "ชนะเลิศ" in link.inner_text()
        screenshot(coordinator, "results-entry-certificate")
        with coordinator.expect_download() as download_info:
            link.click()
        download = download_info.value
        assert download.suggested_filename == f"certificate-{arranged.pool_id}-{winner.entry_id}.pdf"
        reader = PdfReader(io.BytesIO(download.path().read_bytes()))
        assert len(reader.pages) == 1
        # pypdf reads SARA AM back as SARA AA (สำนักงาน as สานักงาน): both sides are compared as seen().
        text = seen("\n".join(page.extract_text() for page in reader.pages))
        for expected in (
            "เกียรติบัตร",
            "ได้รับรางวัลชนะเลิศ",
            winner.name,
            winner.title,
            "ระดับจังหวัด จังหวัดศรีสะเกษ",
            SIGNER[0],
        ):
            assert seen(expected) in text, (expected, text)
        for other in arranged.entries[1:]:
            assert other.title not in text
    finally:
        for context in contexts:
            context.close()
