"""The resolver's config: every tuned number is named and documented."""

from __future__ import annotations

import ast
import inspect

from geomap.resolve import config


def _module_assignments() -> list[tuple[str, ast.stmt | None]]:
    tree = ast.parse(inspect.getsource(config))
    out = []
    for i, node in enumerate(tree.body):
        if isinstance(node, ast.Assign):
            nxt = tree.body[i + 1] if i + 1 < len(tree.body) else None
            out.extend((t.id, nxt) for t in node.targets if isinstance(t, ast.Name))
    return out


def test_every_number_has_a_reason():
    names = _module_assignments()
    assert len(names) >= 40
    undocumented = [name for name, nxt in names if not (
        isinstance(nxt, ast.Expr) and isinstance(nxt.value, ast.Constant)
        and isinstance(nxt.value.value, str) and nxt.value.value.strip())]
    assert undocumented == []


def test_names_are_public_constants():
    for name, _doc in _module_assignments():
        assert name.isupper() and not name.startswith("_"), name
        assert isinstance(getattr(config, name), int | float | tuple | dict)
