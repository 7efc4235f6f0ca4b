"""Export for analysis: tidy tables (one row per fact) as CSV, JSON Lines or SQLite.

The tables and their columns are declared once, in `standpunkt._outputs._tables.TABLES`;
the SQLite schema, the
CSV headers and the codebook in ``docs/codebook.md`` all come from that declaration (a test
keeps the codebook current). Output is deterministic: the same repository, question and
reference date give the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import io
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

from .._errors import UsageError, WriteError
from .._query._changes import classify_change, current, newly_withdrawn
from .._query._reader import Reader
from .._query._snapshot import Snapshot
from .._query._staleness import StalenessReport
from .._records._dataset import Dataset
from .._store._atomic import atomic_write
from .._store._gitstore import Recorded
from .._store._history import Progress
from .._store._versions import History, Version
from ._tables import TABLES, Table

__all__ = [
    "build_tables",
    "check_export_target",
    "export_target",
    "gather_tables",
    "write_export",
]

Row = dict[str, Any]
Format = Literal["csv", "jsonl", "sqlite"]


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
    old_current = current(old.statements) if old else ()
    new_current = current(new.statements) if new else ()
    stance_before = old_current[-1].stance if old_current else None
    stance_after = new_current[-1].stance if new_current else None
    withdrawn = newly_withdrawn(old_current, new.statements) if new else ()
    change = classify_change(old_current, new_current, "recorded", withdrawn)
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
        except sqlite3.Error as exc:  # "database or disk is full" is no OSError
            Path(tmp).unlink(missing_ok=True)
            full = "full" in str(exc)
            raise WriteError(
                str(out),
                errno.ENOSPC if full else None,
                f"{out}: cannot write the SQLite file: {exc}. "
                + (
                    "Free some space on that disk, or export to another one."
                    if full
                    else "Check the folder and try again."
                ),
            ) from None
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


def export_target(format: str, out: str | os.PathLike[str], positions_dir: Path) -> Path:
    """``out`` resolved, checked as `check_export_target` does."""
    target = Path(out).resolve()
    check_export_target(format, out, target, positions_dir)
    return target


def gather_tables(  # noqa: PLR0913 — the options of Repository.tables, passed through
    reader: Reader,
    stated: str | dt.date | None,
    recorded: Recorded | None,
    history: bool,
    as_of: str | dt.date | None,
    progress: Progress | None,
    include_unverified: bool,
) -> dict[str, list[Row]]:
    """The tables of [`standpunkt.Repository.tables`][standpunkt.Repository.tables], asked of
    ``reader``."""
    snapshot = reader.at(stated=stated, recorded=recorded, include_unverified=include_unverified)
    staleness = reader.stale(as_of=as_of, snapshot=snapshot)
    versions = reader.history(recorded, progress) if history else None
    return build_tables(snapshot, staleness, versions)
