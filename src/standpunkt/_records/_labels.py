"""Every word standpunkt shows people, in one table per language.

Stance labels (``stance.<value>``), provenance phrases (``provenance.<kind>``, with
``{who}`` and ``{p}`` filled in) and the reference site's words are kept together, so a
translation is one table and the outputs cannot disagree. Keys without a prefix are the
site's.
"""

from __future__ import annotations

__all__ = ["EN", "LABELS", "NB"]

#: Norwegian Bokmål.
NB: dict[str, str] = {
    "overview": "Oversikt", "parties": "Partier", "actors": "Aktører", "issues": "Saker",
    "sources": "Kilder", "changes": "Endringer", "actor": "Aktør", "issue": "Sak",
    "stance": "Standpunkt", "stated": "Uttalt", "source": "Kilde", "party": "Parti",
    "level": "Nivå", "region": "Område", "outdated": "mulig utdatert",
    "inferred": "tilskrevet ved slutning", "reported": "gjengitt av andre",
    "legend": "Tegnforklaring", "timeline": "Tidslinje", "notices": "Merknader fra utgiver",
    "attribution": "Tilskriving", "evidence": "Belegg", "text": "Arkivert tekst",
    "published": "Publisert", "retrieved": "Hentet", "stale": "Foreldet kilde",
    "no_changes": "Ingen endringer dette året.", "quotes": "Sitater",
    "proposition": "Påstand", "history": "Historikk", "none": "—",
    "kind": "Type", "dating": "Datering", "url": "Adresse", "publisher": "Utgiver",
    "author": "Forfatter", "language": "Språk", "unverified": "ikke verifisert",
    "left_out": "{n} uttalelse(r) er utelatt fordi belegget ikke holder: {why}.",
    "shown_unverified": "{n} uttalelse(r) der belegget ikke holder, er vist og merket "
    "«ikke verifisert»: {why}.",
    "unknown_reference": "kilden er ikke en gyldig post",
    "archive_missing": "kilden har ingen arkivert tekst",
    "quote_not_found": "et sitat står ikke i den arkiverte teksten",
    "stance.strongly_oppose": "sterkt imot", "stance.oppose": "imot",
    "stance.mixed": "blandet", "stance.support": "for",
    "stance.strongly_support": "sterkt for", "stance.unclear": "uklart",
    "provenance.reported": "gjengitt av {who}",
    "provenance.inferred": "tilskrevet {who} ved slutning (omtrent {p})",
    "provenance.unattributed": "kilden er ikke tilskrevet noen",
    "provenance.missing": "kilden mangler", "provenance.unknown": "en ukjent kilde",
}  # fmt: skip

#: English.
EN: dict[str, str] = {
    "overview": "Overview", "parties": "Parties", "actors": "Actors", "issues": "Issues",
    "sources": "Sources", "changes": "Changes", "actor": "Actor", "issue": "Issue",
    "stance": "Stance", "stated": "Stated", "source": "Source", "party": "Party",
    "level": "Level", "region": "Region", "outdated": "possibly outdated",
    "inferred": "attributed by inference", "reported": "reported by others",
    "legend": "Legend", "timeline": "Timeline", "notices": "Publisher notices",
    "attribution": "Attribution", "evidence": "Evidence", "text": "Archived text",
    "published": "Published", "retrieved": "Retrieved", "stale": "Stale source",
    "no_changes": "No changes this year.", "quotes": "Quotes",
    "proposition": "Proposition", "history": "History", "none": "—",
    "kind": "Kind", "dating": "Dating", "url": "Address", "publisher": "Publisher",
    "author": "Author", "language": "Language", "unverified": "unverified",
    "left_out": "{n} statement(s) left out because their evidence does not check out: "
    "{why}.",
    "shown_unverified": "{n} statement(s) whose evidence does not check out are shown, "
    "marked “unverified”: {why}.",
    "unknown_reference": "the source is not a valid record",
    "archive_missing": "the source has no archived text",
    "quote_not_found": "a quote is not in the archived text",
    "stance.strongly_oppose": "strongly oppose", "stance.oppose": "oppose",
    "stance.mixed": "mixed", "stance.support": "support",
    "stance.strongly_support": "strongly support", "stance.unclear": "unclear",
    "provenance.reported": "reported by {who}",
    "provenance.inferred": "attributed to {who} by inference (about {p})",
    "provenance.unattributed": "source unattributed",
    "provenance.missing": "source missing", "provenance.unknown": "an unknown source",
}  # fmt: skip

#: The tables by language code.
LABELS: dict[str, dict[str, str]] = {"nb": NB, "en": EN}
