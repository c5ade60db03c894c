"""Autosaves racing over HTTP on PostgreSQL: every answer is 200 or 409 (never 500), no save is lost, and a
stale save never overwrites a newer one."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from app.extensions import db
from app.models import Scoresheet, SheetEvent
from tests.integration.conftest import csrf_token
from tests.integration.factories import PASSWORD
from tests.integration.scoring_factories import judged_pool

pytestmark = pytest.mark.postgres_only

VERSION_RE = re.compile(r'name="version" id="sheet-version" value="(\d+)"')


def _judge_saves(app, username, page_url, value, start):
    """One phone: signs in, opens the entry, waits for the others, then autosaves once."""
    client = FlaskClient(app, app.response_class, use_cookies=True)
    login_page = client.get("/login").get_data(as_text=True)
    client.post(
        "/login", data={"username": username, "password": PASSWORD, "csrf_token": csrf_token(login_page)}
    )
    page = client.get(page_url)
    html = page.get_data(as_text=True)
    if page.status_code != 200:
        start.abort()
        raise AssertionError(f"{username} opening {page_url}: {page.status_code}\n{html[:3000]}")
    sheet_id = int(re.search(r"/judge/sheets/(\d+)/draft", html).group(1))
    version = VERSION_RE.search(html).group(1)
    start.wait()
    response = client.post(
        f"/judge/sheets/{sheet_id}/draft",
        data={"csrf_token": csrf_token(html), "version": version, "score_process": value},
    )
    return sheet_id, response.status_code


def _race(app, jobs):
    start = threading.Barrier(len(jobs), timeout=60)
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        futures = [pool.submit(_judge_saves, app, *job, start) for job in jobs]
        return [future.result() for future in futures]


def test_racing_autosaves_to_one_sheet_answer_200_or_409_and_keep_every_winner(app):
    judged = judged_pool()
    judge = judged.judges[0]
    url = f"/judge/pools/{judged.pool.id}/entries/{judged.entries[0].id}"
    jobs = [(judge.username, url, str(i + 1)) for i in range(8)]
    db.session.commit()
    outcomes = _race(app, jobs)
    codes = [code for _sheet, code in outcomes]
    assert set(codes) <= {200, 409} and codes.count(200) >= 1
    sheet_id = outcomes[0][0]
    db.session.expire_all()
    stored = db.session.get(Scoresheet, sheet_id)
    assert stored.version == 1 + codes.count(200)
    events = db.session.scalars(sa.select(SheetEvent).where(SheetEvent.sheet_id == sheet_id)).all()
    assert len(events) == codes.count(200)
    assert f"{stored.scores[0].value.normalize():f}" == events[-1].new["scores"]["process"]


def test_simultaneous_autosaves_by_every_judge_to_every_sheet_all_land(app):
    judged = judged_pool(judges=3)
    jobs = [
        (judge.username, f"/judge/pools/{judged.pool.id}/entries/{entry.id}", "33")
        for judge in [judged.chair, *judged.judges]
        for entry in judged.entries
    ]
    db.session.commit()
    outcomes = _race(app, jobs)
    assert [code for _sheet, code in outcomes] == [200] * len(jobs)
    assert len({sheet for sheet, _code in outcomes}) == len(jobs)
    db.session.expire_all()
    assert {s.version for s in db.session.scalars(sa.select(Scoresheet))} == {2}
