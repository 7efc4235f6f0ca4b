"""The questions: what the records said at a point, what changed, what is stale.

Snapshots at a stated date and a recorded revision, classified changes between two
snapshots (the diff and its Filter), staleness of sources, provenance qualifications, and
the views that answer each question in text, Markdown and JSON (``_report``, ``_views``).
Built on `standpunkt._store` and `standpunkt._records`.
"""

__all__: list[str] = []
