"""Escaping record text for each place it is written: the one module that does it.

Record text is hostile input: a name may hold ``</title><script>``, a Markdown link to
``javascript:``, an attr_list ``{: onclick=…}``, a snippet line ``--8<--``, Jinja braces,
terminal escape sequences or bidi overrides. Validation refuses the invisible characters
(`DANGEROUS`), but text also comes from places validation never sees (commit authors
and messages, file names, old versions in git history), so every output escapes all of it,
by context:

=======================  ===================================================================
function                 context
=======================  ===================================================================
`markdown_inline`        Markdown body text, table cells, headings and link texts
`markdown_block`         a paragraph of its own (safe at the start of a line as well)
`page_title`             the ``title:`` of a page's front matter (entity-free: themes strip
                         tags and decode entities in titles)
`front_matter`           the whole front matter block of a page
`html_text`              text inside inline or raw HTML (also SVG ``<text>`` and ``<title>``)
`html_attribute`         a double-quoted HTML attribute value
`safe_url`               a URL that may become a link: only http and https
`html_link`              a link to such a URL (just the text for any other)
`terminal`               text for a terminal (control and escape sequences made visible)
`json_text`              JSON text for a terminal (the same JSON value, invisible
                         characters as ``\\uXXXX`` escapes)
=======================  ===================================================================

Invisible characters are never dropped silently: every output shows them as an escape such
as ``\\x1b`` or ``\\u202e``, so a reader sees that something is there.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

__all__ = [
    "BIDI",
    "CONTROL",
    "DANGEROUS",
    "SURROGATE",
    "ZERO_WIDTH",
    "front_matter",
    "html_attribute",
    "html_link",
    "html_text",
    "json_text",
    "markdown_block",
    "markdown_inline",
    "page_title",
    "safe_url",
    "terminal",
    "visible",
]

#: C0 controls but tab and line feed, DEL, C1 controls, and the Unicode line and paragraph
#: separators: a terminal or a Markdown parser acts on them.
CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029"
#: Bidirectional controls: they reorder the text around them (a name can read backwards).
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
#: Zero-width characters: invisible, they make equal-looking names and quotes differ.
ZERO_WIDTH = "\u200b-\u200d\u2060\ufeff"
#: Lone surrogates: what a file name that is not UTF-8 decodes to (surrogate escapes);
#: no UTF-8 output can hold them.
SURROGATE = "\ud800-\udfff"
#: Every character that no output shows as it is.
DANGEROUS = re.compile(f"[{CONTROL}{BIDI}{ZERO_WIDTH}{SURROGATE}]")

_NAMED = {"\r": "\\r", "\t": "\\t"}


def _show(char: str) -> str:
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept as a surrogate escape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every `DANGEROUS` character written as an escape (``\\x1b``,
    ``\\r``, ``\\u202e``); everything else, line breaks and tabs included, unchanged."""
    return DANGEROUS.sub(lambda m: _show(m.group()), text)


# ----------------------------------------------------------------------------- terminal


def terminal(text: str) -> str:
    """Text that a terminal prints as it is: control characters, escape sequences (``ESC[2J``,
    OSC window titles), bidi and zero-width characters are shown as ``\\x1b``-style escapes.

    Print the result as plain text (Rich ``Text``, or a console with markup off): it is
    not Rich markup.
    """
    return visible(text)


def json_text(data: str) -> str:
    """JSON text with the characters [`escape_terminal`][standpunkt.escape_terminal] would escape
    written as ``\\uXXXX``
    escapes: the same JSON value, safe to print (``json.dumps`` escapes C0 controls but
    leaves C1 controls, bidi and zero-width characters raw)."""
    return DANGEROUS.sub(lambda m: f"\\u{ord(m.group()):04x}", data)


# ----------------------------------------------------------------------------- Markdown

# Python-Markdown backslash-escapes exactly these (and | with tables), so they are escaped
# with a backslash; characters it has no escape for are written as character references
# (a backslash before ~ would show). [ and ] escaped mean no link or image can form;
# { } escaped mean no attr_list attribute; < > & as entities mean no HTML, no comment and
# no snippet marker (--8<--).
_MD_BACKSLASH = re.compile(r"([\\`*_\[\]#|{}])")
# ~ ^ and == are the marks of common extensions (pymdownx tilde, caret, mark).
_MD_REFERENCE = {"~": "&#126;", "@": "&#64;", "^": "&#94;", "==": "=&#61;"}
_MD_REFERENCE_RE = re.compile("==|[~@^]")
_LINE_BREAKS = re.compile(r"[ \t]*(?:\r?\n[ \t]*)+")
# Any character one of the passes of `markdown_inline` acts on: line breaks, the
# invisible ones, the backslash-escaped ones, entities and the extensions' marks.
_MD_SPECIAL = re.compile(
    f"[\\n\\r{CONTROL}{BIDI}{ZERO_WIDTH}{SURROGATE}\\\\`*_\\[\\]#|{{}}&<>~@^=]"
)


