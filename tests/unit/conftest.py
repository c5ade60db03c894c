"""Unit tests of the pure judging core: no app, no database."""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "judging",
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("judging")
