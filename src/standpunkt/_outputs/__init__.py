"""The outputs written for other programs: tables, the site, JSON Schemas.

Tidy export tables (CSV, JSONL, SQLite) with their codebook, the reference site's Markdown
pages, and the JSON Schemas of the record kinds, the diff report and the other JSON
documents (show, log, stale, validate). Built on the
questions in `standpunkt._query`.
"""

__all__: list[str] = []
