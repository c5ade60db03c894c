"""A pool's result and its full score matrix as tables, for organizers' CSV and XLSX downloads.

The result table reads the frozen snapshot of the current version (what the chair approved), so it matches
the certificates and the public page. The matrix reads the database as it is: one row per entry, judge
and criterion for every assignment, recused ones included with the reason, so an organizer can audit
every number behind the result.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session, joinedload, selectinload

from app.models import Assignment, Entry, Pool, PoolResult, RubricCriterion, Scoresheet, User
from app.services.exports import Cell
from app.services.results import entrant_names

SHEET_STATES = {
    "draft": _l("Draft"),
    "submitted": _l("Submitted"),
    "signed": _l("Signed"),
    "": _l("Not started"),
}


def _decimal(text: Any) -> Decimal | None:
    try:
        return None if text in (None, "") else Decimal(str(text))
    except InvalidOperation:
        return None


def _th(locale: str) -> bool:
    return locale != "en"


def result_table(result: PoolResult, locale: str) -> tuple[list[str], list[list[Any]]]:
    """Rank, place, title, entrant, total, each judge's total and each criterion's mean, per entry."""
    standings = result.standings
    judges = standings.get("judges", [])
    criteria = standings.get("criteria", [])
    headers = [_("Rank"), _("Place"), _("Entry ID"), _("Title"), _("Entrant"), _("Total")]
    headers += [_("Judge: %(name)s", name=judge["name"]) for judge in judges]
    labels = [c["th"] if _th(locale) else c.get("en") or c["th"] for c in criteria]
    headers += [_("Mean: %(criterion)s", criterion=label) for label in labels]
    rows: list[list[Any]] = []
    for row in result.rows:
        place = row.get("place") or {}
        label = place.get("th") if _th(locale) else place.get("en")
        cells: list[Any] = [
            row.get("rank"),
            label or "",
            row["entry_id"],
            row.get("title", ""),
            row.get("entrant_th") if _th(locale) else row.get("entrant_en") or row.get("entrant_th"),
            _decimal(row.get("total")),
        ]
        totals = row.get("judge_totals", {})
        cells += [_decimal(totals.get(str(judge["id"]))) for judge in judges]
        means = row.get("criterion_means", {})
        cells += [_decimal(means.get(c["key"])) for c in criteria]
        rows.append(cells)
    return headers, rows


def _criteria(session: Session, pool: Pool) -> list[RubricCriterion]:
    return list(
        session.scalars(
            sa.select(RubricCriterion)
            .where(RubricCriterion.round_id == pool.round_id)
            .order_by(RubricCriterion.position)
        )
    )


def matrix_table(session: Session, pool: Pool, locale: str) -> tuple[list[str], list[list[Cell | Decimal]]]:
    """One row per assignment (or sheet without one) and criterion, in a fixed number of queries."""
    with_entry = (
        joinedload(Assignment.entry).joinedload(Entry.unit),
        joinedload(Assignment.entry).joinedload(Entry.person),
        joinedload(Assignment.judge),
    )
    assignments = {
        (a.entry_id, a.judge_id): a
        for a in session.scalars(
            sa.select(Assignment).where(Assignment.pool_id == pool.id).options(*with_entry)
        ).unique()
    }
    sheets = {
        (s.entry_id, s.judge_id): s
        for s in session.scalars(
            sa.select(Scoresheet)
            .where(Scoresheet.pool_id == pool.id)
            .options(
                selectinload(Scoresheet.scores),
                joinedload(Scoresheet.entry).joinedload(Entry.unit),
                joinedload(Scoresheet.entry).joinedload(Entry.person),
                joinedload(Scoresheet.judge),
            )
        ).unique()
    }
    criteria = _criteria(session, pool)
    headers = [
        _("Entry ID"),
        _("Title"),
        _("Entrant"),
        _("Judge"),
        _("Criterion"),
        _("Maximum"),
        _("Score"),
        _("Criterion comment"),
        _("Overall comment"),
        _("Sheet state"),
        _("Recused"),
        _("Recusal reason"),
    ]
    pairs = []
    for key in set(assignments) | set(sheets):
        found = assignments.get(key) or sheets[key]
        pairs.append((found.entry, found.judge, assignments.get(key), sheets.get(key)))
    pairs.sort(key=lambda p: (p[0].id, p[1].full_name, p[1].id))
    rows: list[list[Cell | Decimal]] = []
    for entry, judge, assignment, sheet in pairs:
        rows += _pair_rows(entry, judge, assignment, sheet, criteria, locale)
    return headers, rows


def _pair_rows(
    entry: Entry,
    judge: User,
    assignment: Assignment | None,
    sheet: Scoresheet | None,
    criteria: list[RubricCriterion],
    locale: str,
) -> list[list[Cell | Decimal]]:
    entrant_th, entrant_en = entrant_names(entry)
    recused = assignment is not None and assignment.recused_at is not None
    scores = {score.criterion_key: score for score in sheet.scores} if sheet is not None else {}
    keys = [(c.key, c.label_th if _th(locale) else c.label_en or c.label_th, c.max_score) for c in criteria]
    known = {c.key for c in criteria}
    keys += [(key, key, None) for key in sorted(scores) if key not in known]  # a criterion since removed
    state = str(SHEET_STATES[sheet.state.value if sheet is not None else ""])
    rows: list[list[Cell | Decimal]] = []
    for key, label, maximum in keys:
        score = scores.get(key)
        rows.append(
            [
                entry.id,
                entry.title,
                entrant_th if _th(locale) else entrant_en,
                judge.full_name,
                label,
                maximum,
                score.value if score is not None else None,
                score.comment if score is not None else "",
                sheet.overall_comment if sheet is not None else "",
                state,
                _("Yes") if recused else _("No"),
                assignment.recusal_reason if recused and assignment is not None else "",
            ]
        )
    return rows


def filename(pool: Pool, what: str, extension: str) -> str:
    """ASCII: ``result-province-33-pool-12.xlsx``, ``score-matrix-region-14-pool-3.csv``."""
    slug = re.sub(r"[^a-z0-9]+", "-", pool.key.lower()).strip("-")
    return f"{what}-{slug}-pool-{pool.id}.{extension}"
