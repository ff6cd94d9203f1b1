"""The house's layers, checked on the source: who may import whom, no cycles, no private names across modules.

1. services (``_input``, ``_parallel``, ``_dask``, ``_progress``): know no analysis;
2. ``text``: plain-string primitives, importing nothing else of the package;
3. ``corpus`` (and the ``articles`` alias);
4. the analyses: ``terms``, ``sentences``, ``topics``;
5. ``plots``: draws, computes nothing;
6. ``report``, ``datasets`` and the ``news-analysis`` command (``cli``): what notebooks and users call.
A module imports its own layer or those below; no import cycle; no module
takes another module's private ``_name`` (what two modules share is public in
the lower one).
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "analysis"

LAYERS = {
    "analysis._input": 0, "analysis._parallel": 0, "analysis._dask": 0, "analysis._progress": 0,
    "analysis": 0, "analysis.text": 1, "analysis.corpus": 2, "analysis.articles": 2,
    "analysis.terms": 3, "analysis.sentences": 3, "analysis.topics": 3, "analysis.plots": 4,
    "analysis.report": 5, "analysis.datasets": 5, "analysis.cli": 5, "analysis.__main__": 5,
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _layer(module: str) -> int:
    while module not in LAYERS:
        module = module.rsplit(".", 1)[0]
    return LAYERS[module]


def _imports(module: str) -> list[tuple[str, str | None, int]]:
    """``(imported module, imported name or None, line)`` for every import of the package, at any depth."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            out += [(a.name, None, node.lineno) for a in node.names if a.name in MODULES]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            for alias in node.names:
                if f"{base}.{alias.name}" in MODULES:
                    out.append((f"{base}.{alias.name}", None, node.lineno))
                elif base in MODULES:
                    out.append((base, alias.name, node.lineno))
    return out


def test_every_module_has_a_layer():
    assert all(_layer(m) >= 0 for m in MODULES)
    assert "analysis.text" in MODULES and "analysis._input" in MODULES


def test_imports_go_down_the_layers():
    upward = [f"{m}:{line} imports {target}" for m in MODULES for target, _, line in _imports(m)
              if _layer(target) > _layer(m)]
    assert upward == []


def test_the_text_layer_imports_nothing_else_of_the_package():
    outside = [f"{m}:{line} imports {target}" for m in MODULES if m.startswith("analysis.text")
               for target, _, line in _imports(m) if not target.startswith("analysis.text")]
    assert outside == []


def test_services_know_no_analysis():
    services = [m for m in MODULES if _layer(m) == 0 and m != "analysis"]
    analyses = [f"{m}:{line} imports {target}" for m in services for target, _, line in _imports(m)
                if _layer(target) > 0]
    assert analyses == []


def test_no_import_cycles():
    edges = defaultdict(set)
    for m in MODULES:
        for target, _, _ in _imports(m):
            # A package's __init__ re-exports its modules; a module importing its own package's name is the cycle.
            if target != m:
                edges[m].add(target)
    cycles, state = [], {}

    def visit(node, stack):
        state[node] = "open"
        stack.append(node)
        for nxt in edges[node]:
            if state.get(nxt) == "open":
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = "done"

    for m in sorted(MODULES):
        if m not in state:
            visit(m, [])
    assert cycles == []


def _private_uses(module: str) -> list[str]:
    found = []
    aliases = {}
    for target, name, line in _imports(module):
        if name is not None and name.startswith("_") and not name.startswith("__") and target != module:
            found.append(f"{module}:{line} takes {target}.{name}")
    tree = ast.parse(MODULES[module].read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                if full in MODULES:
                    aliases[alias.asname or alias.name] = full
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in MODULES:
                    aliases[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else "analysis"
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases
                and node.attr.startswith("_") and not node.attr.startswith("__")
                and aliases[node.value.id] != module):
            found.append(f"{module}:{node.lineno} uses {aliases[node.value.id]}.{node.attr}")
    return found


def test_no_module_uses_another_modules_private_names():
    assert [use for m in MODULES for use in _private_uses(m)] == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_are_readable_in_one_sitting(module):
    # The corpus parser carries its rule table and date shapes; everything else stays well under it.
    limit = 800 if module == "analysis.corpus.articles" else 650
    assert len(MODULES[module].read_text().splitlines()) <= limit


def test_the_checker_sees_a_private_use(tmp_path, monkeypatch):
    # A checker that cannot fail proves nothing: feed it a module that breaks the rule.
    bad = tmp_path / "bad.py"
    bad.write_text("from analysis.terms.counting import _ngrams\nfrom analysis import _parallel\n_parallel._EXECUTOR\n")
    monkeypatch.setitem(MODULES, "analysis.terms.bad", bad)
    assert len(_private_uses("analysis.terms.bad")) == 2
