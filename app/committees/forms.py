"""Forms of the committee page. Field names differ between forms, so they can share one page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    EmailField,
    IntegerField,
    PasswordField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, Length, NumberRange, Optional

from app.models import CommitteeRole
from app.passwords import MIN_PASSWORD_LENGTH
from judging import ConflictReason

ROLE_LABELS = {
    CommitteeRole.CHAIR: _l("Chair"),
    CommitteeRole.MEMBER: _l("Member"),
    CommitteeRole.SECRETARY: _l("Secretary"),
}

REASON_LABELS = {
    ConflictReason.SAME_UNIT: _l("same unit"),
    ConflictReason.SAME_PROVINCE: _l("same province"),
    ConflictReason.SAME_REGION: _l("same inspection region"),
    ConflictReason.DECLARED: _l("declared conflict of interest"),
}


class AddMemberForm(FlaskForm):
    username = StringField(
        _l("User name of the judge"),
        validators=[DataRequired(), Length(max=64)],
        description=_l("An active account with the judge role."),
        render_kw={"list": "judge-usernames", "autocomplete": "off"},
    )
    role = SelectField(
        _l("Role on the committee"),
        choices=[SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()],
        default=CommitteeRole.MEMBER.value,
    )
    add = SubmitField(_l("Add to the committee"))


class JudgesPerEntryForm(FlaskForm):
    judges_per_entry = IntegerField(
        _l("Judges per entry"),
        validators=[Optional(), NumberRange(min=1, max=50)],
        description=_l("Leave blank for every scoring member to score every entry."),
        render_kw={"inputmode": "numeric"},
    )
    save = SubmitField(_l("Save"))


class RecuseForm(FlaskForm):
    recuse_assignment = SelectField(_l("Assignment"), coerce=int, validators=[DataRequired()])
    reason = TextAreaField(_l("Reason for recusal"), validators=[DataRequired(), Length(max=2000)])
    recuse = SubmitField(_l("Record the recusal"))


class ReplaceForm(FlaskForm):
    replace_assignment = SelectField(_l("Recused assignment"), coerce=int, validators=[DataRequired()])
    new_judge = SelectField(_l("New judge"), coerce=int, validators=[DataRequired()])
    replace = SubmitField(_l("Assign the new judge"))


class InviteForm(FlaskForm):
    full_name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    position = StringField(_l("Position"), validators=[Optional(), Length(max=200)])
    unit_code = StringField(
        _l("Unit code"),
        validators=[Optional(), Length(max=32)],
        description=_l("Where the judge works, e.g. CDD-33; used to avoid conflicts of interest."),
        render_kw={"list": "unit-codes", "autocomplete": "off"},
    )
    invite_role = SelectField(
        _l("Role on the committee"),
        choices=[SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()],
        default=CommitteeRole.MEMBER.value,
    )
    invite = SubmitField(_l("Invite"))


class ImportCommitteeForm(FlaskForm):
    committee_file = FileField(
        _l("CSV file"),
        validators=[FileRequired(), FileAllowed(["csv"], _l("Choose a .csv file."))],
        description=_l("Columns: username,role (chair, member or secretary)."),
    )
    import_members = SubmitField(_l("Import the committee"))


class ReopenForm(FlaskForm):
    reason = TextAreaField(_l("Reason for reopening"), validators=[DataRequired(), Length(max=2000)])
    reopen = SubmitField(_l("Reopen the sheet"))


class SetPasswordForm(FlaskForm):
    password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)],
        description=_l("At least %(n)d characters.", n=MIN_PASSWORD_LENGTH),
    )
    confirm = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("password", _l("The two passwords differ."))],
    )
    save = SubmitField(_l("Set the password and sign in"))
