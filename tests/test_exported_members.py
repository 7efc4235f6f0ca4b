"""The public API is exactly this list; changing it is a deliberate act."""

import standpunkt


def test_all_is_pinned_and_sorted() -> None:
    assert standpunkt.__all__ == [
        "Actor",
        "Attribution",
        "Dataset",
        "InvalidRecordError",
        "Issue",
        "Kind",
        "ParsedFile",
        "Position",
        "PositionsNotFoundError",
        "Problem",
        "Record",
        "Relation",
        "Repository",
        "Source",
        "StandpunktError",
        "Stance",
        "Statement",
        "UncertainDate",
        "ValidationReport",
        "__version__",
        "json_schema",
        "kind_of",
        "open",
        "parse_record",
        "path_for",
        "render_record",
        "write_schemas",
    ]


def test_every_name_resolves() -> None:
    for name in standpunkt.__all__:
        assert getattr(standpunkt, name) is not None
