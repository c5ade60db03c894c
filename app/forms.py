"""Forms shared by several blueprints."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import AnyOf


class EmptyForm(FlaskForm):
    """For bare POST buttons: carries only the CSRF token."""


class LanguageForm(FlaskForm):
    lang = HiddenField(validators=[AnyOf(("th", "en"))])
    next = HiddenField()
