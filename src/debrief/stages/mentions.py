"""People, organisations, armed groups and weapons named in the text, with coreference.

Without an NER model: people are capitalised names next to a title ("Major General Igor
Konashenkov"), an appositive role ("X, spokesman for the Y,") or a role phrase ("Defense Ministry
spokesman X"); organisations are capitalised sequences ending in an organisational head word
("Ministry", "Observatory", "Army"), optionally owned by a country ("Russia's Defense Ministry" →
"Russian Defense Ministry"); groups come from the project's actor table. Each later short mention
("Konashenkov") takes the name, role and organisation of the first full mention.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from debrief.document import Document
from debrief.pipeline import Context
from debrief.records import Mention, WeaponMention

TITLES = (
    "Major General|Lieutenant General|Brigadier General|Lieutenant Colonel|Rear Admiral|Vice Admiral|"
    "General|Gen\\.|Maj\\. Gen\\.|Lt\\. Gen\\.|Colonel|Col\\.|Major|Maj\\.|Captain|Capt\\.|Lieutenant|Lt\\.|"
    "Sergeant|Sgt\\.|Admiral|Adm\\.|President|Prime Minister|Foreign Minister|Defence Minister|Defense Minister|"
    "Defense Secretary|Defence Secretary|Secretary of State|Secretary|Minister|Ambassador|Governor|Mayor|"
    "Senator|Sen\\.|Rep\\.|Commander|Sheikh|King|Prince|Emir|Dr\\.|Dr|Mr\\.|Mr|Mrs\\.|Mrs|Ms\\.|Ms|Spokesman|"
    "Spokeswoman|Chancellor"
)
ROLES = (
    "spokesman|spokeswoman|spokesperson|press secretary|foreign minister|defense minister|defence minister|"
    "interior minister|prime minister|minister|president|vice president|commander|official|governor|ambassador|"
    "envoy|director|head|chief|leader|secretary|analyst|researcher|correspondent|reporter|witness|resident|"
    "activist|monitor|doctor|mayor|general|colonel|officer|diplomat|chairman|representative|adviser|advisor|"
    "deputy|coordinator|founder|chief of staff|commissioner|chairwoman|judge|prosecutor|attorney|lawyer|senator|"
    "lawmaker|professor|candidate|nominee|executive|editor|journalist|author|aide|soldier|medic|nurse|surgeon|"
    "inspector|negotiator|mediator|delegate"
)
ORG_HEADS = (
    "Ministry|Ministries|Army|Armed Forces|Forces|Force|Navy|Military|Observatory|Committee|Council|Office|"
    "Agency|Command|Coalition|Government|Police|Department|Front|Brigade|Brigades|Battalion|Movement|Party|"
    "Organization|Organisation|Union|Nations|Red Cross|Red Crescent|Watch|International|Service|Services|"
    "Guard|Guards|Corps|Directorate|Authority|Commission|Institute|Center|Centre|Network|Flotilla|Fleet|"
    "Kremlin|Pentagon|White House|Parliament|Assembly|Cabinet|Presidency|Embassy|Mission|Opposition|opposition|"
    "Monitor|Airwars|Ruptly|Reuters|TASS|Interfax|Associated Press|Agence France-Presse|AFP|Xinhua|Anadolu"
)
PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i"])
_CAP = r"(?:[A-Z][\w’'.-]*|al-[A-Z][\w’'-]*|bin|ibn|de|van|von|el-[A-Z][\w’'-]*)"
_NAME = rf"[A-Z][\w’'-]+(?:[ \t]+{_CAP}){{0,3}}"
_ORG = rf"(?:(?:[A-Z][\w’'-]*|of|for|and|the)[ \t]+){{0,5}}?(?:{ORG_HEADS})\b"

TITLE_NAME = re.compile(rf"\b(?P<title>(?:{TITLES})(?:[ \t]+(?:{TITLES}))?)[ \t]+(?P<name>{_NAME})")
APPOSITIVE = re.compile(
    rf"(?P<name>{_NAME}),[ \t]+(?:the[ \t]+|a[ \t]+)?(?P<role>(?:[a-z]+[ \t]+)?(?:{ROLES}))"
    rf"(?:[ \t]+(?:for|of|at|with|to)[ \t]+(?:the[ \t]+)?(?P<org>{_ORG}))?[ \t]*[,.]"
)
LOWER_ORG_HEADS = "ministry|army|government|police|military|agency|office|group|observatory|service"
APPOSITIVE_OWNER = re.compile(
    rf"(?P<name>{_NAME}),[ \t]+(?:the[ \t]+)?"
    rf"(?P<org>(?:[A-Z][\w-]*[ \t]+){{0,4}}?(?:{ORG_HEADS}|{LOWER_ORG_HEADS}))"
    rf"(?:’s|'s)[ \t]+(?:[a-z]+[ \t]+)?(?P<role>{ROLES})[ \t]*[,.]"
)
# "Its director, Samer Haddad," / "The head of the local council, Abdelkarim Haj Omar," / "Turkey’s
# president, Recep Tayyip Erdoğan,"
ROLE_THEN_NAME = re.compile(
    rf"\b(?:[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Aa]n?|[A-Z][\w-]*(?:’s|'s))[ \t]+(?:[A-Za-z][\w.’'-]*[ \t]+){{0,2}}?"
    rf"(?P<role>{ROLES})"
    rf"(?:[ \t]+(?:of|for|at)[ \t]+(?P<org>[^,\n]{{3,60}}))?,[ \t]+(?P<name>{_NAME}),"
)
ORG_ROLE_NAME = re.compile(
    rf"(?P<org>(?:[A-Z][\w’'-]*[ \t]+){{0,4}}(?:{ORG_HEADS}|{LOWER_ORG_HEADS}))"
    rf"[ \t]+(?P<role>{ROLES})[ \t]+(?P<name>{_NAME})"
)
# "the Ministry of Defence", "Ministry of Foreign Affairs", "Council of Europe": a head word's "of" tail
_OF_TAIL = r"(?:[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z][\w’'-]*(?:[ \t]+(?:and[ \t]+)?[A-Z][\w’'-]*){0,3})?"
ORG = re.compile(
    rf"(?:(?P<owner>[A-Z][\w-]*)(?:’s|'s)[ \t]+)?(?P<org>(?:[A-Z][\w’'-]*[ \t]+){{0,4}}?(?:{ORG_HEADS})\b{_OF_TAIL})"
)
ORG_ROLE = re.compile(
    rf"(?P<org>(?:[A-Z][\w-]*(?:’s|'s)[ \t]+)?(?:[A-Z][\w’'-]*[ \t]+){{0,4}}?(?:{ORG_HEADS}))(?:’s|'s)?[ \t]+"
    rf"(?:(?:military|chief|top|senior|official)[ \t]+)?(?P<role>{ROLES})\b"
)
DESIGNATOR = re.compile(
    r"\b(?P<d>(?:Su|MiG|Mi|Ka|Tu|Il|Yak|F|FA|A|B|AH|UH|MQ|RQ|TB|KJ|J|Bayraktar TB)-\d+[A-Z]*"
    r"|S-[234]00|T-\d{2}[A-Z]*|BM-\d+|Tor-M\d)\b"
)
_PREFIX_KIND = {
    "Mi": "helicopter",
    "Ka": "helicopter",
    "AH": "helicopter",
    "UH": "helicopter",
    "MQ": "drone",
    "RQ": "drone",
    "TB": "drone",
    "S": "air_defense",
    "T": "vehicle",
    "BM": "rocket",
    "Tor": "air_defense",
}
_LEADING_DET = re.compile(r"^(?:the|a|an)\s+", re.I)
_LEADING_TITLE = re.compile(rf"^(?:(?:{TITLES})\s+)+")


def strip_title(name: str) -> tuple[str, str | None]:
    """'Major General Igor Konashenkov' → ('Igor Konashenkov', 'Major General')."""
    m = _LEADING_TITLE.match(name)
    if not m or m.end() >= len(name):
        return name, None
    return name[m.end() :], m.group().strip()


def _read_table(name: str) -> list[dict[str, str]]:
    text = resources.files("debrief.data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@dataclass(frozen=True)
class Lexicon:
    """The actor and weapon tables, compiled once per pipeline (held by the stage, not the module)."""

    actors: dict[str, tuple[str, str]]
    actor_re: re.Pattern[str]
    weapon_kinds: dict[str, str]
    weapon_re: re.Pattern[str]

    @classmethod
    def load(cls, extra_actors: Path | None = None) -> Lexicon:
        actors = {r["alias"]: (r["name"], r["kind"]) for r in _read_table("actors.csv")}
        if extra_actors:
            with extra_actors.open(encoding="utf-8") as fh:
                actors.update({r["alias"]: (r["name"], r["kind"]) for r in csv.DictReader(fh)})
        weapons = {r["term"].lower(): r["kind"] for r in _read_table("weapons.csv")}
        alias_alt = "|".join(re.escape(a) for a in sorted(actors, key=len, reverse=True))
        weapon_alt = "|".join(re.escape(w) for w in sorted(weapons, key=len, reverse=True))
        return cls(
            actors=actors,
            actor_re=re.compile(rf"(?<![\w-])(?:{alias_alt})(?![\w-])"),
            weapon_kinds=weapons,
            weapon_re=re.compile(rf"(?<![\w-])(?:{weapon_alt})(?![\w-])", re.I),
        )


def weapons_in(text: str, lexicon: Lexicon) -> list[WeaponMention]:
    out: list[WeaponMention] = []
    for m in DESIGNATOR.finditer(text):
        prefix = m.group("d").split("-")[0]
        out.append(WeaponMention(m.start(), m.end(), m.group(), _PREFIX_KIND.get(prefix, "aircraft")))
    taken = [(w.start, w.end) for w in out]
    for m in lexicon.weapon_re.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        out.append(WeaponMention(m.start(), m.end(), m.group(), lexicon.weapon_kinds[m.group().lower()]))
    return sorted(out, key=lambda w: w.start)


def _clean_org(text: str) -> str:
    return _LEADING_DET.sub("", text.strip(" ,.")).strip()


@dataclass
class Coreference:
    """Mentions grouped into entities; the first full mention sets name, role and organisation."""

    mentions: list[Mention] = field(default_factory=list)

    def add(self, m: Mention) -> Mention:
        for i, other in enumerate(self.mentions):
            if (
                m.kind == "person"
                and other.kind == "person"
                and other.name
                and m.name
                and (m.name == other.name or other.name.split()[-1] == m.name.split()[-1])
            ):
                m.entity = other.entity if other.entity is not None else i
                full = self.mentions[m.entity]
                if len(m.name.split()) > len((full.name or "").split()):
                    full.name = m.name
                m.name = full.name
                full.role = full.role or m.role
                full.organization = full.organization or m.organization
                m.role, m.organization = full.role, full.organization
                break
        else:
            m.entity = len(self.mentions)
        self.mentions.append(m)
        return m


def _overlap(a: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(a.start < e and s < a.end for s, e in spans)


def find_mentions(text: str, lexicon: Lexicon, country_adjective: dict[str, str]) -> list[Mention]:
    """People, organisations and groups of `text`, coreferent short names resolved."""
    found: list[Mention] = []

    def org_name(org_text: str, owner: str | None = None) -> str:
        org = _clean_org(org_text)
        if owner:
            adj = country_adjective.get(owner)
            org = f"{adj} {org}" if adj else f"{owner}’s {org}"
        for possessive in re.finditer(r"([A-Z][\w-]*)(?:’s|'s)\s+", org):
            adj = country_adjective.get(possessive.group(1))
            if adj:
                org = org.replace(possessive.group(0), adj + " ")
        return org

    for m in ROLE_THEN_NAME.finditer(text):
        name, _title = strip_title(m.group("name"))
        start = m.end("name") - len(name)
        org = org_name(m.group("org")) if m.group("org") else None
        found.append(Mention(start, m.end("name"), name, "person", name, m.group("role").lower(), org))
    for m in ORG_ROLE_NAME.finditer(text):
        name, _title = strip_title(m.group("name"))
        found.append(
            Mention(
                m.end("name") - len(name),
                m.end("name"),
                name,
                "person",
                name,
                m.group("role").lower(),
                org_name(m.group("org")),
            )
        )
    for m in APPOSITIVE.finditer(text):
        org = org_name(m.group("org")) if m.group("org") else None
        role = m.group("role").lower()
        name, _title = strip_title(m.group("name"))
        start = m.end("name") - len(name)
        found.append(Mention(start, m.end("name"), name, "person", name, role, org))
    for m in APPOSITIVE_OWNER.finditer(text):
        name, _title = strip_title(m.group("name"))
        start = m.end("name") - len(name)
        found.append(
            Mention(start, m.end("name"), name, "person", name, m.group("role").lower(), org_name(m.group("org")))
        )
    for m in TITLE_NAME.finditer(text):
        name = m.group("name")
        found.append(Mention(m.start("name"), m.end("name"), name, "person", name, m.group("title"), None))
    # merge duplicates of the same span (title + appositive): keep the richest
    people: dict[tuple[int, int], Mention] = {}
    for p in found:
        key = (p.start, p.end)
        prev = people.get(key)
        if prev is None:
            people[key] = p
        else:
            prev.role = p.role if (p.role and (not prev.role or prev.role[0].isupper())) else prev.role
            prev.organization = prev.organization or p.organization
    taken = [(p.start, p.end) for p in people.values()]
    out = list(people.values())
    for m in lexicon.actor_re.finditer(text):
        name, _kind = lexicon.actors[m.group()]
        mention = Mention(m.start(), m.end(), m.group(), "group", name)
        if not _overlap(mention, taken):
            out.append(mention)
            taken.append((mention.start, mention.end))
    for m in ORG.finditer(text):
        start = m.start()
        org = org_name(m.group("org"), m.group("owner"))
        mention = Mention(start, m.end(), text[start : m.end()], "organization", org)
        if not _overlap(mention, taken):
            out.append(mention)
            taken.append((mention.start, mention.end))
    out.sort(key=lambda x: x.start)
    coref = Coreference()
    # later bare surnames of known people
    surnames = {p.name.split()[-1]: p for p in people.values() if p.name and len(p.name.split()) > 1}
    for m in re.finditer(r"\b[A-Z][\w’'-]+\b", text):
        if m.group() in surnames and not any(m.start() < e and s < m.end() for s, e in taken):
            out.append(Mention(m.start(), m.end(), m.group(), "person", m.group()))
    out.sort(key=lambda x: x.start)
    for mention in out:
        if mention.kind == "person":
            coref.add(mention)
        else:
            coref.mentions.append(mention)
    _canonical_orgs(out)
    return out


def _canonical_orgs(mentions: list[Mention]) -> None:
    """'the Defense Ministry' takes the fullest name of the same organisation in the document."""
    full = [m for m in mentions if m.kind == "organization" and m.name]
    for m in mentions:
        names = [m.organization] if m.kind == "person" else [m.name] if m.kind == "organization" else []
        for name in names:
            if not name:
                continue
            longer = [f.name for f in full if f.name and f.name != name and f.name.lower().endswith(name.lower())]
            if len(set(longer)) == 1:
                if m.kind == "person":
                    m.organization = longer[0]
                else:
                    m.name = longer[0]


@dataclass
class MentionsStage:
    context: Context
    name: str = "mentions"
    lexicon: Lexicon = field(init=False)

    def __post_init__(self) -> None:
        self.lexicon = Lexicon.load()

    def __call__(self, doc: Document) -> Document:
        gaz = self.context.resources.gazetteer()
        owners = {m.group(1) for m in re.finditer(r"\b([A-Z][\w-]*)(?:’s|'s)\s", doc.text)}
        adjectives: dict[str, str] = {}
        for owner in owners:
            adj = gaz.adjective_of(owner)
            if adj:
                adjectives[owner] = adj
        doc.mentions = find_mentions(doc.text, self.lexicon, adjectives)
        doc.weapons = weapons_in(doc.text, self.lexicon)
        return doc
