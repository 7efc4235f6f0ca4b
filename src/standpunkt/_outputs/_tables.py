"""The export's tables, declared once: every table's columns, types, keys and meaning.

The SQLite schema, the CSV headers and the codebook in ``docs/codebook.md``
(`codebook`) all come from `TABLES`; a test keeps the codebook current.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from .._query._reportparts import ChangeClass
from .._records._dates import PRECISIONS
from .._records._layout import Kind
from .._records._stance import Stance
from .._records._vocab import AttributionStatus, Level, SourceKind

__all__ = [
    "IDENTIFIER_SCHEMES",
    "TABLES",
    "VIEWS",
    "Column",
    "ColumnType",
    "Table",
    "codebook",
    "schema_type",
]

#: A column's type. SQLite declares it as written (``DATE``, ``DATETIME`` and ``BOOLEAN``
#: get NUMERIC affinity and hold ISO text and 1/0); the Data Package's Table Schema maps
#: it to ``string``, ``integer``, ``number``, ``date``, ``datetime`` and ``boolean``.
ColumnType = Literal["TEXT", "INTEGER", "REAL", "DATE", "DATETIME", "BOOLEAN"]
#: The identifier schemes of ``actor_identifiers``, in the order of
#: [`Identifiers`][standpunkt.Identifiers].
IDENTIFIER_SCHEMES = ("wikidata", "partyfacts", "manifesto", "parlgov")


@dataclass(frozen=True)
class Column:
    """One column of an exported table.

    Attributes:
        name: The column name.
        type: The column's type (`ColumnType`; CSV holds every value as text, flags
            as 1 or 0, days as ISO dates).
        meaning: What the column holds, for the codebook.
        references: ``table(column)`` for a foreign key, if any.
        values: The closed list of values the column may hold (empty: any).
        bounds: The least and greatest value of a number column, if bounded.
    """

    name: str
    type: ColumnType
    meaning: str
    references: str | None = None
    values: tuple[str, ...] = ()
    bounds: tuple[float, float] | None = None


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
        composite_references: Foreign keys of several columns: ``(columns, table)``, the
            columns naming that table's key.
    """

    name: str
    meaning: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    indexes: tuple[str, ...] = ()
    history: bool = False
    composite_references: tuple[tuple[tuple[str, ...], str], ...] = ()

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        return next(c for c in self.columns if c.name == name)


def _c(
    name: str,
    type_: ColumnType,
    meaning: str,
    references: str | None = None,
) -> Column:
    return Column(name, type_, meaning, references)


def _enum(name: str, values: tuple[str, ...], meaning: str) -> Column:
    return Column(name, "TEXT", f"{meaning} One of: {', '.join(values)}.", values=values)


def _flag(name: str, meaning: str) -> Column:
    return Column(name, "BOOLEAN", meaning)


def _dated(prefix: str, what: str) -> tuple[Column, ...]:
    """An uncertain date's four columns: EDTF text, day bounds, precision."""
    return (
        _c(prefix, "TEXT", f"{what}, as EDTF text as recorded (may be an interval)."),
        _c(f"{prefix}_earliest", "DATE", f"Earliest possible day of {prefix}; empty if open."),
        _c(f"{prefix}_latest", "DATE", f"Latest possible day of {prefix}; empty if open."),
        _enum(f"{prefix}_precision", PRECISIONS, f"How {prefix} is written."),
    )


_STANCES = tuple(s.value for s in Stance)
_STANCE = _enum("stance", _STANCES, "The stance on the issue's proposition.")
_STANCE_VALUE = Column(
    "stance_value",
    "INTEGER",
    "-2 (strongly oppose) to 2 (strongly support); empty: unclear.",
    bounds=(-2, 2),
)
_CONFIDENCE = Column(
    "attribution_confidence",
    "REAL",
    "Confidence of an inferred attribution (0-1].",
    bounds=(0, 1),
)


