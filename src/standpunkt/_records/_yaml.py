"""Reading and writing record files as YAML, safely.

Reading uses ``yaml-rs`` (YAML 1.2 core schema): ``language: no`` stays the text ``"no"``,
numbers are only those of the core schema (``2_009``, ``1_000``, ``0b101`` and ``0X1F`` are
text, as in every YAML 1.2 reader, though yaml-rs alone would read numbers), duplicate keys
are an error, and aliases are refused outright (records never need them, and
refusing them makes alias bombs impossible). Before the parser sees a file, this module
refuses what YAML parsers handle badly or silently: files over `MAX_FILE_BYTES`, bytes
that are not UTF-8, NUL and other control characters. A leading byte-order mark is dropped.

Writing uses a small emitter of our own (see ``docs/decisions/0001-yaml.md``): keys in the
order given, one list item per line, strings plain only when every YAML 1.1 and 1.2 reader
takes them as the same text, otherwise double-quoted, multi-line text as literal blocks.
The same data always gives the same bytes.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

import yaml_rs

__all__ = ["MAX_FILE_BYTES", "YamlProblem", "check_text", "dump", "load", "maybe_not_core"]

#: Record files larger than this (1 MiB) are refused unread.
MAX_FILE_BYTES = 1024 * 1024

_ALIAS_LIMITS = yaml_rs.AliasLimits(
    max_total_replayed_events=0, max_replay_stack_depth=1, max_alias_expansions_per_anchor=0
)
# C0 controls but tab, LF and CR; DEL; C1 controls; lone surrogates can't occur in decoded text.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
#: Deeper block nesting than this many columns of indentation is refused before parsing
#: (the parser has no limit of its own for block style and crashes on extreme depth).
MAX_INDENT = 200
#: A line whose indentation (spaces, tabs and the ``?:-`` indicators) is deeper than allowed.
#: (Found as a line end followed by that indentation, and at the start apart: a pattern
#: that begins with a literal character is found quickly, ``^`` is tried everywhere.)
_DEEP_RE = re.compile(rf"\n[ \t?:-]{{{MAX_INDENT + 1}}}")
_DEEP_FIRST_RE = re.compile(rf"[ \t?:-]{{{MAX_INDENT + 1}}}")
_LINE_RE = re.compile(r"line (\d+), column (\d+)")


class YamlProblem(Exception):
    """Why a file could not be read as YAML (raised by `load`).

    Attributes:
        code: A stable code (``yaml_syntax``, ``yaml_duplicate_key``, ``yaml_alias``,
            ``yaml_too_deep``, ``file_too_large``, ``encoding``, ``control_character``,
            ``not_a_mapping``).
        message: What was wrong, in a sentence.
        hint: What to do about it.
        line: The 1-based line, when known.
    """

    def __init__(self, code: str, message: str, hint: str, line: int | None = None) -> None:
        """Keep the parts; ``str()`` gives the message."""
        super().__init__(code, message, hint, line)
        self.code = code
        self.message = message
        self.hint = hint
        self.line = line

    def __str__(self) -> str:
        return self.message


def _decode(data: bytes) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise YamlProblem(
            "file_too_large",
            f"the file is {len(data):,} bytes; record files may be at most {MAX_FILE_BYTES:,}",
            "Split the record, or move long text into the source's archived text file.",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise YamlProblem(
            "encoding",
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            "Save the file as UTF-8 (most editors have this under 'Save with encoding').",
            line,
        ) from None
    return check_text(text.removeprefix("\ufeff"))


def check_text(text: str) -> str:
    """``text`` refused (`YamlProblem`) for control characters or extreme nesting, with
    its CRLF line ends made LF. Both checks look at one line at a time, so text that
    passes them piece by piece (split at line ends) passes them whole."""
    bad = _CONTROL_RE.search(text) if _may_hold_control(text) else None
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        raise YamlProblem(
            "control_character",
            f"the file contains the invisible control character U+{ord(bad.group()):04X}",
            "Delete it; it is often pasted in from a PDF or a word processor.",
            line,
        )
    deep = _DEEP_FIRST_RE.match(text) or _DEEP_RE.search(text)
    if deep is not None:
        raise YamlProblem(
            "yaml_too_deep",
            f"the nesting is deeper than {MAX_INDENT} columns of indentation",
            "Records are a few levels deep; check the file was not generated wrongly.",
            text.count("\n", 0, deep.end() - MAX_INDENT - 1) + 1,
        )
    return text.replace("\r\n", "\n")


def _may_hold_control(text: str) -> bool:
    """``False`` only when ``text`` holds none of `_CONTROL_RE`'s characters: every one
    of them is non-printable to Python, and once tab and the line ends are taken out,
    ``str.isprintable`` (a fast scan) is ``True`` only for text without any (the
    non-printable spaces, such as U+00A0, send such text to the exact search)."""
    return not text.replace("\n", "").replace("\t", "").replace("\r", "").isprintable()


def _nfc(value: Any, text: str) -> Any:
    """Unicode NFC for every key and text value; keys equal after NFC are duplicates."""
    if isinstance(value, str):
        return (
            value
            if unicodedata.is_normalized("NFC", value)
            else unicodedata.normalize("NFC", value)
        )
    if isinstance(value, list):
        return [_nfc(item, text) for item in value]
    if isinstance(value, dict):
        out: dict[Any, Any] = {}
        for key, item in value.items():
            key = _nfc(key, text)
            if key in out:
                raise _translate(f"duplicate mapping key: '{key}'", text)
            out[key] = _nfc(item, text)
        return out
    return value


_KEY_RE = re.compile(r"^( *)((?:- +)*)(['\"]?)(.+?)\3 *:(?: |$)")


def _duplicate_line(text: str, key: str) -> int | None:
    """The line where ``key`` appears a second time in the same mapping."""
    seen: dict[int, set[str]] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        match = _KEY_RE.match(line)
        col = len(line) - len(stripped)
        dashes = match.group(2) if match else ""
        if dashes or stripped.startswith("-"):
            col_item = col + len(dashes) if match else col
            for level in [lvl for lvl in seen if lvl >= col_item]:
                del seen[level]
        else:
            for level in [lvl for lvl in seen if lvl > col]:
                del seen[level]
        if match is None:
            continue
        where = col + len(dashes)
        keys = seen.setdefault(where, set())
        name = unicodedata.normalize("NFC", match.group(4))
        if name == key and name in keys:
            return number
        keys.add(name)
    return None


def load(data: bytes) -> dict[str, Any]:
    """Parse one record file's bytes into a mapping.

    Raises:
        YamlProblem: with a stable code, a message, a hint and the line when known.
    """
    return _load_text(_decode(data))


def _load_text(text: str) -> dict[str, Any]:
    """`load` of text already decoded and checked by `check_text` (raises as it does)."""
    try:
        value = yaml_rs.loads(text, parse_datetime=False, alias_limits=_ALIAS_LIMITS)
    except yaml_rs.YAMLDecodeError as exc:
        raise _translate(str(exc), text) from None
    except (ValueError, OverflowError, RecursionError) as exc:  # e.g. a 5,000-digit number
        raise YamlProblem(
            "yaml_syntax",
            f"the YAML cannot be read: {str(exc).splitlines()[0][:200]}",
            "Check for very long numbers or unusual values; quote text that looks like a number.",
        ) from None
    if isinstance(value, dict) and maybe_not_core(text):
        value = _core_numbers(value, text)
    if isinstance(value, list) and _several_documents(text):
        raise YamlProblem(
            "not_a_mapping",
            "the file holds several YAML documents; a record file holds exactly one",
            "Remove the extra '---' lines and split the records into their own files.",
        )
    if not isinstance(value, dict):
        found = (
            "nothing" if value is None else ("a list" if isinstance(value, list) else "one value")
        )
        raise YamlProblem(
            "not_a_mapping",
            f"the file holds {found}, not a record of 'field: value' lines",
            "Start the file with the record's fields, e.g. 'id: my-record'.",
        )
    if "\\" not in text and unicodedata.is_normalized("NFC", text):
        return value  # no escapes and NFC text: every key and value is NFC already
    result: dict[str, Any] = _nfc(value, text)
    return result


# YAML 1.2 core schema numbers (https://yaml.org/spec/1.2.2/#1032-tag-resolution). yaml-rs
# also reads 2_009, 1_000, 0b101, 0X1F, 0O17, +0x1F as numbers (YAML 1.1 habits); an editor's
# YAML 1.2 tooling sees text, so standpunkt reads them as text too.
_CORE_NUMBER = re.compile(
    r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
    r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
)
# A cheap test for a file that may hold such a number: '_' beside a digit, a 0b/0B/0O/0X
# prefix, or a sign before 0x/0o. Most files have none, and are returned as parsed.
# As two patterns beginning with a literal character, which `re` finds quickly (one of
# alternatives beginning with classes is tried at every position: it cost more than the
# parse); the answer is the same (tests/test_yaml_gates.py).
_UNDERSCORE_DIGIT = re.compile(r"_(?:(?<=[0-9]_)|(?=[0-9]))")
_ZERO_PREFIX = re.compile(r"0(?:[bBOX]|x[0-9a-fA-F]*_|(?<=[-+]0)[xo])")


def maybe_not_core(text: str) -> bool:
    """``True`` when ``text`` may hold a number outside the YAML 1.2 core schema."""
    return bool(
        ("_" in text and _UNDERSCORE_DIGIT.search(text))
        or ("0" in text and _ZERO_PREFIX.search(text))
    )


# A plain scalar that may be a number: after white space, '[', '{' or ',' and before the
# end of the line, a comment, ',', ']' or '}'.
_NUMBER_TOKEN = re.compile(
    r"(?<![^\s\[{,])[-+]?[0-9._][0-9A-Za-z_.+-]*(?=[ \t]*(?:#|$|[,\]}]))", re.MULTILINE
)


def _not_core(token: str) -> bool:
    """``True`` when yaml-rs reads ``token`` as a number but YAML 1.2 core reads text."""
    if _CORE_NUMBER.fullmatch(token):
        return False
    try:
        value = yaml_rs.loads(f"v: {token}", parse_datetime=False)
    except (ValueError, OverflowError):
        return False
    number = value.get("v") if isinstance(value, dict) else None
    return isinstance(number, (int, float)) and not isinstance(number, bool)


def _core_numbers(value: dict[str, Any], text: str) -> dict[str, Any]:
    """``value`` with every number written outside the core schema (``2_009``) as its text.

    The text is parsed a second time with those scalars quoted; where the first reading
    has a number and the second the text, the text is taken. Quoting cannot change the
    structure, except inside a quoted string spread over lines; then the file is refused
    with a clear message rather than read one way or the other.
    """
    spans = [m.span() for m in _NUMBER_TOKEN.finditer(text) if _not_core(m.group())]
    if not spans:
        return value
    for quote in ("'", '"'):
        quoted = text
        for start, end in reversed(spans):
            quoted = f"{quoted[:start]}{quote}{quoted[start:end]}{quote}{quoted[end:]}"
        try:
            again = yaml_rs.loads(quoted, parse_datetime=False, alias_limits=_ALIAS_LIMITS)
        except (ValueError, OverflowError, RecursionError):
            continue
        merged = _merge(value, again)
        if isinstance(merged, dict):
            return merged
    start, _ = spans[0]
    raise YamlProblem(
        "yaml_syntax",
        f"the value '{text[spans[0][0] : spans[0][1]]}' is a number to some YAML readers "
        "(YAML 1.1) and text to others (YAML 1.2)",
        "Put it in quotes if it is text, or write the number without '_' and in decimal.",
        text.count("\n", 0, start) + 1,
    )


class _Mismatch(Exception):
    pass


def _merge(first: Any, second: Any) -> Any:
    """``first``, with a number replaced by ``second``'s text where ``second`` has text."""
    try:
        return _merged(first, second)
    except _Mismatch:
        return None


