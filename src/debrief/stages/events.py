"""Events by lexicon: detection and typing into the 30 codes, with their fields.

Trigger patterns (``data/event_triggers.csv``) mark a sentence as reporting an event of a type;
weak triggers ("struck", "destroyed", "sorties") take their type from the weapons in the sentence
(aircraft → AIR_STRIKE, missiles or artillery → ART_MISS_ATTACK) or elaborate the event just
before. Non-events are rejected: negated, future or hypothetical triggers, denied claims, embedded
social-media posts. One event per location: a sentence naming a list of places ("in the provinces
of A, B and C") gives one event per place, all sharing the sentence's claim.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from importlib import resources

from debrief.document import Document
from debrief.errors import ConfigError
from debrief.event_fields import (
    choose_places,
    clause_of,
    date_in,
    entities_in,
    fatalities_in,
    location_of,
    places_in,
    split_roles,
)
from debrief.pipeline import Context
from debrief.records import Claim, Entity, Event, EventDate, Location, PlaceMention, Sentence, Span, Weapon
from debrief.stages.claims import claim_at
from debrief.taxonomy import code_info

WEAPON_TYPE = {
    "aircraft": "AIR_STRIKE",
    "helicopter": "AIR_STRIKE",
    "drone": "AIR_STRIKE",
    "missile": "ART_MISS_ATTACK",
    "rocket": "ART_MISS_ATTACK",
    "artillery": "ART_MISS_ATTACK",
    "ship": "ART_MISS_ATTACK",
    "explosive": "REM_EXPLOS",
    "chemical": "CHEM_WEAP",
}
WEAPON_PRIORITY = ("chemical", "missile", "rocket", "aircraft", "helicopter", "drone", "artillery", "ship", "explosive")
NEGATION = re.compile(
    r"\b(?:not|no|never|n't|without|would|will|could|might|may|should|plans? to|planning to|threaten(?:ed|s)? to|"
    r"vowed to|if|unless|any|deny|denied|denies|rejected|prevent|avoid|ready to|intend(?:s|ed)? to|aims? to)\b[^.;]*$",
    re.I,
)
GENERIC = re.compile(r"\b(?:anniversary|commemorat\w+|every year|annual)\b", re.I)
# a nominal trigger ("the deployment of …", "a merger", "the withdrawal") whose own predicate is modal:
# "deployment of this complex would demand a large area" reports no deployment
NOMINAL_TRIGGER = re.compile(r"(?:\bof|tion|sion|ment|merger|al)$", re.I)
MODAL_PREDICATE = re.compile(r"^[^,;:.“”\"]{0,80}?\b(?:would|could|might|may|will|should)\b", re.I)
EMBED = re.compile(r"https?://|pic\.twitter\.com|\(@\w+\)")


@dataclass(frozen=True, slots=True)
class Trigger:
    code: str  # "*" for a weak trigger whose type comes from context
    priority: int
    start: int
    end: int


@dataclass(frozen=True)
class TriggerLexicon:
    """Trigger rules in priority order. Rules of strength ``fallback`` are generic vocabulary ("killed",
    "warplanes", "police") that types a text known to report an event but never detects one: the
    event stage skips them; :meth:`find` includes them only when asked."""

    rules: tuple[tuple[str, int, re.Pattern[str]], ...]
    fallback_rules: tuple[tuple[str, int, re.Pattern[str]], ...] = ()

    @classmethod
    def load(cls) -> TriggerLexicon:
        text = resources.files("debrief.data").joinpath("event_triggers.csv").read_text(encoding="utf-8")
        return cls.from_csv(text)

    @classmethod
    def from_csv(cls, text: str) -> TriggerLexicon:
        """Rules from CSV text with the columns code, priority, pattern (comment lines start with #)."""
        rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
        for r in rows:
            if r.get(None) or not r.get("pattern"):
                # an unquoted comma ("{0,2}") would silently cut the pattern short
                raise ConfigError(f"trigger row {r.get('code')!r}: the pattern must be one CSV field (quote it)")

        def compiled(keep: bool) -> tuple[tuple[str, int, re.Pattern[str]], ...]:
            return tuple(
                (r["code"], int(r["priority"]), re.compile(rf"(?<![\w-])(?:{r['pattern']})(?![\w-])", re.I))
                for r in rows
                if (r.get("strength") == "fallback") == keep
            )

        return cls(compiled(False), compiled(True))

    def find(self, text: str, start: int, end: int, *, fallback: bool = False) -> list[Trigger]:
        """Non-overlapping triggers in [start, end), higher-priority rules first; with `fallback`, the
        generic fallback rules only."""
        found: list[Trigger] = []
        for code, priority, pattern in self.fallback_rules if fallback else self.rules:
            for m in pattern.finditer(text, start, end):
                if not any(m.start() < t.end and t.start < m.end() for t in found):
                    found.append(Trigger(code, priority, m.start(), m.end()))
        return found


def is_asserted(text: str, sent: Sentence, trigger: Trigger) -> bool:
    """False for a negated, future, hypothetical or generic mention of the event."""
    window = text[max(sent.start, trigger.start - 60) : trigger.start]
    window = re.split(r"[,;:“”\"]", window)[-1]
    if NEGATION.search(window):
        return False
    if NOMINAL_TRIGGER.search(text[trigger.start : trigger.end]) and MODAL_PREDICATE.search(
        text[trigger.end : sent.end]
    ):
        return False
    return not GENERIC.search(text[sent.start : sent.end])


@dataclass
class Draft:
    code: str
    sentence: Sentence
    trigger: Trigger
    strong: bool
    places: list[PlaceMention]
    evidence: list[Span] = field(default_factory=list)


def link_events(doc: Document, events: list[Event]) -> list[Event]:
    """`events` numbered e1, e2, … in order, and each claim of `doc` pointed at the events it reports."""
    for i, e in enumerate(events, 1):
        e.id = f"e{i}"
    for c in doc.claims:
        c.events = [e.id for e in events if e.claim == c.id]
    return events


@dataclass
class EventsStage:
    context: Context
    name: str = "events"
    lexicon: TriggerLexicon = field(init=False)

    def __post_init__(self) -> None:
        self.lexicon = TriggerLexicon.load()

    def _adjectives(self, doc: Document) -> dict[str, str]:
        gaz = self.context.resources.gazetteer()
        out: dict[str, str] = {}
        for word in set(re.findall(r"\b[A-Z][a-z]+\b", doc.text)):
            cc = gaz.demonym(word)
            if cc:
                out[word] = gaz.country_name(cc) or cc
        return out

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        adjectives = self._adjectives(doc)
        cues = [(c.cue_span.start, c.cue_span.end) for c in doc.claims if c.cue_span]
        speech = [(c.speaker.start or 0, c.speaker.end or 0) for c in doc.claims] + cues
        claim_dates = [
            (t.start, t.end)
            for c in doc.claims
            if c.date and c.date.text
            for t in doc.timexes
            if t.text == c.date.text and not _in_content(c, t.start)
        ]
        denied = [(c.content.start, c.content.end) for c in doc.claims if c.stance == "deny"]
        embeds = {s.paragraph for s in doc.sentences if EMBED.search(text[s.start : s.end])}

        drafts: list[Draft] = []
        for sent in doc.sentences:
            if sent.paragraph in embeds:
                continue
            triggers = [
                t
                for t in self.lexicon.find(text, sent.start, sent.end)
                if is_asserted(text, sent, t) and not any(s <= t.start < e for s, e in denied + speech)
            ]
            if not triggers:
                continue
            weapons = [w for w in doc.weapons if sent.start <= w.start < sent.end]
            best = max(triggers, key=lambda t: t.priority)
            code = best.code
            if code == "*":
                kinds = [w.kind for w in weapons if _wields(text, w.start, w.end, best)]
                kind = next((k for k in WEAPON_PRIORITY if k in kinds), None)
                code = WEAPON_TYPE.get(kind, "*") if kind else "*"
            c0, c1 = clause_of(text, sent.start, sent.end, best.start, best.end)
            places = (
                choose_places(places_in(doc, c0, c1, speech))  # in the trigger's own clause
                or choose_places(places_in(doc, sent.start, sent.end, speech))
                or choose_places(places_in(doc, sent.start, sent.end, cues))  # "Idlib residents said …"
            )
            ev = Span(start=best.start, end=best.end, text=text[best.start : best.end])
            drafts.append(Draft(code, sent, best, best.code != "*", places, [ev]))
        doc.events = self._assemble(doc, self.type_untyped(doc, self._merge(drafts)), adjectives, claim_dates + speech)
        return doc

    @staticmethod
    def _merge(drafts: list[Draft]) -> list[Draft]:
        """A trigger sentence without a place of its own elaborates the event just before it."""
        out: list[Draft] = []
        for d in drafts:
            prev = out[-1] if out else None
            near = prev is not None and d.sentence.index - prev.sentence.index <= 2
            same_kind = prev is not None and (not d.strong or d.code == prev.code)
            if prev is not None and near and same_kind and not d.places:
                prev.evidence.extend(d.evidence)
                continue
            if prev is not None and near and not d.strong and _refines(prev.places, d.places):
                prev.places = d.places  # "A suicide bombing … in Syria. The bomber struck … in Manbij."
                prev.evidence.extend(d.evidence)
                continue
            out.append(d)  # a weak trigger with no type and nothing to elaborate stays "*": see type_untyped
        return out

    def type_untyped(self, doc: Document, drafts: list[Draft]) -> list[Draft]:
        """Drafts whose weak trigger found no type ("*": "pounded …, killing 17") typed, or dropped. The
        lexicon cannot type them and drops them; a learned backend may judge their sentences."""
        return [d for d in drafts if d.code != "*"]

    def _assemble(
        self, doc: Document, drafts: list[Draft], adjectives: dict[str, str], not_event_dates: list[tuple[int, int]]
    ) -> list[Event]:
        events: list[Event] = []
        # "X, spokesman for the Y, said": who speaks is neither actor nor target of what is said
        attributions = [_attribution_span(doc, c) for c in doc.claims if c.cue_span is not None]
        last_date: EventDate | None = None
        last_location: list[Location] = []
        last_actors: dict[str, list] = {}
        for d in drafts:
            s = d.sentence
            own_date = date_in(doc, s, not_event_dates)
            date = own_date or last_date or self._fallback_date(doc, s)
            last_date = date if own_date else last_date
            locations = [location_of(p) for p in d.places]
            if not locations:
                prev_places = choose_places(places_in(doc, _prev_start(doc, s), s.start, []))
                locations = [location_of(p) for p in prev_places] or list(last_location[:1])
            if not locations:
                locations = [Location()]
            last_location = locations
            entities = entities_in(doc, s.start, s.end, attributions, adjectives)
            actors, targets = split_roles(doc, entities, d.trigger.start, d.trigger.end)
            weapons = [
                Weapon(text=w.text, kind=w.kind, start=w.start, end=w.end)
                for w in doc.weapons
                if s.start <= w.start < s.end
            ]
            if not actors and weapons and d.code in last_actors:
                actors = list(last_actors[d.code])
            if actors:
                last_actors[d.code] = actors
            quantities = [q for q in doc.quantities if s.start <= q.start < s.end and q.kind == "count"]
            claim = claim_at(doc.claims, d.trigger.start, d.trigger.end) or _sentence_claim(doc.claims, s)
            code = territorial_type(d.code, actors)
            info = code_info(code)
            for loc in locations:
                events.append(
                    Event(
                        id="",
                        type=code,
                        event_type=info.event_type,
                        sub_event_type=info.sub_event_type,
                        trigger=d.evidence[0],
                        actors=actors,
                        targets=targets,
                        location=loc if loc.text else None,
                        date=date,
                        quantities=quantities if len(locations) == 1 else [],
                        fatalities=fatalities_in(doc, quantities, s),
                        weapons=weapons,
                        claim=claim.id if claim else None,
                        evidence=[Span(start=s.start, end=s.end, text=doc.text[s.start : s.end])]
                        + [e for e in d.evidence[1:]],
                        confidence=round((0.75 if d.strong else 0.6) + (0.1 if d.places else 0), 2),
                    )
                )
        return link_events(doc, _drop_summaries([e for e in events if not _background(e, doc)]))

    @staticmethod
    def _fallback_date(doc: Document, sent: Sentence) -> EventDate:
        pub = doc.info.published
        if pub and pub.date:
            return EventDate(start=pub.date, end=pub.date, precision="unknown", text=None)
        return EventDate()


def territorial_type(code: str, actors: list[Entity]) -> str:
    """ACLED types a change of territorial control by who takes it: state forces regain territory,
    anyone else overtakes it."""
    if code not in ("GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER") or not actors:
        return code
    return "GOV_REGAINS_TERIT" if actors[0].kind == "state" else "NON_STATE_ACTOR_OVERTAKES_TER"


def _refines(coarse: list[PlaceMention], fine: list[PlaceMention]) -> bool:
    """`fine` names a place inside the country that is all `coarse` said (or `coarse` said nothing)."""
    if not fine or any(p.precision != "country" for p in coarse):
        return False
    countries = {p.resolved.country for p in coarse if p.resolved}
    return not countries or all(p.resolved is not None and p.resolved.country in countries for p in fine)


def _wields(text: str, start: int, end: int, trigger: Trigger) -> bool:
    """A weapon that carries out the action: before the trigger, or after it behind by/using/with/from."""
    if end <= trigger.start:
        return True
    return bool(re.search(r"\b(?:by|using|with|from|fired by)\s+(?:\S+\s+){0,3}$", text[trigger.end : start]))


def _attribution_span(doc: Document, claim: Claim) -> tuple[int, int]:
    """Speaker through cue; when the attribution trails its content ("…, X told Ruptly on Friday."),
    through the end of the sentence."""
    assert claim.cue_span is not None
    start = min(claim.speaker.start or claim.cue_span.start, claim.cue_span.start)
    end = max(claim.speaker.end or 0, claim.cue_span.end)
    sent = doc.sentence_of(end - 1)
    if sent is not None and claim.content.end <= start:
        end = sent.end
    return start, end


def _prev_start(doc: Document, sent: Sentence) -> int:
    return doc.sentences[sent.index - 1].start if sent.index > 0 else sent.start


def _in_content(claim: Claim, offset: int) -> bool:
    return claim.content.start <= offset < claim.content.end


def _sentence_claim(claims: list[Claim], sent: Sentence) -> Claim | None:
    for c in claims:
        overlap = min(c.content.end, sent.end) - max(c.content.start, sent.start)
        if overlap > (sent.end - sent.start) * 0.5:
            return c
    return None


BACKGROUND_DAYS = 366


def _background(event: Event, doc: Document) -> bool:
    """An event dated by its own words more than a year before publication is background ("the protests
    that ignited the conflict seven years ago"), not news of this report."""
    pub = doc.info.published
    if event.date.text is None or not event.date.end or not pub or not pub.date:
        return False
    return (date.fromisoformat(pub.date) - date.fromisoformat(event.date.end)).days > BACKGROUND_DAYS


def _drop_summaries(events: list[Event]) -> list[Event]:
    """A country-level event without a date of its own, followed closely by finer events of the same
    type in that country, is the summary of those events: drop it."""
    out: list[Event] = []
    for i, e in enumerate(events):
        loc = e.location
        coarse = loc is None or loc.precision == "country"
        if coarse and e.date.text is None:
            later = events[i + 1 : i + 12]
            if any(
                x.type == e.type
                and x.location
                and x.location.precision != "country"
                and (loc is None or x.location.country == loc.country)
                for x in later
            ):
                continue
        out.append(e)
    return out
