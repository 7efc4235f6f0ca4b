"""Provenance: how far a statement is the actor's own, said in words for every output.

Reports must never present an inferred or reported stance as the actor's own certain
statement. These phrases are shown next to such statements everywhere.
"""

from __future__ import annotations

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
    source = dataset.sources.get(statement.source)
    words = LABELS.get(lang, LABELS["en"])
    if source is None:
        return [words["provenance.missing"]]
    attribution = source.attribution
    flags: list[str] = []
    if statement.provenance == "reported":
        speaker = attribution.actor or source.publisher
        who = _name(dataset, speaker) if speaker else words["provenance.unknown"]
        flags.append(words["provenance.reported"].format(who=who))
    if attribution.status == "inferred":
        who = _name(dataset, attribution.actor or "?")
        p = f"{attribution.confidence or 0:.0%}"
        flags.append(words["provenance.inferred"].format(who=who, p=p))
    elif attribution.status == "unattributed":
        flags.append(words["provenance.unattributed"])
    return flags
