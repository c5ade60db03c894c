"""Organizers set up contests: categories, rounds and their rules, rubrics, opening, copying."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("contests", __name__, url_prefix="/contests")
