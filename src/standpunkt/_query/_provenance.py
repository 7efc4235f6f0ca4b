"""Provenance: how far a statement is the actor's own, said in words for every output.

Reports must never present an inferred or reported stance as the actor's own certain
statement. These phrases are shown next to such statements everywhere.
"""

from __future__ import annotations

import functools

from .._records._dataset import Dataset
from .._records._labels import LABELS
from .._records._models import Statement

__all__ = ["provenance_flags"]


def _name(dataset: Dataset, actor_id: str) -> str:
    actor = dataset.actors.get(actor_id)
    return actor.name if actor else actor_id


def provenance_flags(dataset: Dataset, statement: Statement, lang: str = "en") -> list[str]:
    """Phrases that qualify a statement (``lang``: ``en`` or ``nb``); empty when the actor
    makes it in a source that names the actor.

    - ``reported by Oslo Høyre``: the source reports this actor's stance;
    - ``attributed to Miljøpartiet De Grønne by inference (about 90%)``: the source names no
      party and was attributed on outside evidence;
    - ``source unattributed``: nobody is known to stand behind the source.
    """
    reported, inferred, unattributed, missing, unknown = _words(lang)
    source = dataset.sources.get(statement.source)
    flags: list[str] = []
    if source is None:
        return [missing]
    if statement.provenance == "reported":
        speaker = source.attribution.actor or source.publisher
        flags.append(reported.format(who=_name(dataset, speaker) if speaker else unknown))
    attribution = source.attribution
    if attribution.status == "inferred":
        who = _name(dataset, attribution.actor or "?")
        flags.append(inferred.format(who=who, p=f"{attribution.confidence or 0:.0%}"))
    elif attribution.status == "unattributed":
        flags.append(unattributed)
    return flags


@functools.cache
def _words(lang: str) -> tuple[str, str, str, str, str]:
    """The phrases of `provenance_flags` in ``lang`` (looked up once per language)."""
    words = LABELS.get(lang, LABELS["en"])
    reported, inferred, unattributed, missing, unknown = (
        words[f"provenance.{kind}"]
        for kind in ("reported", "inferred", "unattributed", "missing", "unknown")
    )
    return reported, inferred, unattributed, missing, unknown
