"""Citations: golden outputs in every format, BibTeX that parses, forge URL shapes, the
CITATION.cff checked against the Citation File Format 1.2.0 schema, and clear errors.

``data/citation-cff-1.2.0.schema.json`` is the official CFF 1.2.0 JSON Schema
(citation-file-format.github.io, CC-BY-4.0), as shipped in the cffconvert 2.0.0 wheel.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]
import pytest
import yaml
from bibtexparser.entrypoint import parse_string
from click.testing import CliRunner

import standpunkt
from standpunkt._cli import main
from standpunkt._outputs._meta import forge_of, public_url

from gitrepo import GitBuilder, position

GOLDEN = Path(__file__).parent / "golden"
CFF_SCHEMA = Path(__file__).parent / "data" / "citation-cff-1.2.0.schema.json"

CONFIG = (
    "[dataset]\n"
    'name = "rus-test"\n'
    'title = "Rus & straff: 100% standpunkt_data {v1}"\n'
    'authors = ["Kari Nordmann", "Ola Ø. Hansen"]\n'
    'licenses = [{ name = "CC-BY-4.0" }]\n'
)


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs; UPDATE_GOLDEN=1 to accept"


@pytest.fixture
def repo(tmp_path: Path) -> GitBuilder:
    g = GitBuilder(tmp_path / "repo")
    (g.path / "standpunkt.toml").write_text(CONFIG, encoding="utf-8")
    g.base("2024-01-01T12:00:00+00:00")
    g.write("statements/a/i.yaml", position("a", "i", ("2021-03", "support", "Første sitat.")))
    g.commit("Add", "2024-02-01T23:30:00-05:00")
    g.git("remote", "add", "origin", "git@github.com:example/rus.git")
    return g


def normalise(text: str, repo: GitBuilder) -> str:
    sha = repo.git("rev-parse", "HEAD")
    return text.replace(sha, "<SHA>").replace(sha[:12], "<SHORT>")


def cite(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["cite", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("fmt", "suffix"), [("text", "txt"), ("bibtex", "bib"), ("csl-json", "json")]
)
def test_golden_outputs(repo: GitBuilder, fmt: str, suffix: str) -> None:
    code, out, err = cite("a--i", str(repo.path), "--format", fmt)
    assert (code, err) == (0, "")
    golden(f"cite.{suffix}", normalise(out, repo))
    # the library gives the same text
    citation = standpunkt.open(repo.path).cite("a--i")
    assert citation.render(fmt) == out  # type: ignore[arg-type]


def test_bibtex_parses_with_the_fields_intact(repo: GitBuilder) -> None:
    text = standpunkt.open(repo.path).cite("a--i").to_bibtex()
    library = parse_string(text)
    assert library.failed_blocks == []
    (entry,) = library.entries
    sha = repo.git("rev-parse", "HEAD")
    assert entry.entry_type == "misc" and entry.key == f"a--i-{sha[:12]}"
    fields = {f.key: f.value for f in entry.fields}
    assert fields["author"] == "Kari Nordmann and Ola Ø. Hansen"
    assert fields["title"] == "Parti A: Tittel i"
    assert fields["howpublished"] == (
        r"Rus \& straff: 100\% standpunkt\_data \{v1\}, version " + sha[:12]
    )
    assert fields["date"] == "2024-02-02"  # 2024-02-01T23:30-05:00 is the 2nd in UTC
    assert fields["url"] == (
        f"https://github.com/example/rus/blob/{sha}/positions/statements/a/i.yaml"
    )


def test_csl_json_is_one_dataset_item(repo: GitBuilder) -> None:
    (item,) = json.loads(standpunkt.open(repo.path).cite("i", kind="issue").to_csl_json())
    assert (item["type"], item["title"], item["issued"]) == (
        "dataset",
        "Tittel i",
        {"date-parts": [[2024, 2, 2]]},
    )
    assert item["author"] == [{"literal": "Kari Nordmann"}, {"literal": "Ola Ø. Hansen"}]


def test_an_earlier_commit_is_cited_with_its_own_id_and_date(repo: GitBuilder) -> None:
    first = repo.git("rev-parse", "HEAD~1")
    citation = standpunkt.open(repo.path).cite("a", recorded="HEAD~1")
    assert (citation.kind, citation.title, citation.sha, citation.date) == (
        "actor",
        "Parti A",
        first,
        "2024-01-01",
    )
    with pytest.raises(standpunkt.UsageError) as info:
        standpunkt.open(repo.path).cite("a--i", recorded="HEAD~1")
    assert str(info.value).startswith("no valid record with the id 'a--i' at the commit cited")


def test_the_dataset_citation_cff_follows_the_schema(repo: GitBuilder) -> None:
    code, out, err = cite("--cff", str(repo.path))
    assert (code, err) == (0, "")
    golden("CITATION.cff", normalise(out, repo))
    assert standpunkt.citation_cff(standpunkt.open(repo.path)) == out
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    document = yaml.safe_load(out)
    jsonschema.validate(document, schema)  # raises on any violation
    assert document["license"] == "CC-BY-4.0"
    # without [dataset] settings or a remote it is still valid
    (repo.path / "standpunkt.toml").unlink()
    repo.git("remote", "remove", "origin")
    bare = yaml.safe_load(standpunkt.citation_cff(standpunkt.open(repo.path)))
    jsonschema.validate(bare, schema)
    assert bare["authors"] == [{"name": "repo"}] and "repository-code" not in bare


def test_errors_are_clear(repo: GitBuilder, repo_copy: Path) -> None:
    assert cite("nope", str(repo.path))[0::2] == (
        2,
        "Error: no valid record with the id 'nope' at the commit cited. Check the id (a "
        "position's id is <actor>--<issue>), commit the record, or name the commit with "
        "--recorded.\n",
    )
    assert cite(str(repo.path))[0] == 2  # the path taken as the id: no such record
    assert cite("a", str(repo.path), "--cff")[0::2] == (
        2,
        "Error: give either a record ID or --cff, not both\n",
    )
    code, _, err = cite("a", str(repo_copy))
    assert code == 2 and "is not in a git repository" in err


@pytest.mark.parametrize(
    ("remote", "public", "file_url"),
    [
        (
            "https://github.com/example/rus.git",
            "https://github.com/example/rus",
            "https://github.com/example/rus/blob/{sha}/p/x.yaml",
        ),
        (
            "git@github.com:example/rus.git",
            "https://github.com/example/rus",
            "https://github.com/example/rus/blob/{sha}/p/x.yaml",
        ),
        (
            "ssh://git@gitlab.com/group/sub/rus.git",
            "https://gitlab.com/group/sub/rus",
            "https://gitlab.com/group/sub/rus/-/blob/{sha}/p/x.yaml",
        ),
        (
            "https://user:secret-token@codeberg.org/example/rus/",
            "https://codeberg.org/example/rus",
            "https://codeberg.org/example/rus/src/commit/{sha}/p/x.yaml",
        ),
        ("https://git.example.org/rus.git", "https://git.example.org/rus", None),
        ("https://github.com/example", "https://github.com/example", None),
        ("/srv/git/rus.git", None, None),
        ("../rus", None, None),
        ("file:///srv/git/rus.git", None, None),
    ],
)
def test_remote_url_shapes(remote: str, public: str | None, file_url: str | None) -> None:
    assert public_url(remote) == public
    forge = forge_of(public)
    sha = "0123456789abcdef0123456789abcdef01234567"
    got = forge.file_url(sha, "p/x.yaml") if forge else None
    assert got == (file_url.format(sha=sha) if file_url else None)
