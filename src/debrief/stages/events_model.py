"""Events typed by a learned classifier over sentence embeddings: backend ``events.model``.

Detection, fields, merging and the non-event filters are the lexicon stage's (``events.lexicon``);
this backend re-types each detected event from its evidence sentence. Only sentences that carry an
event are encoded (all-MiniLM-L6-v2, numpy, one encoder per stage instance, loaded on first use). The
classifier is a multinomial logistic regression over the 30 codes, trained by
``scripts/train_event_model.py`` and stored as ``data/models/event_type_minilm_v1.npz``. The type is
``argmax(p_model + LEXICON_BONUS · [code = lexicon type])``: the model decides when it is confident,
the lexicon breaks its doubts.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from importlib import resources

import numpy as np
import numpy.typing as npt

from debrief.document import Document
from debrief.encoder import SentenceEncoder, load_encoder
from debrief.errors import DebriefError
from debrief.stages.events import EventsStage
from debrief.taxonomy import code_info

MODEL_FILE = "event_type_minilm_v1.npz"
LEXICON_BONUS = 0.35  # fixed a priori, not tuned on any test set


class ModelFileError(DebriefError):
    """The classifier weights are missing or do not match the encoder."""


@dataclass(frozen=True)
class TypeClassifier:
    weights: npt.NDArray[np.float32]  # (dim, codes)
    bias: npt.NDArray[np.float32]
    codes: tuple[str, ...]
    encoder_sha256: str

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
            )

    def probabilities(self, embeddings: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        logits = embeddings @ self.weights + self.bias
        logits -= logits.max(1, keepdims=True)
        p = np.exp(logits)
        return (p / p.sum(1, keepdims=True)).astype(np.float32)

    def choose(self, probs: npt.NDArray[np.float32], lexicon_code: str | None) -> tuple[str, float]:
        """The code maximising p + LEXICON_BONUS·[code = lexicon_code], and its model probability."""
        scores = probs.copy()
        if lexicon_code in self.codes:
            scores[self.codes.index(lexicon_code)] += LEXICON_BONUS
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
            self._encoder = load_encoder(expected_sha256=classifier.encoder_sha256)
        return self._encoder

    def classifier(self) -> TypeClassifier:
        if self._classifier is None:
            self._classifier = TypeClassifier.load()
        return self._classifier

    def classify_texts(self, texts: list[str], lexicon_codes: list[str | None]) -> list[tuple[str, float]]:
        """A code and its model probability for each text, the lexicon's code (or None) as a tie-breaker."""
        if not texts:
            return []
        probs = self.classifier().probabilities(self.encoder().encode(texts))
        return [self.classifier().choose(p, c) for p, c in zip(probs, lexicon_codes, strict=True)]

    def __call__(self, doc: Document) -> Document:
        return self.retype(super().__call__(doc))

    def retype(self, doc: Document) -> Document:
        """Each event's type from the classifier over its evidence sentence (one encoding per sentence)."""
        if not doc.events:
            return doc
        texts = [e.evidence[0].text if e.evidence else doc.text for e in doc.events]
        unique = sorted(set(texts))
        lexicon_of = {t: next(e.type for e, s in zip(doc.events, texts, strict=True) if s == t) for t in unique}
        chosen = dict(zip(unique, self.classify_texts(unique, [lexicon_of[t] for t in unique]), strict=True))
        for event, text in zip(doc.events, texts, strict=True):
            code, prob = chosen[text]
            if code != event.type:
                info = code_info(code)
                event.type, event.event_type, event.sub_event_type = code, info.event_type, info.sub_event_type
            event.confidence = round(max(event.confidence, prob), 2)
        return doc
