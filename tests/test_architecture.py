"""The package's shape: the pipeline's layers import one way, and clients use the public API.

Every import in ``src/standpunkt`` is read with :mod:`ast` (also those inside functions and
under ``TYPE_CHECKING``) and resolved to the module it names. See
docs/decisions/0010-layout.md and docs/architecture.md for the layers.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from conftest import ROOT

SRC = ROOT / "src"
PACKAGE = SRC / "standpunkt"

#: The pipeline, bottom first. A module may import from its own layer and the layers below.
LAYERS = ["_records", "_errors", "_store", "_query", "_outputs", "_repository", "__init__"]
#: Imported by anyone: the version string has no imports.
SHARED = {"_version"}
#: Clients of the library: they may import only the public package ``standpunkt``.
CLIENTS = {"_cli", "_mkdocs", "__main__"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> Iterator[tuple[int, str, list[str]]]:
    """Every import in a module: (line, the module imported from, the names imported)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, []
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            yield node.lineno, target, [alias.name for alias in node.names]


def top(module: str) -> str:
    """The part of the package a module belongs to: ``_store``, ``_errors``, ``__init__`` …"""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def internal_targets(target: str, names: list[str]) -> list[str]:
    """The standpunkt modules an import reaches (``from . import _yaml`` reaches ``_yaml``)."""
    if target != "standpunkt" and not target.startswith("standpunkt."):
        return []
    reached = [target]
    for name in names:
        if (PACKAGE / Path(*target.split(".")[1:]) / f"{name}.py").exists():
            reached.append(f"{target}.{name}")
        if (PACKAGE / Path(*target.split(".")[1:]) / name / "__init__.py").exists():
            reached.append(f"{target}.{name}")
    return reached


def verdict(part: str, reached: str) -> str | None:
    """Why the part ``part`` may not import the module ``reached``, or ``None``."""
    there = top(reached)
    if there in SHARED or there == part:
        return None
    if part in CLIENTS:
        if reached == "standpunkt" or there in CLIENTS:
            return None
        return "a client uses only the public package"
    if there in CLIENTS:
        return "the library never imports its clients"
    if part in SHARED or LAYERS.index(there) > LAYERS.index(part):
        return f"{there} is above {part}"
    return None


def violations() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        part = top(module_name(path))
        for line, target, names in imports(path):
            for reached in internal_targets(target, names):
                why = verdict(part, reached)
                if why:
                    found.append(f"{path.relative_to(ROOT)}:{line} imports {reached}: {why}")
    return found


def test_the_layers_import_one_way() -> None:
    assert [v for v in violations() if "a client" not in v] == []


def test_clients_use_only_the_public_package() -> None:
    assert [v for v in violations() if "a client" in v] == []


def test_every_module_has_a_layer() -> None:
    parts = {top(module_name(p)) for p in PACKAGE.rglob("*.py")} - {"__init__"}
    assert parts == set(LAYERS[:-1]) | SHARED | CLIENTS


def test_the_checker_catches_wrong_imports() -> None:
    assert verdict("_records", "standpunkt._query._changes") == "_query is above _records"
    assert verdict("_records", "standpunkt._errors") == "_errors is above _records"
    assert verdict("_store", "standpunkt") == "__init__ is above _store"
    assert verdict("_cli", "standpunkt._store._git") == "a client uses only the public package"
    assert verdict("_query", "standpunkt._cli") == "the library never imports its clients"
    assert verdict("_store", "standpunkt._records._models") is None
    assert verdict("_cli", "standpunkt") is None
    assert verdict("__main__", "standpunkt._cli") is None


def test_relative_imports_are_resolved() -> None:
    found = list(imports(PACKAGE / "_store" / "_save.py"))
    assert any(target == "standpunkt._records" and names == ["_yaml"] for _, target, names in found)
    assert "standpunkt._records._yaml" in internal_targets("standpunkt._records", ["_yaml"])


def test_every_subpackage_says_its_role_and_exports() -> None:
    for init in sorted(PACKAGE.glob("_*/__init__.py")):
        tree = ast.parse(init.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{init} has no docstring"
        assigned = {
            target.id
            for node in tree.body
            if isinstance(node, ast.Assign | ast.AnnAssign)
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
            if isinstance(target, ast.Name)
        }
        assert "__all__" in assigned, f"{init} has no __all__"
