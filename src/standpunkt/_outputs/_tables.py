"""The export's tables, declared once: every table's columns, types, keys and meaning.

The SQLite schema, the CSV headers and the codebook in ``docs/codebook.md``
(`codebook`) all come from `TABLES`; a test keeps the codebook current.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["TABLES", "Column", "Table", "codebook"]


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


def codebook() -> str:
    """The codebook (``docs/codebook.md``): every table and column with type and meaning."""
    lines = [
        "# Codebook: the exported tables",
        "",
        "<!-- Generated from standpunkt._outputs._tables.TABLES by `make cli-docs`; "
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
