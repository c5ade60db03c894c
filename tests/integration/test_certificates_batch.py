"""Certificates in bulk: a pool's PDF and ZIP at once, and a round's batch as a background job with a
progress page that only the user who started it may see."""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.awards import jobs
from app.extensions import db
from app.models import PoolResult, ResultState
from app.services import certificates
from tests.integration import factories
from tests.integration.award_factories import (
    PUBLISHED_AT,
    approved_pool,
    coordinator,
    pdf_of,
    published_pool,
    sign_in,
    text_of,
)
from tests.integration.factories import Role


@pytest.fixture
def jobs_dir(app, tmp_path: Path) -> Path:
    folder = tmp_path / "jobs"
    app.config["JOBS_DIR"] = str(folder)
    return folder


def _zip_of(response) -> zipfile.ZipFile:
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.data))


def _wait_until_finished(browser, status_url: str, timeout: float = 300) -> list[dict]:
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        response = browser.get(status_url)
        assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
        seen.append(response.get_json())
        if seen[-1]["state"] in (jobs.DONE, jobs.FAILED):
            return seen
        time.sleep(0.3)
    raise AssertionError(f"the job did not finish: {seen[-1]}")


def test_a_pool_s_certificates_come_as_one_pdf_or_a_zip_of_one_pdf_each(app, browser):
    scored, _result = published_pool(runners_up=1)  # two placed entries
    sign_in(browser, scored.organizer)
    pool = scored.pool
    combined = pdf_of(browser.get(f"/awards/pools/{pool.id}/certificates.pdf"))
    assert len(combined.pages) == 2
    text = text_of(combined)
    assert "ผลงานภูสิงห์" in text and "ผลงานศิลาลาด" in text and "ผลงานพยุห์" not in text
    response = browser.get(f"/awards/pools/{pool.id}/certificates.zip")
    assert f'filename="certificates-pool-{pool.id}.zip"' in response.headers["Content-Disposition"]
    archive = _zip_of(response)
    winner, second = scored.entries[0], scored.entries[1]
    assert sorted(archive.namelist()) == [
        f"province-33/certificate-{pool.id}-{winner.id}.pdf",
        f"province-33/certificate-{pool.id}-{second.id}.pdf",
    ]
    single = PdfReader(io.BytesIO(archive.read(f"province-33/certificate-{pool.id}-{second.id}.pdf")))
    assert len(single.pages) == 1 and "ได้รับรางวัลรองชนะเลิศอันดับ 1" in text_of(single)


def test_only_the_pool_s_organizers_get_its_certificates_and_only_once_published(app, browser):
    scored, _result = approved_pool()
    db.session.commit()
    sign_in(browser, scored.organizer)
    assert browser.get(f"/awards/pools/{scored.pool.id}/certificates.pdf").status_code == 404
    browser.logout()
    sign_in(browser, coordinator(scored.entries[0].unit, "phusing"))
    assert browser.get(f"/awards/pools/{scored.pool.id}/certificates.zip").status_code == 404
    assert browser.get(f"/awards/rounds/{scored.round.id}/certificates").status_code == 404


def test_a_round_batch_runs_in_the_background_and_only_its_owner_sees_it(app, browser, jobs_dir, monkeypatch):
    scored, _result = published_pool(runners_up=3)  # four placed entries
    monkeypatch.setattr(certificates, "CHUNK", 1)  # progress after every certificate
    written = []
    original_write = jobs._write

    def recording_write(folder, job):
        written.append((job["state"], job["done"]))
        original_write(folder, job)

    monkeypatch.setattr(jobs, "_write", recording_write)
    sign_in(browser, scored.organizer, english=True)
    page = browser.get(f"/awards/rounds/{scored.round.id}/certificates")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Published" in html and f"/awards/pools/{scored.pool.id}/certificates.zip" in html

    started = browser.post_form(
        f"/awards/rounds/{scored.round.id}/batch",
        {"format": "zip"},
        page=f"/awards/rounds/{scored.round.id}/certificates",
    )
    assert started.status_code == 302
    job_url = started.headers["Location"]
    job_id = job_url.rsplit("/", 1)[1]
    assert len(job_id) >= 30
    stored = json.loads((jobs_dir / f"{job_id}.json").read_text(encoding="utf-8"))
    assert stored["user_id"] == scored.organizer.id and stored["total"] == 4

    job_page = browser.get(job_url)
    assert job_page.status_code == 200
    html = job_page.get_data(as_text=True)
    assert "<progress" in html and f"/awards/jobs/{job_id}.json" in html and "job-progress.js" in html

    statuses = _wait_until_finished(browser, f"/awards/jobs/{job_id}.json")
    final = statuses[-1]
    assert final["state"] == "done", final
    assert final["done"] == final["total"] == 4 and final["percent"] == 100
    assert final["download"] == f"/awards/jobs/{job_id}/download"
    assert all(0 <= s["done"] <= 4 and 0 <= s["percent"] <= 100 for s in statuses)
    assert written == [("queued", 0), ("running", 0), *[("running", n) for n in (1, 2, 3, 4)], ("done", 4)]
    done_page = browser.get(job_url).get_data(as_text=True)
    assert "Ready: 4 certificates." in done_page and 'http-equiv="refresh"' not in done_page

    response = browser.get(final["download"])
    assert response.data  # read, then closed: the file is streamed from disk and a server closes it
    response.close()
    assert f'filename="certificates-round-{scored.round.id}.zip"' in response.headers["Content-Disposition"]
    archive = _zip_of(response)
    assert len(archive.namelist()) == 4
    assert {name.split("/")[0] for name in archive.namelist()} == {"province-33"}
    for name in archive.namelist():
        assert len(PdfReader(io.BytesIO(archive.read(name))).pages) == 1

    browser.logout()
    someone_else = factories.user(Role.ORGANIZER, username="national2")  # also a national organizer
    sign_in(browser, someone_else)
    for url in (job_url, f"/awards/jobs/{job_id}.json", final["download"]):
        assert browser.get(url).status_code == 404, url


