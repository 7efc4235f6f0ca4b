"""Export for analysis: tidy tables (one row per fact) as CSV, JSON Lines or SQLite.

The tables and their columns are declared once, in :data:`TABLES`; the SQLite schema, the
CSV headers and the codebook in ``docs/codebook.md`` all come from that declaration (a test
keeps the codebook current). Output is deterministic: the same repository, question and
reference date give the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .._errors import UsageError
from .._query._changes import classify_change
from .._query._snapshot import Snapshot
from .._query._staleness import StalenessReport
from .._records._dataset import Dataset
from .._store._save import atomic_write
from .._store._versions import History, Version

__all__ = [
    "Column",
    "TABLES",
    "Table",
    "build_tables",
    "check_export_target",
    "write_export",
]

Row = dict[str, Any]
Format = Literal["csv", "jsonl", "sqlite"]


@dataclass(frozen=True)
class Column:
    """One column of an exported table.

    Attributes:
        name: The column name.
        type: ``TEXT``, ``INTEGER`` or ``REAL`` (SQLite types; CSV holds them as text).
        meaning: What the column holds, for the codebook.
        references: ``table(column)`` for a foreign key, if any.
    """

    name: str
    type: Literal["TEXT", "INTEGER", "REAL"]
    meaning: str
    references: str | None = None


@dataclass(frozen=True)
class Table:
    """One exported table.

    Attributes:
        name: The table name (and CSV/JSONL file name).
        meaning: One row per what.
        columns: The columns, in order.
        key: The primary key columns.
        indexes: Extra indexed columns (SQLite).
        history: ``True`` for tables written only with ``--history``.
    """

    name: str
    meaning: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    indexes: tuple[str, ...] = ()
    history: bool = False


def _c(
    name: str,
    type_: Literal["TEXT", "INTEGER", "REAL"],
    meaning: str,
    references: str | None = None,
) -> Column:
    return Column(name, type_, meaning, references)


TABLES: tuple[Table, ...] = (
    Table(
        "actors",
        "one row per actor (party or branch)",
        (
            _c("id", "TEXT", "Actor id."),
            _c("name", "TEXT", "Name the actor uses."),
            _c("party", "TEXT", "Id of the national party (an actor).", "actors(id)"),
            _c("level", "TEXT", "national, county, municipal or other."),
            _c("region", "TEXT", "County or municipality of a branch; empty for national."),
            _c("url", "TEXT", "The actor's web address, if any."),
        ),
        ("id",),
        ("party",),
    ),
    Table(
        "issues",
        "one row per issue",
        (
            _c("id", "TEXT", "Issue id."),
            _c("title", "TEXT", "Short title."),
            _c("proposition", "TEXT", "The proposition in Norwegian; support means agreeing."),
            _c("proposition_en", "TEXT", "The proposition in English, if given."),
            _c("topic", "TEXT", "Topic id, e.g. rusreform."),
            _c("description", "TEXT", "Background, if given."),
        ),
        ("id",),
        ("topic",),
    ),
    Table(
        "sources",
        "one row per source document",
        (
            _c("id", "TEXT", "Source id."),
            _c("kind", "TEXT", "programme, web_page, op_ed, press_release or other."),
            _c("title", "TEXT", "Title as printed (or a description in brackets)."),
            _c("url", "TEXT", "Web address, if known."),
            _c("publisher", "TEXT", "Publisher: an actor id or a name; empty if unknown."),
            _c("author", "TEXT", "Named author, if any."),
            _c("language", "TEXT", "BCP 47 language tag."),
            _c("published", "TEXT", "Publication date as EDTF text (may be an interval)."),
            _c(
                "published_earliest",
                "TEXT",
                "Earliest possible publication day (ISO); empty if open.",
            ),
            _c("published_latest", "TEXT", "Latest possible publication day (ISO); empty if open."),
            _c("retrieved", "TEXT", "Retrieval date as EDTF text."),
            _c("attribution_status", "TEXT", "named, inferred or unattributed."),
            _c("attributed_actor", "TEXT", "Actor the text is attributed to.", "actors(id)"),
            _c("attribution_confidence", "REAL", "Confidence of an inferred attribution (0-1]."),
            _c("attribution_evidence", "TEXT", "The evidence, as a JSON array of sentences."),
            _c("archive", "TEXT", "Path of the archived text under positions/."),
            _c("stale", "INTEGER", "1 if stale at the export's reference date, else 0."),
            _c("stale_reason", "TEXT", "Why it is stale; empty if not."),
        ),
        ("id",),
    ),
    Table(
        "notices",
        "one row per publisher notice",
        (
            _c("source", "TEXT", "Source id.", "sources(id)"),
            _c("notice_index", "INTEGER", "Position of the notice in the source (0-based)."),
            _c("notice", "TEXT", "The notice, verbatim."),
            _c("reading", "TEXT", "What it says about age (e.g. about 15 years), or unparsed."),
            _c("published_earliest", "TEXT", "Earliest publication day the notice allows."),
            _c("published_latest", "TEXT", "Latest publication day the notice allows."),
        ),
        ("source", "notice_index"),
    ),
    Table(
        "statements",
        "one row per statement (an actor's stance on an issue at a date)",
        (
            _c("position", "TEXT", "Position id: `<actor>--<issue>`."),
            _c("statement_index", "INTEGER", "Order within the position, oldest first (0-based)."),
            _c("actor", "TEXT", "Actor id.", "actors(id)"),
            _c("party", "TEXT", "The actor's national party id."),
            _c("level", "TEXT", "The actor's level."),
            _c("region", "TEXT", "The actor's region."),
            _c("issue", "TEXT", "Issue id.", "issues(id)"),
            _c("topic", "TEXT", "The issue's topic."),
            _c("stated", "TEXT", "When stated, as EDTF text (may be an interval)."),
            _c("stated_earliest", "TEXT", "Earliest possible day (ISO); empty if open."),
            _c("stated_latest", "TEXT", "Latest possible day (ISO); empty if open."),
            _c("stated_uncertain", "INTEGER", "1 if the date overlaps the export's --stated date."),
            _c(
                "stance",
                "TEXT",
                "strongly_oppose, oppose, mixed, support, strongly_support, unclear.",
            ),
            _c(
                "stance_value",
                "INTEGER",
                "-2 (strongly oppose) to 2 (strongly support); empty: unclear.",
            ),
            _c("source", "TEXT", "Source id.", "sources(id)"),
            _c("url", "TEXT", "The source's web address."),
            _c("published_earliest", "TEXT", "Earliest possible publication day of the source."),
            _c("published_latest", "TEXT", "Latest possible publication day of the source."),
            _c(
                "attribution_status",
                "TEXT",
                "named, inferred or unattributed (the source's).",
            ),
            _c("attribution_confidence", "REAL", "Confidence of an inferred attribution."),
            _c(
                "reported",
                "INTEGER",
                "1 if the source reports this actor's stance.",
            ),
            _c(
                "provenance",
                "TEXT",
                "Qualifications: reported by …; attributed … by inference.",
            ),
            _c("note", "TEXT", "The recorder's note, if any."),
            _c("stale", "INTEGER", "1 if the source is stale at the export's reference date."),
            _c("stale_reason", "TEXT", "Why the source is stale; empty if not."),
            _c(
                "verified",
                "INTEGER",
                "1 if the evidence checks out: the source is a valid record with an archived "
                "text that holds every quote. 0 rows appear only with --include-unverified.",
            ),
            _c(
                "unverified_reason",
                "TEXT",
                "The failed checks (quote_not_found, unknown_reference, archive_missing), "
                "separated by '; '; empty if verified.",
            ),
        ),
        ("position", "statement_index"),
        ("actor", "issue", "stated_earliest", "stated_latest"),
    ),
    Table(
        "quotes",
        "one row per verbatim quote",
        (
            _c("position", "TEXT", "Position id."),
            _c("statement_index", "INTEGER", "The statement within the position."),
            _c("quote_index", "INTEGER", "Order of the quote in the statement (0-based)."),
            _c("quote", "TEXT", "The quote, verbatim from the archived source text."),
            _c(
                "verified",
                "INTEGER",
                "The statement's verified flag (see statements); 0 only with --include-unverified.",
            ),
        ),
        ("position", "statement_index", "quote_index"),
    ),
    Table(
        "versions",
        "one row per version of a record in git history",
        (
            _c("kind", "TEXT", "actor, issue, source or position."),
            _c("record_id", "TEXT", "The record's id (identity across renames)."),
            _c("version_index", "INTEGER", "Order of the version (0-based)."),
            _c("commit_sha", "TEXT", "The commit; empty for an uncommitted working-tree version."),
            _c("committed", "TEXT", "Committer date (ISO 8601 with offset)."),
            _c("author", "TEXT", "Commit author."),
            _c("message", "TEXT", "Commit message."),
            _c("path", "TEXT", "The file's path in this version."),
            _c("status", "TEXT", "valid, invalid or deleted."),
            _c("errors", "TEXT", "For invalid versions: the problems, as a JSON array."),
        ),
        ("kind", "record_id", "version_index"),
        ("committed",),
        True,
    ),
    Table(
        "changes",
        "one row per change of a position between consecutive valid versions",
        (
            _c("position", "TEXT", "Position id."),
            _c("version_index", "INTEGER", "The later version (see versions)."),
            _c("commit_sha", "TEXT", "The commit that made the change."),
            _c("committed", "TEXT", "Committer date of that commit."),
            _c("change", "TEXT", "The class, as in diff reports (new, reversed, evidence …)."),
            _c("stance_before", "TEXT", "Newest stance before; empty for new."),
            _c("stance_after", "TEXT", "Newest stance after; empty for withdrawn."),
        ),
        ("position", "version_index"),
        ("committed",),
        True,
    ),
)
_BY_NAME = {table.name: table for table in TABLES}
_VIEWS = {
    "current_stance": (
        "SELECT s.* FROM statements s JOIN (SELECT position, MAX(statement_index) AS last "
        "FROM statements GROUP BY position) m ON s.position = m.position "
        "AND s.statement_index = m.last"
    ),
    "changes_per_year": (
        "SELECT substr(committed, 1, 4) AS year, change, COUNT(*) AS count FROM changes "
        "GROUP BY year, change ORDER BY year, change"
    ),
}


def _day(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _reference_rows(dataset: Dataset, stale: StalenessReport) -> dict[str, list[Row]]:
    ages = stale.sources
    actors = [
        {
            "id": a.id,
            "name": a.name,
            "party": a.party,
            "level": a.level,
            "region": a.region,
            "url": a.url,
        }
        for _, a in sorted(dataset.actors.items())
    ]
    issues = [
        {
            "id": i.id,
            "title": i.title,
            "proposition": i.proposition,
            "proposition_en": i.proposition_en,
            "topic": i.topic,
            "description": i.description,
        }
        for _, i in sorted(dataset.issues.items())
    ]
    sources, notices = [], []
    for sid, s in sorted(dataset.sources.items()):
        age = ages.get(sid)
        sources.append(
            {
                "id": s.id,
                "kind": s.kind,
                "title": s.title,
                "url": s.url,
                "publisher": s.publisher,
                "author": s.author,
                "language": s.language,
                "published": None if s.published is None else str(s.published),
                "published_earliest": _day(s.published.earliest) if s.published else None,
                "published_latest": _day(s.published.latest) if s.published else None,
                "retrieved": None if s.retrieved is None else str(s.retrieved),
                "attribution_status": s.attribution.status,
                "attributed_actor": s.attribution.actor,
                "attribution_confidence": s.attribution.confidence,
                "attribution_evidence": json.dumps(
                    list(s.attribution.evidence), ensure_ascii=False
                ),
                "archive": s.archive,
                "stale": int(bool(age and age.stale)),
                "stale_reason": "; ".join(age.reasons) if age and age.stale else None,
            }
        )
        for index, reading in enumerate(age.notices if age else ()):
            notices.append(
                {
                    "source": sid,
                    "notice_index": index,
                    "notice": reading.notice,
                    "reading": reading.describe(),
                    "published_earliest": _day(reading.published_earliest),
                    "published_latest": _day(reading.published_latest),
                }
            )
    return {"actors": actors, "issues": issues, "sources": sources, "notices": notices}


def _statement_rows(snapshot: Snapshot, stale: StalenessReport) -> dict[str, list[Row]]:
    from .._query._provenance import provenance_flags

    dataset = snapshot.dataset
    statements, quotes = [], []
    for pid, entry in sorted(snapshot.positions.items()):
        position = entry.position
        actor = dataset.actors.get(position.actor)
        issue = dataset.issues.get(position.issue)
        for index, (s, uncertain) in enumerate(
            zip(position.statements, entry.uncertain, strict=True)
        ):
            source = dataset.sources.get(s.source)
            age = stale.sources.get(s.source)
            statements.append(
                {
                    "position": pid,
                    "statement_index": index,
                    "actor": position.actor,
                    "party": actor.party if actor else None,
                    "level": actor.level if actor else None,
                    "region": actor.region if actor else None,
                    "issue": position.issue,
                    "topic": issue.topic if issue else None,
                    "stated": str(s.stated),
                    "stated_earliest": _day(s.stated.earliest),
                    "stated_latest": _day(s.stated.latest),
                    "stated_uncertain": int(uncertain),
                    "stance": s.stance.value,
                    "stance_value": s.stance.value_number,
                    "source": s.source,
                    "url": source.url if source else None,
                    "published_earliest": _day(source.published.earliest)
                    if source and source.published
                    else None,
                    "published_latest": _day(source.published.latest)
                    if source and source.published
                    else None,
                    "attribution_status": source.attribution.status if source else None,
                    "attribution_confidence": source.attribution.confidence if source else None,
                    "reported": int(s.provenance == "reported"),
                    "provenance": "; ".join(provenance_flags(dataset, s)) or None,
                    "note": s.note,
                    "stale": int(bool(age and age.stale)),
                    "stale_reason": "; ".join(age.reasons) if age and age.stale else None,
                    "verified": int(not entry.failed_checks(index)),
                    "unverified_reason": "; ".join(entry.failed_checks(index)) or None,
                }
            )
            for q, quote in enumerate(s.quotes):
                quotes.append(
                    {
                        "position": pid,
                        "statement_index": index,
                        "quote_index": q,
                        "quote": quote,
                        "verified": int(not entry.failed_checks(index)),
                    }
                )
    return {"statements": statements, "quotes": quotes}


def _version_rows(history: History) -> dict[str, list[Row]]:
    versions: list[Row] = []
    changes: list[Row] = []
    for (kind, rid), items in history.versions.items():
        last_valid: Version | None = None
        for index, v in enumerate(items):
            commit = v.commit
            versions.append(
                {
                    "kind": kind,
                    "record_id": rid,
                    "version_index": index,
                    "commit_sha": commit.sha if commit else None,
                    "committed": commit.committed.isoformat() if commit else None,
                    "author": commit.author if commit else None,
                    "message": commit.message if commit else None,
                    "path": v.path,
                    "status": "deleted" if v.deleted else ("valid" if v.valid else "invalid"),
                    "errors": json.dumps([p.to_json() for p in v.problems], ensure_ascii=False)
                    if v.problems
                    else None,
                }
            )
            if kind != "position" or not (v.valid or v.deleted):
                continue
            change = _position_change(last_valid, v)
            if change is not None:
                changes.append(
                    {
                        "position": rid,
                        "version_index": index,
                        "commit_sha": commit.sha if commit else None,
                        "committed": commit.committed.isoformat() if commit else None,
                        **change,
                    }
                )
            last_valid = None if v.deleted else v
    return {"versions": versions, "changes": changes}


def _position_change(before: Version | None, after: Version) -> dict[str, Any] | None:
    from .._records._models import Position

    old = before.record if before else None
    new = after.record
    assert old is None or isinstance(old, Position)
    assert new is None or isinstance(new, Position)
    if old is None and new is None:
        return None
    stance_before = old.latest().stance if old else None
    stance_after = new.latest().stance if new else None
    change = classify_change(
        old.statements if old else (), new.statements if new else (), "recorded"
    )
    if change.value == "unchanged":
        return None
    return {
        "change": change.value,
        "stance_before": stance_before.value if stance_before else None,
        "stance_after": stance_after.value if stance_after else None,
    }


def build_tables(
    snapshot: Snapshot, staleness: StalenessReport, history: History | None = None
) -> dict[str, list[Row]]:
    """Every table's rows, as plain dicts (``pandas.DataFrame(rows)`` takes them as they are).

    Args:
        snapshot: The records and statements to export.
        staleness: Staleness at the export's reference date.
        history: With it, the ``versions`` and ``changes`` tables are added.
    """
    tables = {
        **_reference_rows(snapshot.dataset, staleness),
        **_statement_rows(snapshot, staleness),
    }
    if history is not None:
        tables.update(_version_rows(history))
    return {name: tables[name] for name in (t.name for t in TABLES) if name in tables}


# --------------------------------------------------------------------------------- writing


def _csv_text(table: Table, rows: Iterable[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow([c.name for c in table.columns])
    for row in rows:
        writer.writerow(["" if row[c.name] is None else row[c.name] for c in table.columns])
    return out.getvalue()


def _jsonl_text(table: Table, rows: Iterable[Row]) -> str:
    return "".join(
        json.dumps({c.name: row[c.name] for c in table.columns}, ensure_ascii=False) + "\n"
        for row in rows
    )


def _ddl(table: Table) -> Iterator[str]:
    columns = [f'"{c.name}" {c.type}' for c in table.columns]
    columns.append(f"PRIMARY KEY ({', '.join(table.key)})")
    for c in table.columns:
        if c.references:
            target, column = c.references.rstrip(")").split("(")
            columns.append(f'FOREIGN KEY ("{c.name}") REFERENCES {target}({column})')
    yield f'CREATE TABLE "{table.name}" (\n  ' + ",\n  ".join(columns) + "\n)"
    for column in table.indexes:
        yield f'CREATE INDEX "{table.name}_{column}" ON "{table.name}" ("{column}")'


def _write_sqlite(path: Path, tables: Mapping[str, list[Row]]) -> None:
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA foreign_keys = OFF")  # rows go in table order; checked after
        for name, rows in tables.items():
            table = _BY_NAME[name]
            for statement in _ddl(table):
                db.execute(statement)
            marks = ", ".join("?" * len(table.columns))
            db.executemany(
                f'INSERT INTO "{name}" VALUES ({marks})',
                ([row[c.name] for c in table.columns] for row in rows),
            )
        for view, sql in _VIEWS.items():
            if view != "changes_per_year" or "changes" in tables:
                db.execute(f'CREATE VIEW "{view}" AS {sql}')
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()


def write_export(fmt: Format, out: Path, tables: Mapping[str, list[Row]]) -> list[Path]:
    """Write the tables: a folder of ``<table>.csv`` / ``<table>.jsonl`` files, or one SQLite
    file. Files are replaced atomically; returns the paths written."""
    if fmt == "sqlite":
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".sqlite")
        os.close(fd)
        Path(tmp).unlink()
        try:
            _write_sqlite(Path(tmp), tables)
            os.replace(tmp, out)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return [out]
    written = []
    for table in TABLES:  # a table not written this time must not linger from an earlier run
        if table.name not in tables:
            (out / f"{table.name}.{fmt}").unlink(missing_ok=True)
    for name, rows in tables.items():
        table = _BY_NAME[name]
        text = _csv_text(table, rows) if fmt == "csv" else _jsonl_text(table, rows)
        path = out / f"{name}.{fmt}"
        atomic_write(path, text.encode("utf-8"))
        written.append(path)
    return written


def codebook() -> str:
    """The codebook (``docs/codebook.md``): every table and column with type and meaning."""
    lines = [
        "# Codebook: the exported tables",
        "",
        "<!-- Generated from standpunkt._outputs._export.TABLES by `make cli-docs`; "
        "do not edit. -->",
        "",
        "`standpunkt export` writes these tables. Empty cells (CSV) and `null` (JSON Lines) "
        "mean *not known* or *not applicable*. Dates are ISO days; `stated` and `published` "
        "keep the EDTF text as recorded, and `*_earliest` / `*_latest` give its bounds (empty "
        "when open). Flags are 1 or 0.",
        "",
    ]
    for table in TABLES:
        extra = " Written only with `--history`." if table.history else ""
        lines += [
            f"## `{table.name}`",
            "",
            f"One row {table.meaning.removeprefix('one row ')}."
            f" Key: {', '.join(f'`{k}`' for k in table.key)}.{extra}",
            "",
            "| column | type | meaning |",
            "| --- | --- | --- |",
        ]
        for c in table.columns:
            ref = f" References `{c.references}`." if c.references else ""
            lines.append(f"| `{c.name}` | {c.type} | {c.meaning}{ref} |")
        lines.append("")
    lines += ["## Views (SQLite)", ""]
    lines += [
        "- `current_stance`: the newest statement of every position (rows of `statements`).",
        "- `changes_per_year`: with `--history`, the number of changes per year and class.",
        "",
    ]
    return "\n".join(lines)


def check_export_target(format: str, out: object, target: Path, positions_dir: Path) -> None:
    """Refuse an export target inside ``positions/``, or of the wrong type for the format.

    Raises:
        UsageError: ``target`` is inside ``positions/``, a folder for ``sqlite``, or a file
            for ``csv`` and ``jsonl``.
    """
    if target == positions_dir or positions_dir in target.parents:
        raise UsageError(
            f"{out} is inside positions/; export somewhere else, so the tables are not "
            "mixed with the records"
        )
    if format == "sqlite" and target.is_dir():
        raise UsageError(
            f"{out} is a folder; for --format sqlite give a file name, e.g. "
            f"{Path(str(out)) / 'positions.sqlite'}"
        )
    if format != "sqlite" and target.exists() and not target.is_dir():
        raise UsageError(f"{out} is a file; for --format {format} give a folder")
