"""The ``standpunkt`` command group."""

from __future__ import annotations

import click

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="standpunkt", prog_name="standpunkt")
def main() -> None:
    """Political parties' positions as typed, sourced, dated records in git.

    PATH is a positions repository (a folder holding positions/, or any folder below it);
    the default is the current folder.
    """
