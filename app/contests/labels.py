"""Words for the codes of contest setup: levels, entrants, rules, states, refusals, rule-change fields.

Lazy strings, so each is translated in the language of the request that shows it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.models import ConflictScope, EntrantKind, RubricCriterion
from app.services.rules import TIE_BREAK_CRITERION, TIE_BREAK_JUDGES_RANKING, TIE_BREAK_MEDIAN
from judging import AggregationMethod, RoundState, Scope

LEVELS = {
    Scope.PROVINCE: _l("Province level"),
    Scope.REGION: _l("Inspection region level"),
    Scope.NATIONAL: _l("National level"),
}

ENTRANTS = {
    EntrantKind.PERSON: _l("A person (an officer of a district or provincial office)"),
    EntrantKind.DISTRICT_OFFICE: _l("A district community development office"),
    EntrantKind.PROVINCIAL_OFFICE: _l("A provincial community development office"),
    EntrantKind.OTHER: _l("Another unit"),
}

AGGREGATIONS = {
    AggregationMethod.MEAN: _l("Mean"),
    AggregationMethod.MEDIAN: _l("Median"),
    AggregationMethod.TRIMMED_MEAN: _l("Drop the highest and lowest scores"),
    AggregationMethod.ZSCORE: _l("Standard scores (z-score)"),
}

CONFLICTS = {
    ConflictScope.UNIT: _l("A judge does not score entries of their own unit"),
    ConflictScope.PROVINCE: _l("A judge does not score entries of their own unit or province"),
    ConflictScope.REGION: _l(
        "A judge does not score entries of their own unit, province or inspection region"
    ),
}

ROUND_STATES = {
    RoundState.DRAFT: _l("Being prepared"),
    RoundState.OPEN: _l("Open for entries"),
    RoundState.JUDGING: _l("Judging"),
    RoundState.CLOSED: _l("Judging closed"),
    RoundState.PUBLISHED: _l("Results published"),
}

TIE_BREAK_JUDGES = _l("More judges ranking the entry first")
TIE_BREAK_MEDIAN_LABEL = _l("Higher median of the judges' totals")

SETUP_ERRORS = {
    "round_open": _l(
        "A round of this category is already open: who may enter and the chain of levels can no "
        "longer change."
    ),
    "rules_fixed": _l(
        "This round is open: its rules are fixed. Only a national organizer may change them, with a reason."
    ),
    "reason_required": _l("This round is open: give the reason for the change. Entrants will see it."),
    "judging_started": _l("Judging has started in this round: its rules and rubric can no longer change."),
    "wrong_state": _l("This round is not being prepared any more: it cannot be opened again."),
    "no_rubric": _l("This round has no rubric yet."),
    "incomplete": _l("This round is not ready to open."),
}

MISSING = {
    "rubric": _l("a rubric with at least one criterion"),
    "submission_dates": _l("the dates submissions open and close"),
    "judging_dates": _l("the dates judging opens and closes"),
    "announce_at": _l("the announcement date"),
    "dates_order": _l("dates in order (submissions, then judging, then the announcement)"),
}

FIELDS = {
    "runners_up": _l("Runners-up"),
    "honourable_mentions": _l("Honourable mentions"),
    "advance_per_pool": _l("Entries advancing from each pool"),
    "aggregation": _l("How the judges' scores are combined"),
    "trim_from": _l("Drop the highest and lowest from this many scoresheets"),
    "min_sheets": _l("Scoresheets needed to rank an entry"),
    "tie_breaks": _l("Tie-breaks"),
    "conflict_scope": _l("Conflict of interest"),
    "blind": _l("Blind judging"),
    "show_scores": _l("Scores shown with the results"),
    "submissions_open_at": _l("Submissions open"),
    "submissions_close_at": _l("Submissions close"),
    "judging_open_at": _l("Judging opens"),
    "judging_close_at": _l("Judging closes"),
    "announce_at": _l("Results announced"),
    "rubric": _l("Rubric"),
}


def chain_label(levels: Iterable[Scope]) -> str:
    """ระดับจังหวัด → ระดับเขตตรวจราชการ → ระดับประเทศ"""
    return " → ".join(str(LEVELS[level]) for level in levels)


def chain_value(levels: Sequence[Scope]) -> str:
    return ",".join(levels)


def setup_error(code: str) -> str:
    return str(SETUP_ERRORS.get(code, SETUP_ERRORS["incomplete"]))


def missing_list(codes: Iterable[str]) -> str:
    return ", ".join(str(MISSING.get(code, code)) for code in codes)


def in_english() -> bool:
    locale = get_locale()
    return locale is not None and locale.language == "en"


def criterion_label(criterion: RubricCriterion) -> str:
    """The criterion's label in the page's language (Thai when there is no English one)."""
    return criterion.label_en if in_english() and criterion.label_en else criterion.label_th


def tie_break_label(token: str, criteria: Iterable[RubricCriterion]) -> str:
    if token == TIE_BREAK_JUDGES_RANKING:
        return str(TIE_BREAK_JUDGES)
    if token == TIE_BREAK_MEDIAN:
        return str(TIE_BREAK_MEDIAN_LABEL)
    key = token.removeprefix(TIE_BREAK_CRITERION)
    named = next((criterion_label(c) for c in criteria if c.key == key), key)
    return _("Higher mean score on: %(criterion)s", criterion=named)
