"""All models, imported here so that metadata (and Alembic) sees every table."""

from app.models.base import Base
from app.models.geography import District, InspectionRegion, Province, Unit, UnitType
from app.models.users import LoginThrottle, Role, RoleAssignment, User

__all__ = [
    "Base",
    "District",
    "InspectionRegion",
    "LoginThrottle",
    "Province",
    "Role",
    "RoleAssignment",
    "Unit",
    "UnitType",
    "User",
]
