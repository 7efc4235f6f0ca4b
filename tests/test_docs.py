"""The documentation is checked, not trusted."""

from __future__ import annotations

import inspect
import re
import typing

import pytest

import standpunkt
from standpunkt._cli import main

from conftest import ROOT

DOCS = ROOT / "docs"


def test_cli_reference_is_current() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("cli_docs", ROOT / "scripts" / "cli_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == module.render(), (
        "docs/cli.md is stale: run `make cli-docs`"
    )


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help_and_a_section(name: str) -> None:
    command = main.commands[name]
    assert command.help and len(command.help.split()) >= 8
    assert f"## standpunkt {name}\n" in (DOCS / "cli.md").read_text(encoding="utf-8")


def _public_members(obj: object) -> list[tuple[str, object]]:
    if not inspect.isclass(obj):
        return []
    own = vars(obj)
    return [
        (n, v)
        for n, v in own.items()
        if not n.startswith("_") and (inspect.isfunction(v) or isinstance(v, property))
    ]


@pytest.mark.parametrize("name", [n for n in standpunkt.__all__ if n != "__version__"])
def test_every_public_name_has_a_docstring(name: str) -> None:
    obj = getattr(standpunkt, name)
    if typing.get_origin(obj) is typing.Literal:
        # a typing alias (Kind, Language, Level …): it cannot hold a docstring; documented
        # by a comment in its module and in docs/api.md
        assert f"`{name}`" in (DOCS / "api.md").read_text(encoding="utf-8")
        return
    assert inspect.getdoc(obj), f"{name} has no docstring"
    for member, value in _public_members(obj):
        assert inspect.getdoc(value), f"{name}.{member} has no docstring"


def test_every_problem_code_is_documented() -> None:
    from test_validate import CASES

    source = "\n".join(p.read_text() for p in (ROOT / "src" / "standpunkt").rglob("*.py"))
    codes = set(re.findall(r'PydanticCustomError\(\s*"([a-z_]+)"', source))
    codes |= set(re.findall(r'YamlProblem\(\s*"([a-z_]+)"', source))
    codes |= set(CASES)  # each case is named after the code it must produce
    documented = (DOCS / "validation.md").read_text(encoding="utf-8")
    missing = sorted(c for c in codes if f"`{c}`" not in documented)
    assert len(codes) == 41
    assert missing == []


def test_readme_has_exactly_the_two_setup_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Set up", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make demo", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
