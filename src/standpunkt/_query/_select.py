"""Which positions a question is about: of an actor, a party (with its branches), an issue
or a topic, each named by id or by name, case- and accent-insensitively.

``--party Venstre``, ``--party venstre`` and ``--actor "horten venstre"`` all work; a value
that names nothing is refused with the nearest existing ids (`difflib`), so a typo
never gives a silently empty answer.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .._errors import UsageError
from .._records._dataset import Dataset

__all__ = ["Chosen", "Selection", "folded_key"]

# letters that are not a base letter with a mark, so NFKD does not take them apart
_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ð": "d", "đ": "d", "ł": "l", "þ": "th"})


def folded_key(text: str) -> str:
    """``text`` compared without case or accents: NFKD with the marks dropped, casefolded,
    ø/æ/œ … as their base letters, runs of white space as one space."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.translate(_LETTERS).split())


@dataclass(frozen=True)
class Chosen:
    """A selection resolved against the records: the ids it keeps (``None``: any).

    Attributes:
        actor: The actor id.
        party: The national party id (its branches are kept too).
        issue: The issue id.
        topic: The topic.
    """

    actor: str | None = None
    party: str | None = None
    issue: str | None = None
    topic: str | None = None

    def keeps(self, dataset: Dataset, position_id: str) -> bool:
        """``True`` when the position ``position_id`` is one the selection asks for (decided
        by its id, ``<actor>--<issue>``, so the position itself is not read)."""
        actor_id, _, issue_id = position_id.partition("--")
        if self.actor is not None and actor_id != self.actor:
            return False
        if self.issue is not None and issue_id != self.issue:
            return False
        if self.party is not None:
            actor = dataset.actors.get(actor_id)
            if actor is None or actor.party != self.party:
                return False
        if self.topic is not None:
            issue = dataset.issues.get(issue_id)
            if issue is None or issue.topic != self.topic:
                return False
        return True

    def describe(self) -> str:
        """``party venstre and its branches, issue brukerrom``: what is kept, in words
        (empty: everything)."""
        parts = [
            f"{name} {value}"
            for name, value in (
                ("actor", self.actor),
                ("party", self.party),
                ("issue", self.issue),
                ("topic", self.topic),
            )
            if value is not None
        ]
        if self.party is not None:
            parts[1 if self.actor is not None else 0] += " and its branches"
        return ", ".join(parts)


@dataclass(frozen=True)
class Selection:
    """Positions of an actor, a party and its branches, an issue or a topic, as asked (ids
    or names); any combination, all ``None``: every position."""

    actor: str | None = None
    party: str | None = None
    issue: str | None = None
    topic: str | None = None

    def __bool__(self) -> bool:
        return any(v is not None for v in (self.actor, self.party, self.issue, self.topic))

    def resolve(self, dataset: Dataset) -> Chosen:
        """The ids the values name in ``dataset``.

        Raises:
            UsageError: a value names nothing (the message names the nearest ids), or a
                name several records share (give the id).
        """
        actors: dict[str, tuple[str, ...]] = {a: (r.name,) for a, r in dataset.actors.items()}
        parties: dict[str, tuple[str, ...]] = {
            aid: (actor.name,)
            for aid, actor in dataset.actors.items()
            if actor.level == "national" and actor.party == aid
        }
        for actor in dataset.actors.values():  # a party id actors use, without a record
            parties.setdefault(actor.party, ())
        issues: dict[str, tuple[str, ...]] = {i: (r.title,) for i, r in dataset.issues.items()}
        topics: dict[str, tuple[str, ...]] = {i.topic: () for i in dataset.issues.values()}
        return Chosen(
            actor=_one("actor", self.actor, actors),
            party=_one("party", self.party, parties),
            issue=_one("issue", self.issue, issues),
            topic=_one("topic", self.topic, topics),
        )


def _one(what: str, value: str | None, known: Mapping[str, tuple[str, ...]]) -> str | None:
    """The id ``value`` names among ``known`` (id → names)."""
    if value is None:
        return None
    if value in known:
        return value
    wanted = folded_key(value)
    found = sorted(
        rid
        for rid, names in known.items()
        if wanted == folded_key(rid) or any(wanted == folded_key(n) for n in names)
    )
    if len(found) == 1:
        return found[0]
    if found:
        raise UsageError(
            f"several records match the {what} '{value}': {', '.join(found)}; give the id"
        )
    raise UsageError(_unknown(what, value, wanted, known))


def _unknown(what: str, value: str, wanted: str, known: Mapping[str, tuple[str, ...]]) -> str:
    """No such record: the message, with the nearest ids (by id or by name)."""
    by_key: dict[str, set[str]] = {}
    for rid, names in known.items():
        for name in (rid, *names):
            by_key.setdefault(folded_key(name), set()).add(rid)
    close = difflib.get_close_matches(wanted, list(by_key), n=5, cutoff=0.6)
    nearest = list(dict.fromkeys(rid for key in close for rid in sorted(by_key[key])))
    message = f"no {what} '{value}' in the repository"
    if nearest:
        return f"{message}; the nearest: {_named(nearest, known)}"
    if not known:
        return f"{message}; it has no {what} at all"
    return f"{message}, and none is close; some there are: {_named(sorted(known)[:5], known)}"


def _named(ids: Iterable[str], known: Mapping[str, tuple[str, ...]]) -> str:
    return ", ".join(
        f"{rid} ({known[rid][0]})" if known[rid] and known[rid][0] != rid else rid for rid in ids
    )
