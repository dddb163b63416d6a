"""Events typed by a learned classifier over sentence embeddings: backend ``events.model``.

Detection, fields, merging and the non-event filters are the lexicon stage's (``events.lexicon``);
this backend re-types each detected event from its evidence sentence. Only sentences that carry an
event are encoded (all-MiniLM-L6-v2, numpy, one encoder per stage instance, loaded on first use).
The model, trained by ``scripts/train_event_model.py`` and stored as
``data/models/event_type_minilm_v2.npz``, is the encoder with its top layers fine-tuned (the file
holds those layers, float16, which replace the package's) and a linear layer over the 30 codes. The
type is ``argmax(p_model + LEXICON_BONUS · [code = lexicon type])`` over the 30 codes: the model
decides when it is confident, the lexicon breaks its doubts. The model also has a ``NONE`` class,
trained on written non-events (opinion, hypotheticals, plans and threats, denials, generic and
historical statements, anniversaries, appeals): an event whose evidence sentence the model judges a
non-event (``p(NONE) ≥ NONE_THRESHOLD``) is dropped, so detection is the lexicon's recall filtered
by the model.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace
from importlib import resources

import numpy as np
import numpy.typing as npt

from debrief.document import Document
from debrief.encoder import SentenceEncoder, load_encoder
from debrief.encoder.model import WeightsError
from debrief.errors import DebriefError
from debrief.records import Event
from debrief.stages.events import EventsStage, link_events
from debrief.taxonomy import code_info

MODEL_FILE = "event_type_minilm_v2.npz"
LAYER_PREFIX = "layer:"
LEXICON_BONUS = 0.2  # chosen on the written dev part and the ACLED-notes tuning rows, never a test set
NONE_CODE = "NONE"
NONE_THRESHOLD = 0.5  # a priori: drop when "not an event" is likelier than all event types together


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
        with np.load(io.BytesIO(ref.read_bytes()), allow_pickle=False) as npz:
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
        if not texts:
            return []
        clf = self.classifier()
        probs = clf.probabilities(self.encoder().encode(texts))
        return [(*clf.choose(p, c), clf.non_event(p)) for p, c in zip(probs, lexicon_codes, strict=True)]

    def __call__(self, doc: Document) -> Document:
        return self.retype(super().__call__(doc))

    def retype(self, doc: Document) -> Document:
        """Each event typed from its evidence sentence (one encoding per sentence); events whose
        sentence the model judges a non-event are dropped."""
        if not doc.events:
            return doc
        texts = [e.evidence[0].text if e.evidence else doc.text for e in doc.events]
        unique = sorted(set(texts))
        lexicon_of = {t: next(e.type for e, s in zip(doc.events, texts, strict=True) if s == t) for t in unique}
        judged = dict(zip(unique, self.judge_texts(unique, [lexicon_of[t] for t in unique]), strict=True))
        kept: list[Event] = []
        for event, text in zip(doc.events, texts, strict=True):
            code, prob, p_none = judged[text]
            if p_none >= NONE_THRESHOLD:
                continue
            if code != event.type:
                info = code_info(code)
                event.type, event.event_type, event.sub_event_type = code, info.event_type, info.sub_event_type
            event.confidence = round(max(event.confidence, prob), 2)
            kept.append(event)
        doc.events = link_events(doc, kept) if len(kept) < len(doc.events) else kept
        return doc
