"""Forms of this blueprint."""

from __future__ import annotations
