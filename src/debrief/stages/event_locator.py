"""Which words of a sentence name where its event happened: the learned event locator.

The locator reads the events model's encoder pass: the word-piece states that enter its layer 4
(``TokenStates.inner``). Copies of the encoder's top layers (4 and 5), tuned for this task, run over
those states with a learned vector added to the event's trigger pieces, so that attention can ask
"where did *this* happen". A small network then reads, for each piece, its tuned state, the trigger's
state, their product, the piece's distance from the trigger, whether its word is capitalised or lies
in a place the places stage found (resolved or not), the sentence's mean state and its neighbours'
states (:func:`piece_features`), and gives the probability that the piece lies in the event's
location. Pieces at or above the threshold, merged by word, are the location spans. The extra cost is
two transformer layers over the sentences whose events are placed.

Trained by ``scripts/train_location_model.py`` on Halterman's event-location sentences (MIT) other
than the RELABEL test records, and stored as ``data/models/event_location_v3.npz`` with the SHA-256 of
the type model whose encoder it reads (a locator trained on another refuses to load).

:meth:`Locator.locate` and :func:`choose_spans` are the pure part; :func:`event_locations` turns the
spans into the event's places (the places stage's mentions they overlap, or the bare words when the
gazetteer knows none).
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np
import numpy.typing as npt

from debrief.encoder.model import TokenStates, attention_bias, bert_layer
from debrief.errors import DebriefError
from debrief.event_fields import PRECISION_RANK, location_of
from debrief.gazetteer.names import words
from debrief.records import Location, PlaceMention
from debrief.stages.places_words import SITE_NOUNS

LOCATOR_FILE = "event_location_v3.npz"
FORMAT_VERSION = 3  # 3: tuned copies of the encoder's top layers read the states below them, then piece_features
BRANCH_PREFIX = "branch:"  # the .npz names of the tuned layers' tensors ("branch:encoder.layer.4.…")
# below the threshold, the best-rated place name still counts from this probability on; below it the
# sentence gives the event no place (the events stage then takes its context's). On the dev fifth of the
# accepted records, with weights not trained on it: P 0.779 R 0.829 F1 0.803, and on the research
# assistants' dev records 0.718 / 0.829 / 0.769; letting the rules choose among the sentence's places
# where no place reaches the floor gave 0.726 / 0.843 / 0.780 and 0.592 / 0.841 / 0.695 (the rules' picks
# there were right for 13 of 88 tokens); floors 0.02-0.3 give dev F1 0.800-0.805
PLACE_FLOOR = 0.1
DISTANCE_BUCKETS = (-20, -10, -5, -2, -1, 0, 1, 2, 5, 10, 20)  # pieces from the trigger's first piece

Array = npt.NDArray[np.float32]
PlaceSpan = tuple[int, int, bool]  # a place mention's name span in the sentence, and whether it resolved


class LocatorFileError(DebriefError):
    """The locator weights are missing or were trained on another type model."""


class LocatorInputError(DebriefError):
    """The word-piece states given to the locator lack the lower layer's states its tuned layers read."""


def model_digest(name: str) -> str:
    """SHA-256 of a packaged model file (``data/models/<name>``)."""
    return hashlib.sha256(_model_bytes(name)).hexdigest()


def _model_bytes(name: str) -> bytes:
    ref = resources.files("debrief.data").joinpath("models").joinpath(name)
    if not ref.is_file():
        raise LocatorFileError(f"model file not found: {ref}")
    return ref.read_bytes()


def trigger_marks(spans: Sequence[tuple[int, int]], trigger: tuple[int, int]) -> Array:
    """1 for each piece inside the character span `trigger`, else 0; the [CLS] piece alone when none is."""
    marks = np.array([float(e > s and s < trigger[1] and trigger[0] < e) for s, e in spans], dtype=np.float32)
    if len(marks) and not marks.any():
        marks[0] = 1.0
    return marks


def piece_flags(
    spans: Sequence[tuple[int, int]], text: str, trigger: tuple[int, int], places: Sequence[PlaceSpan]
) -> Array:
    """One row per word piece: the one-hot bucket of its distance from the trigger's first piece, then
    whether its word is capitalised, lies in a place mention, and in a resolved one."""
    n = len(spans)
    first = int(np.flatnonzero(trigger_marks(spans, trigger))[0])
    buckets = np.searchsorted(np.array(DISTANCE_BUCKETS), np.arange(n) - first)
    onehot = np.zeros((n, len(DISTANCE_BUCKETS) + 1), dtype=np.float32)
    onehot[np.arange(n), buckets] = 1.0
    flags = np.array(
        [
            [
                float(e > s and text[s].isupper()),
                float(e > s and any(p0 < e and s < p1 for p0, p1, _ in places)),
                float(e > s and any(p0 < e and s < p1 and known for p0, p1, known in places)),
            ]
            for s, e in spans
        ],
        dtype=np.float32,
    ).reshape(n, 3)
    return np.concatenate([onehot, flags], axis=1)


