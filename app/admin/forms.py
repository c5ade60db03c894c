from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import Email, InputRequired, Length, Optional, Regexp

from app.passwords import MIN_PASSWORD_LENGTH

USERNAME_RULE = Regexp(r"^[A-Za-z0-9._-]+$", message=_l("Use only letters, digits, dot, underscore, dash."))


class UserForm(FlaskForm):
    """An account and its roles. Coordinator and officer roles act for the person's own unit."""

    username = StringField(_l("User name"), validators=[InputRequired(), Length(max=64), USERNAME_RULE])
    full_name = StringField(_l("Full name"), validators=[InputRequired(), Length(max=200)])
    position = StringField(_l("Position"), validators=[Optional(), Length(max=200)])
    email = EmailField(_l("E-mail"), validators=[Optional(), Email(), Length(max=254)])
    unit_id = SelectField(_l("Unit"), coerce=int, validate_choice=True)
    password = PasswordField(
        _l("Password"),
        validators=[Optional(), Length(min=MIN_PASSWORD_LENGTH, max=256)],
        description=_l(
            "At least %(n)d characters. Leave empty to keep the current password.",
            n=MIN_PASSWORD_LENGTH,
        ),
        render_kw={"autocomplete": "new-password"},
    )
    is_admin = BooleanField(_l("Administrator"))
    is_judge = BooleanField(_l("Judge"))
    organizer_scope = SelectField(_l("Organizer for"), validate_choice=True)
    is_coordinator = BooleanField(_l("Coordinator of the unit"))
    is_officer = BooleanField(_l("Officer (entrant) of the unit"))


class ImportUsersForm(FlaskForm):
    file = FileField(
        _l("CSV file"),
        validators=[FileRequired(), FileAllowed(["csv"], _l("Choose a .csv file."))],
    )
