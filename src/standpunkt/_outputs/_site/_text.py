"""Every string the site generator writes, in one table per language.

The stance and provenance labels (and the older site words) come from
`standpunkt._records._labels`, shared with the terminal and the reports; the words
only the site uses are added here. ``TEXT`` is indexed by language, then by key; a test
checks that both tables have the same keys.
"""

from __future__ import annotations

from ..._records._labels import LABELS

__all__ = ["SITE_NB", "SITE_EN", "TEXT"]

#: The site's own words, Norwegian Bokmål.
SITE_NB: dict[str, str] = {
    "start_title": "Partienes standpunkter",
    "start_intro": "Hva partiene har sagt, sak for sak, med kilde og dato for hver uttalelse.",
    "marks_explained": "Merkene betyr",
    "note": "Merknad", "source_note": "Merknad om kilden", "notes": "Merknader",
    "all_sources": "Alle kilder", "stale_sources": "Foreldede kilder",
    "stale_intro": "Kilder som er eldre enn grensen på {limit}, og standpunktene de gjør "
    "mulig utdatert.",
    "no_stale": "Ingen kilder er foreldet.",
    "conflicting": "motstridende belegg: jf. uttalelse {others}",
    "made_outdated": "Gjør mulig utdatert",
    "stale_sentence": "Kilden er minst {age} gammel {when}; grensen er {limit}.",
    "stale_latest": "(publisert senest {date})",
    "stale_unknown": "(publiseringsdato ukjent)",
    "stale_box": "Foreldet kilde",
    "inferred_box": "Avsenderen er tilskrevet ved slutning",
    "inferred_sentence": "Kilden navngir ingen avsender. Den er tilskrevet {who} "
    "(sikkerhet omtrent {p}) ut fra dette:",
    "named_sentence": "Kilden er fra {who}.",
    "unattributed_sentence": "Ingen er kjent som avsender av kilden.",
    "quoted_in": "Sitert i",
    "years": "{n} år", "months": "{n} måneder", "days": "{n} dager",
    "level.national": "nasjonalt", "level.county": "fylke",
    "level.municipal": "kommune", "level.other": "annet",
    "kind.programme": "partiprogram", "kind.web_page": "nettside",
    "kind.op_ed": "debattinnlegg", "kind.press_release": "pressemelding",
    "kind.other": "annet",
    "lang.nb": "bokmål", "lang.nn": "nynorsk", "lang.no": "norsk", "lang.en": "engelsk",
    "lang.se": "nordsamisk", "lang.sv": "svensk", "lang.da": "dansk",
    "branches": "Lokallag og fylkeslag", "national": "Landsparti",
    "topic": "Tema", "no_position": "ingen kjent uttalelse",
    "timeline_legend_dot": "uttalelse med kjent dato",
    "timeline_legend_band": "usikker dato: uttalelsen falt en gang i det lyse feltet",
    "timeline_label": "Tidslinje for {what}",
    "timeline_of": "uttalelser fra {a} til {b}",
    "cite": "Slik siterer du",
    "cite_text": "{actor}: standpunkt til «{issue}». Fra standpunkt-datasettet, versjon "
    "{commit}, hentet {day}.",
    "cite_commit": "Bygget fra versjon (commit)",
    "cite_link": "Permanent lenke til denne versjonen av filen",
    "cite_path": "Fil",
    "cite_uncommitted": "Bygget fra arbeidskopien med endringer som ikke er lagret i git.",
    "cite_no_git": "Bygget fra en mappe som ikke er et git-arkiv.",
    "changes_intro": "Hva som endret seg hvert år, ut fra datoene uttalelsene ble gitt.",
    "changes_year": "Endringer i {year}",
    "changes_count": "{n} endring(er)",
    "change_from_to": "fra {a} til {b}",
    "change_none": "ingen uttalelse",
    "change_uncertain": "(datoen kan ligge etter årsskiftet)",
    "change_stated_by": "Uttalt",
    "feed": "Endringer som nyhetsstrøm (Atom)",
    "feed_title": "Endringer i standpunktene",
    "feed_entry": "{actor} om «{issue}»: {change}",
    "feed_commit": "Commit {commit} av {author}: {summary}",
    "feed_empty": "Ingen endringer registrert.",
    "change.new": "ny", "change.withdrawn": "trukket tilbake", "change.reversed": "snudd",
    "change.to_mixed": "til blandet", "change.from_mixed": "fra blandet",
    "change.shifted": "forskjøvet", "change.to_unclear": "til uklart",
    "change.from_unclear": "fra uklart", "change.corrected": "rettet",
    "change.evidence": "nytt belegg", "change.reworded": "omformulert",
    "change.unchanged": "uendret", "change.invalid": "kunne ikke leses",
    "year": "År", "field": "Opplysning", "value": "Verdi", "status": "Status",
    "position": "Standpunkt", "positions": "Standpunkter",
    "see_all": "Se også",
    "edtf": "Dato slik den er registrert",
    "percent": "{p} %", "search": "Søk",
}  # fmt: skip

