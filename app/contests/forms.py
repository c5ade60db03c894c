"""Forms of contest setup: the contest, a category, a round's rules (the rubric has its own module)."""

from __future__ import annotations

import itertools
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from app.contests import labels
from app.forms import ThaiDateTimeField
from app.models import LEVEL_CHAINS, ConflictScope, EntrantKind, Round
from app.services.rules import (
    TIE_BREAK_CRITERION,
    TIE_BREAK_JUDGES_RANKING,
    TIE_BREAK_MEDIAN,
    tie_break_tokens,
)
from judging import AggregationMethod

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# The database keeps C.E. years from 1900; the form asks for B.E. years a person could mean.
BE_YEAR_MIN, BE_YEAR_MAX = 1900 + 543, 2700
YEAR_MESSAGE = _l(
    "Type the fiscal year in the Buddhist Era (พ.ศ.), between %(low)d and %(high)d, e.g. 2565.",
    low=BE_YEAR_MIN,
    high=BE_YEAR_MAX,
)
TIE_BREAK_SLOTS = ("tie_break_1", "tie_break_2", "tie_break_3")
DATE_FIELDS = (
    "submissions_open_at",
    "submissions_close_at",
    "judging_open_at",
    "judging_close_at",
    "announce_at",
)
# Pairs that must be strictly ordered; the other neighbours may coincide.
STRICT_PAIRS = {("submissions_open_at", "submissions_close_at"), ("judging_open_at", "judging_close_at")}


class WholeNumberField(IntegerField):
    """An integer typed with Arabic or Thai digits, refused in words the user can read."""

    def __init__(self, *args: Any, message: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.message = message or _l("Type a whole number.")

    def process_formdata(self, valuelist: list[Any]) -> None:
        text = (valuelist[0] if valuelist else "").translate(THAI_DIGITS).strip()
        if not text:
            self.data = None
            return
        try:
            self.data = int(text)
        except ValueError as error:
            self.data = None
            raise ValueError(str(self.message)) from error


class ContestForm(FlaskForm):
    name = StringField(_l("Name of the contest"), validators=[InputRequired(), Length(max=200)])
    fiscal_year_be = WholeNumberField(
        _l("Fiscal year (B.E.)"),
        message=YEAR_MESSAGE,
        validators=[InputRequired(YEAR_MESSAGE), NumberRange(BE_YEAR_MIN, BE_YEAR_MAX, YEAR_MESSAGE)],
        description=_l("The Buddhist Era year the fiscal year ends in, e.g. 2565."),
        render_kw={"inputmode": "numeric"},
    )
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=10000)])
    organizer_unit_id = SelectField(_l("Organizing unit"), coerce=int, validate_choice=True)
    start_from = RadioField(
        _l("Start from"),
        choices=[
            SelectChoice("blank", _l("A blank contest (add its categories yourself)")),
            SelectChoice(
                "km_challenge",
                _l("The KM Challenge template: three categories with their levels and rubrics"),
            ),
        ],
        default="blank",
    )


