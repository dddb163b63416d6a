"""The learned event locator: features, decoding into names, the committed weights, and the stage
placing events where the locator says."""

from __future__ import annotations

import numpy as np
import pytest

from debrief.document import Document
from debrief.encoder.model import TokenStates
from debrief.encoder.tokenizer import token_spans
from debrief.options import PipelineOptions
from debrief.pipeline import Context, Resources
from debrief.records import Event, Location, PlaceCandidate, PlaceMention, Span
from debrief.stages.event_locator import (
    DISTANCE_BUCKETS,
    LOCATOR_FILE,
    PLACE_FLOOR,
    Located,
    Locator,
    LocatorFileError,
    LocatorInputError,
    complete_names,
    event_locations,
    merge_words,
    piece_features,
)
from debrief.stages.events_model import MODEL_FILE, NONE_CODE, EventsModelStage, TypeClassifier, place_event
from debrief.stages.places import PlacesStage
from debrief.stages.segment import SegmentStage

DIM = 4
FLAGS = 3 * DIM + len(DISTANCE_BUCKETS) + 1  # the first flag (capitalised word)


def fake_tokens(text: str) -> TokenStates:
    """Word pieces = basic tokens, each state a one-hot of its index (mod DIM)."""
    spans = [(0, 0), *((s, e) for _, s, e in token_spans(text)), (0, 0)]
    states = np.eye(DIM, dtype=np.float32)[np.arange(len(spans)) % DIM]
    return TokenStates(states, spans, states)


def capital_locator(threshold: float = 0.5, trigger_vector: np.ndarray | None = None) -> Locator:
    """A locator that takes every capitalised word for the location (no tuned layers: the states it
    reads are the encoder's, plus `trigger_vector` on the trigger's pieces)."""
    n = 6 * DIM + len(DISTANCE_BUCKETS) + 4
    w1 = np.zeros((n, 1), dtype=np.float32)
    w1[FLAGS, 0] = 1.0
    vector = np.zeros(DIM, np.float32) if trigger_vector is None else trigger_vector
    return Locator(w1, np.zeros(1, np.float32), np.array([10.0], np.float32), -5.0, threshold, "x", {}, 0, 0, 1, vector)


def test_features_hold_state_trigger_product_distance_capital_and_context() -> None:
    text = "jets struck Homs"
    tokens = fake_tokens(text)
    f = piece_features(tokens, text, (5, 11))  # "struck", piece 2
    assert f.shape == (5, 6 * DIM + len(DISTANCE_BUCKETS) + 4)
    np.testing.assert_array_equal(f[:, DIM : 2 * DIM], np.broadcast_to(tokens.states[2], (5, DIM)))
    np.testing.assert_array_equal(f[:, 2 * DIM : 3 * DIM], tokens.states * tokens.states[2])
    onehot = f[:, 3 * DIM : FLAGS]
    assert onehot.sum(1).tolist() == [1.0] * 5
    assert onehot[2].argmax() != onehot[3].argmax()  # the trigger and the word after it differ
    assert f[:, FLAGS].tolist() == [0.0, 0.0, 0.0, 1.0, 0.0]  # "Homs" only
    assert not f[:, FLAGS + 1 : FLAGS + 3].any()  # no places given
    context = f[:, FLAGS + 3 :]
    np.testing.assert_allclose(context[:, :DIM], np.broadcast_to(tokens.states[1:4].mean(0), (5, DIM)))
    np.testing.assert_array_equal(context[1:, DIM : 2 * DIM], tokens.states[:-1])  # the piece before
    np.testing.assert_array_equal(context[:-1, 2 * DIM :], tokens.states[1:])  # the piece after
    assert not context[0, DIM : 2 * DIM].any() and not context[-1, 2 * DIM :].any()


def test_locate_returns_whole_names_and_nothing_below_threshold() -> None:
    text = "jets struck Deir Hafer and Al-Bab on Friday"
    spans = capital_locator().locate(fake_tokens(text), text, (5, 11))
    assert [text[s:e] for s, e in spans] == ["Deir Hafer", "Al-Bab", "Friday"]
    assert capital_locator(threshold=0.999).locate(fake_tokens(text), text, (5, 11)) == []


