"""The closed vocabularies of record fields, as ``Literal`` types.

One place for the values a field may take; the models (`standpunkt._records._models`), the CLI's
choices (``typing.get_args``) and the JSON Schemas all follow from these. Nothing heavy is imported
here, so the CLI can build its options without loading pydantic.
"""

from __future__ import annotations

from typing import Literal

__all__ = [
    "AttributionStatus",
    "Axis",
    "CiteFormat",
    "Language",
    "Level",
    "Provenance",
    "SourceKind",
]

#: The languages labels exist in (Norwegian Bokmål first: the site's default).
Language = Literal["nb", "en"]
#: An actor's level: a national party or one of its branches.
Level = Literal["national", "county", "municipal", "other"]
#: What kind of document a source is.
SourceKind = Literal["programme", "web_page", "op_ed", "press_release", "other"]
#: How a source's text is attributed to an actor.
AttributionStatus = Literal["named", "inferred", "unattributed"]
#: Whether the actor made the statement or the source reports it.
Provenance = Literal["made", "reported"]
#: The axis a diff runs along: two stated dates, or two recorded repository states.
Axis = Literal["stated", "recorded"]

#: The formats of a citation (`standpunkt.Citation.render`): here, with the other
#: vocabularies, so that the command line can list them without importing the outputs.
CiteFormat = Literal["text", "bibtex", "csl-json"]
