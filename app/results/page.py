"""The results page of one pool, rendered fresh or with the form that was posted (its errors), and the
plain words for every refusal the publication service can give."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.forms import EmptyForm
from app.models import PoolResult, TieDecision
from app.models.base import utcnow
from app.results.access import Access
from app.results.board import Board, change_value, from_computation, from_result
from app.results.chart import standings_chart
from app.results.forms import CorrectionForm, TieForm, tie_form
from app.services import publication, results
from app.services.publication import ResultError

Page = str | tuple[str, int]

PROBLEMS = {
    "sheets_missing": _l("Score sheets not submitted yet (entry – judge):"),
    "not_signed": _l("The chair has not signed the pool off yet."),
    "incomplete": _l("Entries without enough score sheets to be ranked:"),
    "unresolved_tie": _l("Tied entries whose order the committee has not decided yet:"),
    "no_entries": _l("The pool has no submitted entries."),
}

REFUSALS = {
    "reason_required": _l("Give the reason."),
    "already_approved": _l(
        "The result is already approved. Once it is published, an organizer can correct it."
    ),
    "not_a_tie": _l("These entries are not tied (any more). Reload the page to see the current standings."),
    "already_published": _l(
        "This result is already published. To change it, make a correction with its reason."
    ),
    "superseded": _l("This version has been replaced by a correction."),
    "not_published": _l("Only a published result can be corrected."),
    "not_approved": _l("There is no approved result to publish yet: the chair approves it first."),
}

FIELD_NAMES = {
    "title": _l("Title"),
    "entrant_th": _l("Entrant"),
    "place": _l("Place"),
    "total": _l("Score"),
    "removed": _l("Removed from the result"),
}


def refusal_text(error: ResultError) -> str:
    """What was refused, in words, followed by what is missing when the service named it."""
    text = str(PROBLEMS.get(error.code) or REFUSALS.get(error.code) or error.code)
    return f"{text} {'; '.join(error.detail)}" if error.detail else text


def recorded_decisions(pool_id: int) -> list[TieDecision]:
    return list(
        db.session.scalars(
            sa.select(TieDecision)
            .where(TieDecision.pool_id == pool_id)
            .options(joinedload(TieDecision.decided_by))
            .order_by(TieDecision.decided_at, TieDecision.id)
        )
    )


def chart(board: Board, ident: str) -> Any:
    return standings_chart(
        board.chart_rows(),
        board.judges,
        title=_("Each judge's total per entry"),
        description=_(
            "One row per entry on a scale from 0 to 100: each judge's total is a marker (see the legend) "
            "and the vertical line is the entry's aggregate score. The table gives the numbers."
        ),
        aggregate_label=_("Aggregate score"),
        ident=ident,
    )


def render_pool(
    access: Access,
    status: int = 200,
    *,
    refusal: str | None = None,
    refused_problems: bool = False,
    posted_tie: TieForm | None = None,
    correction_form: CorrectionForm | None = None,
) -> Page:
    """The page: the frozen version if there is one, else the live standings with what is still missing."""
    pool = access.pool
    result = publication.current_result(db.session, pool)
    problems: list[tuple[str, list[str]]] = []
    if result is None:
        computation = results.compute(db.session, pool)
        board = from_computation(computation)
        problems = publication.approval_problems(computation)
    else:
        board = from_result(result)
    forms = {}
    if access.decides_ties and result is None:
        for tie in board.ties:
            posted = posted_tie if posted_tie is not None and posted_tie.tie.data == tie.key else None
            forms[tie.key] = posted or tie_form(tie)
    html = render_template(
        "results/pool.html",
        access=access,
        pool=pool,
        round=pool.round,
        board=board,
        result=result,
        problems=problems,
        problem_texts=PROBLEMS,
        refusal=refusal,
        refused_problems=refused_problems,
        decisions=recorded_decisions(pool.id),
        versions=publication.results_of(db.session, pool) if access.organizer else [],
        tie_forms=forms,
        correction_form=correction_form or CorrectionForm(formdata=None),
        action_form=EmptyForm(),
        chart=chart(board, f"chart-{pool.id}"),
        now=utcnow(),
    )
    return (html, status) if status != 200 else html


def render_version(access: Access, result: PoolResult, locale: str) -> str:
    board = from_result(result)
    titles = board.titles
    changes = [
        {
            "title": titles.get(change.get("entry_id"), "") or change_value(change.get("old"), locale),
            "field": str(FIELD_NAMES.get(change.get("field", ""), change.get("field", ""))),
            "old": change_value(change.get("old"), locale),
            "new": change_value(change.get("new"), locale),
            "removed": change.get("field") == "removed",
        }
        for change in result.standings.get("changes", [])
    ]
    return render_template(
        "results/version.html",
        access=access,
        pool=access.pool,
        round=access.pool.round,
        board=board,
        result=result,
        changes=changes,
        decisions=result.standings.get("decisions", []),
        chart=chart(board, f"chart-{access.pool.id}-v{result.version}"),
    )
