"""Print the generated part of docs/reliability.md: every hostile input tried, its expected
outcome and the outcome observed now (a test checks the page is current).

    python scripts/reliability.py
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from standpunkt import UncertainDate, parse_record
from standpunkt._query._report import md_escape

ACTOR = b"id: ap\nname: Arbeiderpartiet\nparty: ap\nlevel: national\n"


def codes(kind: str, data: bytes, path: str = "positions/actors/ap.yaml", show: str = "") -> str:
    parsed = parse_record(kind, path, data)  # type: ignore[arg-type]
    if parsed.record is not None:
        shown = getattr(parsed.record, show) if show else ""
        form = " (NFC)" if shown and unicodedata.is_normalized("NFC", shown) else ""
        value = f"{show} = {shown!r}{form}" if show else "valid record"
        return "read: " + value
    return "refused: " + ", ".join(sorted({p.code for p in parsed.problems}))


def bomb() -> bytes:
    lines = [b'a: &a ["x","x","x","x","x","x","x","x","x"]']
    for n in range(1, 9):
        prev, name = chr(ord("a") + n - 1), chr(ord("a") + n)
        lines.append(f"{name}: &{name} [".encode() + b",".join([f"*{prev}".encode()] * 9) + b"]")
    return b"\n".join(lines) + b"\n"


def date(text: str) -> str:
    try:
        value = UncertainDate(text)
    except ValueError:
        return "refused: uncertain_date"
    return f"read: {value.earliest} … {value.latest}"


def terminal_text() -> str:
    import io

    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    Console(file=buffer, width=200).print(Text("[bold]<script>alert(1)</script>[/bold]"))
    return buffer.getvalue().strip()


CASES: list[tuple[str, str, Callable[[], str]]] = [
    (
        "YAML alias bomb (billion laughs)",
        "refused: yaml_alias, quickly",
        lambda: codes("actor", bomb()),
    ),
    (
        "an anchor and an alias",
        "refused: yaml_alias",
        lambda: codes("actor", ACTOR.replace(b"name: Arbeiderpartiet", b"name: &n A\nregion: *n")),
    ),
    (
        "20,000 nested block lists (crashed the parser)",
        "refused: yaml_too_deep",
        lambda: codes("actor", b"a:\n" + b"- " * 20_000 + b"x\n"),
    ),
    (
        "10,000 nested flow lists",
        "refused: yaml_syntax",
        lambda: codes("actor", b"a: " + b"[" * 10_000 + b"]" * 10_000 + b"\n"),
    ),
    ("duplicate key", "refused: yaml_duplicate_key", lambda: codes("actor", ACTOR + b"name: Ap\n")),
    (
        "keys equal only after Unicode NFC",
        "refused: yaml_duplicate_key",
        lambda: codes(
            "actor",
            ACTOR
            + "region: 1\nregio\u0301n: 2\n".encode()
            .replace("regio\u0301n".encode(), unicodedata.normalize("NFD", "región").encode())
            .replace(b"region: 1", "regi\u00f3n: 1".encode()),
        ),
    ),
    (
        "file over 1 MiB",
        "refused: file_too_large",
        lambda: codes("actor", ACTOR + b"#" * (1024 * 1024)),
    ),
    (
        "not UTF-8 (Latin-1 ø)",
        "refused: encoding",
        lambda: codes("actor", ACTOR + "region: Tr\u00f8ndelag\n".encode("latin-1")),
    ),
    ("byte-order mark", "read: valid record", lambda: codes("actor", b"\xef\xbb\xbf" + ACTOR)),
    ("NUL byte", "refused: control_character", lambda: codes("actor", ACTOR + b"region: a\x00b\n")),
    (
        "Windows line endings",
        "read: valid record",
        lambda: codes("actor", ACTOR.replace(b"\n", b"\r\n")),
    ),
    (
        "old Mac line endings (CR only)",
        "read: valid record",
        lambda: codes("actor", ACTOR.replace(b"\n", b"\r")),
    ),
    (
        "tab after a colon",
        "refused: yaml_syntax",
        lambda: codes("actor", ACTOR.replace(b"name: ", b"name:\t")),
    ),
    ("tab indentation", "refused: yaml_syntax", lambda: codes("actor", ACTOR + b"url:\n\t- x\n")),
    (
        "`language: no` (the Norway problem)",
        "read: the text no",
        lambda: codes("actor", ACTOR.replace(b"Arbeiderpartiet", b"no"), show="name"),
    ),
    (
        "a number of 5,000 digits",
        "refused, no traceback",
        lambda: codes("actor", ACTOR.replace(b"Arbeiderpartiet", b"9" * 5000)),
    ),
    (
        "id with `..` and a slash",
        "refused: invalid_id",
        lambda: codes("actor", ACTOR.replace(b"id: ap", b"id: ../ap")),
    ),
    (
        "id that Windows reserves (`nul`)",
        "refused: invalid_id",
        lambda: codes("actor", ACTOR.replace(b"id: ap", b"id: nul")),
    ),
    (
        "id typed in NFD, as macOS may (a + combining ring)",
        "read: the NFC id åsane",
        lambda: codes(
            "actor",
            ACTOR.replace(b"id: ap", unicodedata.normalize("NFD", "id: åsane").encode()),
            "positions/actors/åsane.yaml",
            show="id",
        ),
    ),
    (
        "`javascript:` URL",
        "refused: url_scheme",
        lambda: codes("actor", ACTOR + b"url: javascript:alert(1)\n"),
    ),
    (
        "approximate date at the end of the calendar (9999-12-31~)",
        "read, no overflow",
        lambda: date("9999-12-31~"),
    ),
    ("impossible day (2021-02-30)", "refused: uncertain_date", lambda: date("2021-02-30")),
    ("digits from another script (٢٠٢١)", "refused: uncertain_date", lambda: date("٢٠٢١")),
    (
        "carriage returns in a name (a fake admonition box)",
        "refused: carriage_return",
        lambda: codes("actor", ACTOR.replace(b"Arbeiderpartiet", b'"A\\r\\r!!! danger \\"x\\""')),
    ),
    (
        "a bidi override (U+202E) in a name",
        "refused: bidi_control",
        lambda: codes("actor", ACTOR.replace(b"Arbeiderpartiet", b'"Parti \\u202eA"')),
    ),
    (
        "a zero-width space (U+200B) in a name",
        "refused: zero_width_character",
        lambda: codes("actor", ACTOR.replace(b"Arbeiderpartiet", b'"Parti\\u200bA"')),
    ),
    ("record text with Rich markup and HTML, in the terminal", "shown as text", terminal_text),
    (
        "record text with HTML, links and @mentions, in Markdown",
        "escaped",
        lambda: md_escape("<script>x</script> [a](javascript:x) @alle"),
    ),
]

GIT = [
    (
        "empty repository (no commits)",
        "working tree answered; recorded questions refused with a clear message",
        "tests/test_history.py::test_empty_repository",
    ),
    (
        "branch without commits (orphan)",
        "as above; other branches still answer",
        "tests/test_history.py::test_branch_without_commits",
    ),
    (
        "detached HEAD",
        "history up to the detached commit",
        "tests/test_history.py::test_detached_head",
    ),
    (
        "shallow clone",
        "history from the cut-off; truncated_at names it",
        "tests/test_history.py::test_shallow_clone_says_history_is_truncated",
    ),
    (
        "bare repository",
        "refused: clone it first",
        "tests/test_history.py::test_bare_repository_is_refused",
    ),
    (
        "submodule inside positions/",
        "ignored, as git sees it",
        "tests/test_history.py::test_submodule_in_the_way",
    ),
    (
        "merge with conflicting edits of one record",
        "conflict markers: yaml_syntax; the resolved merge is one version",
        "tests/test_history.py::test_merge_with_conflicting_edits",
    ),
    (
        "history rewritten under the cache (force-push)",
        "cache notices, reads again; same answer as without cache",
        "tests/test_history.py::test_cache_notices_rewritten_history",
    ),
    (
        "two processes reading and filling the cache at once",
        "both answer, the same",
        "tests/test_history.py::test_two_processes_share_the_cache",
    ),
    (
        "an edit that keeps a file's size and puts its mtime back (`os.utime`)",
        "the working-tree index sees it (ctime); every answer as without the index",
        "tests/test_treeindex.py::test_an_edit_that_keeps_size_and_mtime_is_seen",
    ),
    (
        "a file changed within 2 s of the read that indexed it",
        "read again (git's racy rule)",
        "tests/test_treeindex.py::test_files_within_the_racy_window_are_read_again",
    ),
    (
        "record files deleted, added, renamed, replaced by a link; an archive deleted",
        "every working-tree answer as without the index",
        "tests/test_treeindex.py::test_deleted_new_renamed_and_linked_files",
    ),
    (
        "damaged rows of the working-tree index; an index that is not a database",
        "one CacheWarning, the same answer",
        "tests/test_treeindex.py::test_damaged_rows_are_dropped_with_one_warning",
    ),
    (
        "two processes writing the working-tree index at once",
        "both answer; the same answers after",
        "tests/test_treeindex.py::test_two_processes_writing_the_index",
    ),
    (
        "repository path with spaces and æøå",
        "works",
        "tests/test_history.py::test_path_with_spaces_and_norwegian_letters",
    ),
    (
        "positions/ inside a larger repository",
        "works, uncommitted edits included",
        "tests/test_history.py::test_positions_inside_a_larger_repository",
    ),
    (
        "a writer killed mid-write, 8 times",
        "the old file or the new one, never torn",
        "tests/test_save.py::test_a_killed_writer_leaves_the_old_file_or_the_new_one",
    ),
    (
        "a broken symbolic link among the records",
        "reported: symbolic_link; the others are checked",
        "tests/test_reliability.py::test_broken_link",
    ),
    (
        "an archive linked to a file outside the repository (/etc/passwd)",
        "reported: symbolic_link, archive_missing; never read, not in the site or export",
        "tests/test_confine.py::test_an_archive_linked_out_of_the_repository_is_never_published",
    ),
    (
        "a record linked to a file outside the repository (/etc/shadow)",
        "reported: symbolic_link only; none of the file's lines shown",
        "tests/test_confine.py::test_a_record_linked_to_a_file_is_not_read",
    ),
    (
        "a link inside the repository; a linked folder; a linked positions/",
        "reported: symbolic_link; nothing followed",
        "tests/test_confine.py::test_a_link_that_stays_inside_the_repository_is_refused_too",
    ),
    (
        "a hard link; a FIFO among the records",
        "reported: hard_link, not_a_file; validate does not block",
        "tests/test_confine.py::test_a_fifo_is_refused_without_blocking",
    ),
    (
        "a date certainly in the future; a statement dated after its source was retrieved",
        "reported: future_date, stated_after_retrieval",
        "tests/test_validate.py::test_broken_fixture",
    ),
    (
        "saving a different record under an existing id",
        "refused: record_exists, file untouched",
        "tests/test_save.py::test_a_different_record_with_the_same_id_is_refused",
    ),
    (
        "saving every seed record unchanged",
        "no byte changes (no git diff)",
        "tests/test_save.py::test_saving_every_seed_record_unchanged_gives_no_diff",
    ),
    (
        "a source with no publication date (or `2015-03-01/..`) retrieved over 4 years ago, "
        "in show, show --recorded, stale, diff, export and site build",
        "stale by its retrieval date, the reason says so; exit 0, no traceback",
        "tests/test_evidence.py::test_an_undated_source_retrieved_long_ago_in_every_command",
    ),
    (
        "an archive stored in decomposed Unicode (NFD)",
        "its quotes validate and are highlighted on the site",
        "tests/test_evidence.py::test_quotes_in_an_nfd_archive_are_highlighted",
    ),
    (
        "a statement whose quote is not in the archived text",
        "left out of show, the site and the export, counted with the reason; marked "
        "unverified with --include-unverified",
        "tests/test_evidence.py::test_show_leaves_out_a_statement_whose_quote_is_not_in_the_archive",
    ),
    (
        "a statement on an unknown source, or on one without an archived text",
        "left out: unknown_reference, archive_missing",
        "tests/test_evidence.py::test_statements_on_an_unknown_source_or_one_without_archive_are_left_out",
    ),
    (
        "four `new statement` processes at once on one position, two rounds",
        "every statement kept, in date order",
        "tests/test_safe_writes.py::test_concurrent_new_statements_on_one_position_are_all_kept",
    ),
    (
        "two `new actor zz` at once",
        "one succeeds; the other is refused: record_exists",
        "tests/test_safe_writes.py::test_two_new_actors_with_one_id_at_once_one_wins",
    ),
    (
        "a record file edited between a save's read and its write",
        "refused: changed_since_read, the edit kept",
        "tests/test_safe_writes.py::test_a_file_changed_after_it_was_read_is_not_overwritten",
    ),
    (
        "`new source` over an existing archived text; `--replace` with a text that drops a quote",
        "refused: archive_exists; refused with the broken quote listed",
        "tests/test_safe_writes.py::test_a_replaced_archive_must_keep_every_quote",
    ),
    (
        "saving over a hand-written file with comments",
        "refused: has_comments, with the lines; file untouched",
        "tests/test_safe_writes.py::test_a_file_with_comments_is_refused_not_stripped",
    ),
    (
        "ENOSPC, EACCES, EROFS, EPERM at the write (mocked); a full 64 KB tmpfs",
        "one line naming the path, the cause and a remedy; exit 2; no temporary file left",
        "tests/test_safe_writes.py::test_os_errors_at_the_write_are_messages",
    ),
    (
        "an argument with bytes that are not UTF-8 (`--name $'Parti \\xff'`)",
        "refused by option name, with the byte",
        "tests/test_safe_writes.py::test_an_argument_that_is_not_utf8_is_refused_by_name",
    ),
    (
        "`site build --out` into a folder it did not write; a file of one's own among the pages",
        "refused; only files an earlier build wrote are replaced or removed",
        "tests/test_safe_writes.py::test_site_build_removes_only_files_it_wrote",
    ),
    (
        "generated valid repositories (optional fields, open and missing dates, NFC and NFD) "
        "through every read command",
        "no exception, exit 0, nothing on standard error",
        "tests/test_read_commands_property.py::test_every_read_command_on_a_valid_repository",
    ),
    (
        "control characters written as YAML escapes (terminal escape codes)",
        "refused: control_character",
        "tests/test_records.py::test_actor_rules",
    ),
    (
        "hostile text on the site: script, img onerror, Markdown link, {: onclick} attribute",
        "shown as text; no script runs; no attribute injected",
        "tests/test_site.py::test_the_site_in_a_real_browser",
    ),
    (
        "hostile corpus in every text field of every kind: `</title>` break, event attributes, "
        "javascript: and data: links, attr_list, Jinja, snippets, comments, long text, ~",
        "every page in Chromium: no script, no dialog, no handler, no javascript: link; "
        "text visible; `2021~`, not `2021\\~`",
        "tests/test_hostile.py::test_the_hostile_site_in_a_real_browser",
    ),
    (
        "escape sequences (ESC[2J, OSC title) in commit author and message; the corpus "
        "through show, log, diff, stale in text, Markdown and JSON",
        "shown as `\\x1b` escapes; no raw control byte; no live HTML in Markdown",
        "tests/test_hostile.py::test_terminal_shows_escapes_as_text",
    ),
]


def render() -> str:
    lines = [
        "# Reliability",
        "",
        "<!-- The tables are generated by scripts/reliability.py; a test re-runs every input "
        "in CI and checks this page. -->",
        "",
        "## Hostile and broken input",
        "",
        "Each input is run through the record loader when this page is checked (in CI): the "
        "*observed* column is what standpunkt did.",
        "",
        "| input | expected | observed |",
        "| --- | --- | --- |",
    ]
    for name, expected, run in CASES:
        observed = run().replace("`", "'").replace("|", "\\|")
        lines.append(f"| {name} | {expected} | `{observed}` |")
    lines += [
        "",
        "## Git edge cases and writes",
        "",
        "Each row is a test in the suite that CI runs; it asserts the outcome shown.",
        "",
        "| case | outcome asserted | test |",
        "| --- | --- | --- |",
    ]
    for name, outcome, test in GIT:
        lines.append(f"| {name} | {outcome} | `{test}` |")
    lines += ["", "<!-- end of generated tables -->", ""]
    return "\n".join(lines)


def write(path: str) -> None:
    """Replace the generated part of ``path``, keeping what follows the end mark."""
    from pathlib import Path

    page = Path(path)
    mark = "<!-- end of generated tables -->"
    tail = page.read_text(encoding="utf-8").split(mark, 1)[1] if page.exists() else "\n"
    page.write_text(
        render().rsplit(mark, 1)[0] + mark + tail.lstrip("\n").join(["\n", ""]), encoding="utf-8"
    )


if __name__ == "__main__":
    import sys

    if len(sys.argv) > 1:
        write(sys.argv[1])
    else:
        print(render(), end="")