TABLES: tuple[Table, ...] = (
    Table(
        "actors",
        "one row per actor (party or branch)",
        (
            _c("id", "TEXT", "Actor id."),
            _c("name", "TEXT", "Name the actor uses."),
            _c("party", "TEXT", "Id of the national party (an actor).", "actors(id)"),
            _enum("level", get_args(Level), "Where in the party the actor sits."),
            _c("region", "TEXT", "County or municipality of a branch; empty for national."),
            _c("url", "TEXT", "The actor's web address, if any."),
            _c("note", "TEXT", "The recorder's note (e.g. where the identifiers come from)."),
        ),
        ("id",),
        ("party",),
    ),
    Table(
        "actor_identifiers",
        "one row per identifier of an actor in another dataset",
        (
            _c("actor", "TEXT", "Actor id.", "actors(id)"),
            _enum("scheme", IDENTIFIER_SCHEMES, "The dataset the identifier belongs to."),
            _c(
                "value",
                "TEXT",
                "The identifier as that dataset writes it: a Wikidata QID (Q…), or the "
                "Party Facts id, Manifesto party code or ParlGov party_id (whole numbers).",
            ),
            _c("url", "TEXT", "Where the identifier resolves (Wikidata, Party Facts); else empty."),
        ),
        ("actor", "scheme"),
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
            _enum("kind", get_args(SourceKind), "What sort of document."),
            _c("title", "TEXT", "Title as printed (or a description in brackets)."),
            _c("url", "TEXT", "Web address, if known."),
            _c("publisher", "TEXT", "Publisher: an actor id or a name; empty if unknown."),
            _c("author", "TEXT", "Named author, if any."),
            _c("language", "TEXT", "BCP 47 language tag."),
            *_dated("published", "Publication date"),
            *_dated("retrieved", "Retrieval date of the archived copy"),
            _enum("attribution_status", get_args(AttributionStatus), "Who the text speaks for."),
            _c("attributed_actor", "TEXT", "Actor the text is attributed to.", "actors(id)"),
            _CONFIDENCE,
            _c("attribution_evidence", "TEXT", "The evidence, as a JSON array of sentences."),
            _c("archive", "TEXT", "Path of the archived text under positions/."),
            _flag("stale", "1 if stale at the export's reference date, else 0."),
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
            _c("published_earliest", "DATE", "Earliest publication day the notice allows."),
            _c("published_latest", "DATE", "Latest publication day the notice allows."),
        ),
        ("source", "notice_index"),
    ),
    Table(
        "positions",
        "one row per position (an actor on an issue) with a statement in the export",
        (
            _c("id", "TEXT", "Position id: `<actor>--<issue>`."),
            _c("actor", "TEXT", "Actor id.", "actors(id)"),
            _c("issue", "TEXT", "Issue id.", "issues(id)"),
            _c("statements", "INTEGER", "How many of its statements are exported."),
            _enum("current_stance", _STANCES, "The stance of the newest exported statement."),
            _c("current_stated", "TEXT", "When the newest exported statement was stated (EDTF)."),
            _flag(
                "possibly_outdated",
                "1 if its newest evidence is stale at the export's reference date.",
            ),
            _c("outdated_reason", "TEXT", "Why it is possibly outdated; empty if not."),
        ),
        ("id",),
        ("actor", "issue"),
    ),
    Table(
        "statements",
        "one row per statement (an actor's stance on an issue at a date)",
        (
            _c("position", "TEXT", "Position id: `<actor>--<issue>`.", "positions(id)"),
            _c("statement_index", "INTEGER", "Order within the position, oldest first (0-based)."),
            _c("actor", "TEXT", "Actor id.", "actors(id)"),
            _c("party", "TEXT", "The actor's national party id."),
            _enum("level", get_args(Level), "The actor's level."),
            _c("region", "TEXT", "The actor's region."),
            _c("issue", "TEXT", "Issue id.", "issues(id)"),
            _c("topic", "TEXT", "The issue's topic."),
            *_dated("stated", "When stated"),
            _flag(
                "stated_overlaps_cutoff",
                "1 if the date overlaps the export's --stated cut-off, so the statement may "
                "have been made after it; 0 otherwise (always 0 without --stated). Formerly "
                "stated_uncertain: the SQLite views keep that name for one release.",
            ),
            _STANCE,
            _STANCE_VALUE,
            _c("source", "TEXT", "Source id.", "sources(id)"),
            _c("url", "TEXT", "The source's web address."),
            _c("published_earliest", "DATE", "Earliest possible publication day of the source."),
            _c("published_latest", "DATE", "Latest possible publication day of the source."),
            _enum(
                "attribution_status",
                get_args(AttributionStatus),
                "Who the source speaks for (the source's attribution).",
            ),
            _CONFIDENCE,
            _flag("reported", "1 if the source reports this actor's stance."),
            _c(
                "provenance",
                "TEXT",
                "Qualifications: reported by …; attributed … by inference.",
            ),
            _c("note", "TEXT", "The recorder's note, if any."),
            _flag("stale", "1 if the source is stale at the export's reference date."),
            _c("stale_reason", "TEXT", "Why the source is stale; empty if not."),
            _flag(
                "verified",
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
            _flag(
                "verified",
                "The statement's verified flag (see statements); 0 only with --include-unverified.",
            ),
        ),
        ("position", "statement_index", "quote_index"),
        composite_references=((("position", "statement_index"), "statements"),),
    ),
    Table(
        "versions",
        "one row per version of a record in git history",
        (
            _enum("kind", get_args(Kind), "The record's kind."),
            _c("record_id", "TEXT", "The record's id (identity across renames)."),
            _c("version_index", "INTEGER", "Order of the version (0-based)."),
            _c("commit_sha", "TEXT", "The commit; empty for an uncommitted working-tree version."),
            _c("committed", "DATETIME", "Committer date (ISO 8601 with offset)."),
            _c("author", "TEXT", "Commit author."),
            _c("message", "TEXT", "Commit message."),
            _c("path", "TEXT", "The file's path in this version."),
            _enum("status", ("valid", "invalid", "deleted"), "What this version is."),
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
            _c("committed", "DATETIME", "Committer date of that commit."),
            _enum(
                "change",
                tuple(c.value for c in ChangeClass),
                "The class, as in diff reports.",
            ),
            _enum("stance_before", _STANCES, "Newest stance before; empty for new."),
            _enum("stance_after", _STANCES, "Newest stance after; empty for withdrawn."),
        ),
        ("position", "version_index"),
        ("committed",),
        True,
    ),
)