def test_a_round_batch_as_one_pdf_of_one_pool(app, browser, jobs_dir):
    scored, _result = published_pool(runners_up=1)
    sign_in(browser, scored.organizer)
    started = browser.post_form(
        f"/awards/rounds/{scored.round.id}/batch",
        {"format": "pdf", "pool_id": str(scored.pool.id)},
        page=f"/awards/rounds/{scored.round.id}/certificates",
    )
    job_id = started.headers["Location"].rsplit("/", 1)[1]
    final = _wait_until_finished(browser, f"/awards/jobs/{job_id}.json")[-1]
    assert final["state"] == "done", final
    response = browser.get(final["download"])
    assert response.data
    response.close()
    reader = pdf_of(response)
    assert len(reader.pages) == 2 and "ผลงานภูสิงห์" in text_of(reader)


def test_a_batch_is_refused_without_a_published_result_or_with_a_bad_format(app, browser, jobs_dir):
    scored, _result = approved_pool()
    db.session.commit()
    sign_in(browser, scored.organizer, english=True)
    page = f"/awards/rounds/{scored.round.id}/certificates"
    nothing = browser.post_form(f"/awards/rounds/{scored.round.id}/batch", {"format": "pdf"}, page=page)
    assert nothing.status_code == 409
    assert "no published result of these pools has a placed entry yet" in nothing.get_data(as_text=True)
    bad = browser.post_form(f"/awards/rounds/{scored.round.id}/batch", {"format": "docx"}, page=page)
    assert bad.status_code == 400
    other_pool = browser.post_form(
        f"/awards/rounds/{scored.round.id}/batch", {"format": "pdf", "pool_id": "999999"}, page=page
    )
    assert other_pool.status_code == 404
    assert list(jobs_dir.glob("*.json")) == []


def test_a_job_id_must_be_well_formed_and_a_silent_job_is_reported_interrupted(app, browser, jobs_dir):
    scored, _result = approved_pool()
    db.session.commit()
    sign_in(browser, scored.organizer)
    assert browser.get("/awards/jobs/..%2F..%2Fsecret_key").status_code == 404
    assert browser.get("/awards/jobs/short.json").status_code == 404
    with app.test_request_context():
        job = jobs.create(user_id=scored.organizer.id, fmt="pdf", total=3, filename="x.pdf", label="x")
    status = jobs_dir / f"{job['id']}.json"
    stored = json.loads(status.read_text(encoding="utf-8"))
    stored["updated_at"] = time.time() - jobs.STALE_AFTER - 1
    status.write_text(json.dumps(stored), encoding="utf-8")
    reported = browser.get(f"/awards/jobs/{job['id']}.json").get_json()
    assert reported["state"] == "failed" and reported["error"] == "interrupted"
    assert browser.get(f"/awards/jobs/{job['id']}/download").status_code == 302


def test_the_round_page_needs_the_same_queries_for_one_or_many_published_pools(app, browser, count_queries):
    scored, result = published_pool()
    sign_in(browser, scored.organizer)
    url = f"/awards/rounds/{scored.round.id}/certificates"
    with count_queries() as one:
        assert browser.get(url).status_code == 200
    others = [pool for pool in scored.round.pools if pool.id != scored.pool.id]
    assert others  # the round has a pool for every province
    for pool in others:  # the same standings published in every other pool
        db.session.add(
            PoolResult(
                pool_id=pool.id,
                version=1,
                state=ResultState.PUBLISHED,
                standings=result.standings,
                approved_at=PUBLISHED_AT,
                published_at=PUBLISHED_AT,
            )
        )
    db.session.commit()
    with count_queries() as many:
        html = browser.get(url).get_data(as_text=True)
    assert many.count == one.count
    assert html.count("certificates.zip") == len(others) + 1
