"""Forms of the results page: the committee's order for a tie, and an organizer's correction.

A tie form is built from the tie itself: one position select per tied entry (names ``position_<entry
id>``, unique on the page since an entry is in one tie at most) and a required reason.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from app.results.board import OpenTie

REASON_MAX = 2000


class TieForm(FlaskForm):
    tie = HiddenField()
    reason = TextAreaField(
        _l("Why this order"),
        validators=[
            DataRequired(message=_l("Give the committee's reason for this order.")),
            Length(max=REASON_MAX),
        ],
        description=_l("Kept with the result; up to 2,000 characters."),
        render_kw={"rows": 3, "maxlength": REASON_MAX},
    )

    entry_ids: list[int]

    def position_fields(self) -> list[Any]:
        return [self[f"position_{entry_id}"] for entry_id in self.entry_ids]

    def order(self) -> list[int]:
        """The entry ids best first, once validated."""
        chosen = {entry_id: int(self[f"position_{entry_id}"].data) for entry_id in self.entry_ids}
        return sorted(self.entry_ids, key=lambda entry_id: chosen[entry_id])

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        positions = [field.data for field in self.position_fields()]
        if len(set(positions)) != len(positions):
            self.form_errors.append(_("Give each entry a different position."))
            return False
        return valid


def tie_form(tie: OpenTie, formdata: Any = None) -> TieForm:
    """The form for one tie; the fields' ids carry the tie's rank so several forms share a page."""

    class Form(TieForm):
        pass

    count = len(tie.entries)
    choices = [SelectChoice(str(n), str(n)) for n in range(1, count + 1)]
    for position, (entry_id, title) in enumerate(tie.entries, start=1):
        setattr(
            Form,
            f"position_{entry_id}",
            SelectField(
                _l("Position of %(title)s", title=title),
                choices=choices,
                default=str(position),
                validate_choice=True,
            ),
        )
    form = Form(formdata=formdata, tie=tie.key)
    form.entry_ids = [entry_id for entry_id, _title in tie.entries]
    form.reason.id = form.reason.label.field_id = f"tie-{tie.rank}-reason"
    if formdata is None:
        form.tie.data = tie.key
    return form


class CorrectionForm(FlaskForm):
    correction_reason = TextAreaField(
        _l("What is corrected, and why"),
        validators=[
            DataRequired(message=_l("Give the reason for the correction.")),
            Length(max=REASON_MAX),
        ],
        description=_l("Shown with the new version; the earlier version stays readable to organizers."),
        render_kw={"rows": 3, "maxlength": REASON_MAX},
    )
