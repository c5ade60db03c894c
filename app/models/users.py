"""People who sign in, the roles they hold, and the lock-out counter for sign-in attempts."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, Timestamped, UTCDateTime, str_enum
from app.models.geography import InspectionRegion, Province, Unit


class Role(enum.StrEnum):
    ADMIN = "admin"
    ORGANIZER = "organizer"
    JUDGE = "judge"
    COORDINATOR = "coordinator"
    OFFICER = "officer"


def new_session_token() -> str:
    return secrets.token_urlsafe(16)


class User(Timestamped, Base):
    """An account. ``unit`` is where the person works (used for conflicts of interest and officers)."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(64), unique=True)
    full_name: Mapped[str] = mapped_column(sa.String(200))
    position: Mapped[str] = mapped_column(sa.String(200), default="")
    email: Mapped[str | None] = mapped_column(sa.String(254), unique=True)
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    active: Mapped[bool] = mapped_column(default=True)
    locale: Mapped[str | None] = mapped_column(sa.String(8))
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("unit.id"), index=True)
    # Changing it signs the account out everywhere (password change, deactivation).
    session_token: Mapped[str] = mapped_column(sa.String(64), default=new_session_token)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    unit: Mapped[Unit | None] = relationship()
    roles: Mapped[list[RoleAssignment]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="RoleAssignment.id"
    )

    # Flask-Login protocol ----------------------------------------------------------------------
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    def has_role(self, role: Role) -> bool:
        return any(assignment.role == role for assignment in self.roles)


class RoleAssignment(Base):
    """One role of a user, with its scope.

    Organizers are scoped to the nation (no region, no province), one inspection region, or one province.
    Coordinators and officers are scoped to one unit. Administrators and judges have no scope.
    """

    __tablename__ = "role_assignment"
    __table_args__ = (
        sa.CheckConstraint("region_id IS NULL OR province_id IS NULL", name="one_geographic_scope"),
        sa.CheckConstraint(
            "(role IN ('coordinator', 'officer')) = (unit_id IS NOT NULL)",
            name="unit_scope_for_unit_roles",
        ),
        sa.CheckConstraint(
            "role = 'organizer' OR (region_id IS NULL AND province_id IS NULL)",
            name="geographic_scope_for_organizers",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(str_enum(Role))
    region_id: Mapped[int | None] = mapped_column(sa.ForeignKey("inspection_region.id"))
    province_id: Mapped[int | None] = mapped_column(sa.ForeignKey("province.id"))
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("unit.id"))

    user: Mapped[User] = relationship(back_populates="roles")
    region: Mapped[InspectionRegion | None] = relationship()
    province: Mapped[Province | None] = relationship()
    unit: Mapped[Unit | None] = relationship()

    @property
    def is_national(self) -> bool:
        return self.role == Role.ORGANIZER and self.region_id is None and self.province_id is None


class LoginThrottle(Base):
    """Failed sign-ins per user name (known or not, so the lock-out reveals nothing about accounts)."""

    __tablename__ = "login_throttle"

    username: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
