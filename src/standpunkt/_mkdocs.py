"""A thin MkDocs plugin: the reference site's pages, generated at build time.

In a positions repository's ``mkdocs.yml``::

    plugins:
      - search
      - standpunkt:
          repository: .        # the folder that holds positions/ (default: beside mkdocs.yml)
          folder: positions    # where the pages go in the site
          lang: nb             # nb or en

The plugin calls the same generator as ``standpunkt site build`` and adds its Markdown
pages, its stylesheet (``<folder>/standpunkt.css``, added to ``extra_css``) and its Atom feed
(``<folder>/feed.xml``) to the build; every page of the site gets a ``<link rel="alternate">``
to the feed in its ``<head>``. Nothing is written into ``docs/``. ``standpunkt site init``
writes a ready ``mkdocs.yml``.
"""

from __future__ import annotations

import datetime
import html
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

if TYPE_CHECKING:
    from standpunkt import Repository

__all__ = ["StandpunktPlugin"]

log = logging.getLogger("mkdocs.plugins.standpunkt")


class StandpunktConfig(base.Config):
    """The plugin's settings."""

    repository = c.Type(str, default="")
    folder = c.Type(str, default="positions")
    lang = c.Choice(("nb", "en"), default="nb")
    as_of = c.Type((str, datetime.date), default="")  # YAML reads 2026-11-22 as a date


class StandpunktPlugin(BasePlugin[StandpunktConfig]):
    """Adds the generated pages of a positions repository to a MkDocs site.

    One repository (and one history cache) serves every build of the plugin's lifetime:
    ``mkdocs serve`` rebuilds reuse it, and it is closed when MkDocs shuts down.
    """

    def __init__(self) -> None:
        """No repository is open yet."""
        super().__init__()
        self._repo: Repository | None = None
        self._where: Path | None = None

    def on_config(self, config: Any) -> Any:
        """Add the site's stylesheet to ``extra_css``."""
        css = f"{self.config.folder.strip('/')}/standpunkt.css"
        if css not in config.extra_css:
            config.extra_css.append(css)
        return config

    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        """Link the feed from the ``<head>`` of every page (feed readers find it there)."""
        depth = page.url.count("/")  # positions/actors/x/ or positions/actors/x.html
        href = "../" * depth + f"{self.config.folder.strip('/')}/feed.xml"
        import standpunkt

        words = standpunkt.site_text(self.config.lang)
        title = html.escape(words["feed"])
        link = f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{href}">'
        output = output.replace("</head>", link + "</head>", 1)
        # Material's search dialog has no name (axe: aria-dialog-name); give it one
        search = html.escape(words["search"])
        return output.replace(
            'class="md-search" data-md-component="search" role="dialog"',
            f'class="md-search" data-md-component="search" role="dialog" aria-label="{search}"',
            1,
        )

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining this keeps the plugin (and its open repository) across rebuilds."""

    def on_shutdown(self) -> None:
        """Close the repository's history cache."""
        if self._repo is not None:
            self._repo.close()
            self._repo = None

    def _open(self, path: Path) -> Repository:
        import standpunkt

        where = path.resolve()
        if self._repo is None or self._where != where:
            self.on_shutdown()
            self._repo, self._where = standpunkt.open(where), where
        return self._repo

    def on_files(self, files: Files, /, *, config: Any) -> Files:
        """Generate the pages and add them to the files MkDocs builds."""
        import standpunkt

        base_dir = Path(config.config_file_path).parent
        as_of = self.config.as_of
        try:
            repo = self._open(base_dir / self.config.repository)
            pages = repo.site_pages(
                lang=self.config.lang,
                as_of=str(as_of) if as_of else None,
                directory_urls=bool(config.use_directory_urls),
            )
            errors = [p for p in repo.validate().problems if p.severity == "error"]
        except standpunkt.StandpunktError as exc:
            raise PluginError(f"standpunkt: {exc}") from None
        if errors:  # a warning fails `mkdocs build --strict`: a site from invalid data
            log.warning(
                "standpunkt: %d problem(s) in the records; files that cannot be read, and "
                "statements whose evidence does not check out, are left out of the site "
                "(the overview says how many). Run `standpunkt validate`. First: %s",
                len(errors),
                errors[0],
            )
        folder = self.config.folder.strip("/")
        for relative, text in sorted(pages.items()):
            # Keep the navigation small however many records there are: parties, issues and
            # the yearly changes go in the sidebar; actors and sources are reached from tables.
            top = relative.split("/")[0]
            level = (
                InclusionLevel.NOT_IN_NAV
                if top in ("actors", "sources")
                else InclusionLevel.UNDEFINED
            )
            files.append(
                File.generated(config, f"{folder}/{relative}", content=text, inclusion=level)
            )
        return files