def test_below_the_threshold_the_best_rated_place_counts_from_the_floor_on() -> None:
    text = "jets struck Deir Hafer and Al-Bab on Friday"
    places = [(*span(text, "Deir Hafer"), True), (*span(text, "Al-Bab"), True)]
    unsure = capital_locator(threshold=0.999)  # every capitalised piece at 0.993, the rest at 0.007
    assert [text[s:e] for s, e in unsure.locate(fake_tokens(text), text, (5, 11), places)] == ["Deir Hafer"]
    lower_case = [(*span(text, "struck"), True)]  # a "place" the model rates at 0.007, below PLACE_FLOOR
    assert PLACE_FLOOR > 0.007 and unsure.locate(fake_tokens(text), text, (5, 11), lower_case) == []


def test_the_tuned_layers_read_the_lower_states_with_the_trigger_marked() -> None:
    text = "jets struck Homs"
    tokens = fake_tokens(text)
    vector = np.full(DIM, 0.5, np.float32)
    tagged = capital_locator(trigger_vector=vector).tagged_states(tokens, (5, 11))  # "struck", piece 2
    assert tokens.inner is not None
    np.testing.assert_array_equal(tagged.states - tokens.inner, np.outer([0, 0, 1, 0, 0], vector))
    outside = capital_locator(trigger_vector=vector).tagged_states(tokens, (40, 45))
    np.testing.assert_array_equal(outside.states - tokens.inner, np.outer([1, 0, 0, 0, 0], vector))  # [CLS]
    with pytest.raises(LocatorInputError, match="layer 0"):
        capital_locator().locate(TokenStates(tokens.states, tokens.spans), text, (5, 11))


