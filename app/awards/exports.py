"""A pool's result and its score matrix as CSV or XLSX, for the pool's organizers once the chair has
approved a result (published or not); anyone else, or before approval, gets 404."""

from __future__ import annotations

from flask import Response, abort
from flask_babel import get_locale
from flask_babel import gettext as _

from app.awards.routes import bp, send_file
from app.extensions import db
from app.models import Pool, PoolResult
from app.permissions import pool_or_404
from app.services import exports, result_exports
from app.services.publication import current_result

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"


def _pool_with_result(pool_id: int) -> tuple[Pool, PoolResult]:
    pool = pool_or_404(pool_id)
    result = current_result(db.session, pool)
    if result is None:
        abort(404)
    return pool, result


def _language() -> str:
    locale = get_locale()
    return locale.language if locale is not None else "th"


def _send(headers: list[str], rows: list, fmt: str, title: str, name: str) -> Response:
    if fmt == "csv":
        return send_file(exports.to_csv(headers, rows), CSV, name)
    return send_file(exports.to_xlsx(headers, rows, title=title), XLSX, name)


@bp.get("/pools/<int:pool_id>/result.<any(csv, xlsx):fmt>")
def result_export(pool_id: int, fmt: str) -> Response:
    pool, result = _pool_with_result(pool_id)
    headers, rows = result_exports.result_table(result, _language())
    name = result_exports.filename(pool, "result", fmt)
    return _send(headers, rows, fmt, _("Result version %(n)d", n=result.version), name)


@bp.get("/pools/<int:pool_id>/matrix.<any(csv, xlsx):fmt>")
def matrix_export(pool_id: int, fmt: str) -> Response:
    pool, _result = _pool_with_result(pool_id)
    headers, rows = result_exports.matrix_table(db.session, pool, _language())
    name = result_exports.filename(pool, "score-matrix", fmt)
    return _send(headers, rows, fmt, _("Score matrix"), name)
