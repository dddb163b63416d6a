"""Events typed by a learned classifier over sentence embeddings: backend ``events.model``.

Detection, fields, merging and the non-event filters are the lexicon stage's (``events.lexicon``);
this backend re-types each detected event from its evidence sentence. Only sentences that carry an
event are encoded (all-MiniLM-L6-v2, numpy, one encoder per stage instance, loaded on first use).
The model, trained by ``scripts/train_event_model.py`` and stored as
``data/models/event_type_minilm_v2.npz``, is the encoder with its layers fine-tuned (the file
holds those layers, float16, which replace the package's) and a linear layer over the 30 codes. The
type is ``argmax(p_model + LEXICON_BONUS · [code = lexicon type])`` over the 30 codes: the model
decides when it is confident, the lexicon breaks its doubts. The model also has a ``NONE`` class,
trained on written non-events (opinion, hypotheticals, plans and threats, denials, generic and
historical statements, anniversaries, appeals): an event whose evidence sentence the model judges a
non-event (``p(NONE) ≥ NONE_THRESHOLD``) is dropped, so detection is the lexicon's recall filtered
by the model.

The same forward pass gives the word-piece states the event locator reads
(:mod:`debrief.stages.event_locator`): each event whose sentence names where it happened is placed
there (one event per place), and keeps the lexicon stage's place otherwise.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from importlib import resources

import numpy as np
import numpy.typing as npt

from debrief.document import Document
from debrief.encoder import SentenceEncoder, load_encoder
from debrief.encoder.model import TokenStates, WeightsError
from debrief.errors import DebriefError
from debrief.event_fields import SPEECH_VENUE
from debrief.records import Event, Location
from debrief.stages.event_locator import Located, Locator, event_locations
from debrief.stages.events import Draft, EventsStage, link_events
from debrief.taxonomy import code_info

MODEL_FILE = "event_type_minilm_v2.npz"
LAYER_PREFIX = "layer:"
LEXICON_BONUS = 0.2  # chosen on the written dev part and the ACLED-notes tuning rows, never a test set
NONE_CODE = "NONE"
NONE_THRESHOLD = 0.5  # a priori: drop when "not an event" is likelier than all event types together
# a weak trigger's sentence is an event of a type the model gives at least this probability (OTHER never
# counts): chosen by reading the 34 events a bar of 0.5 added in 200 Guardian articles (about half were
# right; at 0.7, 11 of 14), never a test set
UNTYPED_MIN = 0.7


class ModelFileError(DebriefError):
    """The classifier weights are missing or do not match the encoder."""


@dataclass(frozen=True)
class TypeClassifier:
    weights: npt.NDArray[np.float32]  # (dim, codes)
    bias: npt.NDArray[np.float32]
    codes: tuple[str, ...]
    encoder_sha256: str
    layers: dict[str, npt.NDArray[np.float32]] = field(default_factory=dict)  # fine-tuned encoder tensors
    max_tokens: int = 128  # the longest input the model was trained on (longer texts are cut)

    @classmethod
    def load(cls, name: str = MODEL_FILE) -> TypeClassifier:
        ref = resources.files("debrief.data").joinpath("models").joinpath(name)
        if not ref.is_file():
            raise ModelFileError(f"classifier weights not found: {ref} (run scripts/train_event_model.py)")
        return cls.from_bytes(ref.read_bytes())

    @classmethod
    def from_bytes(cls, data: bytes) -> TypeClassifier:
        """The classifier in an .npz written by scripts/train_event_model.py."""
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            return cls(
                npz["weights"].astype(np.float32),
                npz["bias"].astype(np.float32),
                tuple(str(c) for c in npz["codes"]),
                str(npz["encoder_sha256"]),
                {
                    k.removeprefix(LAYER_PREFIX): npz[k].astype(np.float32)
                    for k in npz.files
                    if k.startswith(LAYER_PREFIX)
                },
                int(npz["max_tokens"]) if "max_tokens" in npz.files else 128,
            )

    def probabilities(self, embeddings: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        logits = embeddings @ self.weights + self.bias
        logits -= logits.max(1, keepdims=True)
        p = np.exp(logits)
        return (p / p.sum(1, keepdims=True)).astype(np.float32)

    def non_event(self, probs: npt.NDArray[np.float32]) -> float:
        """p(NONE), or 0 for a model without the class."""
        return float(probs[self.codes.index(NONE_CODE)]) if NONE_CODE in self.codes else 0.0

    def choose(self, probs: npt.NDArray[np.float32], lexicon_code: str | None) -> tuple[str, float]:
        """The event code maximising p + LEXICON_BONUS·[code = lexicon_code], and its model probability
        (NONE is never chosen here: see :meth:`non_event`)."""
        scores = probs.copy()
        if lexicon_code in self.codes:
            scores[self.codes.index(lexicon_code)] += LEXICON_BONUS
        if NONE_CODE in self.codes:
            scores[self.codes.index(NONE_CODE)] = -np.inf
        i = int(scores.argmax())
        return self.codes[i], float(probs[i])


@dataclass
class EventsModelStage(EventsStage):
    name: str = "events"
    _encoder: SentenceEncoder | None = field(default=None, init=False, repr=False)
    _classifier: TypeClassifier | None = field(default=None, init=False, repr=False)
    _locator: Locator | None = field(default=None, init=False, repr=False)

    def encoder(self) -> SentenceEncoder:
        if self._encoder is None:
            classifier = self.classifier()
            try:
                encoder = load_encoder(
                    self.context.options.encoder, expected_sha256=classifier.encoder_sha256
                ).with_tensors(classifier.layers)
                self._encoder = replace(encoder, max_length=min(encoder.max_length, classifier.max_tokens))
            except WeightsError as exc:
                raise ModelFileError(f"{MODEL_FILE}: {exc}") from exc
        return self._encoder

    def classifier(self) -> TypeClassifier:
        if self._classifier is None:
            self._classifier = TypeClassifier.load()
        return self._classifier

    def classify_texts(self, texts: list[str], lexicon_codes: list[str | None]) -> list[tuple[str, float]]:
        """A code and its model probability for each text, the lexicon's code (or None) as a tie-breaker."""
        return [(code, prob) for code, prob, _ in self.judge_texts(texts, lexicon_codes)]

    def judge_texts(self, texts: list[str], lexicon_codes: list[str | None]) -> list[tuple[str, float, float]]:
        """(code, its probability, p(non-event)) for each text."""
        return self._judge(texts, lexicon_codes)[0]

    def _judge(
        self, texts: list[str], lexicon_codes: list[str | None]
    ) -> tuple[list[tuple[str, float, float]], list[TokenStates]]:
        if not texts:
            return [], []
        clf = self.classifier()
        embeddings, tokens = self.encoder().encode_tokens(texts, keep=self.locator().branch_from)
        probs = clf.probabilities(embeddings)
        judged = [(*clf.choose(p, c), clf.non_event(p)) for p, c in zip(probs, lexicon_codes, strict=True)]
        return judged, tokens

    def locator(self) -> Locator:
        if self._locator is None:
            self._locator = Locator.load(MODEL_FILE)
        return self._locator

    def locate(self, doc: Document, sentence: tuple[int, int], trigger: tuple[int, int]) -> list[Located]:
        """Where the event at `trigger` happened, read from its sentence (see :func:`place_event`)."""
        text = doc.text[sentence[0] : sentence[1]]
        _, tokens = self.encoder().encode_tokens([text], keep=self.locator().branch_from)
        return self._located(doc, sentence, trigger, tokens[0])

    def _located(
        self,
        doc: Document,
        sentence: tuple[int, int],
        trigger: tuple[int, int],
        tokens: TokenStates,
        tagged: TokenStates | None = None,
    ) -> list[Located]:
        s0 = sentence[0]
        text = doc.text[s0 : sentence[1]]
        places = [p for p in doc.places if s0 <= p.start and p.end <= sentence[1]]
        names = [(p.name_start - s0, p.name_end - s0, p.resolved is not None) for p in places]
        spans = self.locator().locate(tokens, text, (trigger[0] - s0, trigger[1] - s0), names, tagged)
        taken = [(w.start, w.end) for w in doc.weapons] + [(t.start, t.end) for t in doc.timexes]
        taken += [(m.start, m.end) for m in doc.mentions if m.kind in ("person", "organization", "group")]
        taken += [(p.start, p.end) for p in places if SPEECH_VENUE.search(doc.text, max(s0, p.start - 60), p.start)]
        located = event_locations(doc.text, places, [(s + s0, e + s0) for s, e in spans], taken, doc.places)
        if located:
            return located
        # the locator rated nothing, but a place is the trigger's own complement ("struck Idlib", "shelled
        # the town of Anadan"): short sentences the locator's training text rarely had
        after = [
            p for p in places if p.resolved is not None and TRIGGER_COMPLEMENT.fullmatch(doc.text, trigger[1], p.start)
        ]
        return event_locations(doc.text, places, [(p.name_start, p.name_end) for p in after[:1]], taken, doc.places)

    def __call__(self, doc: Document) -> Document:
        return self.retype(super().__call__(doc))

    def type_untyped(self, doc: Document, drafts: list[Draft]) -> list[Draft]:
        """A weak trigger's draft takes the model's type for its sentence when the model finds an event
        there of a type other than OTHER with probability at least UNTYPED_MIN ("Government forces pounded
        rebel-held areas …, killing 17 people": shelling); else it is dropped, as the lexicon drops it."""
        # only a weak trigger with a place in its sentence is judged (an event the ledger could place); the
        # rest are dropped unread, as the lexicon drops them: encoding every one cost a tenth of the throughput
        drafts = [d for d in drafts if d.code != "*" or d.places]
        untyped = sorted({doc.text[d.sentence.start : d.sentence.end] for d in drafts if d.code == "*"})
        judged = dict(zip(untyped, self._judge(untyped, [None] * len(untyped))[0], strict=True))
        out = []
        for d in drafts:
            if d.code == "*":
                code, prob, p_none = judged[doc.text[d.sentence.start : d.sentence.end]]
                if p_none >= NONE_THRESHOLD or prob < UNTYPED_MIN or code == "OTHER":
                    continue
                d.code = code
            out.append(d)
        return out

    def retype(self, doc: Document) -> Document:
        """Each event typed and located from its evidence sentence (one encoding per sentence); events
        whose sentence the model judges a non-event are dropped."""
        if not doc.events:
            return doc
        texts = [e.evidence[0].text if e.evidence else doc.text for e in doc.events]
        unique = sorted(set(texts))
        lexicon_of = {t: next(e.type for e, s in zip(doc.events, texts, strict=True) if s == t) for t in unique}
        judgements, tokens = self._judge(unique, [lexicon_of[t] for t in unique])
        judged = dict(zip(unique, judgements, strict=True))
        states = dict(zip(unique, tokens, strict=True))
        per_trigger = Counter((e.trigger.start, e.trigger.end) for e in doc.events if e.trigger)
        to_locate = [
            i
            for i, (event, text) in enumerate(zip(doc.events, texts, strict=True))
            if judged[text][2] < NONE_THRESHOLD
            and event.trigger is not None
            and event.evidence
            and per_trigger[(event.trigger.start, event.trigger.end)] == 1
        ]
        tagged = dict(
            zip(
                to_locate,
                self.locator().tagged_many([_marked(doc.events[i], states[texts[i]]) for i in to_locate]),
                strict=True,
            )
        )
        kept: list[Event] = []
        context: Location | None = None  # the place of the last event kept with one
        for i, (event, text) in enumerate(zip(doc.events, texts, strict=True)):
            code, prob, p_none = judged[text]
            if p_none >= NONE_THRESHOLD:
                continue
            if code != event.type:
                info = code_info(code)
                event.type, event.event_type, event.sub_event_type = code, info.event_type, info.sub_event_type
            event.confidence = round(max(event.confidence, prob), 2)
            trigger = event.trigger
            if i not in tagged or trigger is None:
                placed = [event]  # a listed group of places ("in A, B and C") stays as the lexicon split it
            else:
                sentence = (event.evidence[0].start, event.evidence[0].end)
                located = self._located(doc, sentence, (trigger.start, trigger.end), states[text], tagged[i])
                placed = place_event(event, doc, located, context)
            kept.extend(placed)
            context = next((e.location for e in reversed(placed) if e.location is not None), context)
        doc.events = link_events(doc, kept)
        return doc


