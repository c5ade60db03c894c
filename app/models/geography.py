"""Where units are: inspection regions, provinces, districts, and the units (offices) themselves."""

from __future__ import annotations

import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, str_enum


class InspectionRegion(Base):
    """เขตตรวจราชการ: 0 is the central region (Bangkok), 1-18 the provincial clusters."""

    __tablename__ = "inspection_region"
    __table_args__ = (sa.CheckConstraint("number BETWEEN 0 AND 18", name="number_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True)
    name_th: Mapped[str] = mapped_column(sa.String(120))
    name_en: Mapped[str] = mapped_column(sa.String(120))
    cluster_name_th: Mapped[str] = mapped_column(sa.String(200))
    cluster_name_en: Mapped[str] = mapped_column(sa.String(200))

    provinces: Mapped[list[Province]] = relationship(back_populates="region")


class Province(Base):
    """A province with its official two-digit code (Bangkok is 10)."""

    __tablename__ = "province"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(2), unique=True)
    name_th: Mapped[str] = mapped_column(sa.String(120))
    name_en: Mapped[str] = mapped_column(sa.String(120))
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("inspection_region.id"), index=True)

    region: Mapped[InspectionRegion] = relationship(back_populates="provinces")
    districts: Mapped[list[District]] = relationship(back_populates="province")

    @property
    def is_bangkok(self) -> bool:
        return self.code == "10"


class District(Base):
    """An อำเภอ (or a Bangkok เขต) with its official four-digit code."""

    __tablename__ = "district"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(4), unique=True)
    province_id: Mapped[int] = mapped_column(sa.ForeignKey("province.id"), index=True)
    name_th: Mapped[str] = mapped_column(sa.String(120))
    name_en: Mapped[str] = mapped_column(sa.String(120))

    province: Mapped[Province] = relationship(back_populates="districts")


class UnitType(enum.StrEnum):
    DEPARTMENT = "department"
    PROVINCIAL_OFFICE = "provincial_office"
    DISTRICT_OFFICE = "district_office"
    OTHER = "other"


class Unit(Base):
    """An office that enters contests or employs their people.

    A district office sits in a district (and so a province and a region); a provincial office in a province;
    the department in none. ``parent`` is the office above it (district -> provincial -> department).
    """

    __tablename__ = "unit"
    __table_args__ = (
        sa.CheckConstraint(
            "unit_type <> 'district_office' OR district_id IS NOT NULL",
            name="district_office_has_district",
        ),
        sa.CheckConstraint(
            "unit_type NOT IN ('district_office', 'provincial_office') OR province_id IS NOT NULL",
            name="office_has_province",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(32), unique=True)
    unit_type: Mapped[UnitType] = mapped_column(str_enum(UnitType))
    name_th: Mapped[str] = mapped_column(sa.String(255))
    name_en: Mapped[str] = mapped_column(sa.String(255))
    short_name_th: Mapped[str] = mapped_column(sa.String(120))
    province_id: Mapped[int | None] = mapped_column(sa.ForeignKey("province.id"), index=True)
    district_id: Mapped[int | None] = mapped_column(sa.ForeignKey("district.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("unit.id"), index=True)

    province: Mapped[Province | None] = relationship()
    district: Mapped[District | None] = relationship()
    parent: Mapped[Unit | None] = relationship(remote_side=[id])

    @property
    def region_id(self) -> int | None:
        return self.province.region_id if self.province is not None else None
