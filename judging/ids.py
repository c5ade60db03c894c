"""Identifiers are plain values chosen by the caller (database ids or codes)."""

from __future__ import annotations

from typing import TypeAlias

EntryId: TypeAlias = int | str
JudgeId: TypeAlias = int | str
UnitId: TypeAlias = int | str
CriterionKey: TypeAlias = str
PoolKey: TypeAlias = str


def id_order(value: int | str) -> tuple[int, int, str]:
    """A sort key that orders ids deterministically, ints (numerically) before strings."""
    if isinstance(value, int):
        return (0, value, "")
    return (1, 0, value)
