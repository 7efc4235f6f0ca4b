"""A corpus of hostile record text, and a repository that holds it in every text field.

Every payload that would run would set ``window.__pwned`` (or open a dialog); the browser
test asserts neither happens and that the text is shown as text. The same repository goes
through the terminal, Markdown, JSON and export outputs.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from pathlib import Path

from gitrepo import GitBuilder

_DATA_PAGE = base64.b64encode(b"<script>window.__pwned='data'</script>").decode()

#: One payload per trick; each would set window.__pwned (or alert) if it ran.
PAYLOADS: dict[str, str] = {
    "script": "<script>window.__pwned='script'</script>",
    "title_break": "</title><script>window.__pwned='title'</script><title>",
    "img": "<img src=x onerror=\"window.__pwned='img'\">",
    "svg": "<svg onload=\"window.__pwned='svg'\"></svg>",
    "event": "<b onmouseover=\"window.__pwned='event'\" onclick=\"alert('event')\">b</b>",
    "attribute_break": '" onmouseover="window.__pwned=\'quote\'" x="',
    "raw_text_breaks": "</textarea></style></noscript></svg><script>alert('raw')</script>",
    "javascript_link": "[klikk](javascript:window.__pwned='link')",
    "javascript_image": "![bilde](javascript:window.__pwned='image')",
    "data_link": f"[data](data:text/html;base64,{_DATA_PAGE})",
    "autolink": "<javascript:window.__pwned='autolink'>",
    "reference_link": "[ref][r]\n\n[r]: javascript:window.__pwned='ref'",
    "attr_list": "{: onclick=\"window.__pwned='attr'\" }",
    "attr_list_heading": "Tittel {: #x onclick=\"window.__pwned='attr2'\" }",
    "jinja": "{{ config.site_name }} {% if true %}jinja{% endif %} {# c #}",
    "snippet": '--8<-- "/etc/passwd"',
    "comment": "<!-- skjult --> synlig <!--",
    "entity": "&lt;script&gt;window.__pwned='entity'&lt;/script&gt; &amp;",
    "markdown": "**fet** _kursiv_ `kode` | rør | # emne ~~stryk~~ ==merk== @alle",
    "tilde": "ca. 2021~ og ~ alene",
    "html_block": "\n\n<div onclick=\"window.__pwned='block'\">blokk</div>\n\n",
    "admonition": '\n\n!!! danger "Falsk boks"\n    innhold\n\n',
    "list_start": "\n\n1. liste\n- punkt\n+ pluss\n> sitat\n    kodeblokk",
}

#: A few payloads whose text the browser test looks for, verbatim, on the page.
VISIBLE = [
    "</title><script>window.__pwned='title'</script><title>",
    "[klikk](javascript:window.__pwned='link')",
    "{: onclick=\"window.__pwned='attr'\" }",
    "{{ config.site_name }}",
    '--8<-- "/etc/passwd"',
    "ca. 2021~ og ~ alene",
]

#: Every payload on one line (for names and titles).
LINE = " ".join(" ".join(p.split()) for p in PAYLOADS.values())
#: Every payload as it is, line breaks and all (for descriptions and notes).
BLOCK = "\n".join(PAYLOADS.values())
#: Very long text (about 40 KB).
LONG = ("Lang tekst uten slutt " * 2000).strip()
#: An http address that is valid but tries to break out of an attribute.
URL = "https://example.org/?q=\"><script>window.__pwned='url'</script>&x='"

QUOTE = "Sitat: " + LINE
NOTICE = "OBS! " + LINE
ARCHIVE = f"Innledning.\n\n{QUOTE}\n\n{NOTICE}\n\n{BLOCK}\n\nSlutt.\n"


def _dump(record: Mapping[str, object]) -> str:
    # JSON is YAML: every payload is written as a double-quoted string.
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def hostile_records() -> dict[str, str]:
    """Every record file of the hostile repository, ``{path under positions/: text}``."""
    actor = {
        "id": "parti-a",
        "name": "Parti A " + LINE,
        "party": "parti-a",
        "level": "national",
        "url": URL,
    }
    branch = {
        "id": "parti-a-by",
        "name": "Parti A By " + LINE,
        "party": "parti-a",
        "level": "municipal",
        "region": "By " + LINE,
        "url": URL,
    }
    issue = {
        "id": "sak",
        "title": "Sak " + LINE,
        "proposition": "Forslag " + LINE,
        "proposition_en": "Proposal " + LINE,
        "topic": "emne",
        "description": BLOCK + "\n\n" + LONG,
    }
    source = {
        "id": "kilde",
        "kind": "web_page",
        "title": "Kilde " + LINE,
        "url": URL,
        "publisher": "Utgiver " + LINE,
        "author": "Forfatter " + LINE,
        "language": "nb",
        "published": "2021~",
        "dating": "Datering " + BLOCK,
        "retrieved": "2026-01-10",
        "notices": [NOTICE],
        "attribution": {
            "status": "inferred",
            "actor": "parti-a",
            "confidence": 0.8,
            "evidence": ["Belegg " + LINE, BLOCK],
        },
        "archive": "archive/kilde.txt",
        "note": "Merknad " + BLOCK,
    }
    statements = [
        {
            "stated": "2021~",
            "stance": "support",
            "source": "kilde",
            "quotes": [QUOTE],
            "note": "Notat " + BLOCK,
        },
        {
            # made (the source is parti-a's own) and certainly after the first, so that the
            # corpus is clean under the checks of issue 16 (no conflicting evidence)
            "stated": "2023-02/2023-05",
            "stance": "oppose",
            "source": "kilde",
            "quotes": [NOTICE],
            "note": LONG,
        },
    ]
    return {
        "actors/parti-a.yaml": _dump(actor),
        "actors/parti-a-by.yaml": _dump(branch),
        "issues/sak.yaml": _dump(issue),
        "sources/kilde.yaml": _dump(source),
        "archive/kilde.txt": ARCHIVE,
        "statements/parti-a/sak.yaml": _dump(
            {"id": "parti-a--sak", "actor": "parti-a", "issue": "sak", "statements": statements}
        ),
        "statements/parti-a-by/sak.yaml": _dump(
            {
                "id": "parti-a-by--sak",
                "actor": "parti-a-by",
                "issue": "sak",
                "statements": [{**statements[0], "provenance": "reported"}],
            }
        ),
    }


#: A commit author and message with terminal escape sequences: clear screen, an OSC window
#: title, a bidi override.
AUTHOR = "Ond \x1b[2J\x1b]0;pwned\x07 Skribent"
MESSAGE = "Legg inn \x1b[31mrødt\x1b[0m \u202etxet\n\nKropp \x1b]8;;https://evil.example\x07lenke"


def write_hostile(root: Path) -> None:
    """Write the hostile repository's files under ``root/positions`` (no git)."""
    for relative, text in hostile_records().items():
        path = root / "positions" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def hostile_git(root: Path) -> GitBuilder:
    """The hostile repository in git: two commits by :data:`AUTHOR` with :data:`MESSAGE`,
    the second one changing a statement (so the recorded axis has a change to show)."""
    git = GitBuilder(root)
    git.git("config", "user.name", AUTHOR)
    files = hostile_records()
    for relative, text in files.items():
        git.write(relative, text)
    git.git("add", "-A")
    git.git("commit", "-q", "-m", MESSAGE, date="2026-01-11T12:00:00+00:00")
    changed = files["statements/parti-a/sak.yaml"].replace('"oppose"', '"strongly_oppose"')
    git.write("statements/parti-a/sak.yaml", changed)
    git.git("add", "-A")
    git.git("commit", "-q", "-m", MESSAGE, date="2026-01-12T12:00:00+00:00")
    return git
