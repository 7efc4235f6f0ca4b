"""The ``realistic`` benchmark shape: a heavier repository like the one issue 18 measured.

    python benchmarks/generate.py realistic /tmp/standpunkt-bench-real/realistic
    python benchmarks/generate.py realistic-small /tmp/standpunkt-bench-real/realistic-small
    python benchmarks/generate.py realistic /tmp/x --scale 0.25

At scale 1: about 300 actors (12 national parties and their county and municipal
branches), 200 issues, 3,020 sources with archived texts of 3–8 KB of Norwegian-looking
prose, 6,099 positions, and 30,000 commits from 2010 to 2026. The history has side
branches merged with ``--no-ff`` (the merge's first parent is the main line), four mass
reformatting commits that rewrite every record file (schema comments, sequence
indentation, quoting style, line wrapping), positions moved to a wrong path and back,
deleted and re-added, quotes first added with a typo and corrected later, broken YAML
fixed by the next edit, election programmes that add statements to many positions at
once, and commits outside ``positions/``. About one source in ten has no ``published``
date; statements carry uncertain dates (``2021-02-19/2021-06-03``, ``2010~``, ``2021``,
``2021-02``, ``2019?``). Every quote is a verbatim passage of its source's archived text
(once its typo is fixed), statements are kept oldest first, and the working tree at the
end validates.

Everything is derived from the seed: the same scale and seed give the same repository,
commit for commit. The stream is written to ``git fast-import`` as it is made.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
import subprocess
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

START = dt.datetime(2010, 1, 1, tzinfo=dt.UTC)
END = dt.datetime(2026, 11, 15, tzinfo=dt.UTC)
FIRST_DAY = dt.date(2009, 1, 1)

PARTIES = [
    ("ap", "Arbeiderpartiet"),
    ("hoyre", "Høyre"),
    ("frp", "Fremskrittspartiet"),
    ("sp", "Senterpartiet"),
    ("sv", "Sosialistisk Venstreparti"),
    ("venstre", "Venstre"),
    ("krf", "Kristelig Folkeparti"),
    ("mdg", "Miljøpartiet De Grønne"),
    ("rodt", "Rødt"),
    ("pp", "Pensjonistpartiet"),
    ("inp", "Industri- og Næringspartiet"),
    ("kp", "Kystpartiet"),
]
COUNTIES = (
    "innlandet:Innlandet viken:Viken vestland:Vestland rogaland:Rogaland trondelag:Trøndelag "
    "nordland:Nordland troms:Troms finnmark:Finnmark agder:Agder more-og-romsdal:Møre_og_Romsdal "
    "vestfold:Vestfold telemark:Telemark ostfold:Østfold akershus:Akershus "
    "buskerud:Buskerud"
)
MUNICIPALITIES = (
    "oslo:Oslo horten:Horten bergen:Bergen stavanger:Stavanger trondheim:Trondheim "
    "tromso:Tromsø bodo:Bodø drammen:Drammen fredrikstad:Fredrikstad sandnes:Sandnes "
    "kristiansand:Kristiansand alesund:Ålesund tonsberg:Tønsberg moss:Moss sarpsborg:Sarpsborg "
    "skien:Skien hamar:Hamar lillehammer:Lillehammer gjovik:Gjøvik molde:Molde harstad:Harstad "
    "narvik:Narvik alta:Alta arendal:Arendal larvik:Larvik porsgrunn:Porsgrunn halden:Halden "
    "kongsberg:Kongsberg asker:Asker baerum:Bærum lorenskog:Lørenskog ullensaker:Ullensaker "
    "sola:Sola karmoy:Karmøy haugesund:Haugesund steinkjer:Steinkjer levanger:Levanger "
    "namsos:Namsos kongsvinger:Kongsvinger elverum:Elverum ringsaker:Ringsaker "
    "notodden:Notodden kragero:Kragerø grimstad:Grimstad mandal:Mandal voss:Voss forde:Førde "
    "sogndal:Sogndal kristiansund:Kristiansund orland:Ørland"
)


def _places(text: str) -> list[tuple[str, str]]:
    pairs = (token.split(":") for token in text.split())
    return [(slug, name.replace("_", " ")) for slug, name in pairs]


TOPICS = [
    ("rusreform", "rusreform"),
    ("klima", "klima"),
    ("skole", "skole"),
    ("helse", "helse"),
    ("samferdsel", "samferdsel"),
    ("skatt", "skatt"),
    ("landbruk", "landbruk"),
    ("energi", "energi"),
    ("innvandring", "innvandring"),
    ("eldre", "eldreomsorg"),
    ("barnehage", "barnehage"),
    ("forsvar", "forsvar"),
    ("kultur", "kultur"),
    ("bolig", "bolig"),
    ("arbeidsliv", "arbeidsliv"),
    ("distrikt", "distriktspolitikk"),
    ("politi", "politi og beredskap"),
    ("fiskeri", "fiskeri"),
    ("naering", "næringspolitikk"),
    ("miljo", "miljø"),
]
ASPECTS = (
    "styrking kutt forbud regulering utbygging avgift tilskudd reform sentralisering "
    "desentralisering privatisering kommunalisering lovendring satsing finansiering "
    "tilsyn evaluering utredning frihet valgfrihet"
).split()

NOUNS = (
    "regjeringen kommunen fylket Stortinget forslaget reformen rusreformen skolen "
    "helsetjenesten sykehuset barnehagen eldreomsorgen politiet beredskapen klimapolitikken "
    "jordbruket fiskeriene kollektivtransporten bompengene boligpolitikken skatten avgiften "
    "ungdommen familiene pasientene brukerne innbyggerne lærerne sykepleierne næringslivet "
    "arbeidsplassene distriktene byene veiene jernbanen strømprisen energien vindkraften "
    "naturen miljøet dyrevelferden integreringen frivilligheten kulturen idretten forsvaret "
    "pensjonen trygden velferden budsjettet oljefondet handlingsregelen fastlegeordningen "
    "rusomsorgen ettervernet kriminalomsorgen tannhelsen psykiatrien lokalsamfunnet "
    "fylkeskommunen kommunestyret bystyret flertallet opposisjonen utvalget høringen "
    "lovforslaget statsbudsjettet kommuneøkonomien eiendomsskatten formuesskatten "
    "arbeidsledigheten utdanningen fagskolene universitetene forskningen havbruket "
    "oppdrettsnæringen skogbruket reindriften kystflåten havnene flyplassene fergene"
).split()
INDEF = (
    "en ny plan|et bedre tilbud|flere lærere|færre byråkrater|lavere skatter|høyere "
    "bevilgninger|en sterkere kommune|et tryggere samfunn|mer kunnskap|flere politifolk|"
    "bedre veier|en grønnere industri|et løft for eldreomsorgen|en rettferdig fordeling|"
    "mindre forskjeller|flere arbeidsplasser|et skikkelig ettervern|hjelp i stedet for "
    "straff|en helhetlig rusomsorg|et nytt sykehus|lokal beslutningsmyndighet|mer "
    "valgfrihet|et sterkere vern av naturen|billigere strøm|gratis kollektivtransport"
).split("|")
VERBS_INF = (
    "styrke|bygge ut|trappe opp|sikre|beholde|fjerne|redusere|øke|prioritere|"
    "avvikle|utrede|evaluere|forenkle|modernisere|finansiere|satse på|videreføre|"
    "legge ned|flytte|gjennomgå"
).split("|")
VERBS_PRES = (
    "svekker|styrker|truer|trenger|fortjener|mangler|bygger på|rammer|hjelper|"
    "koster|bidrar til|går ut over|løfter|sikrer|utfordrer"
).split("|")
ADJ = (
    "nødvendig viktig uakseptabelt riktig feil urettferdig klokt ansvarlig bærekraftig "
    "avgjørende krevende mulig umulig naturlig alvorlig"
).split()
ADV = (
    "raskt|på sikt|i hele landet|i denne perioden|uten opphold|innen 2030|straks|"
    "i samarbeid med kommunene|gjennom statsbudsjettet|med tydelige mål|trinnvis"
).split("|")
PP = (
    "i kommunen|i fylket|for alle|for de svakeste|over hele landet|i distriktene|i byene|"
    "for barn og unge|for de eldre|i skolen|i helsevesenet|på arbeidsplassen|langs kysten|"
    "i Nord-Norge|på Østlandet|for næringslivet|for framtidige generasjoner"
).split("|")
OPENERS = (
    "Derfor|Samtidig|I tillegg|Etter vår mening|Over tid|Likevel|På denne bakgrunn|"
    "Som et første steg|Neste stortingsperiode|For oss|I praksis"
).split("|")
STANCES = ["strongly_oppose", "oppose", "mixed", "support", "strongly_support", "unclear"]
SOURCE_KINDS = ["web_page", "web_page", "op_ed", "press_release", "programme", "other"]
KIND_NOUNS = {
    "web_page": "nettsiden",
    "op_ed": "innlegget",
    "press_release": "pressemeldingen",
    "programme": "programmet",
    "other": "dokumentet",
}
KIND_WORDS = {
    "web_page": "side",
    "op_ed": "innlegg",
    "press_release": "pressemelding",
    "programme": "program",
    "other": "dokument",
}
MONTHS = (
    "januar februar mars april mai juni juli august september oktober november desember"
).split()
PEOPLE = ["Kari Nordmann", "Ola Nordmann", "Ingrid Hansen", "Per Johansen", "Scraper Bot"]

#: The reformatting styles, in the order the history applies them:
#: (schema comment line, indented sequences, quoting of text, wrap long double-quoted text).
STYLES = [
    (False, True, "double", False),
    (True, True, "double", False),
    (True, False, "single", False),
    (True, True, "plain", False),
    (True, True, "double", True),
]
REFORMATS = [
    (0.20, "Legg til schema-kommentar øverst i alle postfiler"),
    (0.45, "Formater all YAML med yamlfmt (sekvenser uten innrykk, enkle anførselstegn)"),
    (0.70, "Formater på nytt: fjern unødvendige anførselstegn"),
    (0.90, "Formater på nytt: bryt lange linjer ved 88 tegn"),
]
_PLAIN_OK = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZæøåÆØÅéüö0123456789 ,.-«»()")


def _day(when: dt.datetime) -> dt.date:
    return when.date()


def earliest(stated: str) -> int:
    """The earliest day an uncertain date allows, as an ordinal (the sort key)."""
    start = stated.split("/")[0].rstrip("?~%")
    approx = stated.split("/")[0].endswith(("~", "%"))
    parts = [int(p) for p in start.split("-")]
    year = parts[0] - (1 if approx and len(parts) == 1 else 0)
    month = parts[1] if len(parts) > 1 else 1
    if approx and len(parts) == 2:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    day = parts[2] - (1 if approx else 0) if len(parts) > 2 else 1
    return dt.date(year, month, max(day, 1)).toordinal()


def _typo(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
    if not candidates:
        return text + "e"
    i = rng.choice(candidates)
    word = words[i]
    j = rng.randrange(1, len(word) - 2)
    words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    return " ".join(words)


@dataclass(slots=True)
class Statement:
    stated: str
    stance: str
    source: str
    provenance: str
    quotes: list[str]
    note: str | None = None
    key: int = 0


@dataclass(slots=True)
class SourceRec:
    sid: str
    index: int
    kind: str
    title: str
    owner: str | None
    status: str
    published: str | None
    published_day: dt.date
    retrieved: str | None
    sentences: list[str]
    footer: str
    footer_typo: bool
    author: str | None
    url: str | None
    dating: str | None


@dataclass
class Branch:
    ref: str
    fork: int
    tip: int | None
    pids: set[str]
    sources: int
    left: int
    limits: tuple[int, int, int] = (0, 0, 0)


@dataclass
class World:
    actors: dict[str, tuple[str, str, str, str | None]] = field(default_factory=dict)
    actor_order: list[str] = field(default_factory=list)
    issues: dict[str, tuple[str, str, str, str | None]] = field(default_factory=dict)
    issue_order: list[str] = field(default_factory=list)
    sources: dict[str, SourceRec] = field(default_factory=dict)
    source_order: list[str] = field(default_factory=list)
    by_owner: dict[str, list[int]] = field(default_factory=dict)
    positions: dict[str, list[Statement]] = field(default_factory=dict)
    live: list[str] = field(default_factory=list)
    live_at: dict[str, int] = field(default_factory=dict)
    deleted: list[str] = field(default_factory=list)
    moved: dict[str, str] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)
    locked: set[str] = field(default_factory=set)
    typos: list[tuple[str, str, Statement | None, int, str]] = field(default_factory=list)


class Realistic:
    """Writes the fast-import stream of one realistic repository."""

    def __init__(self, scale: float, commits: int | None, seed: int, sink: IO[bytes]) -> None:
        self.rng = random.Random(seed)
        self.sink = sink
        self.n_actors = max(24, round(300 * scale))
        # Issues shrink with the square root of the scale, so that small scales still have
        # far more (actor, issue) pairs than positions.
        self.n_issues = max(20, round(200 * scale**0.5))
        self.n_sources = max(60, round(3020 * scale))
        self.n_positions = max(120, round(6099 * scale))
        self.n_commits = commits or max(300, round(30_000 * scale))
        self.w = World()
        self.style = STYLES[0]
        self.mark = 0
        self.main_tip = 0
        self.count = 0
        self.branches: list[Branch] = []
        self.branch_serial = 0
        self.stats = {"merges": 0, "branch_commits": 0, "reformats": 0}
        self.archive_text: dict[str, str] = {}
        self.settled = False  # the quiet tail: see settle()
        places = _places(COUNTIES) + _places(MUNICIPALITIES)
        self.places = places
        self.counties = {slug for slug, _ in _places(COUNTIES)}

    # ------------------------------------------------------------------ output

    def _write(self, chunks: list[bytes]) -> None:
        self.sink.write(b"".join(chunks))

    def commit(
        self,
        changes: dict[str, str | None],
        message: str,
        when: dt.datetime,
        branch: Branch | None = None,
        merge: Branch | None = None,
    ) -> None:
        self.mark += 1
        self.count += 1
        author = self.rng.choice(PEOPLE if branch is None else PEOPLE[:4])
        email = author.lower().replace(" ", ".") + "@example.org"
        stamp = int(when.timestamp())
        ref = "refs/heads/main" if branch is None else f"refs/heads/{branch.ref}"
        body = message.encode()
        chunks = [
            f"commit {ref}\nmark :{self.mark}\n".encode(),
            f"author {author} <{email}> {stamp} +0000\n".encode(),
            f"committer {author} <{email}> {stamp} +0000\n".encode(),
            b"data %d\n" % len(body),
            body + b"\n",
        ]
        if branch is None:
            if self.main_tip:
                chunks.append(f"from :{self.main_tip}\n".encode())
            if merge is not None:
                chunks.append(f"merge :{merge.tip}\n".encode())
            self.main_tip = self.mark
        else:
            chunks.append(f"from :{branch.tip or branch.fork}\n".encode())
            branch.tip = self.mark
        for path, content in sorted(changes.items()):
            if content is None:
                chunks.append(f"D {path}\n".encode())
            else:
                data = content.encode()
                chunks.append(f"M 100644 inline {path}\ndata {len(data)}\n".encode())
                chunks.append(data + b"\n")
        chunks.append(b"\n")
        self._write(chunks)

    # ------------------------------------------------------------------ rendering

    def scalar(self, text: str, indent: int = 0, key: int = 0) -> str:
        _, _, quoting, wrap = self.style
        if quoting == "plain" and set(text) <= _PLAIN_OK and text[0].isalpha():
            if ": " not in text and " #" not in text and not text.endswith(":"):
                return text
        if quoting == "single":
            return "'" + text.replace("'", "''") + "'"
        quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if wrap and indent + key + len(quoted) > 88 and " " in text:
            lines = textwrap.wrap(
                quoted, width=88 - indent, break_long_words=False, break_on_hyphens=False
            )
            pad = " " * (indent + 2)
            return ("\n" + pad).join(lines)
        return quoted

    def _header(self, kind: str, depth: int) -> list[str]:
        if not self.style[0]:
            return []
        up = "../" * depth
        return [f"# yaml-language-server: $schema={up}schema/{kind}.schema.json"]

    def render_actor(self, aid: str) -> str:
        name, party, level, region = self.w.actors[aid]
        lines = self._header("actor", 1) + [f"id: {aid}", f"name: {self.scalar(name, 0, 6)}"]
        lines += [f"party: {party}", f"level: {level}"]
        if region:
            lines.append(f"region: {self.scalar(region, 0, 8)}")
        if len(aid) % 3 == 0:
            host = aid.replace("-", ".") if "-" in aid else f"www.{aid}"
            lines.append(f"url: {self.scalar(f'https://{host}.no/', 0, 5)}")
        return "\n".join(lines) + "\n"

    def render_issue(self, iid: str) -> str:
        title, proposition, topic, description = self.w.issues[iid]
        lines = self._header("issue", 1) + [f"id: {iid}", f"title: {self.scalar(title, 0, 7)}"]
        lines.append(f"proposition: {self.scalar(proposition, 0, 13)}")
        lines.append(f"topic: {topic}")
        if description:
            lines.append(f"description: {self.scalar(description, 0, 13)}")
        return "\n".join(lines) + "\n"

    def render_source(self, sid: str) -> str:
        s = self.w.sources[sid]
        lines = self._header("source", 1) + [f"id: {sid}", f"kind: {s.kind}"]
        lines.append(f"title: {self.scalar(s.title, 0, 7)}")
        if s.url:
            lines.append(f"url: {self.scalar(s.url, 0, 5)}")
        if s.owner:
            lines.append(f"publisher: {s.owner}")
        if s.author:
            lines.append(f"author: {self.scalar(s.author, 0, 8)}")
        lines.append("language: nb")
        q = "'" if self.style[2] == "single" else '"'
        if s.published:
            lines.append(f"published: {q}{s.published}{q}")
        if s.dating:
            lines.append(f"dating: {self.scalar(s.dating, 0, 8)}")
        if s.retrieved:
            lines.append(f"retrieved: {q}{s.retrieved}{q}")
        lines += ["attribution:", f"  status: {s.status}"]
        if s.status != "unattributed":
            lines.append(f"  actor: {s.owner}")
        if s.status == "inferred":
            lines += ["  confidence: 0.8", "  evidence:"]
            ind = "    " if self.style[1] else "  "
            evidence = f"Teksten ligger på nettsidene til {s.owner} og bruker partiets logo."
            lines.append(f"{ind}- {self.scalar(evidence, len(ind) + 2)}")
        lines.append(f"archive: archive/{sid}.txt")
        return "\n".join(lines) + "\n"

    def render_position(self, pid: str) -> str:
        actor, issue = pid.split("--")
        lines = self._header("position", 2)
        lines += [f"id: {pid}", f"actor: {actor}", f"issue: {issue}", "statements:"]
        ind = "  " if self.style[1] else ""
        q = "'" if self.style[2] == "single" else '"'
        for st in self.w.positions[pid]:
            lines.append(f"{ind}- stated: {q}{st.stated}{q}")
            lines.append(f"{ind}  stance: {st.stance}")
            lines.append(f"{ind}  source: {st.source}")
            if st.provenance != "made":
                lines.append(f"{ind}  provenance: {st.provenance}")
            lines.append(f"{ind}  quotes:")
            for quote in st.quotes:
                lines.append(f"{ind}    - {self.scalar(quote, len(ind) + 6)}")
            if st.note:
                lines.append(f"{ind}  note: {self.scalar(st.note, len(ind) + 2, 6)}")
        return "\n".join(lines) + "\n"

    def position_path(self, pid: str) -> str:
        if pid in self.w.moved:
            return self.w.moved[pid]
        actor, issue = pid.split("--")
        return f"positions/statements/{actor}/{issue}.yaml"

    def write_position(self, changes: dict[str, str | None], pid: str) -> None:
        changes[self.position_path(pid)] = self.render_position(pid)
        self.w.broken.discard(pid)

    # ------------------------------------------------------------------ prose

    def sentence(self) -> str:
        r, c = self.rng, self.rng.choice
        form = r.randrange(6)
        if form == 0:
            text = f"{c(OPENERS)} vil vi {c(VERBS_INF)} {c(NOUNS)} {c(PP)}"
        elif form == 1:
            text = f"Vi mener at {c(NOUNS)} må {c(VERBS_INF)} {c(INDEF)} {c(ADV)}"
        elif form == 2:
            text = f"Det er {c(ADJ)} at {c(NOUNS)} {c(VERBS_PRES)} {c(NOUNS)} {c(PP)}"
        elif form == 3:
            text = f"{c(OPENERS)} går vi inn for {c(INDEF)} {c(PP)}, og {c(NOUNS)} skal "
            text += f"{c(VERBS_INF)} {c(NOUNS)} {c(ADV)}"
        elif form == 4:
            text = f"{c(NOUNS).capitalize()} {c(VERBS_PRES)} {c(INDEF)}, mens {c(NOUNS)} "
            text += f"{c(VERBS_PRES)} {c(NOUNS)}"
        else:
            text = f"Når {c(NOUNS)} {c(VERBS_PRES)} {c(NOUNS)}, er det {c(ADJ)} å "
            text += f"{c(VERBS_INF)} {c(INDEF)} {c(PP)}"
        text = text[0].upper() + text[1:]
        return text + r.choice(".....!")

    def archive(self, s: SourceRec, when: dt.datetime) -> str:
        target = self.rng.randint(3000, 8000)
        lines = [s.title, ""]
        if s.published:
            d = s.published_day
            lines += [f"Publisert {d.day}. {MONTHS[d.month - 1]} {d.year}", ""]
        if s.author:
            lines += [f"Av {s.author}", ""]
        size = sum(len(x) + 1 for x in lines)
        while size < target:
            paragraph = [self.sentence() for _ in range(self.rng.randint(2, 6))]
            s.sentences.extend(paragraph)
            block = "\n".join(textwrap.wrap(" ".join(paragraph), 76, break_on_hyphens=False)) + "\n"
            lines += [block]
            size += len(block.encode()) + 1
        body = "\n".join(lines) + "\n"
        if s.footer_typo:
            self.archive_text[s.sid] = body + s.footer + "\n"
            return body + _typo(s.footer, self.rng) + "\n"
        return body + s.footer + "\n"

    def quote(self, s: SourceRec) -> str:
        sentence = self.rng.choice(s.sentences)
        words = sentence.split(" ")
        if len(words) < 9 or self.rng.random() < 0.55:
            return sentence
        length = self.rng.randint(6, len(words) - 2)
        start = self.rng.randrange(0, len(words) - length)
        return " ".join(words[start : start + length]).rstrip(",")

    # ------------------------------------------------------------------ records

    def add_actor(self, changes: dict[str, str | None]) -> str:
        w = self.w
        n = len(w.actor_order)
        if n < len(PARTIES):
            aid, name = PARTIES[n]
            w.actors[aid] = (name, aid, "national", None)
        else:
            while True:
                party, pname = self.rng.choice(PARTIES[: 8 if self.rng.random() < 0.8 else 12])
                slug, region = self.rng.choice(self.places)
                aid = f"{party}-{slug}"
                if aid not in w.actors:
                    break
            level = "county" if slug in self.counties else "municipal"
            w.actors[aid] = (f"{region} {pname}", party, level, region)
        w.actor_order.append(aid)
        changes[f"positions/actors/{aid}.yaml"] = self.render_actor(aid)
        return aid

    def add_issue(self, changes: dict[str, str | None]) -> str:
        w = self.w
        while True:
            slug, topic = self.rng.choice(TOPICS)
            aspect = self.rng.choice(ASPECTS)
            iid = f"{slug}-{aspect}"
            if iid not in w.issues:
                break
        title = f"{aspect.capitalize()} i {topic}"
        proposition = f"Staten bør gå inn for {aspect} innen {topic}."
        description = self.sentence() if self.rng.random() < 0.4 else None
        w.issues[iid] = (title, proposition, slug, description)
        w.issue_order.append(iid)
        changes[f"positions/issues/{iid}.yaml"] = self.render_issue(iid)
        return iid

    def add_source(
        self, changes: dict[str, str | None], when: dt.datetime, owner: str | None = None
    ) -> SourceRec:
        w, r = self.w, self.rng
        kind = (
            "programme" if owner in dict(PARTIES) and r.random() < 0.3 else r.choice(SOURCE_KINDS)
        )
        if owner is None and r.random() < 0.85:
            weights = [6 if "-" not in a else 1 for a in w.actor_order]
            owner = r.choices(w.actor_order, weights)[0]
        status = "unattributed" if owner is None else r.choice(["named"] * 8 + ["inferred"])
        today = _day(when)
        day = max(FIRST_DAY, today - dt.timedelta(days=r.randint(0, 200)))
        roll = r.random()
        dating = None
        if roll < 0.62:
            published: str | None = day.isoformat()
        elif roll < 0.74:
            published = day.isoformat()[:7]
            day = day.replace(day=1)
        elif roll < 0.80:
            published = str(day.year)
            day = day.replace(month=1, day=1)
        elif roll < 0.90:
            end = min(today, day + dt.timedelta(days=r.randint(10, 120)))
            published = f"{day.isoformat()}/{end.isoformat()}"
            dating = "Teksten er udatert; intervallet følger av hendelser den omtaler."
        else:
            published = None
        n = len(w.source_order)
        year = day.year
        sid = f"{owner or 'ukjent'}-{KIND_WORDS[kind]}-{year}-{n}"
        title = f"{KIND_WORDS[kind].capitalize()}: {self.sentence()[:-1]}"
        author = r.choice(PEOPLE[:4]) if kind == "op_ed" else None
        url = (
            f"https://www.{(owner or 'nyheter').split('-')[0]}.no/{sid}"
            if r.random() < 0.7
            else None
        )
        footer = (
            "Del denne saken på Facebook og Twitter, og les mer om politikken vår på nettsidene."
        )
        s = SourceRec(
            sid=sid,
            index=n,
            kind=kind,
            title=title,
            owner=owner,
            status=status,
            published=published,
            published_day=day,
            retrieved=today.isoformat() if r.random() < 0.8 else None,
            sentences=[],
            footer=footer,
            footer_typo=r.random() < 0.05 and not self.settled,
            author=author,
            url=url,
            dating=dating,
        )
        w.sources[sid] = s
        w.source_order.append(sid)
        if owner:
            w.by_owner.setdefault(owner, []).append(n)
        changes[f"positions/archive/{sid}.txt"] = self.archive(s, when)
        changes[f"positions/sources/{sid}.yaml"] = self.render_source(sid)
        if s.footer_typo:
            w.typos.append(("footer", sid, None, 0, footer))
        return s

    def stated_for(self, s: SourceRec, when: dt.datetime) -> str:
        r = self.rng
        if s.published is None:
            today = s.published_day  # the day it was retrieved, or a little before
            roll = r.random()
            if roll < 0.4:
                return str(today.year)
            if roll < 0.6:
                return f"{today.year}~"
            lo = max(FIRST_DAY, today - dt.timedelta(days=r.randint(30, 400)))
            return f"{lo.isoformat()}/{today.isoformat()}"
        roll = r.random()
        d = s.published_day
        if roll < 0.5:
            return s.published
        if roll < 0.62:
            return d.isoformat()[:7]
        if roll < 0.72:
            return str(d.year)
        if roll < 0.86:
            end = min(_day(END), d + dt.timedelta(days=r.randint(10, 140)))
            return f"{d.isoformat()}/{end.isoformat()}"
        if roll < 0.95:
            return f"{d.year}~"
        return f"{d.year}?"

    def pick_source(self, actor: str, limit: int) -> SourceRec:
        w, r = self.w, self.rng
        own = [i for i in w.by_owner.get(actor, ())[-12:] if i < limit]
        if own and r.random() < 0.65:
            return w.sources[w.source_order[r.choice(own)]]
        party = actor.split("-")[0]
        theirs = [i for i in w.by_owner.get(party, ())[-12:] if i < limit]
        if theirs and r.random() < 0.4:
            return w.sources[w.source_order[r.choice(theirs)]]
        lo = max(0, limit - 400) if r.random() < 0.7 else 0
        return w.sources[w.source_order[r.randrange(lo, limit)]]

    def statement(
        self,
        actor: str,
        when: dt.datetime,
        previous: str | None,
        limit: int,
        source: SourceRec | None = None,
    ) -> Statement:
        r = self.rng
        s = source or self.pick_source(actor, limit)
        provenance = "made" if s.owner in (None, actor) else "reported"
        stance = previous if previous and r.random() < 0.7 else r.choice(STANCES)
        quotes = [self.quote(s)]
        if r.random() < 0.25:
            other = self.quote(s)
            if other != quotes[0]:
                quotes.append(other)
        note = None
        if provenance == "reported":
            note = f"Gjengitt av {s.owner}; {actor} har ikke selv bekreftet det."
        elif r.random() < 0.25:
            note = f"Standpunktet går fram av {KIND_NOUNS[s.kind]}; se særlig avsnittet om "
            note += f"{r.choice(NOUNS)}."
        stated = self.stated_for(s, when)
        st = Statement(stated, stance, s.sid, provenance, quotes, note, earliest(stated))
        if r.random() < 0.04 and not self.settled:
            good = quotes[0]
            st.quotes[0] = _typo(good, r)
            self.w.typos.append(("quote", f"{actor}", st, 0, good))
        return st

    def insert(self, pid: str, st: Statement) -> None:
        statements = self.w.positions[pid]
        keys = [x.key for x in statements]
        statements.insert(bisect.bisect_right(keys, st.key), st)
        if self.w.typos and self.w.typos[-1][2] is st:
            kind, _, obj, index, good = self.w.typos[-1]
            self.w.typos[-1] = (kind, pid, obj, index, good)

    def new_position(
        self,
        changes: dict[str, str | None],
        when: dt.datetime,
        limits: tuple[int, int, int],
        actor: str | None = None,
        source: SourceRec | None = None,
    ) -> str | None:
        w, r = self.w, self.rng
        n_actors, n_issues, n_sources = limits
        for attempt in range(50):
            if actor is None or attempt:
                weights = [8 if "-" not in a else 1 for a in w.actor_order[:n_actors]]
                actor = r.choices(w.actor_order[:n_actors], weights)[0]
            issue = w.issue_order[r.randrange(n_issues)]
            pid = f"{actor}--{issue}"
            if pid not in w.positions:
                break
        else:
            return None
        w.positions[pid] = []
        self.insert(pid, self.statement(actor, when, None, n_sources, source))
        self._live_add(pid)
        self.write_position(changes, pid)
        return pid

    def _live_add(self, pid: str) -> None:
        self.w.live_at[pid] = len(self.w.live)
        self.w.live.append(pid)

    def _live_remove(self, pid: str) -> None:
        w = self.w
        index = w.live_at.pop(pid)
        last = w.live.pop()
        if last != pid:
            w.live[index] = last
            w.live_at[last] = index

    def pick_live(self, exclude: Callable[[str], bool] | None = None) -> str | None:
        w = self.w
        for _ in range(40 if w.live else 0):
            pid = w.live[self.rng.randrange(len(w.live))]
            if pid in w.locked or (exclude is not None and exclude(pid)):
                continue
            return pid
        return None

    def append(
        self, changes: dict[str, str | None], pid: str, when: dt.datetime, limit: int
    ) -> None:
        statements = self.w.positions[pid]
        self.insert(pid, self.statement(pid.split("--")[0], when, statements[-1].stance, limit))
        self.write_position(changes, pid)

    def correct(self, changes: dict[str, str | None], pid: str) -> None:
        statements = self.w.positions[pid]
        st = self.rng.choice(statements)
        if any(t[2] is st for t in self.w.typos):
            return self.write_position(changes, pid)
        st.quotes[0] = self.quote(self.w.sources[st.source])
        self.write_position(changes, pid)

    # ------------------------------------------------------------------ the walk

    def ramp(self, total: int, fraction: float, initial: float, full_at: float) -> int:
        if fraction >= full_at:
            return total
        return round(total * (initial + (1 - initial) * fraction / full_at))

    def limits(self) -> tuple[int, int, int]:
        w = self.w
        return len(w.actor_order), len(w.issue_order), len(w.source_order)

    def run(self) -> dict[str, int]:  # noqa: C901 (one walk, one branch per kind of step)
        w, r = self.w, self.rng
        span = END - START
        total = self.n_commits
        reformats = list(REFORMATS)
        # The first commits: the parties, some issues and sources.
        when = START
        changes: dict[str, str | None] = {"README.md": "# Standpunkter\n"}
        for _ in range(len(PARTIES)):
            self.add_actor(changes)
        for _ in range(self.n_issues // 4):
            self.add_issue(changes)
        self.commit(changes, "Grunnlag: partier og saker", when)
        changes = {}
        for _ in range(self.n_sources // 20):
            self.add_source(changes, when)
        self.commit(changes, "Grunnlag: kilder", when)
        while self.count < total:
            i = self.count
            fraction = i / total
            when = START + span * fraction
            if reformats and fraction >= reformats[0][0]:
                if self.branches:
                    self.merge(self.branches[0], when)
                    continue
                self.reformat(reformats.pop(0)[1], when)
                continue
            if self.branches and r.random() < 0.16:
                branch = r.choice(self.branches)
                if branch.left <= 0:
                    self.merge(branch, when)
                else:
                    self.branch_commit(branch, when)
                continue
            if not self.settled and i >= total - max(300, total // 50):
                self.settle(when)
                continue
            if not self.settled and len(self.branches) < 3 and r.random() < 0.03:
                if len(w.live) > 20:
                    self.open_branch(when)
            self.main_commit(when, fraction)
        self.settle(END)  # a no-op unless the tail was too short to reach it
        return {
            "actors": len(w.actors),
            "issues": len(w.issues),
            "sources": len(w.sources),
            "positions": len(w.live),
            "statements": sum(len(w.positions[p]) for p in w.live),
            **self.stats,
        }

    def settle(self, when: dt.datetime) -> None:
        """Close what is open so that the tip validates: merge the branches, move moved
        files back, repair broken ones, fix the typos left. Done some hundred commits
        before the tip; from then on nothing new is broken, moved, deleted or misspelt,
        so that the last commits look like ordinary work (a recorded diff 10 commits
        apart touches a few positions, not every pending fix)."""
        w = self.w
        self.settled = True
        for branch in list(self.branches):
            self.merge(branch, when)
        changes: dict[str, str | None] = {}
        for pid in sorted(w.moved):
            changes[w.moved.pop(pid)] = None
            self.write_position(changes, pid)
        for pid in sorted(w.broken):
            if pid in w.live_at:
                self.write_position(changes, pid)
        if changes:
            self.commit(changes, "Rydd opp: flytt filer tilbake og reparer ødelagte", when)
        changes = {}
        while w.typos:
            self.fix_typo(changes, w.typos.pop(0))
        if changes:
            self.commit(changes, "Rettet gjenstående skrivefeil", when)

    def main_commit(self, when: dt.datetime, fraction: float) -> None:
        w, r = self.w, self.rng
        changes: dict[str, str | None] = {}
        roll = r.random()
        limits = self.limits()
        want_actors = self.ramp(self.n_actors, fraction, 0.3, 0.6)
        want_issues = self.ramp(self.n_issues, fraction, 0.3, 0.7)
        want_sources = self.ramp(self.n_sources, fraction, 0.05, 0.97)
        want_positions = self.ramp(self.n_positions, fraction, 0.02, 0.95)
        if roll < 0.04:
            changes["README.md"] = f"# Standpunkter\n\nOppdatert {when.date()}.\n"
            message = "Oppdater README"
        elif roll < 0.05:
            changes[f"data/skrapt-{self.count % 40}.json"] = f'{{"run": {self.count}}}\n'
            message = "Skrapt data"
        elif len(w.actor_order) < want_actors and roll < 0.2:
            aid = self.add_actor(changes)
            message = f"Ny aktør: {aid}"
        elif len(w.issue_order) < want_issues and roll < 0.3:
            iid = self.add_issue(changes)
            message = f"Ny sak: {iid}"
        elif len(w.source_order) < want_sources:
            s = self.add_source(changes, when)
            message = f"Ny kilde: {s.sid}"
            if s.kind == "programme" and s.owner:
                count = self.programme(changes, s, when, len(w.live) < want_positions)
                message = f"Valgprogram {s.published_day.year} for {s.owner}: {count} utsagn"
            elif r.random() < 0.7:
                actor = s.owner if s.owner and r.random() < 0.8 else None
                mine = [p for p in w.live if actor and p.startswith(actor + "--")][:30]
                mine = [p for p in mine if p not in w.locked]
                if mine and r.random() < 0.6:
                    pid = r.choice(mine)
                    self.insert(
                        pid, self.statement(pid.split("--")[0], when, None, len(w.source_order), s)
                    )
                    self.write_position(changes, pid)
                    message += f" og nytt utsagn i {pid}"
                else:
                    pid = self.new_position(changes, when, self.limits(), actor, s)
                    message += f" og nytt standpunkt {pid}"
        elif len(w.live) < want_positions and roll < 0.7:
            pid = self.new_position(changes, when, limits)
            message = f"Nytt standpunkt: {pid}"
        else:
            message = self.edit(changes, when, fraction)
        if not changes:
            changes["README.md"] = f"# Standpunkter\n\nOppdatert {when} ({self.count}).\n"
            message = "Oppdater README"
        self.commit(changes, message, when)

    def programme(
        self, changes: dict[str, str | None], s: SourceRec, when: dt.datetime, grow: bool
    ) -> int:
        w, r = self.w, self.rng
        assert s.owner is not None
        count = 0
        for _ in range(r.randint(5, 20)):
            issue = w.issue_order[r.randrange(len(w.issue_order))]
            pid = f"{s.owner}--{issue}"
            if pid in w.locked or pid in w.broken:
                continue
            if pid in w.live_at:
                self.insert(pid, self.statement(s.owner, when, w.positions[pid][-1].stance, 0, s))
            elif pid not in w.positions and grow:
                w.positions[pid] = []
                self.insert(pid, self.statement(s.owner, when, None, 0, s))
                self._live_add(pid)
            else:
                continue
            self.write_position(changes, pid)
            count += 1
        return count

    def edit(  # noqa: C901 (one branch per kind of edit, as in the history it mimics)
        self, changes: dict[str, str | None], when: dt.datetime, fraction: float
    ) -> str:
        w, r = self.w, self.rng
        roll = r.random()
        if self.settled and 0.86 <= roll < 0.903:
            roll = 0.5  # the quiet tail: no deletions, moves or broken files, an append
        limit = len(w.source_order)
        if roll < 0.06 and w.typos:
            for index, typo in enumerate(w.typos):
                if typo[1] not in w.locked:
                    self.fix_typo(changes, w.typos.pop(index))
                    return f"Rettet skrivefeil i {typo[1]}"
        pid = self.pick_live()
        if pid is None:
            return "Oppdater README"
        if roll < 0.72:
            self.append(changes, pid, when, limit)
            return f"Nytt utsagn: {pid}"
        if roll < 0.82:
            self.correct(changes, pid)
            return f"Rettet sitat: {pid}"
        if roll < 0.86:
            many = {pid} | {self.pick_live() or pid for _ in range(r.randint(2, 12))}
            for other in sorted(many):
                self.append(changes, other, when, limit)
            return f"Nye utsagn i {len(many)} standpunkter"
        if roll < 0.88 and fraction < 0.99:
            if w.deleted and r.random() < 0.5:
                back = w.deleted.pop(0)
                self._live_add(back)
                self.write_position(changes, back)
                return f"Lagt til igjen: {back}"
            if pid in w.moved or pid in w.broken:
                return self.edit(changes, when, fraction)
            changes[self.position_path(pid)] = None
            self._live_remove(pid)
            w.deleted.append(pid)
            return f"Slettet: {pid}"
        if roll < 0.90:
            actor, issue = pid.split("--")
            if pid in w.moved:
                changes[w.moved.pop(pid)] = None
                self.write_position(changes, pid)
                return f"Flyttet tilbake: {pid}"
            changes[self.position_path(pid)] = None
            w.moved[pid] = f"positions/statements/{actor}/flyttet-{issue}.yaml"
            self.write_position(changes, pid)
            return f"Flyttet: {pid}"
        if roll < 0.903:
            actor, issue = pid.split("--")
            changes[self.position_path(pid)] = f"id: {pid}\nactor: [{actor}\nissue: {issue}\n"
            w.broken.add(pid)
            return f"Ødelagt fil: {pid}"
        if roll < 0.93:
            sid = w.source_order[r.randrange(limit)]
            s = w.sources[sid]
            if s.url is None:
                s.url = f"https://arkiv.example.no/{sid}"
            elif s.retrieved is None:
                s.retrieved = max(_day(when), s.published_day).isoformat()
            elif s.title.endswith(")"):
                s.title = s.title.rsplit(" (", 1)[0]
            else:
                s.title = f"{s.title} ({s.published_day.year})"
            changes[f"positions/sources/{sid}.yaml"] = self.render_source(sid)
            return f"Oppdater kilde: {sid}"
        if roll < 0.94:
            iid = w.issue_order[r.randrange(len(w.issue_order))]
            title, proposition, topic, description = w.issues[iid]
            w.issues[iid] = (title, proposition, topic, description or self.sentence())
            changes[f"positions/issues/{iid}.yaml"] = self.render_issue(iid)
            return f"Beskrivelse av sak: {iid}"
        self.append(changes, pid, when, limit)
        return f"Nytt utsagn: {pid}"

    def fix_typo(
        self, changes: dict[str, str | None], typo: tuple[str, str, Statement | None, int, str]
    ) -> None:
        kind, rid, st, index, good = typo
        w = self.w
        if kind == "footer":
            s = w.sources[rid]
            s.footer_typo = False
            path = f"positions/archive/{rid}.txt"
            changes[path] = self.archive_text.pop(rid)
            return
        assert st is not None
        st.quotes[index] = good
        if rid in w.live_at and rid not in w.locked:
            self.write_position(changes, rid)

    def reformat(self, message: str, when: dt.datetime) -> None:
        w = self.w
        self.style = STYLES[STYLES.index(self.style) + 1]
        self.stats["reformats"] += 1
        changes: dict[str, str | None] = {}
        for aid in w.actor_order:
            changes[f"positions/actors/{aid}.yaml"] = self.render_actor(aid)
        for iid in w.issue_order:
            changes[f"positions/issues/{iid}.yaml"] = self.render_issue(iid)
        for sid in w.source_order:
            changes[f"positions/sources/{sid}.yaml"] = self.render_source(sid)
        for pid in w.live:
            if pid not in w.broken:
                changes[self.position_path(pid)] = self.render_position(pid)
        self.commit(changes, message, when)

    # ------------------------------------------------------------------ branches

    def open_branch(self, when: dt.datetime) -> None:
        self.branch_serial += 1
        branch = Branch(
            ref=f"tema/{self.branch_serial}",
            fork=self.main_tip,
            tip=None,
            pids=set(),
            sources=len(self.w.source_order),
            left=self.rng.randint(1, 7),
        )
        branch.limits = self.limits()
        self.branches.append(branch)

    def branch_commit(self, branch: Branch, when: dt.datetime) -> None:
        w, r = self.w, self.rng
        changes: dict[str, str | None] = {}
        limits = branch.limits
        if r.random() < 0.3 and len(w.live) < self.n_positions:
            pid = self.new_position(changes, when, limits)
            if pid is not None:
                w.locked.add(pid)
                branch.pids.add(pid)
                message = f"Nytt standpunkt: {pid}"
        else:
            pid = (
                next(iter(sorted(branch.pids)), None) if branch.pids and r.random() < 0.5 else None
            )
            if pid is None:
                pid = self.pick_live(lambda p: p in w.moved or p in w.broken)
            if pid is not None:
                w.locked.add(pid)
                branch.pids.add(pid)
                self.append(changes, pid, when, branch.sources)
                message = f"Nytt utsagn: {pid}"
        if not changes:
            return self.main_commit(when, self.count / self.n_commits)
        branch.left -= 1
        self.stats["branch_commits"] += 1
        self.commit(changes, message, when, branch=branch)

    def merge(self, branch: Branch, when: dt.datetime) -> None:
        self.branches.remove(branch)
        if branch.tip is None:
            return
        changes: dict[str, str | None] = {}
        for pid in sorted(branch.pids):
            self.w.locked.discard(pid)
            if pid in self.w.live_at:
                changes[self.position_path(pid)] = self.render_position(pid)
        self.stats["merges"] += 1
        self.commit(changes, f"Merge branch '{branch.ref}'", when, merge=branch)


def generate_realistic(
    path: Path, scale: float = 1.0, seed: int = 2026, commits: int | None = None
) -> dict[str, int]:
    """Make the realistic repository at ``path`` (which must not exist); return its facts."""
    path.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True)
    proc = subprocess.Popen(["git", "fast-import", "--quiet"], stdin=subprocess.PIPE, cwd=path)
    assert proc.stdin is not None
    facts = Realistic(scale, commits, seed, proc.stdin).run()
    proc.stdin.close()
    if proc.wait() != 0:
        raise RuntimeError("git fast-import failed")
    refs = subprocess.run(
        ["git", "for-each-ref", "--format=delete %(refname)", "refs/heads/tema/"],
        cwd=path,
        capture_output=True,
        check=True,
    ).stdout
    subprocess.run(["git", "update-ref", "--stdin"], input=refs, cwd=path, check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=path, check=True)
    return facts
