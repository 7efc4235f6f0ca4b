"""The public API is exactly this list; changing it is a deliberate act."""

import standpunkt


def test_all_is_pinned_and_sorted() -> None:
    assert standpunkt.__all__ == [
        "Actor",
        "Attribution",
        "CacheWarning",
        "ClockWarning",
        "Commit",
        "ConfigError",
        "Dataset",
        "DateParseError",
        "GitError",
        "History",
        "InvalidRecordError",
        "Issue",
        "Kind",
        "MaxAge",
        "NoticeReading",
        "OutdatedPosition",
        "ParsedFile",
        "Position",
        "PositionAsOf",
        "PositionsNotFoundError",
        "Problem",
        "Record",
        "Relation",
        "Repository",
        "Snapshot",
        "Source",
        "SourceAge",
        "StalenessReport",
        "Stance",
        "StandpunktError",
        "StandpunktWarning",
        "Statement",
        "UncertainDate",
        "ValidationReport",
        "Version",
        "WriteError",
        "__version__",
        "json_schema",
        "kind_of",
        "open",
        "parse_record",
        "path_for",
        "provenance_flags",
        "render_record",
        "write_schemas",
    ]


def test_every_name_resolves() -> None:
    for name in standpunkt.__all__:
        assert getattr(standpunkt, name) is not None