def piece_features(tokens: TokenStates, text: str, trigger: tuple[int, int], places: Sequence[PlaceSpan] = ()) -> Array:
    """One row per word piece of `text`: [state, trigger state, state·trigger, :func:`piece_flags`, the
    mean state of the sentence's pieces, the previous piece's state, the next piece's state].
    `trigger` and `places` are character spans of `text`; a trigger outside the encoded pieces reads
    as the [CLS] piece."""
    states, spans = tokens.states, tokens.spans
    n = len(spans)
    anchor = states[np.flatnonzero(trigger_marks(spans, trigger))].mean(0)
    tiled = np.broadcast_to(anchor, states.shape)
    mean = np.broadcast_to(states[1:-1].mean(0) if n > 2 else states.mean(0), states.shape)
    zero = np.zeros((1, states.shape[1]), dtype=np.float32)
    before, after = np.vstack([zero, states[:-1]]), np.vstack([states[1:], zero])
    parts = [states, tiled, states * anchor, piece_flags(spans, text, trigger, places), mean, before, after]
    return np.concatenate(parts, axis=1).astype(np.float32)


@dataclass(frozen=True)
class Locator:
    w1: Array  # (features, hidden)
    b1: Array
    w2: Array  # (hidden,)
    b2: float
    threshold: float
    type_model_sha256: str
    branch: dict[str, Array]  # tuned copies of the encoder's top layers, in the encoder's tensor names
    branch_from: int  # the first of those layers: it reads TokenStates.inner of the encoder's layer below
    branch_layers: int
    heads: int
    trigger_vector: Array  # added to the trigger's pieces before the tuned layers

    @classmethod
    def load(cls, type_model: str, name: str = LOCATOR_FILE) -> Locator:
        with np.load(io.BytesIO(_model_bytes(name)), allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
        version = int(arrays["format_version"]) if "format_version" in arrays else 1
        if version != FORMAT_VERSION:
            raise LocatorFileError(f"{name} has format {version}, this debrief reads {FORMAT_VERSION}")
        locator = cls.from_arrays(arrays, str(arrays["type_model_sha256"]))
        if locator.type_model_sha256 != model_digest(type_model):
            raise LocatorFileError(
                f"{name} was trained on another type model than {type_model} (run scripts/train_location_model.py)"
            )
        return locator

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray], type_model_sha256: str, threshold: float = 0.5) -> Locator:
        """A locator from the .npz's arrays (the threshold from them when they hold one)."""
        return cls(
            arrays["w1"].astype(np.float32),
            arrays["b1"].astype(np.float32),
            arrays["w2"].astype(np.float32),
            float(arrays["b2"]),
            float(arrays["threshold"]) if "threshold" in arrays else threshold,
            type_model_sha256,
            {
                k.removeprefix(BRANCH_PREFIX): v.astype(np.float32)
                for k, v in arrays.items()
                if k.startswith(BRANCH_PREFIX)
            },
            int(arrays["branch_from"]),
            int(arrays["branch_layers"]),
            int(arrays["heads"]),
            arrays["trigger_vector"].astype(np.float32),
        )

    def tagged_states(self, tokens: TokenStates, trigger: tuple[int, int]) -> TokenStates:
        """The pieces' states after the tuned layers, which read the encoder's states below them with
        the trigger's pieces marked (the [CLS] piece when the trigger lies outside the encoded text)."""
        return self.tagged_many([(tokens, trigger)])[0]

    def tagged_many(self, items: Sequence[tuple[TokenStates, tuple[int, int]]], batch: int = 16) -> list[TokenStates]:
        """:meth:`tagged_states` of each (tokens, trigger), run through the tuned layers in padded
        batches of texts of similar length."""
        out: list[TokenStates | None] = [None] * len(items)
        order = sorted(range(len(items)), key=lambda i: len(items[i][0].spans))
        for s in range(0, len(order), batch):
            idx = order[s : s + batch]
            n = max(len(items[i][0].spans) for i in idx)
            x = np.zeros((len(idx), n, self.trigger_vector.shape[0]), dtype=np.float32)
            mask = np.zeros((len(idx), n), dtype=np.float32)
            for row, i in enumerate(idx):
                tokens, trigger = items[i]
                if tokens.inner is None:
                    raise LocatorInputError(
                        f"the locator needs the encoder's states entering layer {self.branch_from} (keep=)"
                    )
                m = len(tokens.spans)
                x[row, :m] = tokens.inner + trigger_marks(tokens.spans, trigger)[:, None] * self.trigger_vector
                mask[row, :m] = 1.0
            bias = attention_bias(mask)
            for layer in range(self.branch_from, self.branch_from + self.branch_layers):
                x = bert_layer(x, bias, self.branch, f"encoder.layer.{layer}", self.heads)
            for row, i in enumerate(idx):
                out[i] = TokenStates(x[row, : len(items[i][0].spans)], items[i][0].spans)
        return [t for t in out if t is not None]

    def probabilities(self, features: Array) -> Array:
        hidden = np.maximum(features @ self.w1 + self.b1, 0.0)
        logits = np.clip(hidden @ self.w2 + self.b2, -60.0, 60.0)  # exp overflows past ±88 in float32
        return (1.0 / (1.0 + np.exp(-logits))).astype(np.float32)

    def piece_probabilities(
        self,
        tokens: TokenStates,
        text: str,
        trigger: tuple[int, int],
        places: Sequence[PlaceSpan] = (),
        tagged: TokenStates | None = None,
    ) -> Array:
        """For each word piece of `text`, the probability that it lies in the event's location
        (`tagged`: the :meth:`tagged_states` of `tokens` and `trigger`, when already computed)."""
        tagged = tagged if tagged is not None else self.tagged_states(tokens, trigger)
        return self.probabilities(piece_features(tagged, text, trigger, places))

    def locate(
        self,
        tokens: TokenStates,
        text: str,
        trigger: tuple[int, int],
        places: Sequence[PlaceSpan] = (),
        tagged: TokenStates | None = None,
    ) -> list[tuple[int, int]]:
        """Character spans of `text` that name where the event at `trigger` happened (none when the
        sentence does not say); `places` are the places stage's names in `text` (see :func:`choose_spans`)."""
        if len(tokens.spans) == 0:
            return []
        p = self.piece_probabilities(tokens, text, trigger, places, tagged)
        return choose_spans(p, tokens.spans, text, places, self.threshold)