# between a trigger and the place it acts on: nothing, or a preposition and a place noun ("struck Idlib",
# "bombed the town of Anadan", "clashes in Homs")
TRIGGER_COMPLEMENT = re.compile(
    r"\s+(?:(?:in|on|at|near|inside|outside|across|over)\s+)?(?:(?:the|a)\s+)?"
    r"(?:(?:town|city|village|province|district|region|area|outskirts|suburbs|countryside)\s+of\s+)?"
)


def _marked(event: Event, tokens: TokenStates) -> tuple[TokenStates, tuple[int, int]]:
    """`tokens` of the event's evidence sentence and its trigger, relative to that sentence."""
    assert event.trigger is not None and event.evidence
    s0 = event.evidence[0].start
    return tokens, (event.trigger.start - s0, event.trigger.end - s0)


def _within(found: Location, context: Location | None) -> Location:
    """A name the gazetteer does not know ("Fighting near Hayan …") keeps the country and province of
    the place the event had from its context, without coordinates: it lies there, but where is unknown."""
    if found.country or context is None or not context.country:
        return found
    return found.model_copy(update={"country": context.country, "admin1": context.admin1, "admin2": context.admin2})


def _dateline(doc: Document, location: Location) -> bool:
    """Whether `location` is the story's dateline ("KOLKATA, India –"): where the report was filed,
    the place a coder takes when the story gives none finer."""
    return any(p.start == location.start and p.evidence == "dateline" for p in doc.places)


