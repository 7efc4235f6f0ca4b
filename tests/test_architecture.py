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


def outside_all() -> list[str]:
    """Imports of a name that the imported module does not list in its ``__all__``."""
    import importlib

    found = []
    for path in sorted(
        [*PACKAGE.rglob("*.py"), *ROOT.glob("tests/*.py"), *ROOT.glob("benchmarks/*.py")]
    ):
        source = path.relative_to(ROOT)
        for line, target, names in (
            imports(path) if path.is_relative_to(PACKAGE) else _absolute_imports(path)
        ):
            if not target.startswith("standpunkt"):
                continue
            module = importlib.import_module(target)
            public = set(getattr(module, "__all__", ()))
            for name in names:
                submodule = f"{target}.{name}"
                if name in public or _is_module(submodule):
                    continue
                found.append(f"{source}:{line} imports {name} from {target}")
    return found


def _absolute_imports(path: Path) -> Iterator[tuple[int, str, list[str]]]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and not node.level and node.module:
            yield node.lineno, node.module, [alias.name for alias in node.names]


def _is_module(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def test_every_import_is_of_a_name_in_the_modules_all() -> None:
    assert outside_all() == []


def test_every_module_is_at_most_500_lines() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert long == {}


#: The facade and the base classes that give it the output and write methods.
FACADE = {
    "_repository.py": "Repository",
    "_outputs/_methods.py": "OutputMethods",
    "_store/_writer.py": "WriteMethods",
}


def test_the_facade_is_at_most_250_lines() -> None:
    assert len((PACKAGE / "_repository.py").read_text(encoding="utf-8").splitlines()) <= 250


def test_every_facade_method_is_a_thin_delegation() -> None:
    thick = []
    for path, name in FACADE.items():
        tree = ast.parse((PACKAGE / path).read_text(encoding="utf-8"))
        (cls,) = (n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == name)
        for method in cls.body:
            if isinstance(method, ast.FunctionDef):
                body = method.body[1:] if ast.get_docstring(method) else method.body
                if len(body) > 3 or any(
                    isinstance(n, (ast.If, ast.For, ast.While, ast.Try)) for n in body
                ):
                    thick.append(f"{name}.{method.name}")
    assert thick == []


def test_the_facade_gets_its_methods_from_the_listed_base_classes() -> None:
    from standpunkt import Repository

    assert {c.__name__ for c in Repository.__mro__} == {*FACADE.values(), "object"}


KIND_NAMES = {"actor", "issue", "source", "position"}
#: Where the four kinds may be spelled out: the registry, and the light layout module
#: (the ``Kind`` type and the folders, imported by ``--help`` without pydantic).
KIND_SPELLERS = {"src/standpunkt/_records/_kinds.py", "src/standpunkt/_records/_layout.py"}


def kinds_spelled_out() -> list[str]:
    """Literals (tuples, lists, sets, dict keys) that are exactly the four record kinds
    (a row with columns named actor, issue, source and more is not one)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        where = str(path.relative_to(ROOT))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            items = (
                node.keys
                if isinstance(node, ast.Dict)
                else node.elts
                if isinstance(node, ast.Tuple | ast.List | ast.Set)
                else []
            )
            names = {i.value for i in items if isinstance(i, ast.Constant)}
            if names == KIND_NAMES and len(items) == 4 and where not in KIND_SPELLERS:
                found.append(f"{where}:{getattr(node, 'lineno', 0)}")
    return found


def test_the_kinds_are_spelled_out_only_in_the_registry() -> None:
    assert kinds_spelled_out() == []