def choose_spans(
    p: Array, spans: Sequence[tuple[int, int]], text: str, places: Sequence[PlaceSpan], threshold: float
) -> list[tuple[int, int]]:
    """The words whose pieces reach `threshold`, merged into names; where none does, the place name
    whose pieces the model rates highest, if it rates it at least :data:`PLACE_FLOOR`."""
    words = sorted({spans[int(i)] for i in np.flatnonzero(p >= threshold) if spans[int(i)][1] > 0})
    if words or not places:
        return merge_words(text, words)
    rated = [
        (float(p[idx].max()), (s, e))
        for s, e, _ in places
        if (idx := [i for i, (a, b) in enumerate(spans) if b > a and a < e and s < b])
    ]
    best = max(rated, key=lambda r: r[0], default=None)  # the first on a tie
    return [best[1]] if best is not None and best[0] >= PLACE_FLOOR else []


def merge_words(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Adjacent word spans joined into one name when only spaces or a hyphen/apostrophe lie between
    ("Deir ez-Zor", "Ma'arat al-Numan")."""
    out: list[tuple[int, int]] = []
    for s, e in words:
        if out and s <= out[-1][1] + 1 and text[out[-1][1] : s].strip(" -'’") == "":
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        elif out and s < out[-1][1]:
            continue
        else:
            out.append((s, e))
    return out


@dataclass(frozen=True)
class Located:
    """A place where the event happened, and the words that name it."""

    location: Location
    name: tuple[int, int]


AREA = ("admin1", "admin2", "country")
# a distance and a bearing before a name make it a landmark: "15 km east of", "forty miles (60 km) north of the town of"
REFERENCE_POINT = re.compile(
    r"\b(?:\d[\d,.]*|a few|several|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred)[\s-]+(?:km|kilomet(?:er|re)s?|miles?|mi)\b(?:\s*\([^)]{0,25}\))?"
    r"\s+(?:due\s+)?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+)?(?:\w+\s+(?:of\s+)?){0,2}$",
    re.I,
)


_CAPITALISED = r"[A-Z0-9(][\w’'().]*"
# up to two capitalised words between two located names ("Tabaqa [Military] Airport")
_INNER_RUN = re.compile(rf"[\s\-]+(?:{_CAPITALISED}[\s\-]+){{0,2}}")
_NEXT_WORD = re.compile(r"[\s\-]+([\w’'().]+)")
SITE_REACH = 4  # a site noun is looked for among the next four words ("Shenyang Forest Safari Park")


def complete_names(
    text: str, spans: list[tuple[int, int]], taken: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """Located names read on to the site they name: two located names with only capitalised words
    between them are one ("Tabaqa Military Airport", not "Tabaqa" and "Airport"), and a name followed,
    within three capitalised words, by a site noun takes it ("Dumayr Airbase", "the Rasha hilltop"), and
    so does a name followed by a capitalised area word ("Aceh Province", "Bala Morghab District").
    Nothing is read over words another stage took (`taken`: people, organisations, weapons, dates)."""

    def free(s: int, e: int) -> bool:
        return not any(t0 < e and s < t1 for t0, t1 in taken)

    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        s, e = name_head(text, s, e)
        if out and (out[-1][1] >= s or _INNER_RUN.fullmatch(text, out[-1][1], s)) and free(out[-1][1], s):
            out[-1] = (out[-1][0], max(e, out[-1][1]))
            continue
        out.append((s, e))
    return [(s, site_end(text, e, free)) for s, e in out]


# Words that open Arabic and Levantine place names ("Ayn Al-Bayda", "Tal Kroum", "Wadi Tabbaldin",
# "Um Baru", "Kafr Nabl"): a located name right after one is read back over it, and a located word
# that is only one is read on to the name it opens.
NAME_HEADS = words(
    "ain ayn ein um umm tal tall tell wadi jabal jebel jabel kafr kfar kafar deir dayr khirbet khirbat "
    "khirbit ras bir beit bayt bab mazraat mazraa marj qasr"
)
_HEAD_BEFORE = re.compile(r"([‘’'`]?([A-Z][a-z'’]+))[\s]+$")
_NAME_AFTER = re.compile(r"[\s]+([‘’'`]?[A-Z][\w’'-]*)")


def name_head(text: str, start: int, end: int) -> tuple[int, int]:
    """The span (start, end) with the :data:`NAME_HEADS` word before it, or the name after it when the
    span is that word alone."""
    before = _HEAD_BEFORE.search(text, max(0, start - 16), start)
    if before is not None and before.group(2).lower().strip("'’") in NAME_HEADS:
        return before.start(1), end
    if text[start:end].strip("‘’'`").lower() in NAME_HEADS:
        after = _NAME_AFTER.match(text, end)
        if after is not None:
            return start, after.end(1)
    return start, end


# Capitalised words that end a place's name as written ("Bala Morghab District", "Aceh Province",
# "Quneitra Governorate", "Mallah Farms", "Benue State"); in lower case they only describe it
# ("Homs province"), as Halterman's coders marked them (included 257 times capitalised, 8 not).
NAME_SUFFIXES = frozenset(
    {
        "city",
        "district",
        "subdistrict",
        "sub-district",
        "governorate",
        "province",
        "farms",
        "farm",
        "camp",
        "town",
        "village",
        "county",
        "area",
        "municipality",
        "region",
        "prefecture",
        "oblast",
        "state",
        "front",
        "countryside",
    }
)


def site_end(text: str, end: int, free: Callable[[int, int], bool]) -> int:
    """Where the name ending at `end` ends when read on through capitalised words to a site noun
    (`end` itself when no site noun follows within :data:`SITE_REACH` words), or on to a capitalised
    word of :data:`NAME_SUFFIXES` right after it."""
    at = end
    first = _NEXT_WORD.match(text, end)
    if first is not None:
        word = first.group(1).rstrip(".")
        if word[:1].isupper() and word.lower() in NAME_SUFFIXES and free(end, first.end()):
            return first.start(1) + len(word)
    for _ in range(SITE_REACH):
        m = _NEXT_WORD.match(text, at)
        if m is None:
            break
        word = m.group(1).rstrip(".")
        if word.lower() in SITE_NOUNS:
            return m.start(1) + len(word) if free(end, m.end()) else end
        if not word[:1].isupper() and not word[:1].isdigit():
            break
        at = m.end()
    return end


def event_locations(
    text: str,
    places: list[PlaceMention],
    spans: list[tuple[int, int]],
    taken: Sequence[tuple[int, int]] = (),
    known: Sequence[PlaceMention] = (),
) -> list[Located]:
    """The located `spans` (document offsets) as the event's place(s).

    Spans over words another stage has read as something else (`taken`: weapons, dates, people, organisations
    and armed groups: "Kalibr missiles", "Al-Nusra Front"), or just before them ("a Sukhoi Su-34"), are dropped;
    the rest are read on to the sites they name (:func:`complete_names`).
    Each place mention a span overlaps is a place of the event (with the other names of its list: "Lithuania,
    Latvia and Estonia"), named by the mention's name and the span's words
    together ("the Deir Ezzor Governorate", "Aleppo City"), unless it contains another located place ("Kiziltepe
    in Mardin province" is Kiziltepe; "Idlib, Syria" is Idlib). A capitalised span the gazetteer does not know
    (a village missing from it) is kept by its words; it takes the resolution and precision of the most specific
    area located with it, which is then not a place of its own ("Kafr Naya in northern Aleppo" is Kafr Naya, in
    Aleppo), else none (the events stage then gives it its context's country and province) — unless the
    same words name a resolved place elsewhere in the document (`known`): "Deraa, the cradle of the
    rebellion, …", after "took control of Deraa", is that Deraa."""
    spans = [
        (s, e)
        for s, e in spans
        if not any((t0 < e and s < t1) or (e <= t0 and text[e:t0].isspace()) for t0, t1 in taken)
    ]
    spans = complete_names(text, spans, taken)
    hits: list[tuple[PlaceMention, tuple[int, int]]] = []
    bare: list[tuple[int, int]] = []
    for s, e in spans:
        over = [p for p in places if p.name_start < e and s < p.name_end]
        for p in over:
            if all(p is not q for q, _ in hits):
                hits.append((p, (min(s, p.name_start), max(e, p.name_end))))
        if not over and text[s : s + 1].isupper():
            bare.append((s, e))
    for p, _ in list(hits):  # "in Lithuania, Latvia and Estonia": the list's other names too
        for q in places:
            if p.group is not None and q.group == p.group and all(q is not h for h, _ in hits):
                hits.append((q, (q.name_start, q.name_end)))
    kept = [(p, name) for p, name in hits if not any(q is not p and contains(p, q) for q, _ in hits)]
    # "Birdik, about 50 km north of Kutum": Kutum is where Birdik lies from, not a place of the event
    landmarks = [p for p, _ in kept if REFERENCE_POINT.search(text, max(0, p.name_start - 80), p.name_start)]
    if landmarks and (bare or len(landmarks) < len(kept)):
        kept = [(p, name) for p, name in kept if p not in landmarks]
    areas = sorted((p for p, _ in kept if p.precision in AREA), key=lambda p: PRECISION_RANK[p.precision or "country"])
    area = location_of(areas[0]) if areas else Location()
    if bare and areas:  # the area an unknown name lies in is its resolution, not another place
        kept = [(p, name) for p, name in kept if p is not areas[0]]
    elif bare and landmarks:  # an unknown name near a landmark: the landmark's point, precision "near"
        area = location_of(landmarks[0]).model_copy(update={"precision": "near"})
    out = [Located(location_of(p), name) for p, name in kept]
    for s, e in bare:
        same = next((p for p in known if p.resolved is not None and text[p.name_start : p.name_end] == text[s:e]), None)
        if same is not None:  # one name, one place in a document
            out.append(Located(location_of(same).model_copy(update={"text": text[s:e], "start": s, "end": e}), (s, e)))
            continue
        update = {"text": text[s:e], "name": None, "geonames_id": None, "start": s, "end": e}
        out.append(Located(area.model_copy(update=update), (s, e)))
    return sorted(out, key=lambda x: x.name)


def contains(outer: PlaceMention, inner: PlaceMention) -> bool:
    """Whether `outer` is a country or province that `inner`, a more specific place, lies in."""
    a, b = outer.resolved, inner.resolved
    if a is None or b is None or outer.precision is None or inner.precision is None:
        return False
    if PRECISION_RANK[outer.precision] <= PRECISION_RANK[inner.precision] or a.country != b.country:
        return False
    if outer.precision == "admin1":
        return (a.admin1_code or a.admin1) == (b.admin1_code or b.admin1)
    return outer.precision == "country"
