"""Hypothesis strategies for every record kind (valid records only)."""

from __future__ import annotations

import unicodedata

from hypothesis import strategies as st

from standpunkt import (
    Actor,
    Attribution,
    Identifiers,
    Issue,
    Position,
    Source,
    Stance,
    Statement,
)

_word = st.from_regex(r"[a-z0-9æøå]{1,6}", fullmatch=True)
ids = (
    st.lists(_word, min_size=1, max_size=3)
    .map("-".join)
    .filter(lambda s: s not in {"con", "prn", "aux", "nul"} and not s.startswith(("com", "lpt")))
)
# Text as people write it in records: any printable characters, line breaks included.
_chars = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Cc", "Zl", "Zp", "Cf"),
    include_characters="\n\t",
)
text = (
    st.text(_chars, min_size=1, max_size=40)
    .map(lambda s: unicodedata.normalize("NFC", s))
    .filter(lambda s: s.strip() != "")
)
optional_text = st.none() | text
dates = st.sampled_from(
    [
        "2009-09-07",
        "2021-02",
        "2021",
        "2010~",
        "2021?",
        "2021-02-19/2021-06-03",
        "../2026-11-22",
        "2019-12-19/..",
        "2019/",
    ]
)
urls = st.sampled_from([None, "https://venstre.no/artikkel/2009/", "http://example.org/a?b=c"])


actors = st.builds(
    Actor,
    id=ids,
    name=text,
    party=ids,
    level=st.sampled_from(["national", "county", "municipal", "other"]),
    region=optional_text,
    url=urls,
    identifiers=st.one_of(
        st.none(),
        st.builds(
            Identifiers,
            wikidata=st.one_of(st.none(), st.integers(1, 10**9).map(lambda n: f"Q{n}")),
            partyfacts=st.one_of(st.none(), st.integers(1, 10**6)),
            manifesto=st.one_of(st.none(), st.integers(10000, 99999)),
            parlgov=st.one_of(st.none(), st.integers(1, 10**6)),
        ),
    ),
    note=optional_text,
)
issues = st.builds(
    Issue,
    id=ids,
    title=text,
    proposition=text,
    proposition_en=optional_text,
    topic=ids,
    description=optional_text,
)
attributions = st.one_of(
    st.builds(
        Attribution,
        status=st.just("named"),
        actor=ids,
        evidence=st.lists(text, max_size=2).map(tuple),
    ),
    st.builds(
        Attribution,
        status=st.just("inferred"),
        actor=ids,
        confidence=st.floats(0.01, 1.0),
        evidence=st.lists(text, min_size=1, max_size=2).map(tuple),
    ),
    st.just(Attribution(status="unattributed")),
)
sources = st.builds(
    lambda sid, **kw: Source(id=sid, archive=f"archive/{sid}.txt", **kw),
    ids,
    kind=st.sampled_from(["programme", "web_page", "op_ed", "press_release", "other"]),
    title=text,
    url=urls,
    publisher=optional_text,
    author=optional_text,
    language=st.sampled_from(["nb", "nn", "no", "en", "se"]),
    published=st.none() | dates,
    dating=optional_text,
    retrieved=st.none() | dates,
    notices=st.lists(text, max_size=2).map(tuple),
    attribution=attributions,
    note=optional_text,
)
statements = st.builds(
    Statement,
    stated=dates,
    stance=st.sampled_from(list(Stance)),
    source=ids,
    provenance=st.sampled_from(["made", "reported"]),
    quotes=st.lists(text, min_size=1, max_size=3).map(tuple),
    note=optional_text,
)
positions = st.builds(
    lambda actor, issue, stmts: Position(
        id=f"{actor}--{issue}", actor=actor, issue=issue, statements=stmts
    ),
    ids,
    ids,
    st.lists(statements, min_size=1, max_size=3).map(tuple),
)