_SCHEMA_TYPES = {
    "TEXT": "string",
    "INTEGER": "integer",
    "REAL": "number",
    "DATE": "date",
    "DATETIME": "datetime",
    "BOOLEAN": "boolean",
}


def schema_type(column: Column) -> str:
    """The column's Table Schema type (``string``, ``integer``, ``date`` …)."""
    return _SCHEMA_TYPES[column.type]


#: The SQLite views, with what each holds (the SQL is in ``_export``).
VIEWS = (
    ("current_stance", "the newest statement of every position (rows of `statements`)."),
    (
        "statements_dated",
        "every statement with its DATE bounds worked on: `stated_year` (the year, when "
        "both bounds fall in one), `stated_span_days` (how many days the date may be) and "
        "`stated_midpoint`.",
    ),
    (
        "statements_compat",
        "`statements` with the old column name `stated_uncertain` (kept for one release).",
    ),
    ("changes_per_year", "with `--history`, the number of changes per year and class."),
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
        "mean *not known* or *not applicable*. Every uncertain date comes as four columns: "
        "the EDTF text as recorded (`stated`, `published`, `retrieved`), its `*_earliest` and "
        "`*_latest` possible days (ISO dates, empty when that end is open) and a "
        "`*_precision` (day, month, year, approximate or interval). Flags (BOOLEAN) are 1 or "
        "0. The type is the SQLite column type; the Data Package's Table Schema "
        "(`--format datapackage`) gives the same as `string`, `integer`, `number`, `date`, "
        "`datetime` and `boolean`, with the listed values as `enum` constraints.",
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
        for columns, target in table.composite_references:
            names = ", ".join(f"`{n}`" for n in columns)
            lines += ["", f"({names}) references the key of `{target}`."]
        lines.append("")
    lines += ["## Views (SQLite)", ""]
    lines += [f"- `{name}`: {meaning}" for name, meaning in VIEWS]
    lines += [
        "",
        "## Files of the Data Package",
        "",
        "`--format datapackage` writes every table as `<table>.csv` and `datapackage.json`: "
        "the [Data Package](https://datapackage.org/) (v2) descriptor with the name, the "
        "version (the commit), the licences and the repository from `standpunkt.toml`, and "
        "a Table Schema per table with the types, values, keys and meanings above.",
        "",
    ]
    return "\n".join(lines)
