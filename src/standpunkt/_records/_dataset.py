"""A consistent set of records: every actor, issue, source and position at one moment."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from ._kinds import REGISTRY
from ._layout import Kind
from ._models import Actor, Issue, Position, Record, Source
from ._quotes import QuoteIndex

__all__ = ["Dataset"]


@dataclass(frozen=True)
class Dataset:
    """The valid records of a repository, by kind and id.

    Iterating gives every record: actors, issues, sources, then positions, each sorted by id.

    Attributes:
        actors: Actors by id.
        issues: Issues by id.
        sources: Sources by id.
        positions: Positions by id (``<actor>--<issue>``).
        archives: The archived text of each source, by source id (only those that exist).
    """

    actors: Mapping[str, Actor] = field(default_factory=dict)
    issues: Mapping[str, Issue] = field(default_factory=dict)
    sources: Mapping[str, Source] = field(default_factory=dict)
    positions: Mapping[str, Position] = field(default_factory=dict)
    archives: Mapping[str, str] = field(default_factory=dict, repr=False)
    quotes: QuoteIndex | None = field(default=None, repr=False, compare=False)
    """The index validation used to find quotes in `archives` (the evidence checks
    reuse its answers); ``None`` when the dataset was made otherwise."""

    def quote_index(self) -> QuoteIndex:
        """`quotes`, or a new index of `archives`."""
        return self.quotes if self.quotes is not None else QuoteIndex(self.archives)

    def of_kind(self, kind: Kind) -> Mapping[str, Record]:
        """The records of one kind, by id."""
        table: Mapping[str, Record] = getattr(self, REGISTRY[kind].field)
        return table

    def __iter__(self) -> Iterator[Record]:
        for table in (self.actors, self.issues, self.sources, self.positions):
            for key in sorted(table):
                yield table[key]

    def __len__(self) -> int:
        return len(self.actors) + len(self.issues) + len(self.sources) + len(self.positions)

    def party_name(self, actor_id: str) -> str:
        """The name of the actor's national party (its id when the party is not recorded)."""
        actor = self.actors.get(actor_id)
        if actor is None:
            return actor_id
        party = self.actors.get(actor.party)
        return party.name if party else actor.party