#: The site's own words, English.
SITE_EN: dict[str, str] = {
    "start_title": "The parties' positions",
    "start_intro": "What the parties have said, issue by issue, with a source and a date "
    "for every statement.",
    "marks_explained": "The marks mean",
    "note": "Note", "source_note": "Note on the source", "notes": "Notes",
    "all_sources": "All sources", "stale_sources": "Stale sources",
    "stale_intro": "Sources older than the limit of {limit}, and the positions they make "
    "possibly outdated.",
    "no_stale": "No source is stale.",
    "conflicting": "conflicting evidence: see statement {others}",
    "made_outdated": "Makes possibly outdated",
    "stale_sentence": "The source is at least {age} old {when}; the limit is {limit}.",
    "stale_latest": "(published no later than {date})",
    "stale_unknown": "(publication date unknown)",
    "stale_box": "Stale source",
    "inferred_box": "The author is attributed by inference",
    "inferred_sentence": "The source names no author. It is attributed to {who} (about "
    "{p} certain) on this evidence:",
    "named_sentence": "The source is by {who}.",
    "unattributed_sentence": "Nobody is known to stand behind the source.",
    "quoted_in": "Quoted in",
    "years": "{n} years", "months": "{n} months", "days": "{n} days",
    "level.national": "national", "level.county": "county",
    "level.municipal": "municipal", "level.other": "other",
    "kind.programme": "party programme", "kind.web_page": "web page",
    "kind.op_ed": "op-ed", "kind.press_release": "press release", "kind.other": "other",
    "lang.nb": "Norwegian Bokmål", "lang.nn": "Norwegian Nynorsk", "lang.no": "Norwegian",
    "lang.en": "English", "lang.se": "Northern Sami", "lang.sv": "Swedish",
    "lang.da": "Danish",
    "branches": "Local and county branches", "national": "National party",
    "topic": "Topic", "no_position": "no known statement",
    "timeline_legend_dot": "statement with a known date",
    "timeline_legend_band": "uncertain date: the statement was made some time in the "
    "light band",
    "timeline_label": "Timeline of {what}",
    "timeline_of": "statements from {a} to {b}",
    "cite": "How to cite",
    "cite_text": "{actor}: position on “{issue}”. From the standpunkt dataset, version "
    "{commit}, retrieved {day}.",
    "cite_commit": "Built from version (commit)",
    "cite_link": "Permanent link to this version of the file",
    "cite_path": "File",
    "cite_uncommitted": "Built from the working tree with changes not committed to git.",
    "cite_no_git": "Built from a folder that is not a git repository.",
    "changes_intro": "What changed each year, by the dates the statements were made.",
    "changes_year": "Changes in {year}",
    "changes_count": "{n} change(s)",
    "change_from_to": "from {a} to {b}",
    "change_none": "no statement",
    "change_uncertain": "(the date may fall after the turn of the year)",
    "change_stated_by": "Stated",
    "feed": "Changes as a feed (Atom)",
    "feed_title": "Changes in the positions",
    "feed_entry": "{actor} on “{issue}”: {change}",
    "feed_commit": "Commit {commit} by {author}: {summary}",
    "feed_empty": "No changes recorded.",
    "change.new": "new", "change.withdrawn": "withdrawn", "change.reversed": "reversed",
    "change.to_mixed": "to mixed", "change.from_mixed": "from mixed",
    "change.shifted": "shifted", "change.to_unclear": "to unclear",
    "change.from_unclear": "from unclear", "change.corrected": "corrected",
    "change.evidence": "new evidence", "change.reworded": "reworded",
    "change.unchanged": "unchanged", "change.invalid": "could not be read",
    "year": "Year", "field": "Field", "value": "Value", "status": "Status",
    "position": "Position", "positions": "Positions",
    "see_all": "See also",
    "edtf": "The date as recorded",
    "percent": "{p}%", "search": "Search",
}  # fmt: skip

#: Every string of the site, by language: the shared labels and the site's own words.
TEXT: dict[str, dict[str, str]] = {
    "nb": {**LABELS["nb"], **SITE_NB},
    "en": {**LABELS["en"], **SITE_EN},
}
