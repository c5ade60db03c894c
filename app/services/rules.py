"""A round's stored rules as the plain values of ``judging``, and the request-time guards built on them.

Whether an entry or a score is accepted is decided here, from the round's state and dates at the moment of the
request, never from whether a scheduled job has run.
"""

from __future__ import annotations

from datetime import datetime

from app.models import ConflictScope, Round, RubricCriterion
from judging import (
    AdvancementRule,
    AggregationRule,
    ConflictPolicy,
    Criterion,
    CriterionMean,
    Decision,
    JudgesRankingFirst,
    Median,
    PlacesRule,
    Refusal,
    RoundSchedule,
    RoundState,
    Rubric,
    Scope,
    TieBreak,
    Window,
    can_submit_entry,
)
from judging.lifecycle import refused

TIE_BREAK_JUDGES_RANKING = "judges_ranking"
TIE_BREAK_MEDIAN = "median"
TIE_BREAK_CRITERION = "criterion:"


def rubric_of(criteria: list[RubricCriterion]) -> Rubric:
    """The rubric of a round (a :class:`judging.RuleError` if it is empty or malformed)."""
    return Rubric(
        tuple(
            Criterion(
                key=c.key,
                label_th=c.label_th,
                label_en=c.label_en or c.label_th,
                max_score=c.max_score,
                weight=c.weight,
                step=c.step,
            )
            for c in criteria
        )
    )


def aggregation_of(round_: Round) -> AggregationRule:
    return AggregationRule(
        method=round_.aggregation, min_sheets=round_.min_sheets, trim_from=round_.trim_from
    )


def places_of(round_: Round) -> PlacesRule:
    return PlacesRule(runners_up=round_.runners_up, honourable_mentions=round_.honourable_mentions)


def advancement_of(round_: Round) -> AdvancementRule:
    return AdvancementRule(per_pool=round_.advance_per_pool)


def tie_break_tokens(round_: Round) -> list[str]:
    return [token for token in round_.tie_breaks.split(",") if token]


def tie_breaks_of(round_: Round) -> tuple[TieBreak, ...]:
    """The round's tie-break chain; the committee's decision follows it, outside the chain."""
    chain: list[TieBreak] = []
    for token in tie_break_tokens(round_):
        if token == TIE_BREAK_JUDGES_RANKING:
            chain.append(JudgesRankingFirst())
        elif token == TIE_BREAK_MEDIAN:
            chain.append(Median())
        elif token.startswith(TIE_BREAK_CRITERION):
            chain.append(CriterionMean(token.removeprefix(TIE_BREAK_CRITERION)))
    return tuple(chain)


def conflict_policy_of(round_: Round) -> ConflictPolicy:
    """At this round's level, sharing a province (or a region) is a conflict if its rule says so."""
    level = frozenset({round_.level})
    province = (
        level if round_.conflict_scope in (ConflictScope.PROVINCE, ConflictScope.REGION) else frozenset()
    )
    region = level if round_.conflict_scope is ConflictScope.REGION else frozenset()
    return ConflictPolicy(same_province_at=province, same_region_at=region)


DEFAULT_CONFLICT_SCOPE = {
    Scope.PROVINCE: ConflictScope.UNIT,
    Scope.REGION: ConflictScope.PROVINCE,
    Scope.NATIONAL: ConflictScope.REGION,
}


def submission_window(round_: Round) -> Window | None:
    if round_.submissions_open_at is None or round_.submissions_close_at is None:
        return None
    return Window(round_.submissions_open_at, round_.submissions_close_at)


def judging_window(round_: Round) -> Window | None:
    if round_.judging_open_at is None or round_.judging_close_at is None:
        return None
    return Window(round_.judging_open_at, round_.judging_close_at)


def schedule_of(round_: Round) -> RoundSchedule | None:
    submissions, judging = submission_window(round_), judging_window(round_)
    if submissions is None or judging is None:
        return None
    return RoundSchedule(submissions=submissions, judging=judging)


def round_state_now(round_: Round, now: datetime) -> RoundState:
    """The round's state as its dates make it now: an open round is judging once its submissions have
    closed (a later level, which takes no submissions, once judging opens). The stored state may lag
    behind until the scheduler catches up; decisions never wait for it."""
    if round_.state is not RoundState.OPEN:
        return round_.state
    starts = round_.submissions_close_at if round_.is_first else round_.judging_open_at
    return RoundState.JUDGING if starts is not None and now >= starts else RoundState.OPEN


def entry_decision(round_: Round, now: datetime) -> Decision:
    """May an entrant submit (or edit, or withdraw) an entry in this round now?"""
    schedule = schedule_of(round_)
    if schedule is None:
        return refused(Refusal.WRONG_STATE)
    return can_submit_entry(round_.state, schedule, now)


def drafting_decision(round_: Round, now: datetime) -> Decision:
    """Drafts may be started and edited from the moment the round opens until submissions close."""
    decision = entry_decision(round_, now)
    return Decision(True) if decision.reason is Refusal.TOO_EARLY else decision