class CategoryForm(FlaskForm):
    name_th = StringField(_l("Name in Thai"), validators=[InputRequired(), Length(max=300)])
    name_en = StringField(_l("Name in English"), validators=[Optional(), Length(max=300)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=10000)])
    entrant_kind = SelectField(_l("Who may enter"), validate_choice=True)
    levels = SelectField(_l("Levels of judging"), validate_choice=True)
    per_unit_cap = WholeNumberField(
        _l("Entries allowed per unit"),
        validators=[Optional(), NumberRange(1, 1000)],
        description=_l("For categories entered by persons only. Leave empty for no limit."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.entrant_kind.choices = [(kind.value, labels.ENTRANTS[kind]) for kind in EntrantKind]
        self.levels.choices = [(labels.chain_value(c), labels.chain_label(c)) for c in LEVEL_CHAINS]

    def validate_per_unit_cap(self, field: WholeNumberField) -> None:
        if field.data is not None and self.entrant_kind.data != EntrantKind.PERSON.value:
            raise ValidationError(_("A limit per unit applies only to categories entered by persons."))


class RoundRulesForm(FlaskForm):
    runners_up = WholeNumberField(_l("Runners-up"), validators=[InputRequired(), NumberRange(0, 10)])
    honourable_mentions = WholeNumberField(
        _l("Honourable mentions"), validators=[InputRequired(), NumberRange(0, 50)]
    )
    advance_per_pool = WholeNumberField(
        _l("Entries advancing from each pool"), validators=[InputRequired(), NumberRange(1, 100)]
    )
    aggregation = SelectField(_l("How the judges' scores are combined"), validate_choice=True)
    trim_from = WholeNumberField(
        _l("Drop the highest and lowest from this many scoresheets"),
        validators=[InputRequired(), NumberRange(3, 100)],
        description=_l("Used only when the highest and lowest scores are dropped."),
    )
    min_sheets = WholeNumberField(
        _l("Scoresheets needed to rank an entry"), validators=[InputRequired(), NumberRange(1, 100)]
    )
    tie_break_1 = SelectField(_l("First tie-break"), validate_choice=True)
    tie_break_2 = SelectField(_l("Second tie-break"), validate_choice=True)
    tie_break_3 = SelectField(_l("Third tie-break"), validate_choice=True)
    conflict_scope = SelectField(_l("Conflict of interest"), validate_choice=True)
    blind = BooleanField(_l("Blind judging: judges do not see who entered"))
    show_scores = BooleanField(_l("Show the scores with the published results"))
    submissions_open_at = ThaiDateTimeField(_l("Submissions open"))
    submissions_close_at = ThaiDateTimeField(_l("Submissions close"), end_of_day=True)
    judging_open_at = ThaiDateTimeField(_l("Judging opens"))
    judging_close_at = ThaiDateTimeField(_l("Judging closes"), end_of_day=True)
    announce_at = ThaiDateTimeField(_l("Results announced"))
    reason = TextAreaField(_l("Reason for the change"), validators=[Optional(), Length(max=2000)])

    def __init__(self, round_: Round, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not round_.is_first:
            del self.submissions_open_at
            del self.submissions_close_at
        self.aggregation.choices = [(m.value, labels.AGGREGATIONS[m]) for m in AggregationMethod]
        self.conflict_scope.choices = [(s.value, labels.CONFLICTS[s]) for s in ConflictScope]
        choices = tie_break_choices(round_)
        for name in TIE_BREAK_SLOTS:
            self[name].choices = choices
        if not self.is_submitted():
            tokens = tie_break_tokens(round_)
            for name, token in itertools.zip_longest(TIE_BREAK_SLOTS, tokens[:3], fillvalue=""):
                self[name].data = token

    def validate(self, extra_validators: Any = None) -> bool:
        checks = [super().validate(extra_validators), self._tie_breaks_distinct(), self._dates_in_order()]
        return all(checks)

    def tie_breaks(self) -> str:
        return ",".join(token for name in TIE_BREAK_SLOTS if (token := self[name].data))

    def _tie_breaks_distinct(self) -> bool:
        seen: set[str] = set()
        for name in TIE_BREAK_SLOTS:
            token = self[name].data
            if token and token in seen:
                self[name].errors = [*self[name].errors, _("This tie-break is already in the chain.")]
                return False
            seen.add(token)
        return True

    def _dates_in_order(self) -> bool:
        """Submissions open < close <= judging opens < closes <= announcement (where both are given)."""
        ok = True
        known = [(name, self[name]) for name in DATE_FIELDS if name in self and self[name].data is not None]
        for (before_name, before), (name, field) in itertools.pairwise(known):
            strict = (before_name, name) in STRICT_PAIRS
            if field.data < before.data or (strict and field.data == before.data):
                other = before.label.text
                message = (
                    _("Must be later than “%(other)s”.", other=other)
                    if strict
                    else _("Must not be earlier than “%(other)s”.", other=other)
                )
                field.errors = [*field.errors, message]
                ok = False
        return ok


def tie_break_choices(round_: Round) -> list[tuple[str, Any]]:
    """None, each criterion of the rubric, the judges' first places, the median (and a stale token kept)."""
    choices: list[tuple[str, Any]] = [("", _l("— none —"))]
    for criterion in round_.criteria:
        label = _("Higher mean score on: %(criterion)s", criterion=labels.criterion_label(criterion))
        choices.append((f"{TIE_BREAK_CRITERION}{criterion.key}", label))
    choices += [
        (TIE_BREAK_JUDGES_RANKING, labels.TIE_BREAK_JUDGES),
        (TIE_BREAK_MEDIAN, labels.TIE_BREAK_MEDIAN_LABEL),
    ]
    known = {value for value, _label in choices}
    choices += [(token, token) for token in tie_break_tokens(round_) if token not in known]
    return choices
