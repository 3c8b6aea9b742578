"""The code's shape, checked like its behaviour (issue 16): modules stay small, functions simple,
callers use public names only, and the gazetteer is always typed as its protocol.

Each check reads the package's own source, so a regression fails here with the file and line.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "geomap"

MAX_MODULE_LINES = 600
"""Past this a module holds more than one responsibility (the issue's limit)."""

DATA_TABLES = frozenset({"lang/en.py", "lang/fr.py", "lang/ru.py", "gazetteer/curated.py"})
"""Modules that are word lists and place tables, not code: their length is their data."""

MAX_COMPLEX_FUNCTIONS = 3
"""Functions allowed over McCabe complexity 15 (the issue's limit)."""

PRIVATE_OK = frozenset({"_exit", "_repr_html_", "_getframe"})
"""Underscore names that are public protocols: ``os._exit`` in a forked worker, Jupyter's
``_repr_html_`` display hook."""


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "static" not in p.parts)


def _rel(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def test_no_module_over_the_size_limit() -> None:
    long = {_rel(p): n for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
            and _rel(p) not in DATA_TABLES}
    assert not long, f"modules over {MAX_MODULE_LINES} lines: {long}"


def _private_uses(path: Path) -> list[str]:
    """``x._name`` with x not self/cls, and ``from module import _name``: a reach into
    another module's internals."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Attribute) and node.attr.startswith("_")
                and not node.attr.startswith("__") and node.attr not in PRIVATE_OK
                and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))):
            found.append(f"{_rel(path)}:{node.lineno}: {ast.unparse(node)}")
        if isinstance(node, ast.ImportFrom):
            found += [f"{_rel(path)}:{node.lineno}: from {node.module} import {a.name}"
                      for a in node.names
                      if a.name.startswith("_") and not a.name.startswith("__")]
        modules = ([node.module] if isinstance(node, ast.ImportFrom) and node.module
                   else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
        found += [f"{_rel(path)}:{node.lineno}: import of {m}, private to its package"
                  for m in modules if _private_module_of_another_package(m, path)]
    return found


def _private_module_of_another_package(module: str, path: Path) -> bool:
    """``geomap.recognize._words`` imported from outside ``geomap/recognize/``."""
    parts = module.split(".")
    if parts[0] != "geomap":
        return False
    for i, part in enumerate(parts[1:], start=1):
        if part.startswith("_") and not part.startswith("__"):
            package = PACKAGE.joinpath(*parts[1:i])
            return package not in path.parents
    return False


def test_no_private_access_across_modules() -> None:
    found = [use for p in _modules() for use in _private_uses(p)]
    assert not found, "private names used from outside:\n" + "\n".join(found)


def test_private_scan_catches_a_reach_in(tmp_path: Path) -> None:
    """The scan itself can fail: a file reaching into another object's internals is reported."""
    bad = PACKAGE / "_probe_not_a_module.py"
    try:
        bad.write_text("from geomap.x import _hidden\nfrom geomap.recognize._automaton import A\n"
                       "\ndef f(store):\n    return store._con\n")
        uses = _private_uses(bad)
    finally:
        bad.unlink()
    assert len(uses) == 3, uses


def _gazetteer_typed_any(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.arg) and "gazetteer" in node.arg and node.annotation is not None
                and ast.unparse(node.annotation) in ("Any", "object", "typing.Any")):
            found.append(f"{_rel(path)}:{node.lineno}: {node.arg}: {ast.unparse(node.annotation)}")
    return found


def test_gazetteer_is_typed_as_its_protocol() -> None:
    found = [use for p in _modules() for use in _gazetteer_typed_any(p)]
    assert not found, "gazetteer parameters not typed as the Gazetteer protocol:\n" + "\n".join(found)


def test_complexity_limit() -> None:
    ruff = pytest.importorskip("ruff", reason="ruff (test extra) measures complexity")
    del ruff
    out = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--select", "C901", "--config",
         "lint.mccabe.max-complexity=15", "--output-format", "json", "--no-cache", str(PACKAGE)],
        capture_output=True, text=True, timeout=120, check=False)
    findings = json.loads(out.stdout or "[]")
    names = [f"{Path(f['filename']).name}: {f['message']}" for f in findings]
    assert len(findings) <= MAX_COMPLEX_FUNCTIONS, "\n".join(names)
