"""Conflicts of interest: which entries a judge must not score, and why.

Rules (each can be switched by the round's :class:`ConflictPolicy`):

- the judge's own unit: always a conflict;
- the same province, at region and national level (a province committee is all one province, so
  the rule does not apply there);
- the same inspection region, at national level;
- a conflict the judge declared for the entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from judging.geography import Affiliation, Scope


class ConflictReason(StrEnum):
    """Why a judge must not score an entry."""

    SAME_UNIT = "same_unit"
    SAME_PROVINCE = "same_province"
    SAME_REGION = "same_region"
    DECLARED = "declared"


@dataclass(frozen=True, slots=True)
class ConflictPolicy:
    """At which scopes sharing a province or a region is a conflict (same unit always is)."""

    same_province_at: frozenset[Scope] = frozenset({Scope.REGION, Scope.NATIONAL})
    same_region_at: frozenset[Scope] = frozenset({Scope.NATIONAL})


def conflict_reasons(
    judge: Affiliation,
    entry: Affiliation,
    scope: Scope,
    policy: ConflictPolicy | None = None,
    declared: bool = False,
) -> tuple[ConflictReason, ...]:
    """Every reason the judge must not score the entry at a level of this scope; empty if none."""
    policy = policy or ConflictPolicy()
    reasons: list[ConflictReason] = []
    if judge.unit_id == entry.unit_id:
        reasons.append(ConflictReason.SAME_UNIT)
    if scope in policy.same_province_at and _same(judge.province_code, entry.province_code):
        reasons.append(ConflictReason.SAME_PROVINCE)
    if scope in policy.same_region_at and _same(judge.region_no, entry.region_no):
        reasons.append(ConflictReason.SAME_REGION)
    if declared:
        reasons.append(ConflictReason.DECLARED)
    return tuple(reasons)


def must_not_score(
    judge: Affiliation,
    entry: Affiliation,
    scope: Scope,
    policy: ConflictPolicy | None = None,
    declared: bool = False,
) -> bool:
    """True when :func:`conflict_reasons` finds any reason."""
    return bool(conflict_reasons(judge, entry, scope, policy, declared))


def _same(a: str | int | None, b: str | int | None) -> bool:
    return a is not None and a == b
