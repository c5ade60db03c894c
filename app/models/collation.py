"""Thai collation for ORDER BY, per database.

PostgreSQL sorts with the ICU collation ``th-TH-x-icu``. SQLite has no Thai collation, so the app registers
one named ``thai`` on every SQLite connection (see ``register_sqlite_collation``), built on PyThaiNLP's key:
leading vowels (เ แ โ ใ ไ) move after their consonant and tone marks only break ties.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from pythainlp.util.collate import _thkey  # the key behind pythainlp.util.collate (pinned version)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement

SQLITE_COLLATION = "thai"
POSTGRES_COLLATION = "th-TH-x-icu"


def thai_sort_key(text: str) -> str:
    """Sort key for Thai text in Python (same order as the database collations)."""
    return _thkey(text)


def _compare(left: str, right: str) -> int:
    a, b = thai_sort_key(left), thai_sort_key(right)
    return (a > b) - (a < b)


def register_sqlite_collation(dbapi_connection: Any, _record: Any) -> None:
    """SQLAlchemy ``connect`` listener: teach a SQLite connection the ``thai`` collation."""
    dbapi_connection.create_collation(SQLITE_COLLATION, _compare)


class thai_order(FunctionElement[str]):
    """``thai_order(Province.name_th)`` sorts by Thai dictionary order on either database."""

    inherit_cache = True
    type = sa.String()

    def __init__(self, column: ColumnElement[Any]) -> None:
        super().__init__(column)


@compiles(thai_order)
def _compile_default(element: thai_order, compiler: Any, **kw: Any) -> str:
    return f"{compiler.process(element.clauses, **kw)} COLLATE {SQLITE_COLLATION}"


@compiles(thai_order, "postgresql")
def _compile_postgres(element: thai_order, compiler: Any, **kw: Any) -> str:
    return f'{compiler.process(element.clauses, **kw)} COLLATE "{POSTGRES_COLLATION}"'
