"""Text laid out for a terminal in time linear in the output.

Rich's ``Table`` lays every cell out several times (measured, wrapped, cropped, padded as
segments), and ``Console.print`` checks the terminal on every call: on a repository of
realistic size ``show`` spent 40 of its 46 seconds there. This module computes what Rich
would print, once, from the data:

- `table_lines` lays out a table with the column widths and cell wrapping of Rich's
  ``Table`` (the algorithm of ``rich.table.Table._calculate_column_widths``, box edges from
  ``rich.box``), so the characters are the same (``tests/test_textlayout.py`` compares the
  two on hostile text); only cells wider than their column go through Rich's own wrapping.
- `wrap` wraps a paragraph at word boundaries (one regular expression, in C).
- `emit` writes lines to a Rich console in blocks: as plain text straight to its file
  when the console shows no styles (a pipe, a file, a captured buffer), else as one styled
  ``Text`` per block.
"""

from __future__ import annotations

import functools
import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from rich.box import Box
    from rich.console import Console

__all__ = ["Column", "Line", "emit", "plain", "table_lines", "wrap", "wrapped"]

#: A line of output and its Rich style (``""``: none).
Line = tuple[str, str]

Overflow = Literal["fold", "crop", "ellipsis"]


@dataclass(frozen=True)
class Column:
    """A table column as Rich's ``Table.add_column`` takes it (the options used here)."""

    header: str
    max_width: int | None = None
    no_wrap: bool = False
    overflow: Overflow = "ellipsis"


_PADDING = 2  # one space either side of every cell (Rich's default padding (0, 1))


def _width(text: str) -> int:
    """Cells the text takes on a terminal (wide characters count two, combining none)."""
    if text.isascii() and text.isprintable():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def _measure(text: str) -> tuple[int, int]:
    """Rich's ``Text.__rich_measure__``: the longest word and the longest line."""
    lines = text.splitlines()
    widest = max((_width(line) for line in lines), default=0)
    words = text.split()
    return (max(_width(word) for word in words) if words else widest), widest


def _extent(cells: Sequence[str]) -> tuple[int, int]:
    """Of a column's non-empty cells, the widest longest word and the widest line (0, 0
    when every cell is empty): all `_column_range` needs, measured once."""
    low = high = 0
    for cell in cells:
        shortest, widest = _measure(cell)
        if widest > 0:
            low, high = max(low, min(shortest, widest)), max(high, widest)
    return low, high


def _column_range(extent: tuple[int, int], column: Column, max_width: int) -> tuple[int, int]:
    """``Table._measure_column`` of a column at ``max_width``: its minimum and maximum width.

    Rich measures each padded cell (``Measurement.get`` of ``Padding(Text)``): an empty
    cell is (0, 0), any other (min(word, line) + 2, line + 2), each capped at the width; a
    width too narrow for the padding makes every cell the width itself. The column takes
    the largest of each and caps it at ``max_width`` and its own maximum plus padding."""
    if max_width < 1:
        return 0, 0
    low, high = extent
    if max_width - _PADDING < 1:
        low = high = max_width
    elif high == 0:
        low = high = 0
    else:
        low, high = min(low + _PADDING, max_width), min(high + _PADDING, max_width)
    if column.max_width is not None:
        cap = column.max_width + _PADDING
        low, high = min(low, cap), min(high, cap)
    return low, high


