"""The import graph runs one way: formatters depend on the model, never the reverse."""

from __future__ import annotations

import ast
from pathlib import Path

CHECKER = Path(__file__).resolve().parent.parent / "checker"


def _runtime_imports(path: Path) -> set[str]:
    """Modules `path` imports when it runs (anywhere, functions included), not under
    `if TYPE_CHECKING:`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            skipped.update(id(n) for child in node.body for n in ast.walk(child))
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
    return out


def test_model_imports_no_formatter() -> None:
    imports = _runtime_imports(CHECKER / "model.py")
    assert not {m for m in imports if m.startswith("checker.report")}, imports


def test_serialisation_imports_nothing_of_the_package_at_run_time() -> None:
    imports = _runtime_imports(CHECKER / "serialize.py")
    assert not {m for m in imports if m.startswith("checker")}, imports


def test_formatters_serialise_through_one_module() -> None:
    for name in ("jsonfmt.py", "csvfmt.py"):
        assert "checker.serialize" in _runtime_imports(CHECKER / "report" / name)


def test_no_module_runs_much_over_400_lines() -> None:
    # Small modules (issue 10, item 8): a module that grows past this is split by stage.
    long = {
        str(p.relative_to(CHECKER)): n
        for p in CHECKER.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 420
    }
    assert not long, long