def _holds(area: Location, place: Location) -> bool:
    """Whether `area`, a country or province, holds `place` ("targets in Syria" after Kweires)."""
    if area.country is None or area.country != place.country:
        return False
    if area.precision == "country":
        return True
    return area.precision == "admin1" and area.admin1 is not None and area.admin1 == place.admin1


def place_event(event: Event, doc: Document, located: list[Located], context: Location | None = None) -> list[Event]:
    """`event` at the place(s) the locator found in its sentence, one event per place (ACLED's
    convention; counts then stay with no single copy). Where the locator found none, a place the
    lexicon stage took from the same sentence is one the locator rated and rejected ("fighters from
    Homs attacked …", "the ministry in Moscow said"): the event takes `context`, the place of the
    event before it, else none (but the story's dateline stays), except that a country or province
    holding the context stays ("a strike on targets in Syria" after one at Kweires: Syria, no finer);
    a place the lexicon stage took from the context stands. Unchanged too
    when a later sentence of its evidence already gave a finer place ("… in Syria. The bomber struck
    … in Manbij."). An unknown name takes its country and province from the lexicon's choice."""
    sentence_start, sentence_end = (
        (event.evidence[0].start, event.evidence[0].end) if event.evidence else (0, len(doc.text))
    )
    if event.location and (event.location.start or 0) >= sentence_end:
        return [event]
    if not located:
        own = event.location
        if own is not None and own.start is not None and sentence_start <= own.start < sentence_end:
            if context is None:
                if not _dateline(doc, own):
                    event.location = None
            elif not _holds(own, context):
                event.location = context.model_copy()
        return [event]
    locations = [_within(x.location, event.location) for x in located]
    out = []
    for i, location in enumerate(locations):
        copy = event if i == 0 else event.model_copy(deep=True)
        copy.location = location
        if len(locations) > 1:
            copy.quantities = []
        out.append(copy)
    return out
