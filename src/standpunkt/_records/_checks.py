"""The checks an editor relies on: dates, duplicates, provenance and conflicting evidence.

These run after the checks of ``._validate`` on the same valid records, and report
[`Problem`][standpunkt.Problem] values with stable codes:

==============================  ==========================================================
code                            meaning
==============================  ==========================================================
``made_before_published``       a statement ``made`` in a source, dated certainly before
                                the source was published
``duplicate_statement``         a statement that repeats an earlier one of the position
                                exactly (every field equal)
``reported_own_source``         a statement marked ``reported`` whose source is the
                                actor's own (see ``own_source``)
``retrieved_before_published``  a source retrieved certainly before it was published
``conflicting_evidence``        (warning) two statements of one position whose dates
                                overlap and whose directional stances differ
==============================  ==========================================================

They also put an unknown reference first: when a position's ``actor`` or ``issue`` names
no record, the id and the file path that follow from it are not checked against the typo
(``explain_unknown_references``).

Conflicting evidence is a warning, not an error: both statements stay in every output, and
``conflicts`` gives the pairs to other code (``Snapshot.conflicts``,
``PositionAsOf.conflicting``) so that ``show`` and the site can mark them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from . import _yaml
from ._dataset import Dataset
from ._files import ParsedFile, field_path, locate
from ._layout import KINDS, Kind
from ._models import Position, Source, Statement
from ._problems import Problem
from ._suggest import did_you_mean

__all__ = [
    "EVIDENCE_CHECKS",
    "Conflict",
    "check_evidence_rules",
    "conflicting_pairs",
    "conflicts",
    "explain_unknown_references",
    "own_source",
    "unknown_reference_hint",
]

#: The codes of the checks here: a file with only these problems still gives its record.
EVIDENCE_CHECKS = frozenset(
    {
        "made_before_published",
        "duplicate_statement",
        "reported_own_source",
        "retrieved_before_published",
        "conflicting_evidence",
    }
)


@dataclass(frozen=True)
class Conflict:
    """Two statements of one position that may be from the same time but disagree.

    Attributes:
        position: The position id.
        first: The earlier statement's place in the position (0-based).
        second: The later statement's place (0-based, greater than ``first``).
        stated: The two statements' dates, as written.
        stances: The two statements' stances.
    """

    position: str
    first: int
    second: int
    stated: tuple[str, str]
    stances: tuple[str, str]

    def to_json(self) -> dict[str, object]:
        """The conflict as a JSON object (statement indexes 0-based)."""
        return {
            "position": self.position,
            "statements": [self.first, self.second],
            "stated": list(self.stated),
            "stances": list(self.stances),
        }


def conflicting_pairs(statements: Sequence[Statement]) -> list[tuple[int, int]]:
    """Every pair ``(i, j)``, ``i < j``, of statements whose dates overlap (neither is
    certainly before the other) and whose directional stances differ.

    ``unclear`` gives no direction to conflict with, and a withdrawn statement is no longer
    evidence. Each statement's stance (``None`` when it cannot conflict) and bounds are
    looked up once, the date test of `UncertainDate.relation` inlined; a position with
    fewer than two stances that can conflict has no pair and is done at once."""
    items = [
        (
            s.stance if s.withdrawn is None and s.stance.side is not None else None,
            s.stated.earliest,
            s.stated.latest,
        )
        for s in statements
    ]
    if len({stance for stance, _, _ in items if stance is not None}) < 2:
        return []
    pairs = []
    for j, (stance, lo, hi) in enumerate(items):
        if stance is None:
            continue
        for i in range(j):
            other, earliest, latest = items[i]
            if other is None or other == stance:
                continue
            if latest is not None and lo is not None and latest < lo:
                continue  # the earlier one certainly before
            if earliest is not None and hi is not None and earliest > hi:
                continue  # certainly after
            pairs.append((i, j))
    return pairs


def conflicts(positions: Mapping[str, Position]) -> tuple[Conflict, ...]:
    """The conflicting evidence of every position, by position id, then statement."""
    found = []
    for pid in sorted(positions):
        statements = positions[pid].statements
        for i, j in conflicting_pairs(statements):
            a, b = statements[i], statements[j]
            found.append(
                Conflict(pid, i, j, (str(a.stated), str(b.stated)), (str(a.stance), str(b.stance)))
            )
    return tuple(found)


def own_source(source: Source, actor: str) -> str | None:
    """Why ``source`` is ``actor``'s own, or ``None`` when it is not.

    A source is the actor's own when its text is attributed to the actor, or when its
    publisher or author is the actor (publisher and author are free text; they count only
    when they are exactly the actor's id). The actor's *party* as publisher does not make
    it own: a national party's press release that reports a branch's vote is a report
    about the branch, and a branch's page on the party's site is attributed to the branch
    (decision 0015).
    """
    if source.attribution.actor == actor:
        return f"its text is attributed to '{actor}'"
    for name, value in (("publisher", source.publisher), ("author", source.author)):
        if value == actor:
            return f"its {name} is '{value}', the actor"
    return None


@dataclass
class _Report:
    files: Mapping[tuple[Kind, str], ParsedFile]
    problems: list[Problem]

    def __call__(  # noqa: PLR0913 — one argument per field of the Problem it makes
        self,
        key: tuple[Kind, str],
        loc: Sequence[int | str],
        code: str,
        message: str,
        hint: str,
        severity: Literal["error", "warning"] = "error",
    ) -> None:
        parsed = self.files[key]
        line = locate(parsed.text, loc) if parsed.text else None
        where = field_path(loc) or None
        self.problems.append(Problem(parsed.path, line, where, code, message, hint, severity))


def _check_source(report: _Report, source: Source) -> None:
    published, retrieved = source.published, source.retrieved
    if published is not None and retrieved is not None and retrieved.certainly_before(published):
        report(
            ("source", source.id),
            ("retrieved",),
            "retrieved_before_published",
            f"the source was retrieved ({retrieved}) before it was published ({published})",
            "A copy cannot be taken before the document exists: check both dates.",
        )


def _check_statement(report: _Report, position: Position, index: int, source: Source) -> None:
    statement = position.statements[index]
    key: tuple[Kind, str] = ("position", position.id)
    here = ("statements", index)
    published = source.published
    if (
        statement.provenance == "made"
        and published is not None
        and statement.stated.certainly_before(published)
    ):
        report(
            key,
            (*here, "stated"),
            "made_before_published",
            f"the statement is dated {statement.stated}, before its source '{source.id}' was "
            f"published ({published}), yet it is made in that source",
            "Check both dates; if the source reports what the actor said earlier, add "
            "'provenance: reported'.",
        )
    why = own_source(source, position.actor) if statement.provenance == "reported" else None
    if why is not None:
        report(
            key,
            (*here, "provenance"),
            "reported_own_source",
            f"the statement is marked 'reported', but '{source.id}' is the actor's own "
            f"source ({why})",
            "Remove 'provenance: reported': in its own source the actor makes the statement.",
        )


def _check_position(report: _Report, position: Position, dataset: Dataset) -> None:
    key: tuple[Kind, str] = ("position", position.id)
    statements = position.statements
    for index, statement in enumerate(statements):
        if statement in statements[:index]:
            first = statements.index(statement)
            report(
                key,
                ("statements", index),
                "duplicate_statement",
                f"this statement repeats statements[{first}] exactly",
                "Delete one of the two copies.",
            )
        source = dataset.sources.get(statement.source)
        if source is not None and statement.withdrawn is None:  # withdrawn: kept as it was
            _check_statement(report, position, index, source)
    for i, j in conflicting_pairs(statements):
        a, b = statements[i], statements[j]
        report(
            key,
            ("statements", j, "stance"),
            "conflicting_evidence",
            f"conflicting evidence: statements[{i}] ({a.stated}: {a.stance}) and this one "
            f"({b.stated}: {b.stance}) may be from the same time but differ in stance",
            "Check both sources; narrow the dates if one is certainly later, or say in "
            "'note' how they fit together.",
            severity="warning",
        )


def check_evidence_rules(
    files: Mapping[tuple[Kind, str], ParsedFile], dataset: Dataset
) -> list[Problem]:
    """The problems of the checks above, for the valid records of ``dataset``.

    Args:
        files: The file of each valid record, by ``(kind, id)`` (to name path and line).
        dataset: The valid records.
    """
    problems: list[Problem] = []
    report = _Report(files, problems)
    for source in dataset.sources.values():
        _check_source(report, source)
    for position in dataset.positions.values():
        _check_position(report, position, dataset)
    return problems


def unknown_reference_hint(target: Kind, value: str, known: Iterable[str]) -> str:
    """The remedy for a reference to no record: the nearest ids, else how to add one."""
    suggestion = did_you_mean(value, known)
    add = f"add positions/{KINDS[target]}/{value}.yaml first"
    if suggestion:
        return f"{suggestion} Otherwise {add}."
    return f"Check the spelling, or {add}."


_LAYOUT = ("position_id", "path_mismatch")
_REFERENCES: tuple[Kind, ...] = ("actor", "issue")


def _raw(text: str) -> dict[str, Any] | None:
    try:
        return _yaml.load(text.encode("utf-8"))
    except _yaml.YamlProblem:
        return None


def explain_unknown_references(
    files: Iterable[ParsedFile], dataset: Dataset, problems: list[Problem]
) -> list[Problem]:
    """``problems``, with a position file's unknown ``actor`` or ``issue`` reported first.

    A position whose actor is a typo (``actor: kfr``) fails the layout checks: its id must
    be ``kfr--…`` (``position_id``) or its file belongs in ``statements/kfr/``
    (``path_mismatch``). Advice to spread the typo into the id and the path misleads, so
    for such a file the unknown reference is reported (with the nearest ids), and the
    layout problem says that it follows from it.
    """
    replaced: dict[Problem, Problem] = {}
    added: list[Problem] = []
    for parsed in files:
        layout = [p for p in parsed.problems if p.code in _LAYOUT]
        if parsed.kind != "position" or not layout or parsed.text is None:
            continue
        raw = _raw(parsed.text)
        if raw is None:
            continue
        unknown = [
            (target, value)
            for target in _REFERENCES
            if isinstance(value := raw.get(target), str) and value not in dataset.of_kind(target)
        ]
        if not unknown:
            continue
        for target, value in unknown:
            known = dataset.of_kind(target)
            added.append(
                Problem(
                    parsed.path,
                    locate(parsed.text, (target,)),
                    target,
                    "unknown_reference",
                    f"there is no {target} with the id '{value}'",
                    unknown_reference_hint(target, value, known),
                )
            )
        fields = " and ".join(f"the {t} '{v}'" for t, v in unknown)
        for problem in layout:
            replaced[problem] = replace(
                problem,
                message=f"the id and the file's path follow from the actor and the issue, "
                f"and no record has {fields}",
                hint="Correct the unknown reference first (see the problem above); then the "
                "id is '<actor>--<issue>' and the file is statements/<actor>/<issue>.yaml.",
            )
    if not replaced:
        return problems
    return [replaced.get(p, p) for p in problems] + added
