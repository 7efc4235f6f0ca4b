"""Checks that span records: references, duplicates, quotes, order and dates.

Each file is first read on its own ([`standpunkt.parse_record`][standpunkt.parse_record]); the
checks here look at the valid records together and report [`Problem`][standpunkt.Problem] values:

=========================  ==============================================================
code                       meaning
=========================  ==============================================================
``duplicate_id``           two files hold records of one kind with the same id
``unknown_reference``      an actor, issue, party or source id that no record has
``not_a_party``            ``party`` names an actor that is not a national party
``archive_missing``        a source's archived text file does not exist or is unreadable
``quote_not_found``        a quote is not in the source's archived text, verbatim
``notice_not_found``       a publisher notice is not in the archived text, verbatim
``statements_order``       a statement is certainly older than the one before it
``future_date``            a date that is certainly after today
``stated_after_retrieval`` a statement certainly made after its source was retrieved
``attribution_mismatch``   a statement "made" in a source attributed to another actor
``notice_contradicts_date`` (warning) a publisher notice's age contradicts ``published``
=========================  ==============================================================

Quotes are compared after Unicode NFC normalisation and folding runs of white space to one
space (line breaks in a copied passage do not matter), nothing else (``_quotes.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from ._dataset import Dataset
from ._dates import UncertainDate
from ._files import ParsedFile, field_path, locate
from ._kinds import REGISTRY
from ._layout import KINDS, Kind
from ._models import Actor, Position, Record, Source
from ._notices import DEFAULT_RULES, NoticeRule, read_notice
from ._problems import Problem
from ._quotes import fold as _fold

__all__ = ["CROSS_CHECKS", "build_dataset", "sort_problems"]

#: The codes of the checks between valid records (the table above): a file with only these
#: problems still gives its record.
CROSS_CHECKS = frozenset(
    {
        "unknown_reference",
        "not_a_party",
        "archive_missing",
        "quote_not_found",
        "notice_not_found",
        "statements_order",
        "future_date",
        "stated_after_retrieval",
        "attribution_mismatch",
        "notice_contradicts_date",
    }
)


@dataclass
class _Checker:
    files: dict[tuple[Kind, str], ParsedFile]
    dataset: Dataset
    folded: dict[str, str]
    today: dt.date
    problems: list[Problem]
    rules: Sequence[NoticeRule] = DEFAULT_RULES

    def report(  # noqa: PLR0913 — one argument per field of the Problem it makes
        self,
        kind: Kind,
        rid: str,
        loc: Sequence[int | str],
        code: str,
        msg: str,
        hint: str,
        severity: Literal["error", "warning"] = "error",
    ) -> None:
        parsed = self.files[(kind, rid)]
        line = locate(parsed.text, loc) if parsed.text else None
        where = field_path(loc) or None
        self.problems.append(Problem(parsed.path, line, where, code, msg, hint, severity))

    def ref(
        self, kind: Kind, rid: str, loc: Sequence[int | str], target: Kind, value: str | None
    ) -> bool:
        if value is None or value in self.dataset.of_kind(target):
            return True
        self.report(
            kind,
            rid,
            loc,
            "unknown_reference",
            f"there is no {target} with the id '{value}'",
            f"Check the spelling, or add positions/{KINDS[target]}/{value}.yaml first.",
        )
        return False

    def future(self, kind: Kind, rid: str, loc: Sequence[int | str], value: object) -> None:
        if isinstance(value, UncertainDate) and value.certainly_after(self.today):
            self.report(
                kind,
                rid,
                loc,
                "future_date",
                f"the date {value} is certainly after today ({self.today.isoformat()})",
                "Correct the date; for a date only known to be before a day, write ../DAY.",
            )


def _check_actor(c: _Checker, actor: Actor) -> None:
    if not c.ref("actor", actor.id, ("party",), "actor", actor.party):
        return
    party = c.dataset.actors[actor.party]
    if party.level != "national" or party.party != party.id:
        c.report(
            "actor",
            actor.id,
            ("party",),
            "not_a_party",
            f"'{actor.party}' is not a national party (its level is {party.level}, "
            f"its party {party.party})",
            "Point 'party' at the national party's actor, whose own party is itself.",
        )


def _check_notices(c: _Checker, source: Source) -> None:
    if source.published is None:
        return
    for index, notice in enumerate(source.notices):
        reading = read_notice(notice, source.retrieved, c.today, c.rules)
        too_new = (
            reading.published_latest is not None
            and source.published.earliest is not None
            and source.published.earliest > reading.published_latest
        )
        too_old = (
            reading.published_earliest is not None
            and source.published.latest is not None
            and source.published.latest < reading.published_earliest
        )
        if too_new or too_old:
            lo, hi = reading.published_earliest, reading.published_latest
            bounds = (
                f"between {lo} and {hi}"
                if lo and hi
                else f"on or before {hi}"
                if hi
                else f"on or after {lo}"
            )
            c.report(
                "source",
                source.id,
                ("notices", index),
                "notice_contradicts_date",
                f"the notice says the source is {reading.describe()} old when retrieved "
                f"(so published {bounds}), but 'published' is {source.published}",
                "Check the publication and retrieval dates against the notice.",
                severity="warning",
            )


def _check_source(c: _Checker, source: Source) -> None:
    c.ref("source", source.id, ("attribution", "actor"), "actor", source.attribution.actor)
    c.future("source", source.id, ("published",), source.published)
    c.future("source", source.id, ("retrieved",), source.retrieved)
    _check_notices(c, source)
    archived = c.folded.get(source.id)
    if archived is None:
        c.report(
            "source",
            source.id,
            ("archive",),
            "archive_missing",
            f"the archived text positions/{source.archive} does not exist or is not UTF-8 text",
            "Save the document's text there, verbatim, as UTF-8.",
        )
        return
    for index, notice in enumerate(source.notices):
        if _fold(notice) not in archived:
            c.report(
                "source",
                source.id,
                ("notices", index),
                "notice_not_found",
                f"the notice '{_short(notice)}' is not in positions/{source.archive}",
                "Copy the notice exactly as the archived text has it.",
            )


def _check_position(c: _Checker, position: Position) -> None:
    pid = position.id
    c.ref("position", pid, ("actor",), "actor", position.actor)
    c.ref("position", pid, ("issue",), "issue", position.issue)
    previous = None
    for index, statement in enumerate(position.statements):
        here: tuple[int | str, ...] = ("statements", index)
        c.future("position", pid, (*here, "stated"), statement.stated)
        if statement.withdrawn is not None:
            c.future("position", pid, (*here, "withdrawn", "date"), statement.withdrawn.date)
        if previous is not None and statement.stated.certainly_before(previous):
            c.report(
                "position",
                pid,
                (*here, "stated"),
                "statements_order",
                f"this statement ({statement.stated}) is certainly older than the one before "
                f"it ({previous})",
                "Order the statements oldest first.",
            )
        previous = statement.stated
        if not c.ref("position", pid, (*here, "source"), "source", statement.source):
            continue
        source = c.dataset.sources[statement.source]
        speaker = source.attribution.actor
        if statement.provenance == "made" and speaker is not None and speaker != position.actor:
            c.report(
                "position",
                pid,
                (*here, "provenance"),
                "attribution_mismatch",
                f"the source '{source.id}' is attributed to '{speaker}', so it cannot contain "
                f"a statement made by '{position.actor}'",
                "If the source reports this actor's stance, add 'provenance: reported'.",
            )
        if source.retrieved is not None and statement.stated.certainly_after(source.retrieved):
            c.report(
                "position",
                pid,
                (*here, "stated"),
                "stated_after_retrieval",
                f"the statement is dated {statement.stated}, after its source was retrieved "
                f"({source.retrieved})",
                "A source cannot record what was said after it was copied: check both dates.",
            )
        archived = c.folded.get(source.id)
        if archived is None:
            continue
        for q, quote in enumerate(statement.quotes):
            if _fold(quote) not in archived:
                c.report(
                    "position",
                    pid,
                    (*here, "quotes", q),
                    "quote_not_found",
                    f"the quote '{_short(quote)}' is not in the archived text of "
                    f"'{source.id}' (positions/{source.archive})",
                    "Copy the passage exactly; only differences in white space are ignored.",
                )


def _short(text: str, limit: int = 60) -> str:
    text = _fold(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _duplicates(
    files: Iterable[ParsedFile], problems: list[Problem]
) -> dict[tuple[Kind, str], ParsedFile]:
    first: dict[tuple[Kind, str], ParsedFile] = {}
    for parsed in files:
        if parsed.record is None:
            continue
        key = (parsed.kind, parsed.record.id)
        if key in first:
            if first[key].path == parsed.path:
                message = (
                    f"two files are named {parsed.path}, with the same letters in different "
                    f"Unicode forms (NFC and NFD), and hold the same {parsed.kind} id"
                )
                hint = "Delete one of them (keep the one whose name is in NFC form)."
            else:
                message = (
                    f"the {parsed.kind} id '{parsed.record.id}' is also used by {first[key].path}"
                )
                hint = "Give each record its own id, or merge the two files."
            line = locate(parsed.text or "", ("id",))
            problems.append(Problem(parsed.path, line, "id", "duplicate_id", message, hint))
            continue
        first[key] = parsed
    return first


def build_dataset(
    files: Sequence[ParsedFile],
    read_archive: Callable[[str], bytes | None],
    today: dt.date,
    rules: Sequence[NoticeRule] = DEFAULT_RULES,
) -> tuple[Dataset, list[Problem]]:
    """Check the parsed files together; return the dataset of valid records and problems.

    Args:
        files: Every record file read, valid or not.
        read_archive: Gives the bytes of a path relative to ``positions/`` (``None`` if absent).
        today: The reference day for "in the future".
        rules: The notice rules, to check notices against publication dates.
    """
    problems = [p for f in files for p in f.problems]
    unique = _duplicates(files, problems)
    tables: dict[Kind, dict[str, Record]] = {kind: {} for kind in REGISTRY}
    for (kind, rid), parsed in unique.items():
        assert parsed.record is not None
        tables[kind][rid] = parsed.record
    archives: dict[str, str] = {}
    for rid, record in tables["source"].items():
        assert isinstance(record, Source)
        data = read_archive(record.archive)
        if data is not None:
            try:
                archives[rid] = data.decode("utf-8")
            except UnicodeDecodeError:
                pass
    typed = {
        info.field: {k: v for k, v in tables[kind].items() if isinstance(v, info.model)}
        for kind, info in REGISTRY.items()
    }
    dataset = Dataset(**typed, archives=archives)  # type: ignore[arg-type]
    folded = {k: _fold(v) for k, v in archives.items()}
    checker = _Checker(unique, dataset, folded, today, problems, rules)
    for actor in dataset.actors.values():
        _check_actor(checker, actor)
    for source in dataset.sources.values():
        _check_source(checker, source)
    for position in dataset.positions.values():
        _check_position(checker, position)
    return dataset, sort_problems(problems)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in a stable order: by file, line, field, code."""
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.field or "", p.code, p.message))