def words_of(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_located_names_are_read_on_to_the_site_they_name() -> None:
    text = "Jets struck Tabaqa Military Airport and the Rasha hilltop, then Aleppo's old market and Homs on Friday."
    located = [span(text, w) for w in ("Tabaqa", "Airport", "Rasha", "Aleppo", "Homs")]
    assert words_of(text, complete_names(text, located)) == [
        "Tabaqa Military Airport",  # one site, not "Tabaqa" and "Airport"
        "Rasha hilltop",
        "Aleppo",  # a lower-case word before the site noun stops the reading
        "Homs",
    ]
    park = "The keeper patrolled Shenyang Forest Safari Park as usual."
    assert words_of(park, complete_names(park, [span(park, "Shenyang")])) == ["Shenyang Forest Safari Park"]
    (site,) = event_locations(text, [place(text, "Tabaqa", "point")], [span(text, "Tabaqa"), span(text, "Airport")])
    assert text[site.name[0] : site.name[1]] == "Tabaqa Military Airport" and site.location.text == "Tabaqa"
    far = "Shells fell on Hama One Two Three Four Bridge."  # the site noun lies beyond four words
    assert words_of(far, complete_names(far, [span(far, "Hama")])) == ["Hama"]


def test_names_are_not_read_over_words_another_stage_took() -> None:
    text = "Gunmen attacked Israel Defense Forces base near Nablus and Homs Hama Airport."
    located = [span(text, "Israel"), span(text, "Homs"), span(text, "Airport")]
    taken = [span(text, "Israel Defense Forces"), span(text, "Hama")]
    assert words_of(text, complete_names(text, located, taken)) == ["Israel", "Homs", "Airport"]


def test_merge_words_joins_across_spaces_and_hyphens_only() -> None:
    text = "Deir ez-Zor, Hama and Homs"
    words = [(0, 4), (5, 7), (8, 11), (13, 17), (22, 26)]
    assert [text[s:e] for s, e in merge_words(text, words)] == ["Deir ez-Zor", "Hama", "Homs"]


def place(text: str, name: str, precision: str | None = None, admin1: str = "Aleppo") -> PlaceMention:
    s = text.index(name)
    resolved = (
        PlaceCandidate(1, name, "SY", admin1, 36.0, 37.0, "A1" if precision == "admin1" else "PPL")
        if precision
        else None
    )
    return PlaceMention(
        start=s,
        end=s + len(name),
        text=name,
        name_start=s,
        name_end=s + len(name),
        resolved=resolved,
        precision=precision,  # type: ignore[arg-type]
    )


def span(text: str, words: str) -> tuple[int, int]:
    return text.index(words), text.index(words) + len(words)


def test_located_words_become_the_most_specific_place_mention() -> None:
    text = "jets hit a depot in al-Latamna in Hama province"
    village, province = place(text, "al-Latamna", "point", "Hama"), place(text, "Hama", "admin1", "Hama")
    got = event_locations(text, [village, province], [span(text, "al-Latamna"), span(text, "Hama")])
    assert [(x.location.text, x.location.precision, x.name) for x in got] == [
        ("al-Latamna", "point", span(text, "al-Latamna"))
    ]


def test_every_located_place_stays_and_keeps_the_words_that_name_it() -> None:
    text = "gunmen shot a policeman in Yala, and another in Pattani; ISIS attacked the Hama Governorate"
    yala, pattani = place(text, "Yala", "point", "Yala"), place(text, "Pattani", "point", "Pattani")
    got = event_locations(text, [yala, pattani], [span(text, "Yala"), span(text, "Pattani")])
    assert [x.location.text for x in got] == ["Yala", "Pattani"]  # no narrowing to one of a pair
    hama = place(text, "Hama", "admin1", "Hama")
    (gov,) = event_locations(text, [hama], [span(text, "Hama Governorate")])
    assert gov.name == span(text, "Hama Governorate") and gov.location.precision == "admin1"


def test_a_country_or_province_holding_another_located_place_is_dropped() -> None:
    text = "a bomb went off in Kiziltepe in Mardin province, Turkey, and in Aleppo"
    town = place(text, "Kiziltepe", "point", "Mardin")
    province = place(text, "Mardin", "admin1", "Mardin")
    country = place(text, "Turkey", "point")
    country.precision = "country"
    other = place(text, "Aleppo", "point", "Aleppo")
    located = [span(text, w) for w in ("Kiziltepe", "Mardin", "Turkey", "Aleppo")]
    got = event_locations(text, [town, province, country, other], located)
    # all are "SY" in these hand-made candidates: the country holds both towns, the province one
    assert [x.location.text for x in got] == ["Kiziltepe", "Aleppo"]


def test_a_landmark_given_by_distance_and_bearing_is_not_a_place_of_the_event() -> None:
    text = "militia attacked Birdik, about 50 km north of Kutum, and Tawila, 10 km east of Kutum"
    kutum = place(text, "Kutum", "point", "North Darfur")
    (birdik, tawila) = event_locations(text, [kutum], [span(text, "Birdik"), span(text, "Kutum"), span(text, "Tawila")])
    assert (birdik.location.text, birdik.location.precision, birdik.location.lat) == ("Birdik", "near", 36.0)
    assert tawila.location.text == "Tawila"
    alone = event_locations(text, [kutum], [span(text, "Kutum")])  # the only place given: it stays
    assert [x.location.text for x in alone] == ["Kutum"]


def test_words_read_as_weapons_or_in_lower_case_are_not_places() -> None:
    text = "a Sukhoi Su-34 bombed the convoy at Tabqa"
    assert event_locations(text, [], [span(text, "Sukhoi")], taken=[span(text, "Sukhoi Su-34")]) == []
    assert event_locations(text, [], [span(text, "Sukhoi")], taken=[span(text, "Su-34")]) == []  # its maker
    assert event_locations(text, [], [span(text, "convoy")], taken=[span(text, "Su-34")]) == []
    (tabqa,) = event_locations(text, [], [span(text, "Tabqa")], taken=[span(text, "Su-34")])
    assert tabqa.location.text == "Tabqa" and tabqa.location.lat is None


def test_unknown_village_takes_the_area_it_lies_in() -> None:
    text = "troops entered Kafr Naya in northern Aleppo"
    got = event_locations(text, [place(text, "Aleppo", "admin1")], [span(text, "Kafr Naya"), span(text, "Aleppo")])
    (only,) = got
    assert only.location.text == "Kafr Naya" and only.name == span(text, "Kafr Naya")
    assert (only.location.admin1, only.location.precision, only.location.lat) == ("Aleppo", "admin1", 36.0)
    alone = event_locations(text, [], [span(text, "Kafr Naya")])
    assert alone[0].location.text == "Kafr Naya" and alone[0].location.lat is None


def event_in(text: str, trigger: str) -> Event:
    t = text.index(trigger)
    return Event(
        id="e1",
        type="AIR_STRIKE",
        trigger=Span(start=t, end=t + len(trigger), text=trigger),
        evidence=[Span(start=0, end=len(text), text=text)],
        quantities=[],
    )


def test_event_gets_one_copy_per_located_place() -> None:
    text = "jets struck Homs and Hama"
    doc = Document.from_text(text)
    homs, hama = (Located(Location(text=n, start=text.index(n)), span(text, n)) for n in ("Homs", "Hama"))
    events = place_event(event_in(text, "struck"), doc, [homs, hama])
    assert [e.location.text for e in events if e.location] == ["Homs", "Hama"]
    assert events[0] is not events[1]


def test_event_keeps_its_place_when_the_locator_finds_none_or_a_later_sentence_refined_it() -> None:
    text = "A bombing hit Syria. The bomber struck in Manbij."
    doc = Document.from_text(text)
    event = event_in(text[:20], "bombing")
    assert place_event(event, doc, []) == [event]
    manbij = Located(Location(text="Manbij", start=text.index("Manbij")), span(text, "Manbij"))
    event.location = place_event(event_in(text, "struck"), doc, [manbij])[0].location
    assert event.location is not None and event.location.text == "Manbij"
    syria = Located(Location(text="Syria", start=text.index("Syria")), span(text, "Syria"))
    assert place_event(event, doc, [syria])[0].location.text == "Manbij"


def test_committed_locator_reads_the_committed_type_model() -> None:
    locator = Locator.load(MODEL_FILE)
    assert locator.w1.shape == (6 * 384 + len(DISTANCE_BUCKETS) + 4, locator.b1.shape[0])
    assert 0.0 < locator.threshold < 1.0
    assert locator.branch_from + locator.branch_layers == 6 and locator.trigger_vector.shape == (384,)
    tuned = {name.split(".")[2] for name in locator.branch}
    assert tuned == {str(i) for i in range(locator.branch_from, 6)} and len(locator.branch) == 16 * len(tuned)
    with pytest.raises(LocatorFileError, match="another type model"):
        Locator.load(LOCATOR_FILE)


class TokenEncoder:
    """Every text on the first axis (AIR_STRIKE for the classifier below), fake word-piece states."""

    def encode_tokens(self, texts: list[str], keep: int | None = None) -> tuple[np.ndarray, list[TokenStates]]:
        return np.tile(np.eye(DIM, dtype=np.float32)[0], (len(texts), 1)), [fake_tokens(t) for t in texts]


def test_stage_places_each_event_where_the_locator_says() -> None:
    stage = EventsModelStage(Context(PipelineOptions(), Resources(PipelineOptions())))
    codes = ("AIR_STRIKE", "ARREST", "DIPLO", NONE_CODE)
    stage._classifier = TypeClassifier(np.eye(DIM, dtype=np.float32) * 4, np.zeros(DIM, np.float32), codes, "x")
    stage._encoder = TokenEncoder()  # type: ignore[assignment]
    stage._locator = capital_locator()
    text = "jets struck Homs and Hama"
    doc = Document.from_text(text)
    doc.places = [place(text, "Homs", "admin1"), place(text, "Hama", "admin1")]
    for p in doc.places:
        p.group = 1  # listed together
    doc.events = [event_in(text, "struck")]
    doc = stage.retype(doc)
    assert [(e.id, e.type, e.location.text if e.location else None) for e in doc.events] == [
        ("e1", "AIR_STRIKE", "Homs"),
        ("e2", "AIR_STRIKE", "Hama"),
    ]


def test_unknown_name_takes_country_and_province_from_the_events_context() -> None:
    text = "Fighting near Hayan killed five rebel fighters."
    doc = Document.from_text(text)
    event = event_in(text, "Fighting")
    event.location = Location(text="Aleppo", country="SY", admin1="Aleppo", lat=36.2, lon=37.2, precision="point")
    hayan = Located(Location(text="Hayan", start=text.index("Hayan")), span(text, "Hayan"))
    (placed,) = place_event(event, doc, [hayan])
    assert placed.location is not None
    assert (placed.location.text, placed.location.country, placed.location.admin1) == ("Hayan", "SY", "Aleppo")
    assert placed.location.lat is None and placed.location.precision is None


def test_a_sentence_place_the_locator_rejects_gives_way_to_the_context() -> None:
    text = "Jets struck Idlib. Fighters from Homs attacked a checkpoint."
    doc = Document.from_text(text)
    second = text.index("Fighters")
    idlib = Location(text="Idlib", start=text.index("Idlib"))

    def attack(location: Location | None) -> Event:
        event = event_in(text, "attacked")
        event.evidence = [Span(start=second, end=len(text), text=text[second:])]
        event.location = location
        return event

    homs = Location(text="Homs", start=text.index("Homs"))
    (placed,) = place_event(attack(homs), doc, [], context=idlib)
    assert placed.location is not None and placed.location.text == "Idlib"
    (placed,) = place_event(attack(homs), doc, [], context=None)
    assert placed.location is None
    # a place the lexicon stage took from the context (an earlier sentence) stands
    (placed,) = place_event(attack(idlib), doc, [], context=None)
    assert placed.location is not None and placed.location.text == "Idlib"


def test_a_located_name_takes_its_capitalised_area_word() -> None:
    text = "A mortar hit a house in Bala Morghab District of Badghis; shells fell near Homs province."
    assert complete_names(text, [span(text, "Bala Morghab")]) == [span(text, "Bala Morghab District")]
    assert complete_names(text, [span(text, "Homs")]) == [span(text, "Homs")]  # lower case only describes it


def test_a_located_place_brings_the_other_names_of_its_list() -> None:
    text = "villagers fled attacks on Tungar, Mallamawa and Kangarawa near Zurmi"
    listed = [place(text, n, "point") for n in ("Tungar", "Mallamawa", "Kangarawa")]
    for m in listed:
        m.group = 1
    zurmi = place(text, "Zurmi", "point")
    got = event_locations(text, [*listed, zurmi], [span(text, "Mallamawa")])
    assert [x.location.text for x in got] == ["Tungar", "Mallamawa", "Kangarawa"]


def test_a_rejected_country_that_holds_the_context_stays() -> None:
    text = "Jets struck Kweires. Ships fired missiles at targets in Syria."
    doc = Document.from_text(text)
    second = text.index("Ships")
    event = event_in(text, "fired")
    event.evidence = [Span(start=second, end=len(text), text=text[second:])]
    event.location = Location(text="Syria", start=text.index("Syria"), country="SY", precision="country")
    kweires = Location(text="Kweires", start=text.index("Kweires"), country="SY", admin1="Aleppo", precision="point")
    (placed,) = place_event(event, doc, [], context=kweires)
    assert placed.location is not None and placed.location.text == "Syria"  # true, if not finer


def test_a_rejected_dateline_stays_when_there_is_no_context(geo_context: Context) -> None:
    text = "KOLKATA, India – Indian police have arrested a man for keeping his mother's body in a freezer."
    doc = PlacesStage(geo_context)(SegmentStage(geo_context)(Document.from_text(text)))
    event = event_in(text, "arrested")
    event.location = Location(text="KOLKATA", start=0, country="IN", precision="point")
    (placed,) = place_event(event, doc, [], context=None)
    assert placed.location is not None and placed.location.text == "KOLKATA"


def test_a_located_name_keeps_the_word_that_opens_it() -> None:
    text = "Cattle were stolen in Um Baru locality; the army struck Tal Kroum and ‘Ayn Al-Bayda near Aleppo."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Baru", "Tal", "Al-Bayda", "Aleppo")]
    named = [text[s:e] for s, e in complete_names(text, spans)]
    assert named == ["Um Baru", "Tal Kroum", "‘Ayn Al-Bayda", "Aleppo"]


def random_branch(rng: np.random.Generator, dim: int, layers: int) -> dict[str, np.ndarray]:
    """Random tensors of `layers` BERT layers (dense weights stored as x @ W), numbered from 0."""
    shapes = {
        "attention.self.query": (dim, dim),
        "attention.self.key": (dim, dim),
        "attention.self.value": (dim, dim),
        "attention.output.dense": (dim, dim),
        "intermediate.dense": (dim, 2 * dim),
        "output.dense": (2 * dim, dim),
    }
    out: dict[str, np.ndarray] = {}
    for i in range(layers):
        for name, shape in shapes.items():
            out[f"encoder.layer.{i}.{name}.weight"] = rng.normal(0, 0.5, shape).astype(np.float32)
            out[f"encoder.layer.{i}.{name}.bias"] = rng.normal(0, 0.1, shape[1]).astype(np.float32)
        for norm in ("attention.output.LayerNorm", "output.LayerNorm"):
            out[f"encoder.layer.{i}.{norm}.weight"] = np.ones(dim, np.float32)
            out[f"encoder.layer.{i}.{norm}.bias"] = np.zeros(dim, np.float32)
    return out


def test_tuned_layers_give_the_same_states_in_padded_batches_as_one_by_one() -> None:
    rng = np.random.default_rng(7)
    base = capital_locator(trigger_vector=rng.normal(0, 1, DIM).astype(np.float32))
    locator = Locator(
        base.w1, base.b1, base.w2, base.b2, 0.5, "x", random_branch(rng, DIM, 2), 0, 2, 2, base.trigger_vector
    )
    texts = ["Shelling hit Anadan.", "Warplanes struck a crowded market in Ariha on Monday morning.", "Clashes."]
    items = []
    for text in texts:
        tokens = fake_tokens(text)
        assert tokens.inner is not None
        inner = tokens.inner + rng.normal(0, 1, tokens.inner.shape).astype(np.float32)
        items.append((TokenStates(tokens.states, tokens.spans, inner), (0, 5)))
    batched = locator.tagged_many(items, batch=2)
    for (tokens, trigger), states in zip(items, batched, strict=True):
        alone = locator.tagged_states(tokens, trigger)
        assert states.spans == tokens.spans and states.states.shape == (len(tokens.spans), DIM)
        np.testing.assert_allclose(states.states, alone.states, rtol=1e-5, atol=1e-5)
    marked = locator.tagged_states(items[0][0], (13, 19))  # another trigger ("Anadan"), other states
    assert not np.allclose(marked.states, batched[0].states)


def test_a_name_the_places_stage_resolved_elsewhere_in_the_document_is_that_place() -> None:
    text = "The army took Deraa in July. Deraa, the cradle of the revolt, fell."
    earlier = place(text, "Deraa", "point", "Daraa")  # the first "Deraa", resolved by the places stage
    second = text.index("Deraa", earlier.end)
    (got,) = event_locations(text, [], [(second, second + 5)], known=[earlier])
    assert (got.location.start, got.location.precision, got.location.admin1) == (second, "point", "Daraa")
    assert got.location.lat == 36.0
    (other,) = event_locations(text, [], [(second, second + 5)], known=[place(text, "army", None)])
    assert other.location.lat is None  # an unresolved mention gives nothing


def test_where_words_were_spoken_is_not_where_the_event_happened() -> None:
    from debrief.event_fields import SPEECH_VENUE
    from debrief.pipeline import Pipeline

    assert SPEECH_VENUE.search("a spokeswoman told reporters in ")
    assert SPEECH_VENUE.search("the minister said on Monday in ")
    assert not SPEECH_VENUE.search("the ministry said a bomb exploded in ")
    text = "A UN spokeswoman told reporters in Geneva that air strikes had damaged three hospitals in Aleppo province."
    doc = Pipeline()(Document.from_text(text))
    assert doc.events
    assert all(e.location is None or e.location.text != "Geneva" for e in doc.events)


def test_a_place_that_is_the_triggers_own_complement_when_the_locator_rates_nothing() -> None:
    from debrief.pipeline import Pipeline

    pipeline = Pipeline()
    for text in ("Warplanes struck Idlib.", "Russian jets bombed the town of Idlib on Monday."):
        (event,) = pipeline(Document.from_text(text)).events
        assert event.location is not None and event.location.admin1 == "Idlib", text
