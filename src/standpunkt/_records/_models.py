"""The record kinds: actors, issues, sources and positions (with their statements).

Every record is a frozen pydantic model that forbids unknown fields. Field documentation
comes from the attribute docstrings below; it is published in the JSON Schemas that
``standpunkt schema`` writes and in the API reference. Validation errors raised here carry
stable codes (``invalid_id``, ``url_scheme``, ``attribution_evidence`` …); tests match the
code, people read the sentence.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import warnings
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    WithJsonSchema,
    model_validator,
)
from pydantic.config import JsonDict
from pydantic_core import PydanticCustomError

from ._constraints import (
    ARCHIVE_BODY,
    LANGUAGE_BODY,
    MAX_ID_LENGTH,
    RESERVED_NAMES,
    check_pattern,
    id_schema,
    position_id_schema,
    string_pattern,
    text_schema,
    url_matches,
    url_schema,
)
from ._dates import UncertainDate
from ._escape import BIDI, CONTROL, DANGEROUS, SURROGATE, ZERO_WIDTH
from ._stance import Stance
from ._vocab import AttributionStatus, Level, Provenance, SourceKind

__all__ = [
    "Actor",
    "Attribution",
    "Identifiers",
    "Issue",
    "Position",
    "Record",
    "Source",
    "Statement",
    "Withdrawal",
]

_ID_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_RESERVED = set(RESERVED_NAMES)


@functools.lru_cache(maxsize=1 << 15)
def _check_id(value: str) -> str:
    """The id in NFC, or ``invalid_id`` (memoised: the same ids recur in every version)."""
    value = unicodedata.normalize("NFC", value)
    if (
        not _ID_RE.fullmatch(value)
        or value != value.lower()
        or len(value) > MAX_ID_LENGTH
        or value in _RESERVED
    ):
        raise PydanticCustomError(
            "invalid_id",
            "'{value}' is not a valid id: use lower-case letters and digits in words joined "
            "by single hyphens (like 'venstre-horten'), at most {max} characters, and not a "
            "name Windows reserves (con, nul, com1 …)",
            {"value": value[:100], "max": MAX_ID_LENGTH},
        )
    return value


@functools.lru_cache(maxsize=1 << 14)
def _check_position_id(value: str) -> str:
    value = unicodedata.normalize("NFC", value)
    parts = value.split("--")
    if len(parts) != 2:
        raise PydanticCustomError(
            "invalid_id",
            "'{value}' is not a valid position id: write '<actor id>--<issue id>'",
            {"value": value[:200]},
        )
    return "--".join(_check_id(part) for part in parts)


def _check_url(value: str) -> str:
    if not url_matches(value):
        raise PydanticCustomError(
            "url_scheme",
            "'{value}' is not a web address: it must start with http:// or https:// and "
            "contain no spaces",
            {"value": value[:200]},
        )
    return value


# Names of the controls Unicode gives none (unicodedata knows no names for controls).
_CONTROL_NAMES = {
    0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x0B: "LINE TABULATION",
    0x0C: "FORM FEED", 0x1B: "ESCAPE", 0x7F: "DELETE", 0x85: "NEXT LINE",
    0x9B: "CONTROL SEQUENCE INTRODUCER", 0x9D: "OPERATING SYSTEM COMMAND",
}  # fmt: skip
#: The refused characters by problem code, with how a message names each kind.
_REFUSED = (
    ("carriage_return", re.compile("\r"), "a carriage return"),
    ("control_character", re.compile(f"[{CONTROL}]"), "the control character"),
    ("bidi_control", re.compile(f"[{BIDI}]"), "the bidi control"),
    ("zero_width_character", re.compile(f"[{ZERO_WIDTH}]"), "the zero-width character"),
    ("control_character", re.compile(f"[{SURROGATE}]"), "the lone surrogate"),
)


def _describe_char(char: str, kind: str) -> str:
    code = ord(char)
    if char == "\r":
        return f"{kind} (U+{code:04X})"
    name = _CONTROL_NAMES.get(code) or unicodedata.name(char, "")
    return f"{kind} U+{code:04X}" + (f" ({name})" if name else "")


def _check_text(value: str) -> str:
    if value.isprintable() and value and not value.isspace():
        return value  # every refused character is unprintable (a test checks): the common case
    if not value.strip():
        raise PydanticCustomError("empty_text", "the text is empty", {})
    bad = DANGEROUS.search(value)
    if bad is not None:
        char, index = bad.group(), bad.start()
        code, kind = next((c, k) for c, pattern, k in _REFUSED if pattern.match(char))
        where = f"character {index + 1}"
        if "\n" in value:
            line = value.count("\n", 0, index) + 1
            column = index - (value.rfind("\n", 0, index) + 1) + 1
            where += f" (line {line}, column {column})"
        raise PydanticCustomError(
            code,
            "the text contains {what} at {where}",
            {"what": _describe_char(char, kind), "where": where, "index": index},
        )
    return value


Id = Annotated[str, AfterValidator(_check_id), WithJsonSchema(id_schema())]
"""A record id: lower-case words of letters and digits joined by single hyphens."""
PositionId = Annotated[
    str, AfterValidator(_check_position_id), WithJsonSchema(position_id_schema())
]
"""A position id: ``<actor id>--<issue id>``."""
Url = Annotated[str, AfterValidator(_check_url), WithJsonSchema(url_schema())]
"""An http or https address."""
Text = Annotated[str, AfterValidator(_check_text), WithJsonSchema(text_schema())]
"""Non-empty text."""
Language = Annotated[
    str,
    AfterValidator(check_pattern(LANGUAGE_BODY)),
    WithJsonSchema(string_pattern(LANGUAGE_BODY)),
]
"""A BCP 47 language tag, e.g. ``nb`` (Norwegian Bokmål), ``nn``, ``no``, ``en``."""


class Record(BaseModel):
    """The shared base of every record kind: frozen, and unknown fields are an error."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        validate_default=False,
    )

    id: Id
    """The record's identity. It never changes when the file moves; it decides the path."""


