"""The reference site: Markdown pages (and a stylesheet and an Atom feed) generated from a
positions repository, for MkDocs or any Markdown site builder.

Pages (under the output folder)::

    index.md                 overview: issues by topic × parties (branches in the cell)
    parties/index.md         every party;  parties/<party>.md  a party with all its branches
    actors/<actor>.md        one actor's positions (a section each, with a «how to cite» box)
    issues/index.md          every issue;  issues/<issue>.md   every actor's statements
    sources/index.md         every source; sources/<source>.md  facts, notes, staleness,
                             attribution, quotes, the archived text with quotes highlighted
    stale.md                 the stale sources and the positions they make possibly outdated
    changes/index.md         changes/<year>.md  what changed on the stated axis that year
    feed.xml                 Atom feed of the changes on the recorded axis
    standpunkt.css           the site's styles (stacked tables and vertical timelines on
                             a phone)

Every string comes from one table per language (`._text`); dates are shown in words
with the EDTF value in a ``title``; record text is escaped by
`standpunkt._records._escape`. The modules: `._common` (context, links, tables),
`._pages` (overview, parties, actors, issues), `._timeline`, `._sources`,
`._changes` (yearly changes in one pass), `._feed`, `._origin` (the commit
built from), `._scaffold` (``standpunkt site init``) and `._style`.
See ``docs/decisions/0013-site.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from ..._query._report import DiffReport
from ..._query._staleness import StalenessReport
from ..._records._dataset import Dataset
from ._changes import YearChange, change_makers, yearly_changes
from ._common import BuiltFrom, Context, SiteOptions
from ._feed import FEED_COMMITS, FEED_NAME, feed
from ._origin import built_from, feed_start, forge_blob_url
from ._pages import Maker, actor_makers, issue_makers, overview, party_makers
from ._scaffold import init_site
from ._sources import highlight, source_makers, sources_index, stale_page
from ._style import STYLESHEET, STYLESHEET_NAME
from ._text import TEXT
from ._timeline import timeline

__all__ = [
    "FEED_COMMITS",
    "FEED_NAME",
    "STYLESHEET_NAME",
    "TEXT",
    "BuiltFrom",
    "Maker",
    "SiteOptions",
    "YearChange",
    "built_from",
    "feed_start",
    "forge_blob_url",
    "highlight",
    "init_site",
    "page_makers",
    "site_text",
    "timeline",
    "yearly_changes",
]


def site_text(lang: str) -> dict[str, str]:
    """Every word the reference site writes, in ``lang`` (``nb`` or ``en``): one table per
    language, the stance and provenance labels included.

    Raises:
        KeyError: ``lang`` is not ``nb`` or ``en``.
    """
    return dict(TEXT[lang])


def _stylesheet() -> str:
    return STYLESHEET


def page_makers(  # noqa: PLR0913 — the parts of one build, each named at the call
    data: Dataset,
    stale: StalenessReport,
    archives: Mapping[str, str],
    changes: dict[int, list[YearChange]],
    options: SiteOptions,
    recorded: DiffReport | None = None,
) -> dict[str, Maker]:
    """Every file of the site, as ``{relative path: what makes its text}``: the Markdown
    pages, the stylesheet and the feed (of ``recorded``, a recorded-axis diff). A page is
    made only when its maker is called, so a writer holds one page at a time."""
    ctx = Context(data, stale, options)
    makers: dict[str, Maker] = {"index.md": partial(overview, ctx)}
    makers.update(party_makers(ctx))
    makers.update(actor_makers(ctx))
    makers.update(issue_makers(ctx))
    makers.update(source_makers(ctx, archives))
    makers["sources/index.md"] = partial(sources_index, ctx)
    makers["stale.md"] = partial(stale_page, ctx)
    makers.update(change_makers(ctx, changes))
    makers[FEED_NAME] = partial(feed, ctx, recorded)
    makers[STYLESHEET_NAME] = _stylesheet
    return makers
