"""One export table as a pandas DataFrame, typed as the codebook says.

pandas is optional (``pip install standpunkt[pandas]``) and imported only here, when a frame
is asked for. Types follow `standpunkt._outputs._tables.TABLES`: day bounds
(``DATE``) become ``datetime64[s]`` (open ends ``NaT``; seconds, so that every year from
1 to 9999 fits), committer dates (``DATETIME``) UTC
``datetime64``, flags (``BOOLEAN``) the nullable ``boolean`` dtype, whole numbers the nullable
``Int64``, numbers ``Float64``, other closed vocabularies an unordered ``Categorical``, text
the ``string`` dtype. The stance columns are an *ordered* ``Categorical`` from
``strongly_oppose`` to ``strongly_support``; ``unclear`` has no place in that order (as
with [`Stance`][standpunkt.Stance], where comparing it raises), so it is a missing value
there — a recorded stance is never missing otherwise, so ``frame.stance.isna()`` finds
exactly the ``unclear`` rows, and ``<``, ``max`` and sorting never rank them.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

from .._errors import UsageError
from .._records._stance import Stance
from ._export import Row
from ._tables import TABLES, Column

__all__ = ["STANCE_ORDER", "dataframe"]

#: The ordered stances (``unclear`` has no place in the order).
STANCE_ORDER = tuple(s.value for s in Stance if s.value_number is not None)
_BY_NAME = {t.name: t for t in TABLES}
_STANCE_COLUMNS = {"stance", "current_stance", "stance_before", "stance_after"}


def _pandas() -> Any:
    try:
        return importlib.import_module("pandas")
    except ImportError:
        raise UsageError(
            "Repository.dataframe needs pandas, which is not installed. Install it with "
            "'pip install standpunkt[pandas]' (or 'pip install pandas'); without pandas, "
            "Repository.tables() gives the same rows as plain dicts."
        ) from None


def _convert(pd: Any, np: Any, frame: Any, column: Column) -> None:
    name = column.name
    if name in _STANCE_COLUMNS:
        frame[name] = pd.Categorical(
            frame[name].where(frame[name] != "unclear"), categories=STANCE_ORDER, ordered=True
        )
    elif column.type == "DATE":
        days = np.array([v or "NaT" for v in frame[name]], dtype="datetime64[D]")
        frame[name] = pd.Series(days.astype("datetime64[s]"), index=frame.index)
    elif column.type == "DATETIME":
        frame[name] = pd.to_datetime(frame[name], format="ISO8601", utc=True).dt.as_unit("s")
    elif column.type == "BOOLEAN":
        frame[name] = frame[name].astype("boolean")
    elif column.type == "INTEGER":
        frame[name] = frame[name].astype("Int64")
    elif column.type == "REAL":
        frame[name] = frame[name].astype("Float64")
    elif column.values:
        frame[name] = pd.Categorical(frame[name], categories=column.values)
    else:
        frame[name] = frame[name].astype("string")


def dataframe(table: str, rows: Sequence[Row]) -> Any:
    """The rows of the export table ``table`` as a typed ``pandas.DataFrame``.

    Raises:
        UsageError: an unknown table, or pandas is not installed.
    """
    known = _BY_NAME.get(table)
    if known is None:
        raise UsageError(
            f"there is no table '{table}'; the tables are {', '.join(_BY_NAME)} "
            "(versions and changes need history=True)."
        )
    pd = _pandas()
    frame = pd.DataFrame.from_records(list(rows), columns=[c.name for c in known.columns])
    for column in known.columns:
        _convert(pd, importlib.import_module("numpy"), frame, column)
    return frame
