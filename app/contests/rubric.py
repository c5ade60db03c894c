"""The rubric editor's form: one row per criterion, add a row, tick rows to remove, parse into specs."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from types import SimpleNamespace
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, FieldList, Form, FormField, StringField, SubmitField, TextAreaField
from wtforms.validators import Length, Optional

from app.contests.forms import THAI_DIGITS
from app.models import Round
from app.services.contests import CriterionSpec, decimal_text

KEY_RULE = re.compile(r"^[a-z0-9_]{1,40}$")
MAX_ROWS = 30


class CriterionRow(Form):
    """One criterion. Numbers are text so that what was typed comes back as typed."""

    key = StringField(_l("Key"), validators=[Optional(), Length(max=40)], render_kw={"autocapitalize": "off"})
    label_th = StringField(_l("Label in Thai"), validators=[Optional(), Length(max=300)])
    label_en = StringField(_l("Label in English"), validators=[Optional(), Length(max=300)])
    max_score = StringField(_l("Maximum score"), render_kw={"inputmode": "decimal"})
    weight = StringField(_l("Weight"), default="1", render_kw={"inputmode": "decimal"})
    step = StringField(_l("Step"), default="1", render_kw={"inputmode": "decimal"})
    description = TextAreaField(_l("Guidance for judges"), validators=[Optional(), Length(max=5000)])
    remove = BooleanField(_l("Remove"))

    def is_blank(self) -> bool:
        typed = (self.key, self.label_th, self.label_en, self.max_score, self.description)
        return not any((field.data or "").strip() for field in typed)


class RubricForm(FlaskForm):
    criteria = FieldList(FormField(CriterionRow), min_entries=1, max_entries=MAX_ROWS)
    reason = TextAreaField(_l("Reason for the change"), validators=[Optional(), Length(max=2000)])
    add_row = SubmitField(_l("Add a row"))
    save = SubmitField(_l("Save the rubric"))


def rubric_form(round_: Round, formdata: Any = None) -> RubricForm:
    """The editor filled from the round's criteria (on GET), or from what was posted."""
    if formdata is not None:
        return RubricForm(formdata=formdata)
    rows = [
        SimpleNamespace(
            key=c.key,
            label_th=c.label_th,
            label_en=c.label_en,
            max_score=decimal_text(c.max_score),
            weight=decimal_text(c.weight),
            step=decimal_text(c.step) if c.step is not None else "",
            description=c.description,
            remove=False,
        )
        for c in round_.criteria
    ]
    return RubricForm(formdata=None, criteria=rows or None)


def add_empty_row(form: RubricForm) -> None:
    if len(form.criteria.entries) < MAX_ROWS:
        form.criteria.append_entry()


def parse_decimal(text: str | None, places: int, limit: Decimal) -> Decimal:
    """A positive decimal with at most ``places`` decimals, below ``limit`` (Thai digits accepted)."""
    cleaned = (text or "").translate(THAI_DIGITS).strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError(_("Type a number, e.g. 20 or 2.5.")) from error
    if not value.is_finite() or value <= 0:
        raise ValueError(_("Must be more than 0."))
    if value >= limit:
        raise ValueError(_("Must be less than %(limit)s.", limit=decimal_text(limit)))
    if value != value.quantize(Decimal(1).scaleb(-places)):
        raise ValueError(_("Use at most %(n)d decimal places.", n=places))
    return value


def _number(
    field: Any, places: int, limit: Decimal, default: Decimal | None, required: bool = False
) -> Decimal | None:
    if not (field.data or "").strip():
        if required:
            field.errors = [*field.errors, _("Give the maximum score.")]
        return default
    try:
        return parse_decimal(field.data, places, limit)
    except ValueError as error:
        field.errors = [*field.errors, str(error)]
        return None


def _row_spec(row: CriterionRow, seen: set[str]) -> CriterionSpec | None:
    key = (row.key.data or "").strip()
    if not KEY_RULE.match(key):
        row.key.errors = [*row.key.errors, _("Use 1-40 lower-case letters a-z, digits and _.")]
    elif key in seen:
        row.key.errors = [*row.key.errors, _("Another criterion already has this key.")]
    seen.add(key)
    if not (row.label_th.data or "").strip():
        row.label_th.errors = [*row.label_th.errors, _("Give the label in Thai.")]
    max_score = _number(row.max_score, 2, Decimal(1_000_000), None, required=True)
    weight = _number(row.weight, 3, Decimal(100_000), Decimal(1))
    step = _number(row.step, 2, Decimal(1_000_000), None)
    if max_score is not None and step is not None and max_score % step:
        row.step.errors = [*row.step.errors, _("The maximum score must be a whole number of steps.")]
    if any(field.errors for field in row):
        return None
    assert max_score is not None and weight is not None
    return CriterionSpec(
        key=key,
        label_th=(row.label_th.data or "").strip(),
        label_en=(row.label_en.data or "").strip(),
        max_score=max_score,
        weight=weight,
        step=step,
        description=(row.description.data or "").strip(),
    )


def criteria_specs(form: RubricForm) -> tuple[list[CriterionSpec], bool]:
    """The criteria of the rows kept (not ticked for removal, not blank), and whether every row is valid;
    problems are written beside the fields."""
    seen: set[str] = set()
    specs: list[CriterionSpec] = []
    valid = True
    for entry in form.criteria.entries:
        row = entry.form
        if row.remove.data or row.is_blank():
            continue
        spec = _row_spec(row, seen)
        valid = valid and spec is not None
        if spec is not None:
            specs.append(spec)
    return specs, valid


def typed_total(form: RubricForm) -> Decimal:
    """The sum of the maxima typed in the rows kept (unreadable ones count as 0)."""
    total = Decimal(0)
    for entry in form.criteria.entries:
        row = entry.form
        if row.remove.data:
            continue
        try:
            total += parse_decimal(row.max_score.data, 2, Decimal(1_000_000))
        except ValueError:
            continue
    return total