_WIKIDATA_RE = re.compile(r"Q[1-9][0-9]*")
#: Each scheme: (what it is, an example, the least and greatest value of a number id).
_SCHEMES: dict[str, tuple[str, str, int, int]] = {
    "partyfacts": ("a Party Facts id", "1173", 1, 10**9),
    "manifesto": ("a Manifesto Project party code (five digits)", "12420", 10000, 99999),
    "parlgov": ("a ParlGov party_id", "647", 1, 10**9),
}


def _check_wikidata(value: object) -> object:
    if value is not None and (not isinstance(value, str) or not _WIKIDATA_RE.fullmatch(value)):
        raise PydanticCustomError(
            "identifier",
            "'{value}' is not a Wikidata id: write Q and the item's number, e.g. Q500190 "
            "(quoted or not)",
            {"value": str(value)[:100]},
        )
    return value


def _number_id(scheme: str) -> BeforeValidator:
    what, example, low, high = _SCHEMES[scheme]

    def check(value: object) -> object:
        if value is not None and (type(value) is not int or not low <= value <= high):
            raise PydanticCustomError(
                "identifier",
                "'{value}' is not {what}: write the whole number without quotes, e.g. {example}",
                {"value": str(value)[:100], "what": what, "example": example},
            )
        return value

    return BeforeValidator(check)


def _number_schema(scheme: str) -> WithJsonSchema:
    what, example, low, high = _SCHEMES[scheme]
    return WithJsonSchema(
        {"type": "integer", "minimum": low, "maximum": high, "description": what.capitalize()}
    )


