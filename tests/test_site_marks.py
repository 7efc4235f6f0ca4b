"""The site marks the statement whose evidence fails, whatever was left out before it."""

from __future__ import annotations

import shutil
from pathlib import Path

import standpunkt

from conftest import ROOT

WITHDRAWN_FIRST = """\
# yaml-language-server: $schema=../../schema/position.schema.json
id: venstre-horten--brukerrom
actor: venstre-horten
issue: brukerrom
statements:
  - stated: "2009-09-07"
    stance: support
    source: venstre-horten-rusomsorg-2009
    quotes:
      - Sørge for at kommuner som ønsker å ha sprøyterom, fortsatt skal få mulighet til det.
    withdrawn:
      reason: The quote is about another proposal.
      date: "2026-11-20"
  - stated: "2009-09-08"
    stance: oppose
    source: venstre-horten-rusomsorg-2009
    quotes:
      - Dette står ikke i kilden.
"""


def test_the_unverified_mark_lands_on_the_failing_statement(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "positions", tmp_path / "positions")
    path = tmp_path / "positions" / "statements" / "venstre-horten" / "brukerrom.yaml"
    path.write_text(WITHDRAWN_FIRST, encoding="utf-8")
    repo = standpunkt.open(tmp_path)
    page = repo.site_pages(as_of="2026-11-22", include_unverified=True)["actors/venstre-horten.md"]
    section = page.split("Brukerrom", 1)[1].split("\n## ", 1)[0]
    row = next(line for line in section.splitlines() if "Dette står ikke i kilden" in line)
    assert "⚠ ikke verifisert" in row
    assert "Sørge for at kommuner" not in section
    assert page.count("⚠ ikke verifisert:") == 1  # one statement marked
    assert 'title="ikke verifisert">⚠</abbr>' in page.split("Brukerrom", 2)[1]  # and its heading
