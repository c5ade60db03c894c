"""A round's rules and its recorded changes in plain words, for the contest page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask_babel import gettext as _

from app.contests import labels
from app.i18n import BANGKOK, thai_datetime
from app.models import ConflictScope, Round, RoundChange, RubricCriterion
from app.services.rules import tie_break_tokens
from judging import AggregationMethod

DATE_FIELDS = {
    "submissions_open_at",
    "submissions_close_at",
    "judging_open_at",
    "judging_close_at",
    "announce_at",
}
CLOSING_FIELDS = {"submissions_close_at", "judging_close_at"}


@dataclass(frozen=True)
class ChangeLine:
    label: str
    old: str
    new: str


def places(round_: Round) -> str:
    """ชนะเลิศ + 3 รองชนะเลิศ + 2 ชมเชย"""
    parts = [_("Winner")]
    if round_.runners_up:
        parts.append(_("%(n)d runners-up", n=round_.runners_up))
    if round_.honourable_mentions:
        parts.append(_("%(n)d honourable mentions", n=round_.honourable_mentions))
    return " + ".join(parts)


def aggregation(round_: Round) -> str:
    words = str(labels.AGGREGATIONS[round_.aggregation])
    if round_.aggregation is AggregationMethod.TRIMMED_MEAN:
        return _(
            "%(method)s, when at least %(n)d judges have scored (otherwise the mean)",
            method=words,
            n=round_.trim_from,
        )
    return words


def tie_breaks(round_: Round) -> list[str]:
    """The chain in order; the committee's recorded decision always comes last."""
    chain = [labels.tie_break_label(token, round_.criteria) for token in tie_break_tokens(round_)]
    return [*chain, _("The committee's recorded decision")]


def moment(field: str, value: datetime | None) -> str:
    """A round's date in words; a deadline at midnight reads as 24:00 of the day before, as it was typed
    ("ปิดรับ 31 พฤษภาคม 2565 เวลา 24:00 น.", not "1 มิถุนายน ... 00:00")."""
    if value is None:
        return _("not set yet")
    local = value.astimezone(BANGKOK)
    if field in CLOSING_FIELDS and (local.hour, local.minute) == (0, 0):
        return thai_datetime(value - timedelta(minutes=1)).replace("23:59", "24:00")
    return thai_datetime(value)


def change_lines(change: RoundChange, round_: Round) -> list[ChangeLine]:
    return [
        ChangeLine(
            label=str(labels.FIELDS.get(item["field"], item["field"])),
            old=value_text(item["field"], item.get("old"), round_.criteria),
            new=value_text(item["field"], item.get("new"), round_.criteria),
        )
        for item in change.changes
    ]


def value_text(field: str, value: Any, criteria: list[RubricCriterion]) -> str:
    """One recorded value (as stored in JSON) in words."""
    if value is None or value == "":
        return "—"
    if field in DATE_FIELDS:
        return moment(field, datetime.fromisoformat(value))
    if field == "aggregation":
        return str(labels.AGGREGATIONS[AggregationMethod(value)])
    if field == "conflict_scope":
        return str(labels.CONFLICTS[ConflictScope(value)])
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if field == "tie_breaks":
        return " → ".join(labels.tie_break_label(token, criteria) for token in value.split(",") if token)
    if field == "rubric":
        return "; ".join(_rubric_row(row) for row in value)
    return str(value)


def _rubric_row(row: dict[str, Any]) -> str:
    label = row.get("label_en") if labels.in_english() and row.get("label_en") else row.get("label_th")
    text = _("%(label)s (max %(max)s)", label=label, max=row.get("max_score"))
    if row.get("weight") not in (None, "1"):
        text += " × " + str(row["weight"])
    return text
