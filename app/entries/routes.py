"""Units and officers write, submit and withdraw entries, with attachments."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("entries", __name__, url_prefix="/entries")
