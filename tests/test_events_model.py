"""Backend events.model: the committed classifier file, the lexicon tie-break, re-typing events."""

from __future__ import annotations

import numpy as np
import pytest

from debrief.document import Document
from debrief.encoder.model import TokenStates
from debrief.options import PipelineOptions
from debrief.pipeline import Context, Resources, default_registry
from debrief.records import Claim, Event, Span, Speaker
from debrief.stages.events_model import LEXICON_BONUS, NONE_CODE, EventsModelStage, TypeClassifier
from debrief.taxonomy import EVENT_CODES


def test_committed_weights_cover_the_30_codes_and_non_events() -> None:
    clf = TypeClassifier.load()
    assert clf.codes == (*EVENT_CODES, NONE_CODE)
    assert clf.weights.shape == (384, 31) and clf.bias.shape == (31,)
    assert clf.encoder_sha256.startswith("53aa5117") and clf.encoder_sha256.endswith("28d9db")
    # the fine-tuned top layers, in the numpy encoder's names
    assert clf.layers and all(k.startswith("encoder.layer.") for k in clf.layers)
    assert clf.layers["encoder.layer.5.intermediate.dense.weight"].shape == (384, 1536)


def tiny_classifier() -> TypeClassifier:
    codes = ("AIR_STRIKE", "ARREST", "DIPLO", NONE_CODE)
    return TypeClassifier(np.eye(4, dtype=np.float32) * 4, np.zeros(4, dtype=np.float32), codes, "x")


def test_lexicon_breaks_the_models_doubts_only() -> None:
    clf = tiny_classifier()
    doubtful = np.array([0.45, 0.40, 0.15, 0.0], dtype=np.float32)
    assert clf.choose(doubtful, None) == ("AIR_STRIKE", pytest.approx(0.45))
    assert clf.choose(doubtful, "ARREST")[0] == "ARREST"
    sure = np.array([0.95, 0.04, 0.01, 0.0], dtype=np.float32)
    assert sure[0] - sure[1] > LEXICON_BONUS
    assert clf.choose(sure, "ARREST")[0] == "AIR_STRIKE"


def test_non_event_is_never_chosen_as_a_type() -> None:
    clf = tiny_classifier()
    probs = np.array([0.1, 0.05, 0.05, 0.8], dtype=np.float32)
    assert clf.choose(probs, None)[0] == "AIR_STRIKE"
    assert clf.non_event(probs) == pytest.approx(0.8)


class FakeEncoder:
    """'arrest' → the ARREST axis, 'will' → the NONE axis, else the AIR_STRIKE axis."""

    def encode(self, texts: list[str]) -> np.ndarray:
        def axis(t: str) -> list[float]:
            t = t.lower()
            return [0.0, 0.0, 0.0, 1.0] if "will" in t else [0.0, 1.0, 0.0, 0.0] if "arrest" in t else [1.0, 0, 0, 0]

        return np.array([axis(t) for t in texts], np.float32)

    def encode_tokens(self, texts: list[str], keep: int | None = None) -> tuple[np.ndarray, list[TokenStates]]:
        return self.encode(texts), [TokenStates(np.zeros((2, 4), np.float32), [(0, 0), (0, 0)]) for _ in texts]


def fake_stage() -> EventsModelStage:
    stage = EventsModelStage(Context(PipelineOptions(), Resources(PipelineOptions())))
    stage._classifier = tiny_classifier()
    stage._encoder = FakeEncoder()  # type: ignore[assignment]
    return stage


def test_stage_retypes_events_from_their_evidence_sentence() -> None:
    stage = fake_stage()
    text = "Police carried out an arrest of two men."
    doc = Document.from_text(text)
    doc.events = [Event(id="e1", type="DIPLO", evidence=[Span(start=0, end=len(text), text=text)], confidence=0.6)]
    doc = stage.retype(doc)
    assert doc.events[0].type == "ARREST"
    assert doc.events[0].sub_event_type == "Arrests"
    assert doc.events[0].confidence > 0.9


def test_stage_drops_events_the_model_takes_for_non_events_and_relinks_claims() -> None:
    stage = fake_stage()
    text = "The army will bomb the town. Police made an arrest."
    s1, s2 = (0, 28), (29, len(text))
    doc = Document.from_text(text)
    content = Span(start=0, end=len(text), text=text)
    doc.claims = [Claim(id="c1", speaker=Speaker(text="x"), cue="said", quote="indirect", content=content)]
    doc.events = [
        Event(id=f"e{i}", type="AIR_STRIKE", evidence=[Span(start=a, end=b, text=text[a:b])], claim="c1")
        for i, (a, b) in enumerate((s1, s2), 1)
    ]
    doc = stage.retype(doc)
    assert [(e.id, e.type) for e in doc.events] == [("e1", "ARREST")]
    assert doc.claims[0].events == ["e1"]


def test_model_backend_is_the_default_and_the_lexicon_stays_registered() -> None:
    reg = default_registry()
    assert {"events.model", "events.lexicon"} <= set(reg.names())
    assert reg.defaults["events"] == "model"


def test_weak_trigger_drafts_take_the_models_type_when_it_is_sure_and_go_otherwise() -> None:
    from debrief.records import PlaceMention, Sentence
    from debrief.stages.events import Draft, EventsStage, Trigger

    text = "Police pounded the camp in an arrest raid. The army will pound the town. Jets struck a depot."
    bounds = [(0, 41), (42, 71), (72, len(text))]
    doc = Document.from_text(text)

    def drafts() -> list[Draft]:
        camp = PlaceMention(start=19, end=23, text="camp", name_start=19, name_end=23)
        return [
            Draft(code, Sentence(i, a, b), Trigger(code, 20, a, a + 4), False, [camp] if i == 0 else [])
            for i, ((a, b), code) in enumerate(zip(bounds, ("*", "*", "AIR_STRIKE"), strict=True))
        ]

    stage = fake_stage()
    kept = stage.type_untyped(doc, drafts())
    # the first sentence is an arrest (p 0.95 ≥ UNTYPED_MIN) with a place; the second is dropped unread (no
    # place); the third keeps its type
    assert [(d.sentence.index, d.code) for d in kept] == [(0, "ARREST"), (2, "AIR_STRIKE")]
    unplaced = drafts()
    unplaced[0].places = []
    assert [(d.sentence.index, d.code) for d in stage.type_untyped(doc, unplaced)] == [(2, "AIR_STRIKE")]
    # the lexicon alone cannot type a weak trigger: it drops it
    lexicon = EventsStage(Context(PipelineOptions(), Resources(PipelineOptions())))
    assert [d.code for d in lexicon.type_untyped(doc, drafts())] == ["AIR_STRIKE"]


def test_a_weak_trigger_the_model_doubts_is_dropped() -> None:
    from debrief.records import PlaceMention, Sentence
    from debrief.stages.events import Draft, Trigger
    from debrief.stages.events_model import UNTYPED_MIN

    stage = fake_stage()
    stage._classifier = TypeClassifier(  # every sentence: AIR_STRIKE and ARREST nearly even, below the bar
        np.zeros((4, 4), np.float32), np.log(np.array([0.45, 0.4, 0.1, 0.05], np.float32)), tiny_classifier().codes, "x"
    )
    text = "Forces pounded the area near Homs."
    homs = PlaceMention(start=29, end=33, text="Homs", name_start=29, name_end=33)
    draft = Draft("*", Sentence(0, 0, len(text)), Trigger("*", 20, 7, 14), False, [homs])
    assert UNTYPED_MIN > 0.45
    assert stage.type_untyped(Document.from_text(text), [draft]) == []
