"""Backend events.model: the committed classifier file, the lexicon tie-break, re-typing events."""

from __future__ import annotations

import numpy as np
import pytest

from debrief.document import Document
from debrief.options import PipelineOptions
from debrief.pipeline import Context, Resources, default_registry
from debrief.records import Event, Span
from debrief.stages.events_model import LEXICON_BONUS, EventsModelStage, TypeClassifier
from debrief.taxonomy import EVENT_CODES


def test_committed_weights_cover_the_30_codes() -> None:
    clf = TypeClassifier.load()
    assert clf.codes == EVENT_CODES
    assert clf.weights.shape == (384, 30) and clf.bias.shape == (30,)
    assert clf.encoder_sha256.startswith("53aa5117") and clf.encoder_sha256.endswith("28d9db")


def tiny_classifier() -> TypeClassifier:
    codes = ("AIR_STRIKE", "ARREST", "DIPLO")
    return TypeClassifier(np.eye(3, dtype=np.float32) * 4, np.zeros(3, dtype=np.float32), codes, "x")


def test_lexicon_breaks_the_models_doubts_only() -> None:
    clf = tiny_classifier()
    doubtful = np.array([0.45, 0.40, 0.15], dtype=np.float32)
    assert clf.choose(doubtful, None) == ("AIR_STRIKE", pytest.approx(0.45))
    assert clf.choose(doubtful, "ARREST")[0] == "ARREST"
    sure = np.array([0.95, 0.04, 0.01], dtype=np.float32)
    assert sure[0] - sure[1] > LEXICON_BONUS
    assert clf.choose(sure, "ARREST")[0] == "AIR_STRIKE"


class FakeEncoder:
    """'arrest' in the text → the ARREST axis, else the AIR_STRIKE axis."""

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.array([[0.0, 1.0, 0.0] if "arrest" in t.lower() else [1.0, 0.0, 0.0] for t in texts], np.float32)


def test_stage_retypes_events_from_their_evidence_sentence() -> None:
    ctx = Context(PipelineOptions(), Resources(PipelineOptions()))
    stage = EventsModelStage(ctx)
    stage._classifier = tiny_classifier()
    stage._encoder = FakeEncoder()  # type: ignore[assignment]
    text = "Police carried out an arrest of two men."
    doc = Document.from_text(text)
    doc.events = [Event(id="e1", type="DIPLO", evidence=[Span(start=0, end=len(text), text=text)], confidence=0.6)]
    doc = stage.retype(doc)
    assert doc.events[0].type == "ARREST"
    assert doc.events[0].sub_event_type == "Arrests"
    assert doc.events[0].confidence > 0.9


def test_model_backend_is_registered_but_not_the_default() -> None:
    reg = default_registry()
    assert "events.model" in reg.names()
    assert reg.defaults["events"] == "lexicon"
