"""Forms of the awards pages: the certificate signer of a round, and a batch of certificates."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, Regexp

NAME_MAX, TITLE_MAX = 200, 300  # the columns' lengths


def _stripped(value: Any) -> Any:
    """Without surrounding blanks, and with one kind of line end (browsers send CRLF)."""
    return value.replace("\r\n", "\n").strip() if isinstance(value, str) else value


class SignerForm(FlaskForm):
    signer_name = StringField(
        _l("Signer's name"),
        filters=[_stripped],
        validators=[
            DataRequired(_l("Type the name of the person who signs the certificates.")),
            Length(max=NAME_MAX, message=_l("At most %(max)d characters.")),
        ],
        description=_l("As printed under the signature, e.g. นายสมชาย ใจดี"),
    )
    signer_title = TextAreaField(
        _l("Signer's position"),
        filters=[_stripped],
        validators=[
            DataRequired(_l("Type the signer's position.")),
            Length(max=TITLE_MAX, message=_l("At most %(max)d characters.")),
        ],
        description=_l("One or two lines, e.g. อธิบดีกรมการพัฒนาชุมชน"),
        render_kw={"rows": 2},
    )


class BatchForm(FlaskForm):
    """Start a batch: every certificate of the round's pools one organizes, or of one pool."""

    format = RadioField(
        _l("File"),
        choices=[
            SelectChoice("pdf", _l("One PDF with every certificate (to print)")),
            SelectChoice("zip", _l("A ZIP file with one PDF per certificate (to send)")),
        ],
        default="pdf",
        validators=[DataRequired(_l("Choose a file type."))],
    )
    pool_id = HiddenField(validators=[Optional(), Regexp(r"^\d{1,10}$")])
