"""The records: what a position, a statement, a source, an actor and an issue are.

The bottom of the pipeline, with no git and no history: the models and their field types
(stances, uncertain dates), the folder layout and the registry of record kinds, the YAML
dialect and the conversion between files and records (``parse``/``render``), a dataset of
records, validation with its problems, the evidence checks on quotes, and the texts'
character rules and escaping. Everything above builds on these values.

Nothing here imports from the rest of standpunkt; ``tests/test_architecture.py`` checks it.
"""

__all__: list[str] = []
