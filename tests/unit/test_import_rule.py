"""The judging core imports nothing from the web app, Flask or SQLAlchemy."""

import ast
from pathlib import Path

import pytest

JUDGING = Path(__file__).resolve().parents[2] / "judging"
FORBIDDEN = {"flask", "sqlalchemy", "app"}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_the_judging_package_has_modules_to_check():
    assert len(list(JUDGING.glob("*.py"))) >= 10


@pytest.mark.parametrize("path", sorted(JUDGING.glob("*.py")), ids=lambda p: p.name)
def test_no_judging_module_imports_flask_sqlalchemy_or_app(path):
    assert imported_roots(path).isdisjoint(FORBIDDEN)


def test_the_import_rule_would_catch_a_forbidden_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import flask\nfrom sqlalchemy.orm import Session\nfrom app import db\n")
    assert imported_roots(bad) >= FORBIDDEN
