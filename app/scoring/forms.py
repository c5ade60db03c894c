"""The scoresheet form, built from the round's rubric: a score and a comment per criterion, an overall
comment, and the version the judge is typing against. Scores are checked by ``judging``, not here."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from app.models import RubricCriterion, Scoresheet
from app.scoring.helpers import plain
from app.services.scoresheets import SheetInput


class RecusalForm(FlaskForm):
    """A judge steps back from an entry, saying why (a conflict the rules did not catch, for instance)."""

    reason = TextAreaField(
        _l("Reason for recusal"),
        validators=[DataRequired(_l("Give the reason for the recusal.")), Length(max=2000)],
        description=_l("For example: I advised this office on the work described in the entry."),
    )


class SheetForm(FlaskForm):
    version = HiddenField()
    overall_comment = TextAreaField(_l("Overall comment"))

    criteria: list[RubricCriterion]

    def score(self, criterion: RubricCriterion) -> Any:
        return self[f"score_{criterion.key}"]

    def comment(self, criterion: RubricCriterion) -> Any:
        return self[f"comment_{criterion.key}"]

    def typed(self) -> SheetInput:
        """What the judge typed, as the scoresheet service takes it."""
        return SheetInput(
            scores={c.key: (self.score(c).data or "").strip() for c in self.criteria},
            comments={c.key: self.comment(c).data or "" for c in self.criteria},
            overall_comment=self.overall_comment.data or "",
        )

    def seen_version(self) -> int | None:
        value = (self.version.data or "").strip()
        return int(value) if value.isdigit() else None


def sheet_form(
    criteria: list[RubricCriterion], sheet: Scoresheet, formdata: MultiDict[str, str] | None = None
) -> SheetForm:
    """The form for this rubric: filled from ``formdata`` when posted, else from the stored sheet."""
    fields: dict[str, Any] = {}
    for criterion in criteria:
        fields[f"score_{criterion.key}"] = StringField(_l("Score"))
        fields[f"comment_{criterion.key}"] = TextAreaField(_l("Comment"))
    form_class = type("RubricSheetForm", (SheetForm,), fields)
    if formdata is not None:
        form = form_class(formdata=formdata)
    else:
        form = form_class(formdata=None, data=_stored(criteria, sheet))
    form.criteria = criteria
    return form


def _stored(criteria: list[RubricCriterion], sheet: Scoresheet) -> dict[str, str]:
    scores = {s.criterion_key: s for s in sheet.scores}
    data = {"version": str(sheet.version), "overall_comment": sheet.overall_comment}
    for criterion in criteria:
        score = scores.get(criterion.key)
        data[f"score_{criterion.key}"] = plain(score.value) if score else ""
        data[f"comment_{criterion.key}"] = score.comment if score else ""
    return data