_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}


def markdown_inline(text: str) -> str:
    """Text that Markdown (and the HTML it may hold) shows exactly as written, on one line.

    For body text, table cells, headings and link texts. A line break becomes one space and
    every other character a parser could take for one (``\\r``, U+2028 …) is shown as an
    escape, so the text can never start a line of its own (no heading, list, admonition or
    snippet); other invisible characters are shown as escapes too; ``@`` is a character
    reference, so no @mention notifies anyone in a pull request.
    """
    if not _MD_SPECIAL.search(text):
        return text  # nothing below would change it (most names, titles and quotes)
    text = visible(_LINE_BREAKS.sub(" ", text))
    text = _MD_BACKSLASH.sub(r"\\\1", text)  # before any entity is written: they hold #
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_REFERENCE_RE.sub(lambda m: _MD_REFERENCE[m.group()], text)


def markdown_block(text: str) -> str:
    """A paragraph of its own: `markdown_inline`, and a first character that could
    start a block (``-``, ``+``, ``1.``, ``!!!``, ``:``, ``=``) written as a character
    reference, leading white space removed (it would make a code block)."""
    text = markdown_inline(text).lstrip()
    if text and not (text[0].isalpha() or text[0] in "\\&"):
        text = f"&#{ord(text[0])};{text[1:]}"
    return text


_TITLE = str.maketrans({"<": "‹", ">": "›", "&": "＆", '"': "＂", "'": "’"})


def page_title(text: str) -> str:
    """A page title with no markup and no entities at all: ``< > & " '`` become the
    look-alikes ``‹ › ＆ ＂ ’``.

    Themes treat titles in ways of their own: Material prints ``page.meta.title`` raw and
    ``page.title`` through ``striptags``, which decodes entities (so an escaped
    ``&lt;/title&gt;`` becomes a live ``</title>`` again). Text without the five
    characters is the same under any of these.
    """
    return " ".join(visible(text).translate(_TITLE).split())


def front_matter(title: str) -> str:
    """The YAML front matter block that sets a page's title (from `page_title`)."""
    return "---\ntitle: " + json.dumps(page_title(title), ensure_ascii=False) + "\n---\n\n"


# ----------------------------------------------------------------------------- HTML

_HTML_CHARS = {**_ENTITIES, **{char: f"&#{ord(char)};" for char in "[]()*_`\\!#|~{}@"}}
# One regular-expression pass with a look-up per match: archived texts are long and have
# few of these characters, and ``str.translate`` with a table of strings looks up every
# character (about six times slower on the realistic benchmark's archives).
# The invisible characters are in the same pass: each is shown as `visible` shows it, its
# backslash a character reference as well (``\r`` becomes ``&#92;r``).
_HTML_RE = re.compile(
    "[" + re.escape("".join(_HTML_CHARS)) + f"{CONTROL}{BIDI}{ZERO_WIDTH}{SURROGATE}]"
)


def _html_reference(match: re.Match[str]) -> str:
    char = match.group()
    found = _HTML_CHARS.get(char)
    if found is None:
        found = _show(char).replace("\\", _HTML_CHARS["\\"])
    return found


# In an href only what Markdown acts on before it sets inline HTML aside: code spans,
# backslash escapes, link brackets, and | (table cells are split first).
_URL = str.maketrans({**_ENTITIES, **{char: f"&#{ord(char)};" for char in "`\\[]|"}})


def html_text(text: str) -> str:
    """Text inside HTML: inline HTML in Markdown, a raw HTML block, SVG ``<text>`` and
    ``<title>``. ``< > & " '`` become entities, the characters Markdown would act on
    become character references (inline HTML's content is still read as Markdown), and
    invisible characters are shown as escapes. Line breaks are kept (a caller that wants
    ``<br>`` replaces ``\\n`` afterwards)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    return _HTML_RE.sub(_html_reference, text)


def html_attribute(text: str) -> str:
    """A value for a double-quoted HTML attribute (``title="…"``, ``aria-label="…"``), on
    one line."""
    return html_text(_LINE_BREAKS.sub(" ", text))


_SAFE_SCHEMES = ("http", "https")


def safe_url(url: str | None) -> str | None:
    """``url`` escaped for an ``href`` attribute if it is an http or https address with a
    host and no white space or invisible characters, else ``None``: ``javascript:``,
    ``data:``, ``vbscript:``, relative and scheme-less addresses never become links."""
    if not url or DANGEROUS.search(url) or any(char.isspace() for char in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an invalid IPv6 address in brackets
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.netloc:
        return None
    return url.translate(_URL)


def html_link(text: str, url: str | None) -> str:
    """An ``<a>`` element to ``url`` showing ``text``, or just the escaped text when the
    URL may not be a link (see `safe_url`)."""
    href = safe_url(url)
    if href is None:
        return html_text(text)
    return f'<a href="{href}" rel="nofollow noopener">{html_text(text)}</a>'
