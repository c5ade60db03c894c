"""Pages anyone can read: home, the directory of regions, provinces and offices, the language switch."""

from __future__ import annotations

from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import Blueprint, abort, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response

from app.extensions import db
from app.forms import LanguageForm
from app.models import InspectionRegion, Province, Unit, UnitType
from app.models.collation import thai_order

bp = Blueprint("public", __name__)


def safe_next(target: str | None, fallback: str) -> str:
    """Only same-site paths are followed after a form (no open redirects)."""
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    return target


@bp.get("/")
def home() -> str:
    counts = db.session.execute(
        sa.select(
            sa.select(sa.func.count()).select_from(InspectionRegion).scalar_subquery(),
            sa.select(sa.func.count()).select_from(Province).scalar_subquery(),
            sa.select(sa.func.count()).select_from(Unit).scalar_subquery(),
        )
    ).one()
    return render_template("public/home.html", regions=counts[0], provinces=counts[1], units=counts[2])


@bp.get("/directory")
def directory() -> str:
    regions = db.session.scalars(
        sa.select(InspectionRegion)
        .order_by(InspectionRegion.number)
        .options(selectinload(InspectionRegion.provinces))
    ).all()
    office_counts = dict(
        db.session.execute(
            sa.select(Unit.province_id, sa.func.count())
            .where(Unit.province_id.is_not(None))
            .group_by(Unit.province_id)
        ).all()
    )
    province_total = sum(len(region.provinces) for region in regions)
    return render_template(
        "public/directory.html",
        regions=regions,
        office_counts=office_counts,
        province_total=province_total,
    )


@bp.get("/directory/<code>")
def province(code: str) -> str:
    found = db.session.scalar(
        sa.select(Province).where(Province.code == code).options(selectinload(Province.region))
    )
    if found is None:
        abort(404)
    units = db.session.scalars(
        sa.select(Unit)
        .where(Unit.province_id == found.id)
        .order_by(thai_order(Unit.name_th) if get_locale().language == "th" else Unit.name_en)
        .options(selectinload(Unit.district))
    ).all()
    provincial = [u for u in units if u.unit_type == UnitType.PROVINCIAL_OFFICE]
    others = [u for u in units if u.unit_type != UnitType.PROVINCIAL_OFFICE]
    return render_template("public/province.html", province=found, provincial=provincial, units=others)


@bp.post("/language")
def set_language() -> Response:
    form = LanguageForm()
    if not form.validate_on_submit():
        abort(400)
    session["lang"] = form.lang.data
    if current_user.is_authenticated:
        current_user.locale = form.lang.data
        db.session.commit()
    return redirect(
        safe_next(
            form.next.data or (request.referrer and urlsplit(request.referrer).path),
            url_for("public.home"),
        )
    )
