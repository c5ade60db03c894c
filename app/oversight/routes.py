"""Organizers follow entries: pools and their entries, the national overview, exports."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("oversight", __name__, url_prefix="/organize")
