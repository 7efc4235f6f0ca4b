"""``kind_of_path`` reads paths without building a PurePosixPath (issue 18): the same
kind as through PurePosixPath, for any path (doubled, leading and trailing slashes,
``.`` components, hidden files, several suffixes)."""

from __future__ import annotations

from pathlib import PurePosixPath

from hypothesis import given, settings
from hypothesis import strategies as st

from standpunkt._records._layout import POSITIONS_DIR, kind_of, kind_of_path


def reference(path: str) -> object:
    """The definition before issue 18."""
    prefix = f"{POSITIONS_DIR}/"
    if not path.startswith(prefix):
        return None
    return kind_of(PurePosixPath(path[len(prefix) :]))


_part = st.sampled_from(
    [
        "actors",
        "issues",
        "sources",
        "statements",
        "archive",
        "a",
        "x.yaml",
        "x.yml",
        ".yaml",
        "a.b.yaml",
        "x.yaml.",
        ".",
        "..",
        "",
        "/",
        "ø.yaml",
        "x.YAML",
        "yaml",
    ]
)


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(parts=st.lists(_part, max_size=5), sep=st.sampled_from(["/", "//"]), tail=st.booleans())
def test_kind_of_path_is_purepaths_answer(parts: list[str], sep: str, tail: bool) -> None:
    path = f"{POSITIONS_DIR}/" + sep.join(parts) + ("/" if tail else "")
    kind_of_path.cache_clear()
    assert kind_of_path(path) == reference(path)
    assert kind_of_path("x" + path) is None


def test_known_paths() -> None:
    assert kind_of_path("positions/actors/ap.yaml") == "actor"
    assert kind_of_path("positions/statements/ap/x.yml") == "position"
    assert kind_of_path("positions/actors/.yaml") is None
    assert kind_of_path("positions/actors//ap.yaml") == "actor"
    assert kind_of_path("positions/archive/x.txt") is None
