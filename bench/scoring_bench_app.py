"""The app served during the scoring benchmark: the real app plus a bare baseline endpoint.

``POST /bench/baseline/sheets/<id>`` takes the same form fields as the judges' autosave and writes the
same rows (the sheet's version bumped with the same conditional UPDATE, one score row per criterion
updated or inserted, one ``sheet_event``), with no sign-in, no CSRF, no validation and no rendering.
The benchmark compares the real endpoint with it, so the ratio shows what the app adds on top of the
database work. Never deploy this module: gunicorn loads it only for ``bench/scoring_bench.py``.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Blueprint, Flask, jsonify, request

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import create_app
from app.extensions import csrf, db
from app.models import Score, Scoresheet, SheetEvent
from app.models.base import utcnow

baseline = Blueprint("bench_baseline", __name__, url_prefix="/bench/baseline")


@baseline.post("/sheets/<int:sheet_id>")
def save(sheet_id: int) -> Any:
    form = request.form
    seen, now = int(form["version"]), utcnow()
    bumped = db.session.execute(
        sa.update(Scoresheet)
        .where(Scoresheet.id == sheet_id, Scoresheet.version == seen)
        .values(version=Scoresheet.version + 1, updated_at=now)
    )
    if bumped.rowcount != 1:  # type: ignore[attr-defined]
        db.session.rollback()
        return jsonify(ok=False, code="stale"), 409
    scores = {name[len("score_") :]: form[name] or None for name in form if name.startswith("score_")}
    for key, value in scores.items():
        _upsert_score(sheet_id, key, value, form.get(f"comment_{key}", ""))
    event = {"scores": scores, "comments": {}, "overall_comment": form.get("overall_comment", "")}
    db.session.execute(
        sa.insert(SheetEvent).values(sheet_id=sheet_id, at=now, action="save", reason="", old={}, new=event)
    )
    db.session.commit()
    return jsonify(ok=True, version=seen + 1)


def _upsert_score(sheet_id: int, key: str, value: str | None, comment: str) -> None:
    number = Decimal(value) if value else None
    where = (Score.sheet_id == sheet_id, Score.criterion_key == key)
    updated = db.session.execute(sa.update(Score).where(*where).values(value=number, comment=comment))
    if updated.rowcount == 0:  # type: ignore[attr-defined]
        db.session.execute(
            sa.insert(Score).values(sheet_id=sheet_id, criterion_key=key, value=number, comment=comment)
        )


def bench_app() -> Flask:
    application = create_app()
    csrf.exempt(baseline)
    application.register_blueprint(baseline)
    return application


app = bench_app()