def _merged(first: Any, second: Any) -> Any:
    if isinstance(first, dict) and isinstance(second, dict) and len(first) == len(second):
        return {
            _merged(k1, k2): _merged(v1, v2)
            for (k1, v1), (k2, v2) in zip(first.items(), second.items(), strict=True)
        }
    if isinstance(first, list) and isinstance(second, list) and len(first) == len(second):
        return [_merged(a, b) for a, b in zip(first, second, strict=True)]
    number = isinstance(first, (int, float)) and not isinstance(first, bool)
    if number and isinstance(second, str):
        return second
    if type(first) is not type(second) and not isinstance(first, str):
        raise _Mismatch
    return first


def _several_documents(text: str) -> bool:
    content = False
    for line in text.split("\n"):
        stripped = line.rstrip()
        if stripped in ("---", "...") or stripped.startswith("--- "):
            if content:
                return True
            continue
        if stripped and not stripped.lstrip().startswith("#"):
            content = True
    return False


def _translate(message: str, text: str) -> YamlProblem:
    first = message.splitlines()[-1] if message else "unreadable YAML"
    if message.startswith("duplicate mapping key"):
        key = message.split(":", 1)[1].strip().strip("'\"")
        return YamlProblem(
            "yaml_duplicate_key",
            f"the field '{key}' appears twice in the same place",
            "Keep one of them: YAML readers disagree on which one wins.",
            _duplicate_line(text, key),
        )
    if "alias" in message:
        return YamlProblem(
            "yaml_alias",
            "the file uses YAML anchors or aliases (& or *), which record files may not use",
            "Write the value out in full where it is used.",
        )
    match = _LINE_RE.search(message)
    line = int(match.group(1)) if match else None
    where = f" (column {match.group(2)})" if match else ""
    return YamlProblem(
        "yaml_syntax",
        f"the YAML cannot be read: {first}{where}",
        "Check indentation and quoting near that line; text with ': ' or '#' needs quotes.",
        line,
    )