def _ratio_reduce(
    total: int, ratios: list[int], maximums: list[int], values: list[int]
) -> list[int]:
    """``rich._ratio.ratio_reduce`` (MIT licence, Will McGugan)."""
    ratios = [ratio if most else 0 for ratio, most in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    result = []
    for ratio, most, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            given = min(most, round(ratio * remaining / total_ratio))
            result.append(value - given)
            remaining -= given
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _collapse(widths: list[int], wrapable: list[bool], max_width: int) -> list[int]:
    """``Table._collapse_widths``: narrow the widest wrapable columns first."""
    total = sum(widths)
    excess = total - max_width
    if not any(wrapable):
        return widths
    while total and excess > 0:
        widest = max(w for w, ok in zip(widths, wrapable, strict=True) if ok)
        second = max(w if ok and w != widest else 0 for w, ok in zip(widths, wrapable, strict=True))
        ratios = [1 if (w == widest and ok) else 0 for w, ok in zip(widths, wrapable, strict=True)]
        if not any(ratios) or not widest - second:
            break
        widths = _ratio_reduce(excess, ratios, [min(excess, widest - second)] * len(widths), widths)
        total = sum(widths)
        excess = total - max_width
    return widths


def _column_widths(columns: Sequence[Column], cells: list[list[str]], max_width: int) -> list[int]:
    """``Table._calculate_column_widths`` for tables that do not expand."""
    extents = [_extent(c) for c in cells]
    ranges = [_column_range(e, col, max_width) for e, col in zip(extents, columns, strict=True)]
    widths = [high or 1 for _, high in ranges]
    if sum(widths) > max_width:
        widths = _collapse(widths, [not col.no_wrap for col in columns], max_width)
        if sum(widths) > max_width:
            excess = sum(widths) - max_width
            widths = _ratio_reduce(excess, [1] * len(widths), widths, widths)
        widths = [
            _column_range(e, col, w)[1] for e, col, w in zip(extents, columns, widths, strict=True)
        ]
    return widths


def _fit(text: str, width: int) -> str:
    """Pad or crop a line to exactly ``width`` cells."""
    size = _width(text)
    if size == width:
        return text
    if size < width:
        return text + " " * (width - size)
    from rich.cells import set_cell_size

    return set_cell_size(text, width)


@functools.cache
def _wrapping_console() -> Console:
    from rich.console import Console

    return Console(width=80, color_system=None, markup=False, emoji=False, highlight=False)


def _cell_lines(text: str, width: int, *, no_wrap: bool, overflow: Overflow) -> list[str]:
    """The lines of a cell's text at ``width`` cells, each padded to it, as Rich's
    ``Text.wrap`` gives them (a text that fits is the common, fast case)."""
    if width < 1:
        return [""]
    if _AS_RICH.search(text) is None and "\n" not in text:
        size = _width(text)
        if size <= width:
            return [text + " " * (width - size)]
        return _wrap_line(text, width, no_wrap=no_wrap, overflow=overflow)
    from rich.text import Text

    lines = Text(text).wrap(
        _wrapping_console(), width, justify="left", overflow=overflow, no_wrap=no_wrap
    )
    return [_fit(line.plain, width) for line in lines]


_WORD = re.compile(r"\s*\S+\s*")
_TRAILING = re.compile(r"\s+$")


def _divide(text: str, width: int, fold: bool) -> list[int]:
    """``rich._wrap.divide_line``: where to break a line so each piece fits ``width``."""
    from rich.cells import cell_len, chop_cells

    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        size = cell_len(word.rstrip())
        if width - offset >= size:
            offset += cell_len(word)
        elif size > width:
            if fold:
                pieces = chop_cells(word, width=width)
                for number, piece in enumerate(pieces):
                    if start:
                        breaks.append(start)
                    if number == len(pieces) - 1:
                        offset = cell_len(piece)
                    else:
                        start += len(piece)
            else:
                if start:
                    breaks.append(start)
                offset = cell_len(word)
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
    return breaks


def _wrap_line(text: str, width: int, *, no_wrap: bool, overflow: Overflow) -> list[str]:
    """``Text.wrap`` of one line without tabs, justified left: each piece right-stripped
    of white space beyond the width, then cut (``…`` for ellipsis) or padded to it."""
    from rich.cells import set_cell_size

    pieces = [text]
    if not no_wrap:
        cuts = _divide(text, width, overflow == "fold")
        pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    lines = []
    for piece in pieces:
        if not no_wrap and len(piece) > width:
            trailing = _TRAILING.search(piece)
            if trailing is not None:
                piece = piece[: len(piece) - min(len(trailing.group()), len(piece) - width)]
        size = _width(piece)
        if size > width:
            piece = (
                set_cell_size(piece, width - 1) + "…"
                if overflow == "ellipsis"
                else set_cell_size(piece, width)
            )
        elif size < width:
            piece += " " * (width - size)
        lines.append(piece)
    return lines


def table_lines(
    title: str, columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int, box: Box
) -> list[Line]:
    """The lines of a Rich ``Table(title=..., title_justify="left", box=box,
    expand=False)`` with these columns and rows, printed at ``width`` cells: the title
    (italic), the header (bold), the rows and the bottom edge, each line as Rich prints
    it, trailing spaces included."""
    cells = [[col.header, *(row[i] for row in rows)] for i, col in enumerate(columns)]
    extra = 2 + len(columns) - 1  # the two edges and the dividers between columns
    widths = _column_widths(columns, cells, width - extra)
    table_width = sum(widths) + extra
    out: list[Line] = [
        (_fit(line, table_width), "italic")
        for line in (
            _cell_lines(title, table_width, no_wrap=False, overflow="fold") if title else ()
        )
    ]
    out.append((box.get_top(widths), ""))
    edges = (
        (box.head_left, box.head_vertical, box.head_right),
        (box.mid_left, box.mid_vertical, box.mid_right),
        (box.foot_left, box.foot_vertical, box.foot_right),
    )
    count = len(rows) + 1
    for index in range(count):
        row = [columns[i].header for i in range(len(columns))] if index == 0 else rows[index - 1]
        left, divider, right = edges[0 if index == 0 else (2 if index == count - 1 else 1)]
        rendered = [
            _cell_lines(cell, w - _PADDING, no_wrap=col.no_wrap, overflow=col.overflow)
            for cell, col, w in zip(row, columns, widths, strict=True)
        ]
        height = max(len(lines) for lines in rendered)
        for number in range(height):
            parts = []
            for lines, w in zip(rendered, widths, strict=True):
                # the header aligns to the bottom of its row, the other rows to the top
                at = number - (height - len(lines)) if index == 0 else number
                inner = lines[at] if 0 <= at < len(lines) else " " * max(w - _PADDING, 0)
                parts.append(_fit(f" {inner} ", w))
            out.append((left + divider.join(parts) + right, "bold" if index == 0 else ""))
        if index == 0:
            out.append((box.get_row(widths, "head", edge=True), ""))
    out.append((box.get_bottom(widths), ""))
    return out


def wrap(text: str, width: int, indent: int = 0, subsequent: int = 2) -> list[str]:
    """``text`` in lines of at most ``width`` characters, the first indented by ``indent``
    spaces and the rest by ``indent + subsequent``: white space runs folded to one space,
    broken between words, a word longer than a line broken inside. Linear in the text."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        words = text  # no run of white space to fold (isprintable: no tab, no line break)
    else:
        words = " ".join(text.split())
    first = max(width - indent, 1)
    if len(words) <= first:
        return [" " * indent + words]
    head = _LINE.get(first) or _LINE.setdefault(first, _line_re(first))
    match = head.match(words)
    assert match is not None
    lines = [" " * indent + match.group()]
    rest = words[match.end() :].lstrip(" ")
    if rest:
        size = max(width - indent - subsequent, 1)
        body = _LINE.get(size) or _LINE.setdefault(size, _line_re(size))
        pad = " " * (indent + subsequent)
        lines += [pad + line for line in body.findall(rest)]
    return lines


_LINE: dict[int, re.Pattern[str]] = {}


def _line_re(size: int) -> re.Pattern[str]:
    """The longest run of at most ``size`` characters that ends before a space or at the
    end, or else ``size`` characters of one long word."""
    return re.compile(rf"\S.{{0,{size - 1}}}(?= |$)|\S{{{size}}}")


def plain(console: Console) -> bool:
    """``True`` when the console shows no styles, so that writing the text to its file
    gives exactly what printing it would (a pipe, a file, a captured buffer)."""
    return console.color_system is None and not console.record and not console.is_jupyter


# what Rich's Text changes: tabs (expanded) and the controls it strips
_AS_RICH = re.compile("[\t\x07\x08\x0b\x0c\r]")


def _as_rich_prints(text: str) -> str:
    """The text as Rich prints it: tabs expanded to the next multiple of eight cells, the
    controls ``Text`` strips removed (record text holds none: they are escaped)."""
    from rich.text import Text

    shown = Text(text)
    shown.expand_tabs(8)
    return shown.plain


def _as_rich_block(chunk: list[str]) -> str:
    """The lines as Rich prints them, each ended by a line break (one search for the
    characters Rich changes in the whole block)."""
    block = "\n".join(chunk) + "\n"
    if _AS_RICH.search(block) is None:
        return block
    return "".join(f"{_AS_RICH.search(t) and _as_rich_prints(t) or t}\n" for t in chunk)


def emit(console: Console, lines: Iterable[Line], block: int = 256) -> None:
    """Write the lines on the console, ``block`` lines at a time: plain text straight to
    its file when it shows no styles, else one styled ``Text`` per block, printed as it is
    (no wrapping: the lines are laid out already)."""
    if plain(console):
        write = console.file.write
        chunk: list[str] = []
        for text, _ in lines:
            chunk.append(text)
            if len(chunk) >= block:
                write(_as_rich_block(chunk))
                chunk = []
        if chunk:
            write(_as_rich_block(chunk))
        return
    from rich.text import Text

    styled = Text()
    count = 0
    for text, style in lines:
        styled.append(text + "\n", style=style or None)
        count += 1
        if count >= block:
            console.print(styled, end="", soft_wrap=True)
            styled, count = Text(), 0
    if count:
        console.print(styled, end="", soft_wrap=True)


# words of no white space at all, one space between them: textwrap breaks such a line
# where `wrap` does while no word is longer than a line
_WORDS = re.compile(r"[^\s]+(?: [^\s]+)*")
# words of no white space, runs of spaces between them
_RUNS = re.compile(r"[^\s]+(?: +[^\s]+)*")
_SPACE_RUN = re.compile(r"  +")


def wrapped(text: str, width: int, indent: int) -> list[str]:
    """``text`` broken into lines of ``width`` at ``indent`` as ``textwrap.wrap`` breaks it
    (later lines two more spaces in when indented, no break at hyphens); through `wrap`,
    linear in the text, when that gives the same lines (see `_WORDS`)."""
    subsequent = 2 if indent else 0
    words = text if _WORDS.fullmatch(text) else _runs_joined(text, width - indent)
    if words and max(map(len, words.split(" "))) <= width - indent - subsequent:
        lines = wrap(words, width, indent, subsequent)
        if words is not text:
            lines[0] = lines[0].replace("\x00", " ")
        return lines
    lines = textwrap.wrap(
        text, width - indent, subsequent_indent=" " * subsequent, break_on_hyphens=False
    ) or [""]
    return [" " * indent + line for line in lines]


def _runs_joined(text: str, first: int) -> str:
    """``text`` with the spaces of its runs of several spaces made unbreakable (``NUL``), when
    every run, and the word after it, ends within the first line's ``first`` characters:
    textwrap keeps such runs and never breaks there, so `wrap` then gives its lines (the
    labels' "after:  " of a change). ``""`` when that does not hold."""
    if "\x00" in text or not _RUNS.fullmatch(text):
        return ""
    last = text.rindex("  ")
    end = text.find(" ", len(text) - len(text[last:].lstrip(" ")))
    end = len(text) if end < 0 else end
    if end > first:
        return ""
    head = _SPACE_RUN.sub(lambda run: "\x00" * len(run.group()), text[:end])
    return head + text[end:]
