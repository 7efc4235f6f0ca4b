"""The overview and the pages of parties, actors and issues.

A position's place is its section on the actor's page (``actors/<actor>.md#sak-<issue>``):
the statements with dates in words, stances, sources, quotes and notes, and a «how to cite»
box with the commit the site was built from and a permanent link to the position's file.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from ..._query._provenance import provenance_flags
from ..._records._checks import conflicting_pairs
from ..._records._escape import front_matter, markdown_block
from ..._records._layout import path_for
from ..._records._models import Actor, Issue, Position
from ._common import MARKS, Context, anchor, e, md
from ._timeline import timeline

__all__ = ["Maker", "actor_makers", "issue_makers", "overview", "party_makers"]

#: A page made when it is asked for: its text (see `page_makers`).
Maker = Callable[[], str]


def _statement_rows(ctx: Context, position: Position, depth: int) -> list[list[str]]:
    t = ctx.t
    rows = []
    pairs = conflicting_pairs(position.statements)
    for index, statement in enumerate(position.statements):
        flags = provenance_flags(ctx.data, statement, ctx.lang)
        others = sorted({b if a == index else a for a, b in pairs if index in (a, b)})
        if others:
            flags.append(t["conflicting"].format(others=", ".join(str(i + 1) for i in others)))
        failed = ctx.unverified.get((position.id, index))
        if failed:
            why = ", ".join(t[code] for code in failed)
            flags.insert(0, f"{MARKS['unverified']} {t['unverified']}: {why}")
        if statement.source in ctx.stale_ids:
            flags.append(t["stale"].lower())
        source = ctx.source_link(statement.source, depth)
        if flags:
            source += f'<span class="sp-sub">{md("; ".join(flags))}</span>'
        quotes = " ".join(f"«{md(q)}»" for q in statement.quotes)
        rows.append(
            [
                ctx.date(statement.stated),
                ctx.stance(statement),
                source,
                quotes,
                f'<span class="sp-free">{md(statement.note)}</span>' if statement.note else "",
            ]
        )
    return rows


def _statements(ctx: Context, position: Position, depth: int) -> list[str]:
    """The statements table of a position, made once for the two pages that show it (its
    actor's and its issue's): kept for the second, which takes it out of the memo."""
    key = (position.id, depth)
    table = ctx.memo.pop(key, None)
    if table is None:
        t = ctx.t
        headers = [t["stated"], t["stance"], t["source"], t["quotes"], t["note"]]
        table = ctx.memo[key] = ctx.table(headers, _statement_rows(ctx, position, depth))
    return table


def _cite(ctx: Context, position: Position, actor: Actor, issue: Issue | None) -> list[str]:
    t = ctx.t
    built = ctx.options.built_from
    path = f"positions/{path_for('position', position.id)}"
    commit = built.commit
    text = t["cite_text"].format(
        actor=actor.name,
        issue=issue.title if issue else position.issue,
        commit=commit[:12] if commit else "—",
        day=ctx.date_words(ctx.stale.as_of),
    )
    lines = [f'!!! quote sp-box "{t["cite"]}"', "", f"    {markdown_block(text)}", ""]
    if commit is None:
        lines += [f"    {md(t['cite_no_git'])}", ""]
        return lines
    lines += [f"    {md(t['cite_commit'])}: <code>{commit}</code>", ""]
    if built.dirty:
        lines += [f"    {md(t['cite_uncommitted'])}", ""]
    full = built.prefix + path
    if built.blob_url:
        url = built.blob_url.format(commit=commit, path=full)
        lines += [f"    [{md(t['cite_link'])}](<{url}>)", ""]
    else:
        lines += [f"    {md(t['cite_path'])}: <code>{e(full)}</code>", ""]
    return lines


def overview(ctx: Context) -> str:
    """The front page: issues as rows grouped by topic (topics and issues in order of
    how many actors have a position), national parties as columns with their branches
    in the same cell."""
    t, data = ctx.t, ctx.data
    parties: dict[str, list[Actor]] = {}
    for actor in data.actors.values():
        parties.setdefault(actor.party, []).append(actor)
    order = sorted(
        parties, key=lambda p: (-sum(len(ctx.by_actor.get(a.id, [])) for a in parties[p]), p)
    )
    wide = "---\nhide:\n  - navigation\n  - toc\n---\n\n"  # Material: the table gets the width
    lines = [f"{wide}# {md(t['overview'])}", "", *ctx.evidence_note()]
    lines += [ctx.legend(), ""]
    topics: dict[str, list[Issue]] = {}
    for issue in data.issues.values():
        topics.setdefault(issue.topic, []).append(issue)
    coverage = {i: len(ctx.by_issue.get(i, [])) for i in data.issues}
    for topic, issues in sorted(
        topics.items(), key=lambda kv: (-sum(coverage[i.id] for i in kv[1]), kv[0])
    ):
        lines += [f"## {md(t['topic'])}: {md(topic)}", ""]
        headers = [t["issue"], *(data.party_name(p) if p in data.actors else p for p in order)]
        rows = []
        for issue in sorted(issues, key=lambda i: (-coverage[i.id], i.title)):
            found = {p.actor: p for p in ctx.by_issue.get(issue.id, [])}
            row = [ctx.issue_link(issue.id, 0)]
            for party in order:
                row.append(_party_cell(ctx, parties[party], found))
            rows.append(row)
        lines += ctx.table(headers, rows)
    lines += [
        f"[{md(t['parties'])}](parties/index.md) · [{md(t['issues'])}](issues/index.md)"
        f" · [{md(t['all_sources'])}](sources/index.md) · "
        f"[{md(t['stale_sources'])}](stale.md) · [{md(t['changes'])}](changes/index.md)",
        "",
        ctx.feed_link(0),
    ]
    return "\n".join(lines) + "\n"


def _party_cell(ctx: Context, members: list[Actor], found: dict[str, Position]) -> str:
    parts: list[str] = []
    for actor in sorted(members, key=lambda a: (a.level != "national", a.id)):
        position = found.get(actor.id)
        if position is None:
            continue
        chip = f"{ctx.stance(position.statements[-1])} {ctx.marks(position)}".strip()
        link = ctx.position_link(position, 0, text=chip)
        if actor.level == "national" and actor.id == actor.party:
            parts.insert(0, link)
        else:
            parts.append(f'<span class="sp-sub">{md(actor.name)}: {link}</span>')
    return " ".join(parts)


def _parties(ctx: Context) -> dict[str, list[Actor]]:
    """The actors of each party, in the order of the data."""
    parties: dict[str, list[Actor]] = {}
    for actor in ctx.data.actors.values():
        parties.setdefault(actor.party, []).append(actor)
    return parties


def party_makers(ctx: Context) -> dict[str, Maker]:
    """Every party with its branches: ``parties/<party>.md`` and ``parties/index.md``."""
    parties = _parties(ctx)
    makers: dict[str, Maker] = {
        f"parties/{party}.md": partial(_party_page, ctx, members)
        for party, members in sorted(parties.items())
    }
    makers["parties/index.md"] = partial(_parties_index, ctx, parties)
    return makers


def _parties_index(ctx: Context, parties: dict[str, list[Actor]]) -> str:
    t, data = ctx.t, ctx.data
    index_rows = [
        [f"[{md(data.party_name(members[0].id))}]({party}.md)", str(len(members))]
        for party, members in sorted(parties.items())
    ]
    index = [f"# {md(t['parties'])}", ""]
    index += ctx.table([t["party"], t["actors"]], index_rows)
    return "\n".join([*index, ctx.feed_link(1)]) + "\n"


def _party_page(ctx: Context, members: list[Actor]) -> str:
    t, data = ctx.t, ctx.data
    name = data.party_name(members[0].id)
    members = sorted(members, key=lambda a: (a.level != "national", a.id))
    lines = [front_matter(name) + f"# {md(name)}", ""]
    lines += ctx.table(
        [t["actor"], t["level"], t["region"]],
        [
            [ctx.actor_link(a.id, 1), md(ctx.word("level", a.level)), md(a.region or "")]
            for a in members
        ],
    )
    positions = [p for a in members for p in ctx.by_actor.get(a.id, [])]
    positions.sort(key=lambda p: (p.issue, p.actor))
    lines += [f"## {md(t['timeline'])}", "", timeline(ctx, positions, name), ""]
    lines += [f"## {md(t['issues'])}", "", ctx.legend(), ""]
    lines += ctx.table(
        [t["issue"], t["actor"], t["stance"]],
        [
            [
                ctx.issue_link(p.issue, 1),
                ctx.actor_link(p.actor, 1),
                ctx.position_link(p, 1, f"{ctx.stance(p.statements[-1])} {ctx.marks(p)}".strip()),
            ]
            for p in positions
        ],
    )
    lines.append(ctx.feed_link(1))
    return "\n".join(lines) + "\n"


def actor_makers(ctx: Context) -> dict[str, Maker]:
    """One page per actor: a section per position with its statements and a «how to
    cite» box."""
    return {
        f"actors/{actor.id}.md": partial(_actor_page, ctx, actor)
        for actor in ctx.data.actors.values()
    }


def _actor_page(ctx: Context, actor: Actor) -> str:
    t, data = ctx.t, ctx.data
    party = ctx.party_of(actor)
    facts = (
        f"{md(t['party'])}: [{md(party)}](../parties/{actor.party}.md) · "
        f"{md(t['level'])}: {md(ctx.word('level', actor.level))}"
    )
    if actor.region:
        facts += f" · {md(t['region'])}: {md(actor.region)}"
    lines = [front_matter(actor.name) + f"# {md(actor.name)}", "", facts, ""]
    positions = sorted(ctx.by_actor.get(actor.id, []), key=lambda p: p.issue)
    if positions:
        lines += [ctx.legend(), ""]
    for position in positions:
        issue = data.issues.get(position.issue)
        lines += [
            f'## <span id="{e(anchor(position.issue))}"></span>'
            f"{ctx.issue_link(position.issue, 1)} {ctx.marks(position)}".rstrip(),
            "",
            *_statements(ctx, position, 1),
            *_cite(ctx, position, actor, issue),
        ]
    lines.append(ctx.feed_link(1))
    return "\n".join(lines) + "\n"


def _issues(ctx: Context) -> list[Issue]:
    return sorted(ctx.data.issues.values(), key=lambda i: (i.topic, i.title))


def issue_makers(ctx: Context) -> dict[str, Maker]:
    """One page per issue: the proposition, a timeline and every actor's statements; and
    ``issues/index.md``."""
    makers: dict[str, Maker] = {
        f"issues/{issue.id}.md": partial(_issue_page, ctx, issue) for issue in _issues(ctx)
    }
    makers["issues/index.md"] = partial(_issues_index, ctx)
    return makers


def _issues_index(ctx: Context) -> str:
    t = ctx.t
    index_rows = [
        [f"[{md(issue.title)}]({issue.id}.md)", md(issue.topic), md(issue.proposition)]
        for issue in _issues(ctx)
    ]
    index = [f"# {md(t['issues'])}", ""]
    index += ctx.table([t["issue"], t["topic"], t["proposition"]], index_rows)
    return "\n".join([*index, ctx.feed_link(1)]) + "\n"


def _issue_page(ctx: Context, issue: Issue) -> str:
    t, data = ctx.t, ctx.data
    positions = sorted(
        ctx.by_issue.get(issue.id, []),
        key=lambda p: (data.party_name(p.actor), p.actor),
    )
    lines = [
        front_matter(issue.title) + f"# {md(issue.title)}",
        "",
        f"> {md(issue.proposition)}",
        "",
    ]
    if issue.proposition_en and ctx.lang == "en":
        lines += [f"*{md(issue.proposition_en)}*", ""]
    if issue.description:
        for paragraph in issue.description.split("\n\n"):
            lines += [markdown_block(paragraph), ""]
    lines += [
        f"## {md(t['timeline'])}",
        "",
        timeline(ctx, positions, issue.title, with_issue=False),
        "",
        f"## {md(t['history'])}",
        "",
    ]
    if positions:
        lines += [ctx.legend(), ""]
    for position in positions:
        lines += [
            f"### {ctx.actor_link(position.actor, 1)} {ctx.marks(position)}".rstrip(),
            "",
            *_statements(ctx, position, 1),
        ]
    lines.append(ctx.feed_link(1))
    return "\n".join(lines) + "\n"
