"""The site's stylesheet: written beside the pages (``standpunkt.css``) and added to the
MkDocs build by the plugin. No web fonts, no images, nothing fetched.

Wide screens show tables and horizontal timelines; below 700 px every table of the site
stacks (one block per row, each cell with its column's name) and timelines turn into
vertical lists, so no page scrolls sideways on a phone.
"""

from __future__ import annotations

__all__ = ["STYLESHEET", "STYLESHEET_NAME"]

#: The file name of the stylesheet, in the site's folder.
STYLESHEET_NAME = "standpunkt.css"

STYLESHEET = """\
/* standpunkt: the reference site's own styles (generated; do not edit). */
.sp-stance { border-left: 0.8em solid var(--sp-colour, #999); padding-left: 0.3em;
  white-space: nowrap; }
.sp-mark { text-decoration: none; border: 0; cursor: help; font-weight: 700;
  padding: 0 0.1em; }
abbr.sp-mark[title] { text-decoration: none; }
.sp-th { display: none; font-weight: 700; }
.sp-date { white-space: normal; }
.sp-sub { display: block; font-size: 0.85em; }
.sp-table table { table-layout: auto; width: 100%; }
.md-typeset .sp-table table:not([class]) { display: table; font-size: 0.72rem; }
.md-typeset .sp-table td, .md-typeset .sp-table th { overflow-wrap: break-word;
  hyphens: manual; }
.md-typeset .sp-table td:first-child { min-width: 9em; }
.md-typeset p a, .md-typeset li a, .md-typeset td a { text-decoration: underline; }
.sp-legend { font-size: 0.8em; }
.sp-archive { border-left: 3px solid #ccc; padding-left: 1em; }
.sp-archive mark { background: #fff3a0; color: #000; }

/* timelines */
.sp-tl { margin: 1em 0; font-size: 0.72rem; max-width: 100%; }
.sp-tl-axis { position: relative; height: 1.4em; flex: 1 1 auto; min-width: 0;
  border-bottom: 1px solid #888; }
.sp-tl-axisrow { border-bottom: 0; }
.sp-tl-axis span { position: absolute; transform: translateX(-50%); color: #333; }
.sp-tl-row { display: flex; align-items: stretch; border-bottom: 1px solid #e0e0e0; }
.sp-tl-name { flex: 0 0 12.5em; padding: 0.3em 0.5em 0.3em 0; overflow-wrap: anywhere; }
.sp-tl-track { position: relative; flex: 1 1 auto; min-width: 0; }
.sp-tl-item { position: absolute; height: 1.6em; }
.sp-tl-band { position: absolute; top: 0.55em; height: 0.5em; opacity: 0.28;
  border-radius: 0.25em; }
.sp-tl-dot { position: absolute; top: 0.4em; width: 0.8em; height: 0.8em;
  margin-left: -0.4em; border-radius: 50%; border: 1px solid #222; }
.sp-tl-label { position: absolute; top: 0.15em; white-space: nowrap; color: #111; }
.md-typeset ul.sp-tl-list { display: none; margin: 0.2em 0; padding-left: 0;
  list-style: none; }
.md-typeset .sp-tl-list li, .md-typeset .sp-legend li { margin: 0.1em 0; list-style: none; }
.md-typeset .sp-legend ul:not([hidden]) { margin: 0.3em 0; padding-left: 0; }
.sp-swatch { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 50%;
  border: 1px solid #222; vertical-align: middle; margin-right: 0.3em; }
.sp-swatch-band { border-radius: 0.25em; width: 2em; height: 0.5em; opacity: 0.28;
  border: 0; background: #2166ac; }

@media (max-width: 700px) {
  .sp-table table, .sp-table thead, .sp-table tbody, .sp-table tr, .sp-table td,
  .sp-table th { display: block !important; width: 100% !important; }
  .sp-table thead { display: none !important; }
  .md-typeset .sp-table .md-typeset__table, .md-typeset .sp-table .md-typeset__scrollwrap {
    display: block; width: 100%; }
  .sp-table tr { border-bottom: 2px solid #ccc; padding: 0.3em 0; }
  .sp-table td { border: 0 !important; padding: 0.15em 0.4em !important; }
  .sp-th { display: inline; }
  .sp-tl-row { display: block; }
  .sp-tl-axisrow, .sp-tl-track { display: none; }
  .sp-tl-name { font-weight: 700; }
  .md-typeset ul.sp-tl-list { display: block; font-weight: 400; }
}
"""
