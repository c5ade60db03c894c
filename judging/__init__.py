"""How a winner is decided: the pure rules of a KM contest, readable by any organizer.

This package imports nothing from Flask, SQLAlchemy or the web app. The web layer hands it plain
values (frozen dataclasses, Decimals, aware datetimes) and stores what it returns.

Reading the rules, in the order a round runs
--------------------------------------------

1. **Rubric** (:mod:`judging.rubric`). A :class:`Rubric` is an ordered tuple of
   :class:`Criterion` (key, Thai and English labels, ``max_score``, ``weight``, ``step``).
   :func:`validate_scores` checks one judge's scores and reports every problem at once in
   :class:`ScoreProblems` (``missing``, ``not_a_number``, ``negative``, ``above_maximum``,
   ``off_step``, ``unknown_criterion``); ``complete=False`` lets a draft leave blanks.
2. **Total** (:mod:`judging.totals`). :func:`sheet_total` is the weighted sum scaled to the rubric's
   total (normally 100). Totals stay exact for ranking; :func:`display` rounds half-up to 2 places.
3. **Aggregation** (:mod:`judging.aggregate`). :func:`aggregate` turns one pool's
   :class:`Scoresheet` objects into one :class:`EntryResult` per entry using the round's
   :class:`AggregationRule`: mean, median, trimmed mean (drop the highest and lowest total when at
   least ``trim_from`` = 5 sheets are in) or z-scores. Recused and missing sheets are left out,
   never zero; fewer than ``min_sheets`` sheets makes the entry incomplete and unranked.
4. **Ranking** (:mod:`judging.ranking`). :func:`rank_entries` gives competition ranks (1, 2, 2, 4)
   on exact totals; ties go through the round's chain (:class:`CriterionMean`,
   :class:`JudgesRankingFirst`, :class:`Median`), then the committee's :class:`CommitteeDecision`;
   what is still tied comes back as an :class:`UnresolvedTie`.
5. **Places** (:mod:`judging.places`). :func:`places_for` maps ranks to ชนะเลิศ,
   รองชนะเลิศอันดับ 1..k and ชมเชย under a :class:`PlacesRule`; a tie across a place boundary is a
   :class:`BoundaryTie`. :func:`band_for` / :func:`bands_for` give score bands instead of ranks.
6. **Advancement** (:mod:`judging.advancement`). :func:`advance` takes every pool's standings at one
   level, the contest's :class:`LevelChain` (data: ``LevelChain.of("province", "region",
   "national")``) and each entry's :class:`Affiliation`, and sends the top ``per_pool`` of each
   pool into the right pool of the next level; a tie at the cut-off follows :class:`CutoffTieRule`.
7. **Conflicts** (:mod:`judging.conflicts`). :func:`conflict_reasons` says why a judge must not
   score an entry: same unit, same province (region and national levels), same region (national
   level), or declared.
8. **Quality** (:mod:`judging.agreement`). :func:`kendalls_w`, :func:`spread`, :func:`leniency`.
9. **Lifecycle** (:mod:`judging.lifecycle`). :class:`RoundState` and :class:`SheetState` with their
   transitions in one table each, and guards (``can_*``) returning a :class:`Decision`.

Identifiers (entries, judges, units) are plain ints or strings; scores are ``Decimal``.
"""

from judging.advancement import (
    Advancement,
    AdvancementResult,
    AdvancementRule,
    CutoffTie,
    CutoffTieRule,
    PoolStandings,
    advance,
    select_advancing,
)
from judging.aggregate import AggregationMethod, AggregationRule, EntryResult, aggregate
from judging.agreement import Leniency, Spread, kendalls_w, leniency, spread
from judging.conflicts import ConflictPolicy, ConflictReason, conflict_reasons, must_not_score
from judging.errors import (
    JudgingError,
    NaiveDatetimeError,
    Problem,
    ProblemCode,
    RuleError,
    ScoreProblems,
)
from judging.geography import Affiliation, Level, LevelChain, Scope
from judging.ids import CriterionKey, EntryId, JudgeId, PoolKey, UnitId
from judging.lifecycle import (
    ALLOWED,
    Decision,
    Refusal,
    RoundSchedule,
    RoundState,
    SheetState,
    Window,
    can_close_round,
    can_edit_sheet,
    can_move_round,
    can_move_sheet,
    can_open_round,
    can_publish,
    can_reopen_sheet,
    can_sign_sheet,
    can_start_judging,
    can_submit_entry,
    can_submit_sheet,
)
from judging.places import (
    PRACTICE_BANDS,
    BandAward,
    BoundaryTie,
    Place,
    PlaceAward,
    PlaceKind,
    PlacesResult,
    PlacesRule,
    ScoreBand,
    band_for,
    bands_for,
    places_for,
)
from judging.ranking import (
    CommitteeDecision,
    CriterionMean,
    JudgesRankingFirst,
    Median,
    Standing,
    Standings,
    TieBreak,
    UnresolvedTie,
    rank_entries,
)
from judging.rubric import Criterion, RawScore, Rubric, parse_score, validate_scores
from judging.totals import Scoresheet, display, sheet_total

__all__ = [
    "ALLOWED",
    "PRACTICE_BANDS",
    "Advancement",
    "AdvancementResult",
    "AdvancementRule",
    "Affiliation",
    "AggregationMethod",
    "AggregationRule",
    "BandAward",
    "BoundaryTie",
    "CommitteeDecision",
    "ConflictPolicy",
    "ConflictReason",
    "Criterion",
    "CriterionKey",
    "CriterionMean",
    "CutoffTie",
    "CutoffTieRule",
    "Decision",
    "EntryId",
    "EntryResult",
    "JudgeId",
    "JudgesRankingFirst",
    "JudgingError",
    "Leniency",
    "Level",
    "LevelChain",
    "Median",
    "NaiveDatetimeError",
    "Place",
    "PlaceAward",
    "PlaceKind",
    "PlacesResult",
    "PlacesRule",
    "PoolKey",
    "PoolStandings",
    "Problem",
    "ProblemCode",
    "RawScore",
    "Refusal",
    "RoundSchedule",
    "RoundState",
    "Rubric",
    "RuleError",
    "Scope",
    "ScoreBand",
    "ScoreProblems",
    "Scoresheet",
    "SheetState",
    "Spread",
    "Standing",
    "Standings",
    "TieBreak",
    "UnitId",
    "UnresolvedTie",
    "Window",
    "advance",
    "aggregate",
    "band_for",
    "bands_for",
    "can_close_round",
    "can_edit_sheet",
    "can_move_round",
    "can_move_sheet",
    "can_open_round",
    "can_publish",
    "can_reopen_sheet",
    "can_sign_sheet",
    "can_start_judging",
    "can_submit_entry",
    "can_submit_sheet",
    "conflict_reasons",
    "display",
    "kendalls_w",
    "leniency",
    "must_not_score",
    "parse_score",
    "places_for",
    "rank_entries",
    "select_advancing",
    "sheet_total",
    "spread",
    "validate_scores",
]