# ---------------------------------------------------------------------------------- writing

# Text that is safe to write without quotes: starts with a letter and holds only letters,
# digits, spaces and harmless punctuation, so numbers and dates are always quoted. The words
# that a YAML 1.1 or 1.2 reader takes as a boolean or null are quoted too.
_PLAIN_RE = re.compile(r"[^\W\d_][\w .,()'\"/+@!?;«»–—…*&%=-]*")
_SPECIAL_RE = re.compile(r"(?i:y|n|yes|no|true|false|on|off|null|nan|inf)")
_ESCAPES = {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


def _is_plain(text: str) -> bool:
    return (
        _PLAIN_RE.fullmatch(text) is not None
        and _SPECIAL_RE.fullmatch(text) is None
        and not text.endswith(" ")
        and " #" not in text
    )


def _quoted(text: str) -> str:
    out = json.dumps(text, ensure_ascii=False)
    return _CONTROL_RE.sub(lambda m: _ESCAPES.get(m.group(), _escape(m.group())), out)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _block_ok(text: str) -> bool:
    if "\n" not in text or text.endswith("\n\n") or text.startswith((" ", "\n")):
        return False
    if _CONTROL_RE.search(text) or "\r" in text or "\t" in text:
        return False
    return all(line == line.rstrip() for line in text.split("\n"))


def _scalar(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or abs(value) == float("inf"):
            return _nan(value)
        text = repr(value)
        mantissa, _, exponent = text.partition("e")
        if exponent and "." not in mantissa:
            text = f"{mantissa}.0e{exponent}"  # YAML 1.1 readers need the point
        return text
    if isinstance(value, str):
        return value if _is_plain(value) else _quoted(value)
    raise TypeError(f"cannot write a {type(value).__name__} to YAML")


def _is_list(value: object) -> bool:
    return isinstance(value, Sequence) and not isinstance(value, (str, bytes, bytearray))


def _nan(value: float) -> str:
    if value != value:
        return ".nan"
    return ".inf" if value > 0 else "-.inf"


def _emit(value: object, indent: int, lines: list[str], prefix: str) -> None:
    pad = " " * indent
    if isinstance(value, Mapping):
        if not value:
            lines.append(f"{prefix}{{}}")
            return
        first = True
        for key, item in value.items():
            lead = prefix if first else pad
            first = False
            _emit_item(f"{lead}{_scalar(str(key))}:", item, indent, lines)
    elif _is_list(value):
        if not value:
            lines.append(f"{prefix}[]")
            return
        first = True
        assert isinstance(value, Sequence)
        for item in value:
            lead = prefix if first else pad
            first = False
            if isinstance(item, Mapping) and item:
                _emit(item, indent + 2, lines, f"{lead}- ")
            else:
                _emit_item(f"{lead}-", item, indent, lines)
    else:
        lines.append(f"{prefix}{_scalar(value)}")


def _emit_item(head: str, item: object, indent: int, lines: list[str]) -> None:
    pad = " " * indent
    if isinstance(item, str) and _block_ok(item):
        chomp = "" if item.endswith("\n") else "-"
        lines.append(f"{head} |{chomp}")
        lines.extend(f"{pad}  {line}" if line else "" for line in item.rstrip("\n").split("\n"))
    elif isinstance(item, Mapping) and item:
        lines.append(head)
        _emit(item, indent + 2, lines, " " * (indent + 2))
    elif _is_list(item) and item:
        lines.append(head)
        _emit(item, indent + 2, lines, " " * (indent + 2))
    else:
        lines.append(f"{head} {_inline(item)}")


def _inline(item: object) -> str:
    if isinstance(item, Mapping):
        return "{}"
    if _is_list(item):
        return "[]"
    return _scalar(item)


def dump(data: Mapping[str, Any], header: str | None = None) -> str:
    """Write a mapping as YAML text in the stable, diff-friendly form described above.

    Args:
        data: Plain data: mappings with string keys, lists, text, numbers, booleans, None.
        header: An optional comment line (without ``#``) written first, e.g. the
            ``yaml-language-server: $schema=...`` line editors use.
    """
    lines: list[str] = []
    if header is not None and ("\n" in header or "\r" in header):
        raise ValueError("the header must be one line")
    if header is not None:
        lines.append(f"# {header}")
    _emit(data, 0, lines, "")
    return "\n".join(lines) + "\n"