class Identifiers(BaseModel):
    """An actor's ids in the datasets political scientists join on (each optional).

    Give only ids established from a source, and name that source in the actor's ``note``.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    wikidata: Annotated[
        str | None,
        BeforeValidator(_check_wikidata),
        WithJsonSchema({"type": "string", "pattern": "^Q[1-9][0-9]*$"}),
    ] = None
    """The Wikidata item, e.g. ``Q500190`` (``https://www.wikidata.org/wiki/<id>``)."""
    partyfacts: Annotated[int | None, _number_id("partyfacts"), _number_schema("partyfacts")] = None
    """The Party Facts id (a positive whole number), which links Manifesto, ParlGov and
    other party datasets."""
    manifesto: Annotated[int | None, _number_id("manifesto"), _number_schema("manifesto")] = None
    """The Manifesto Project (MARPOR) party code: five digits, the country code first
    (Norway: ``12…``)."""
    parlgov: Annotated[int | None, _number_id("parlgov"), _number_schema("parlgov")] = None
    """The ParlGov ``party_id`` (a positive whole number)."""


class Actor(Record):
    """An organisation that takes stances: a national party or one of its branches."""

    name: Text
    """The name the actor uses, e.g. ``Horten Venstre``."""
    party: Id
    """The id of the national party it belongs to (for a national party: its own id)."""
    level: Level
    """Where in the party it sits: ``national``, ``county``, ``municipal`` or ``other``."""
    region: Text | None = None
    """The county or municipality a branch works in, e.g. ``Innlandet``; empty for national."""
    url: Url | None = None
    """The actor's own web address, if any."""
    identifiers: Identifiers | None = None
    """Its ids in other datasets (Wikidata, Party Facts, Manifesto, ParlGov), if known."""
    note: Text | None = None
    """Anything else a reader should know, e.g. where the identifiers come from."""


class Issue(Record):
    """A policy question, phrased as a proposition one can support or oppose."""

    title: Text
    """A short title for tables and menus, e.g. ``Straff for brukerdoser``."""
    proposition: Text
    """The proposition in Norwegian, e.g. ``Bruk og besittelse av brukerdoser bør ikke
    straffes.`` A stance of ``support`` means agreeing with exactly this sentence."""
    proposition_en: Text | None = None
    """The proposition in English, optional."""
    topic: Id
    """The topic it belongs to, e.g. ``rusreform``."""
    description: Text | None = None
    """Background: what the proposition covers and what it does not."""


def _absent(*names: str) -> JsonDict:
    return {"properties": {name: {"type": "null"} for name in names}}


# The rules of Attribution._consistent, for the JSON Schema (a present null is absent).
_ATTRIBUTION_RULES: JsonDict = {
    "allOf": [
        {
            "if": {"properties": {"status": {"const": "unattributed"}}},
            "then": _absent("actor", "confidence"),
            "else": {"required": ["actor"], "properties": {"actor": {"type": "string"}}},
        },
        {
            "if": {"properties": {"status": {"const": "inferred"}}},
            "then": {
                "required": ["confidence", "evidence"],
                "properties": {"confidence": {"type": "number"}, "evidence": {"minItems": 1}},
            },
        },
        {"if": {"properties": {"status": {"const": "named"}}}, "then": _absent("confidence")},
    ]
}


class Attribution(BaseModel):
    """Who a source speaks for, and how sure we are of it."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        json_schema_extra=_ATTRIBUTION_RULES,
    )

    status: AttributionStatus
    """``named``: the text names who speaks; ``inferred``: we concluded it from outside
    evidence; ``unattributed``: nobody is known."""
    actor: Id | None = None
    """The actor the text is attributed to (required unless ``unattributed``)."""
    confidence: Annotated[float, Strict(), Field(gt=0, le=1)] | None = None
    """For ``inferred`` only: how likely the inference is right, from 0 (exclusive) to 1."""
    evidence: tuple[Text, ...] = ()
    """For ``inferred`` (required) or ``named`` (optional): the facts the attribution
    rests on, each a sentence with its own source where it has one."""

    @model_validator(mode="after")
    def _consistent(self) -> Attribution:
        if self.status == "unattributed":
            if self.actor is not None or self.confidence is not None:
                raise PydanticCustomError(
                    "attribution_unattributed",
                    "an unattributed source names no actor and no confidence",
                    {},
                )
            return self
        if self.actor is None:
            raise PydanticCustomError(
                "attribution_actor",
                "a {status} attribution needs an actor",
                {"status": self.status},
            )
        if self.status == "inferred" and (self.confidence is None or not self.evidence):
            raise PydanticCustomError(
                "attribution_evidence",
                "an inferred attribution needs a confidence and at least one piece of evidence",
                {},
            )
        if self.status == "named" and self.confidence is not None:
            raise PydanticCustomError(
                "attribution_confidence",
                "a named attribution is certain; confidence belongs to inferred ones",
                {},
            )
        return self


class Source(Record):
    """A document that evidence is taken from, with an archived copy of its text."""

    kind: SourceKind
    """What sort of document: ``programme``, ``web_page``, ``op_ed``, ``press_release``,
    ``other``."""
    title: Text
    """The document's title as printed, or a short description in [brackets] if it has none."""
    url: Url | None = None
    """Where it was published, if known."""
    publisher: Text | None = None
    """Who published it: an actor id when the publisher is a recorded actor, else a name;
    left out when unknown."""
    author: Text | None = None
    """The named author, if the text names one."""
    language: Language
    """The text's language as a BCP 47 tag, e.g. ``nb``."""
    published: UncertainDate | None = None
    """When it was published, as precisely as known (an interval when only bounded)."""
    dating: Text | None = None
    """How the publication date was established when the text does not print it."""
    retrieved: UncertainDate | None = None
    """When the copy in the archive was taken."""
    notices: tuple[Text, ...] = ()
    """Publisher notices, verbatim (e.g. ``OBS! Denne artikkelen ble første gang publisert
    for 15 år siden.``)."""
    attribution: Attribution
    """Who the text speaks for, and on what evidence."""
    archive: Annotated[
        str,
        AfterValidator(check_pattern(ARCHIVE_BODY)),
        WithJsonSchema(string_pattern(ARCHIVE_BODY)),
    ]
    """Path of the archived text, relative to ``positions/``: ``archive/<source id>.txt``."""
    note: Text | None = None
    """Anything else a reader should know about the document."""


class Withdrawal(BaseModel):
    """Why and when a statement was withdrawn: it stays in the file and in history, but
    no longer counts as evidence (``standpunkt withdraw``)."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    reason: Text
    """Why it no longer counts, e.g. ``The quote is about another proposal.``"""
    date: UncertainDate
    """When it was withdrawn (the day the withdrawal was recorded)."""


class Statement(BaseModel):
    """One dated expression of a stance, with verbatim quotes from one source."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    stated: UncertainDate
    """When the actor expressed the stance (EDTF; an interval when only bounded)."""
    stance: Stance
    """The stance on the issue's proposition."""
    source: Id
    """The id of the source the quotes come from."""
    provenance: Provenance = "made"
    """``made``: the actor states it in the source; ``reported``: the source reports the
    actor's stance (e.g. one party describing another's vote)."""
    quotes: tuple[Text, ...] = Field(min_length=1)
    """Verbatim passages from the source's archived text that show the stance."""
    note: Text | None = None
    """How the quotes support the stance, and any caveat."""
    withdrawn: Withdrawal | None = None
    """Set when the statement was withdrawn: it is kept (never deleted) but left out of
    positions, diffs on the stated axis, the site and the exports."""

    def __call__(self) -> Statement:
        """Deprecated: ``position.latest()`` is ``position.latest`` now (a property, as
        [`PositionAsOf.latest`][standpunkt.PositionAsOf.latest] is); calling the statement
        returns it."""
        warnings.warn(
            "Position.latest is a property now, as PositionAsOf.latest is: write "
            "position.latest instead of position.latest()",
            DeprecationWarning,
            stacklevel=2,
        )
        return self


class Position(Record):
    """One actor on one issue: every statement, in order of when it was stated.

    The id is ``<actor>--<issue>``, so there is one position file per actor and issue.
    """

    id: PositionId
    """``<actor id>--<issue id>``."""
    actor: Id
    """The id of the actor."""
    issue: Id
    """The id of the issue."""
    statements: tuple[Statement, ...] = Field(min_length=1)
    """The statements, oldest first."""

    @model_validator(mode="after")
    def _id_matches(self) -> Position:
        expected = f"{self.actor}--{self.issue}"
        if self.id != expected:
            raise PydanticCustomError(
                "position_id",
                "the id of a position must be '<actor>--<issue>', here '{expected}'",
                {"expected": expected},
            )
        return self

    @property
    def latest(self) -> Statement:
        """The last statement in the list (the newest once the order is valid; it may be
        withdrawn — [`PositionAsOf`][standpunkt.PositionAsOf] holds only current statements).

        A property, as [`PositionAsOf.latest`][standpunkt.PositionAsOf.latest] is; the call form
        ``position.latest()`` of earlier versions still works, with a
        ``DeprecationWarning``."""
        return self.statements[-1]
