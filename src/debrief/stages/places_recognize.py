"""Toponym recognition without an NER model.

Capitalised token runs (with the particles of Arabic and European names inside: ``Deir ez-Zor``,
``Ras al-Ain``, ``Gulf of Aden``) are cut into the longest spans the gazetteer knows; the words
around each span give its hint ("X province", "near the town of X", "X airbase"), its evidence
("in X") and the country the text ties it to ("the Syrian provinces of", "Syria's X", "X, Syria").
Spans that are actors rather than places are dropped: demonyms, capitals and countries that speak
("Moscow said"), possessives that own an institution ("Russia's Defense Ministry"), metonyms ("the
Kremlin"), names inside a longer capitalised name ("Al-Nusra Front", "General Igor Konashenkov").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.lang.en.stop_words import STOP_WORDS

from debrief.document import Document
from debrief.gazetteer.names import fold
from debrief.records import PlaceCandidate, PlaceMention, Token
from debrief.stages import places_words as W
from debrief.stages.places_resolve import curated

Lookup = Callable[[str], list[PlaceCandidate]]
Demonym = Callable[[str], str | None]

_MASK = re.compile(r"https?://\S+|www\.\S+|\b\S+\.(?:com|org|net|co|ly)/\S*|[@#][\w_]+")
_WORDLIKE = re.compile(r"\w")
_MAX_SPAN = 7
LONG_DASHES = frozenset({"--", "—", "–", "―"})
DATELINE_DASHES = LONG_DASHES | {"-"}
DATELINE_AGENCIES = frozenset(
    {"ap", "afp", "reuters", "upi", "xinhua", "tass", "ria", "ians", "pti", "ani", "cnn", "bbc"}
)

# Hints, strongest last: a pattern that says "near" wins over one that says "town".
_HINT_RANK = {"name": 0, "town": 1, "area": 1, "facility": 2, "admin2": 3, "admin1": 4, "near": 5}


def _kind(text: str) -> str:
    """C capitalised word, U all-caps word, D capitalised with digits, P particle, H hyphen, O other."""
    if text in W.HYPHENS:
        return "H"
    if text[:1].isupper() and any(c.isalpha() for c in text):
        if any(c.isdigit() for c in text):
            return "D"
        letters = [c for c in text if c.isalpha()]
        if len(letters) > 1 and all(c.isupper() for c in letters):
            return "U"
        return "C"
    if text in W.PARTICLES:
        return "P"
    return "O"


def _stronger(old: str | None, new: str) -> str:
    if old is None or old == "country":
        return new
    return new if _HINT_RANK.get(new, 0) > _HINT_RANK.get(old, 0) else old


_ABBREVIATED = frozenset({"PCLI", "PPLC", "A1", "RGN"})  # what an all-caps abbreviation may name


class SentenceReader:
    """Finds the place mentions of one sentence."""

    def __init__(
        self,
        doc: Document,
        toks: list[Token],
        masked: list[tuple[int, int]],
        lookup: Lookup,
        demonym: Demonym,
        *,
        paragraph_start: bool,
        names: set[str] | None = None,
    ) -> None:
        self.doc = doc
        self.toks = toks
        self.low = [t.text.lower() for t in toks]
        self.kinds = ["X" if any(s <= t.start < e for s, e in masked) else _kind(t.text) for t in toks]
        self.lookup = lookup
        self.demonym = demonym
        self.paragraph_start = paragraph_start
        self.names = names if names is not None else set()  # words of people's names seen so far
        self.first = next((i for i, t in enumerate(toks) if _WORDLIKE.search(t.text)), 0)
        alpha = [k for k, t in zip(self.kinds, toks, strict=True) if t.text.isalpha()]
        self.titlecase = len(alpha) >= 4 and alpha.count("C") >= 0.75 * len(alpha)  # a headline
        # per mention: (first name token, last name token, last token of the mention)
        self.found: list[tuple[PlaceMention, int, int, int]] = []
        self.actors: list[PlaceMention] = []  # names read as actors ("Moscow said"): toponyms, not places

    # ------------------------------------------------------------------ runs
    def _next_cap(self, k: int) -> bool:
        n = len(self.toks)
        if k + 1 < n and self.kinds[k + 1] == "C":
            return True
        return k + 2 < n and self.kinds[k + 1] == "H" and self.kinds[k + 2] == "C" and self._attached(k + 1)

    def _opens_name(self, k: int) -> bool:
        """A lowercase particle opens a name when glued to it ("al-Latamna", "at-Tanf") or when it
        is no English word ("al Bab"); "at Khmeimim" is a preposition."""
        if not self._next_cap(k):
            return False
        return self.low[k] in W.ARABIC_ARTICLES or self.kinds[k + 1] == "H"

    def _attached(self, k: int) -> bool:
        """Token k touches both neighbours (a hyphen inside a word)."""
        t = self.toks
        return 0 < k < len(t) - 1 and t[k - 1].end == t[k].start and t[k].end == t[k + 1].start

    def _continues(self, k: int) -> bool:
        kind, low = self.kinds[k], self.low[k]
        if kind == "C":
            return True
        if kind == "H":
            return self._attached(k) and k + 1 < len(self.toks) and self.kinds[k + 1] in ("C", "P")
        if kind == "P":
            return self._next_cap(k)
        if low == "of" and self.low[k - 1] in W.OF_HEADS and self.kinds[k - 1] == "C":
            return self._next_cap(k) or (k + 2 < len(self.toks) and self.low[k + 1] == "the" and self._next_cap(k + 1))
        return low == "the" and self.low[k - 1] == "of" and self._next_cap(k)

    def runs(self) -> list[tuple[int, int]]:
        """Capitalised token runs (a..b, inclusive) that may hold names."""
        out: list[tuple[int, int]] = []
        i, n = 0, len(self.toks)
        while i < n:
            if self.kinds[i] == "C" or (self.kinds[i] == "P" and self._opens_name(i)):
                j = i
                while j + 1 < n and self._continues(j + 1):
                    j += 1
                while j > i and self.kinds[j] != "C":
                    j -= 1
                if out and self._joined_by_and(out[-1], (i, j)):
                    out[-1] = (out[-1][0], j)  # "Trinidad and Tobago", "Bosnia and Herzegovina"
                else:
                    out.append((i, j))
                i = j + 1
            else:
                i += 1
        return out

    def _joined_by_and(self, left: tuple[int, int], right: tuple[int, int]) -> bool:
        if right[0] - left[1] != 2 or self.low[left[1] + 1] not in ("and", "&"):
            return False
        cands = self.lookup(self.text(left[0], right[1]))
        return bool(cands) and cands[0].match == 0

    def text(self, a: int, b: int) -> str:
        return self.doc.text[self.toks[a].start : self.toks[b].end]

    # ------------------------------------------------------------------ spans in a run
    def _cap_suffix(self, a: int, b: int) -> tuple[int, str | None]:
        """A capitalised suffix at the end of a run ("Kweires Airbase", "Homs Province"), unless the
        run ends on a curated place's whole name ("Qamishli Airport", "Mezzeh Military Airport")."""
        if any(self._curated_name(p, b) for p in range(a, b)):
            return b, None
        if b - 1 > a and (self.low[b - 1], self.low[b]) in W.SUFFIX_PAIRS:
            return b - 2, W.SUFFIX_PAIRS[(self.low[b - 1], self.low[b])]
        if b > a and self.low[b] in W.SUFFIX_HINTS and self.kinds[b] == "C" and not self._city_named(a, b):
            return b - 1, W.SUFFIX_HINTS[self.low[b]]
        return b, None

    def _city_named(self, a: int, b: int) -> bool:
        """Tokens a..b, ending on "City", are a town's own name ("Kansas City", "Panama City"): the
        suffix is part of the name, not a hint ("Homs City")."""
        if self.low[b] != "city":
            return False
        full = fold(self.text(a, b))
        return any(
            c.match == 0 and c.feature.startswith("PPL") and fold(c.name) == full for c in self.lookup(self.text(a, b))
        )

    def _segment(self, a: int, b: int) -> tuple[list[tuple[int, int]], list[int], list[int]]:
        """Longest known spans of tokens a..b, the capitalised tokens left over, and the spans of
        one word known only by a spelling variant."""
        spans: list[tuple[int, int]] = []
        left: list[int] = []
        weak: list[int] = []
        p = a
        while p <= b:
            if self.kinds[p] not in ("C", "P"):
                p += 1
                continue
            # "The Hague", never "The" ("COLUMBUS, Ohio — The state said"), wherever the sentence starts
            opener = self.low[p] in STOP_WORDS
            hit = None
            for q in range(min(b, p + _MAX_SPAN - 1), p if opener else p - 1, -1):
                if self.kinds[q] != "C":
                    continue
                if self.low[q] in W.ORG_WORDS and not self._curated_name(p, q):
                    continue  # "Oxford University", "Centre for Global Policy"; but "the West Bank"
                if q == p and (self.low[p] in W.NOT_ALONE or self.low[p] in W.ETHNONYMS):
                    continue  # "Northern", "Gulf", "Arab": no place by itself
                if q == p and self._portfolio(p):
                    continue  # "the Ministry of Commerce", "Chamber of Commerce and Industry"
                cands = self.lookup(self.text(p, q))
                if not cands or cands[0].match > (0 if opener else 1):
                    continue  # "The Hague" by its exact name only: "The United" is no spelling of a place
                if q == p and self.demonym(self.toks[p].text) is not None:
                    continue  # "Syrian": never a place by itself
                hit = q
                break
            if hit is None:
                if self.kinds[p] == "C" and not (opener and p == self.first):
                    left.append(p)  # "The Blues" mid-sentence: a capitalised run of another kind
                p += 1
            else:
                spans.append((p, hit))
                if hit == p and self.lookup(self.text(p, p))[0].match == 1:
                    weak.append(p)  # one word, a spelling variant: "Defense" ~ La Defensa
                p = hit + 1
        return spans, left, weak

    def _portfolio(self, p: int) -> bool:
        """Token p is a ministry's or a chamber's field, after "of" (or "and") and an institution's
        word or an office holder's title: "Ministry of Commerce", "Chamber of Commerce and Industry"."""
        if self.low[p] not in W.PORTFOLIOS:
            return False
        k = p - 1
        while k >= 1 and self.low[k] == "and" and self.low[k - 1] in W.PORTFOLIOS:
            k -= 2  # "… of Commerce and Industry"
        return k >= 1 and self.low[k] == "of" and self.low[k - 1] in W.PORTFOLIO_HOLDERS

    def _curated_name(self, p: int, q: int) -> bool:
        """Tokens p..q (two words or more) are exactly one of the names of a place of the project's or
        the user's table ("West Bank", whose "Bank" would otherwise make it an institution's name;
        "Kabul International Airport")."""
        return q > p and any(c.match == 0 and curated(c) for c in self.lookup(self.text(p, q)))

    def _harmless(self, k: int, a: int) -> bool:
        """A leftover capitalised token that does not make the run another kind of name."""
        low = self.low[k]
        if low in W.ORG_WORDS:
            return False
        if k == self.first or (k == a and low in STOP_WORDS):
            return True
        if low in W.RUN_MODIFIERS or low in W.SUFFIX_HINTS:
            return True
        return k == a and self.demonym(self.toks[k].text) is not None

    def read_run(self, a: int, b: int) -> None:
        if b > a and self.low[b].rstrip(".") in W.STREET_WORDS and not self.titlecase:
            return  # "Haifa Street", "E. Main St": a street, no town of its name nor one called "Street"
        # in a headline every word is capitalised: "Market Town" is no "X town" pattern
        name_end, suffix_hint = (b, None) if self.titlecase else self._cap_suffix(a, b)
        spans, left, weak = self._segment(a, name_end)
        if b + 1 < len(self.toks) and self.kinds[b + 1] == "D":
            return  # a maker and a model: "Sukhoi Su-34", "Mil Mi-8"
        if weak and (suffix_hint is not None or self._prefix_hint(a)[0] is not None or len(spans) == 1):
            weak = []  # a pattern vouches for it, or it is the run's only name
        if not self.titlecase and (weak or any(not self._harmless(k, a) for k in left)):
            # "Al-Nusra Front", "Igor Konashenkov", "Northern Syria Casualty Monitor"; remember the
            # last word of a person-like name ("Bashar al-Assad"): alone, it is no place either
            if b > a and self.kinds[b] == "C" and not self._seat(b):
                self.names.add(self.toks[b].text)
            return
        if a >= 1 and (self.low[a - 1] in W.TITLES or self.low[a - 1].rstrip(".") in W.TITLES):
            self.names.add(self.toks[b].text)  # "President Erdogan"
        if (
            len(spans) == 2
            and self.low[spans[0][0]] not in STOP_WORDS  # "The City of Paris" is a city's own style
            and self.low[spans[0][1]] in W.OF_HEADS
            and self._of_between(spans[0][1], spans[1][0])
        ):
            spans = spans[1:]  # "the Old City of Damascus": Damascus (not Jerusalem's Old City and Damascus)
        if len(spans) > 1 and not self.titlecase:
            self.names.add(self.toks[b].text)
            return  # two names side by side: "Hassan Hassan", not two places
        if not spans:
            if suffix_hint is not None or self._prefix_hint(a)[0] is not None:
                start = a + 1 if a == self.first and self.low[a] in STOP_WORDS and a < name_end else a
                self._add(start, name_end, b, suffix_hint, allow_loose=True)
            return
        for i, (p, q) in enumerate(spans):
            last = i == len(spans) - 1
            self._add(p, q, b if last else q, suffix_hint if last else None)

    def _of_between(self, q: int, p: int) -> bool:
        """Only "of" (or "of the") lies between tokens q and p."""
        between = self.low[q + 1 : p]
        return between in (["of"], ["of", "the"])

    def _seat(self, k: int) -> bool:
        """Token k alone names a country, a capital or an admin1 area."""
        cands = self.lookup(self.toks[k].text)
        return any(c.match == 0 and c.feature in ("PCLI", "PPLC", "A1") for c in cands)

    def _street(self, p: int, q: int) -> bool:
        """Tokens p..q name a street, its street word after its name ("Main Street"), or the street's
        name before its street word ("Haifa [Street]")."""
        before = self.toks[p - 1].text if p > 0 else ""
        if self.low[q].rstrip(".") in W.STREET_WORDS and (q > p or before[:1].isupper() or before[:1].isdigit()):
            return True  # "Main Street", "34th Street": no town called Street
        if self.low[q] in W.ROAD_WORDS and q + 1 < len(self.toks) and self.toks[q + 1].text.isdigit():
            return True  # "Highway 108"
        for k in range(q + 1, min(q + 4, len(self.toks))):  # "Martin [Luther King Boulevard]"
            if self.kinds[k] != "C":
                return False
            if self.low[k].rstrip(".") in W.STREET_WORDS:
                return True
        return False

    def _add(self, p: int, q: int, e: int, hint: str | None, *, allow_loose: bool = False) -> None:
        if self._street(p, q):
            return
        name = self.text(p, q)
        cands = self.lookup(name)
        if not cands or (cands[0].match > 1 and not allow_loose):
            return
        mention = PlaceMention(
            start=self.toks[p].start,
            end=self.toks[e].end,
            text=self.text(p, e),
            name_start=self.toks[p].start,
            name_end=self.toks[q].end,
            candidates=cands,
        )
        if hint is not None:
            mention.hint = hint  # type: ignore[assignment]
            mention.evidence = "pattern"
        self.found.append((mention, p, q, e))

    # ------------------------------------------------------------------ context
    def _prefix_hint(self, p: int) -> tuple[str | None, int]:
        """The hint of the words before token p ("near the town of", "provinces of") and the index
        of the first of those words."""
        hint: str | None = None
        k = p - 1
        first = p
        while k >= 0:
            low = self.low[k]
            if low == "of" and k >= 1:
                h = k - 1
                while h >= 0 and (self.low[h] in W.DIRECTION_ADJECTIVES and self.low[h] not in W.OF_HINTS):
                    h -= 1
                head = self.low[h] if h >= 0 else ""
                if head in W.OF_HINTS:
                    hint = _stronger(hint, W.OF_HINTS[head])
                    first = h
                    k = h - 1
                    while k >= 0 and (self.low[k] in ("the", "a", "an") or self.low[k] in W.DIRECTION_ADJECTIVES):
                        k -= 1
                    continue
                break
            if low in W.NEAR_WORDS:
                return _stronger(hint, "near"), k
            if low == "to" and k >= 1 and self.low[k - 1] == "close":
                return _stronger(hint, "near"), k - 1
            break
        return hint, first

    def _locative(self, p: int) -> bool:
        """A locative word before the name, over articles, directions, possessives, capitalised words
        and hyphenated adjectives ("in war-torn Syria", "in militant-infested northwest Pakistan")."""
        k = p - 1
        while k >= 0:
            if (
                self.low[k] in ("the", "a")
                or self.low[k] in W.DIRECTION_ADJECTIVES
                or self.low[k] in W.APOSTROPHE_S
                or self.kinds[k] == "C"
            ):
                k -= 1
            elif k >= 2 and self.low[k - 1] in W.HYPHENS and self.low[k].isalpha() and self.low[k - 2].isalpha():
                k -= 3  # "war-torn", read as three tokens
            else:
                break
        return k >= 0 and self.low[k] in W.LOCATIVE

    def _demonym_before(self, first: int) -> str | None:
        """'the Syrian provinces of' / 'Syrian province of': a demonym just before the pattern."""
        k = first - 1
        while k >= 0 and (self.low[k] in W.DIRECTION_ADJECTIVES or self.low[k] == "the"):
            k -= 1
        if k >= 0 and self.kinds[k] == "C":
            return self.demonym(self.toks[k].text)
        return None

    def _list_bounds(self, p: int, e: int) -> tuple[int, int]:
        """First and last token of the list of names that the span p..e belongs to."""
        n = len(self.toks)
        starts = {fp: fe for _m, fp, _q, fe in self.found}
        ends = {fe: fp for _m, fp, _q, fe in self.found}
        while e + 2 < n and self.low[e + 1] in (",", "and", "or") and e + 2 in starts:
            e = starts[e + 2]
        while p >= 2 and self.low[p - 1] in (",", "and", "or") and p - 2 in ends:
            p = ends[p - 2]
        return p, e

    def _actor(self, p: int, e: int, mention: PlaceMention) -> bool:
        """Is the span an actor, a person's or an institution's name rather than a place?"""
        low_text = fold(mention.text)
        if low_text in W.METONYM_PHRASES:
            return True
        if p == e and self.low[p] in W.MONTHS_DAYS:
            return True
        if self.doc.text[mention.name_start : mention.name_end] == self.toks[p].text and self.demonym(
            self.toks[p].text
        ):
            return True
        if p >= 1 and (self.low[p - 1] in W.TITLES or self.low[p - 1].rstrip(".") in W.TITLES):
            return True
        if mention.hint != "name" or mention.evidence == "pattern":
            return False
        if self._nationality(e, mention):
            return True
        seat = any(c.match == 0 and c.feature in ("PCLI", "PPLC") for c in mention.candidates)
        first, last = self._list_bounds(p, e)  # "Baghdad and Washington are in talks"
        before = self.low[first - 1] if first >= 1 else ""
        if seat and (before in W.ACTOR_PREPOSITIONS or before in W.SPEECH_VERBS or before == "between"):
            return True  # "a campaign against Moscow", "urged Moscow to", "between Ankara and Washington"
        if mention.evidence != "locative" and self._acts(last + 1, seat):
            return True  # "Moscow said", but "officials in Moscow said" and "aid from the UK reached"
        return self._possessive_actor(e)

    def _named_after_place(self, p: int, e: int, mention: PlaceMention) -> bool:
        """An actor span that still names a place ("Moscow said", "Israel's decision"), not a day,
        a month, a person with a title or a demonym."""
        if p == e and self.low[p] in W.MONTHS_DAYS:
            return False
        if p >= 1 and (self.low[p - 1] in W.TITLES or self.low[p - 1].rstrip(".") in W.TITLES):
            return False
        if self.demonym(self.toks[p].text) is not None and p == e:
            return False
        name = self.doc.text[mention.name_start : mention.name_end]
        return name not in self.names and any(c.match == 0 for c in mention.candidates)

    def _nationality(self, e: int, mention: PlaceMention) -> bool:
        """A country named right before the people it is the nationality of: "U.S. forces"."""
        if mention.evidence == "locative" or e + 1 >= len(self.toks) or self.low[e + 1] not in W.ACTOR_NOUNS:
            return False
        return any(c.match == 0 and c.feature == "PCLI" for c in mention.candidates[:1])

    def _acts(self, k: int, seat: bool) -> bool:
        """Do the words from token k make the name before them a subject that speaks or acts?
        "X said", "X has repeatedly denied"; for a country or capital also "X is", "X would"
        unless a verb of violence follows ("Damascus was shelled")."""
        n = len(self.toks)
        aux = self.low[k] if k < n and self.low[k] in W.AUXILIARIES else ""
        passive = aux in W.PASSIVE_AUXILIARIES
        k += 1 if aux else 0
        while k < n and (self.low[k].endswith("ly") or self.low[k] in W.ADVERBS or self.low[k] == "been"):
            passive = passive or self.low[k] == "been"
            k += 1
        word = self.low[k] if k < n else ""
        if word in W.SPEECH_VERBS:
            return True
        if not seat:
            return False
        if aux:  # "Ankara has not struck a deal" acts; "Damascus was struck" suffers
            return not (passive and word in W.SUFFERED)
        return word.endswith("ed") and word not in W.SUFFERED  # "Moscow moved", "Damascus granted"

    def _possessive_actor(self, e: int) -> bool:
        n = len(self.toks)
        nxt = self.low[e + 1] if e + 1 < n else ""
        if nxt in W.HYPHENS and e + 2 < n and self.low[e + 2] in W.ACTOR_SUFFIXES:
            return True
        if nxt in W.APOSTROPHE_S:
            after = e + 2
            if after >= n:
                return True
            if self.low[after] in W.DIRECTION_ADJECTIVES or self.low[after] in W.SUFFIX_HINTS:
                return False
            return not any(q_p == after for _m, q_p, _q, _e in self.found)
        return False

    def annotate(self) -> list[list[PlaceMention]]:
        """Hints, evidence and country ties of the spans found, actors removed; mentions listed
        together ("provinces of A, B and C") come back as one list."""
        n = len(self.toks)
        kept: list[tuple[PlaceMention, int, int, int]] = []
        prefix_of: dict[int, str] = {}
        suffix_of: dict[int, str] = {}
        for mention, p, q, e in self.found:
            if mention.evidence == "pattern":
                suffix_of[id(mention)] = mention.hint
            if e == q and e + 1 < n:  # a lowercase suffix: "Homs province", "Kweires air base"
                pair = (self.low[e + 1], self.low[e + 2]) if e + 2 < n else ("", "")
                if pair in W.SUFFIX_PAIRS:
                    e += 2
                    mention.hint = W.SUFFIX_PAIRS[pair]  # type: ignore[assignment]
                elif self.low[e + 1] in W.SUFFIX_HINTS and self.kinds[e + 1] == "O":
                    e += 1
                    mention.hint = W.SUFFIX_HINTS[self.low[e]]  # type: ignore[assignment]
                if e != q:
                    mention.end = self.toks[e].end
                    mention.text = self.text(p, e)
                    mention.evidence = "pattern"
                    suffix_of[id(mention)] = mention.hint
            prefix, first = self._prefix_hint(p)
            if prefix is not None:
                prefix_of[id(mention)] = prefix
                mention.hint = _stronger(suffix_of.get(id(mention)), prefix)  # type: ignore[assignment]
                mention.evidence = "pattern"
                mention.country_hint = self._demonym_before(first)
            if e + 2 < n and self.low[e + 1] in W.HYPHENS and self.low[e + 2] == "based":
                mention.evidence = "pattern"
            if mention.hint == "name":  # "New York Gov. Andrew Cuomo", "central Washington"
                mention.hint = W.area_hint_of(self.doc.text, mention.name_start, mention.name_end) or "name"
            if mention.evidence == "none":
                if self._locative(p):
                    mention.evidence = "locative"
                elif p == self.first:
                    mention.evidence = "initial"
            if self._actor(p, e, mention):
                if self._named_after_place(p, e, mention):
                    self.actors.append(mention)
                continue
            kept.append((mention, p, q, e))
        self._country_ties(kept)
        return self._lists(kept, prefix_of, suffix_of)

    def _country_ties(self, kept: list[tuple[PlaceMention, int, int, int]]) -> None:
        """Possessive qualifiers ("Syria's northwestern Idlib province"), "X, Syria" and "X, <province>"
        when X has a namesake in that province ("Lebanon, Pennsylvania")."""
        n = len(self.toks)
        by_start = {p: m for m, p, _q, _e in kept}
        for mention, _p, _q, e in kept:
            if e + 1 < n and self.low[e + 1] in W.APOSTROPHE_S and mention.candidates[0].feature == "PCLI":
                k = e + 2
                while k < n and self.low[k] in W.DIRECTION_ADJECTIVES:
                    k += 1
                if k in by_start and by_start[k].country_hint is None:
                    by_start[k].country_hint = mention.candidates[0].country
            k = e + 1
            area = by_start.get(k + 1) if k < n and self.low[k] == "," else None
            top = area.candidates[0] if area is not None else None
            if top is not None and top.feature == "A1" and mention.country_hint is None:
                inside = [c for c in mention.candidates if c.match == 0 and c.feature != "A1"]
                if any(c.country == top.country and c.admin1_code == top.admin1_code for c in inside):
                    mention.country_hint = top.country  # "Lebanon, Pennsylvania": the town in that state
                    if area is not None and area.hint == "name":
                        area.hint = "admin1"  # "Buffalo, New York": the state, not New York City
                    if _names_a_town_of(mention, top):
                        mention.area_hint = (top.country or "", top.admin1_code or "")
                    continue
            if k < n and self.low[k] in (",", "in") and mention.candidates[0].feature != "PCLI":
                k += 1
                while k < n and (self.low[k] in W.DIRECTION_ADJECTIVES or self.low[k] == "the"):
                    k += 1
                other = by_start.get(k)
                cc = other.candidates[0].country if other is not None else None
                if (
                    other is not None
                    and other.candidates[0].feature == "PCLI"
                    and mention.country_hint is None
                    and any(c.country == cc and c.match <= 1 for c in mention.candidates)
                ):
                    mention.country_hint = cc  # "Ariha, Syria", "Ariha in northern Syria"

    def _lists(
        self, kept: list[tuple[PlaceMention, int, int, int]], prefix_of: dict[int, str], suffix_of: dict[int, str]
    ) -> list[list[PlaceMention]]:
        """Group mentions separated only by commas and "and"/"or"; the pattern before the first
        ("provinces of") or after the last ("A, B and C provinces") holds for all of them."""
        groups: list[list[tuple[PlaceMention, int, int, int]]] = []
        for item in kept:
            if groups:
                prev = groups[-1][-1]
                between = self.low[prev[3] + 1 : item[1]]
                pcli = [m.candidates[0].feature == "PCLI" for m in (prev[0], item[0])]
                listed = bool(between) and all(w in (",", "and", "or") for w in between)
                if listed and pcli[0] == pcli[1] and not (between == [","] and _contains(item[0], prev[0])):
                    groups[-1].append(item)
                    continue
            groups.append([item])
        out: list[list[PlaceMention]] = []
        for group in groups:
            members = [m for m, *_ in group]
            if len(members) > 1:
                shared = prefix_of.get(id(members[0]))
                tail = suffix_of.get(id(members[-1]))
                if tail is not None and self.low[group[-1][3]].endswith("s"):
                    shared = _stronger(shared, tail)
                tie = next((m.country_hint for m in members if m.country_hint), None)
                strong = any(m.evidence in ("pattern", "locative", "dateline") for m in members)
                for m in members:
                    if shared is not None and m.hint == "name":
                        m.hint = shared  # type: ignore[assignment]
                    m.country_hint = m.country_hint or tie
                    if strong and m.evidence in ("none", "initial"):
                        m.evidence = "list"
            out.append(members)
        return out

    def dateline(self) -> None:
        """'ARIHA, Syria, February 9, 2016 —', 'ATLANTA -', 'BEIRUT (Reuters) -': an all-caps place
        followed by a comma, a dash or a bracket, opening a paragraph; or opening a later sentence of
        it (a headline run into its story) when a long dash follows it ('… hire lawyer. PORTLAND —')
        or a news agency's name in brackets or a long dash comes within a few words ('… planned
        Saturday. CHARLESTON, W.Va. (AP) --')."""
        a = self.first
        b = a
        while (
            b + 1 < len(self.toks)
            and self.kinds[b + 1] in ("U", "H", "C")
            and (self.kinds[b + 1] != "H" or self._attached(b + 1))
        ):
            b += 1
        if self.kinds[a] != "U" or b + 1 >= len(self.toks):
            return
        after = self.low[b + 1]
        if after not in ("(", ",") and after not in DATELINE_DASHES:
            return
        if not (self.paragraph_start or after in LONG_DASHES or self._dateline_marker(b + 1)):
            return
        cands = self.lookup(self.text(a, b))
        if cands and cands[0].match == 0:
            mention = PlaceMention(
                start=self.toks[a].start,
                end=self.toks[b].end,
                text=self.text(a, b),
                name_start=self.toks[a].start,
                name_end=self.toks[b].end,
                candidates=cands,
                evidence="dateline",
                hint="town",  # a wire dateline names a city: "WASHINGTON (AP)", "NEW YORK (Reuters)"
            )
            self.found.append((mention, a, b, b))

    def _dateline_marker(self, k: int) -> bool:
        """A bracketed agency name ('(AP)', '(Reuters)') or a long dash among the 8 tokens from k on."""
        ahead = self.low[k : k + 8]
        return any(t in LONG_DASHES for t in ahead) or any(
            t == "(" and i + 2 < len(ahead) and ahead[i + 1] in DATELINE_AGENCIES and ahead[i + 2] == ")"
            for i, t in enumerate(ahead)
        )

    def abbreviations(self) -> None:
        """'US', 'UK', 'UAE', 'D.C.', 'B.C.': all-caps abbreviations of countries, capitals and
        provinces (never ISO codes like 'IS'); 'EU', a region's, names an actor, not a place."""
        taken = {p for _m, p, _q, _e in self.found}
        for k, kind in enumerate(self.kinds):
            if kind != "U" or k in taken:
                continue
            cands = self.lookup(self.toks[k].text)
            if not cands or cands[0].match != 0 or cands[0].feature not in _ABBREVIATED:
                continue
            t = self.toks[k]
            mention = PlaceMention(t.start, t.end, t.text, t.start, t.end, candidates=cands)
            if cands[0].feature == "RGN":
                self.actors.append(mention)
            else:
                self.found.append((mention, k, k, k))

    def state_abbreviations(self) -> list[tuple[PlaceMention, int, int, int]]:
        """AP-style US states after a name and a comma: "Gainesville, Fla.", "CHARLESTON, W.Va.",
        "Columbia, S.C." (the state, whose namesake towns the name then prefers)."""
        out: list[tuple[PlaceMention, int, int, int]] = []
        n = len(self.toks)
        for k in range(2, n):
            if self.low[k - 1] != "," or self.kinds[k - 2] not in ("C", "U") or self.kinds[k] not in ("C", "U"):
                continue
            last = k + 1 if k + 1 < n and self.low[k + 1] == "." and self.toks[k + 1].start == self.toks[k].end else k
            written = self.text(k, last)
            state = W.US_STATE_ABBREVIATIONS.get(written.replace(".", "").replace(" ", "").lower())
            if state is None or "." not in written:
                continue
            areas = [c for c in self.lookup(state) if c.feature == "A1" and c.country == "US" and c.match == 0]
            if areas:
                start, end = self.toks[k].start, self.toks[last].end
                mention = PlaceMention(start, end, written, start, end, hint="admin1", candidates=areas)
                mention.evidence = "pattern"
                out.append((mention, k, last, last))
        return out

    def read(self) -> list[list[PlaceMention]]:
        """The sentence's place mentions, in lists of mentions listed together."""
        states = self.state_abbreviations()
        self.dateline()
        for a, b in self.runs():
            self.read_run(a, b)
        self.abbreviations()
        if states:
            taken = {k for _m, p, _q, e in states for k in range(p, e + 1)}
            self.found = [f for f in self.found if not taken & set(range(f[1], f[3] + 1))] + states
        self.found.sort(key=lambda item: item[1])
        return self.annotate()


def _names_a_town_of(mention: PlaceMention, area: PlaceCandidate) -> bool:
    """Does `mention` name (as its own name, not an alternate one) a town of admin1 `area`, and is
    it no state of that country itself ("Oklahoma, Pennsylvania" in a list of states)?"""
    if area.country is None or area.admin1_code is None:
        return False
    own = fold(mention.text[mention.name_start - mention.start : mention.name_end - mention.start])
    named = [c for c in mention.candidates if c.match == 0 and fold(c.name) == own]
    if any(c.feature == "A1" and c.country == area.country for c in named):
        return False
    return any(c.country == area.country and c.admin1_code == area.admin1_code for c in named)


def _contains(area: PlaceMention, place: PlaceMention) -> bool:
    """In "St. Paul, Minnesota" the second name is an admin1 area holding a place called by the
    first: it qualifies the first rather than listing a second place."""
    top = area.candidates[0]
    if top.feature != "A1" or top.match != 0 or top.admin1_code is None:
        return False
    return any(
        c.match == 0 and c.country == top.country and c.admin1_code == top.admin1_code and c.feature != "A1"
        for c in place.candidates
    )


def masked_spans(text: str) -> list[tuple[int, int]]:
    """URLs, @handles and #hashtags: never places."""
    return [(m.start(), m.end()) for m in _MASK.finditer(text)]


def sentence_tokens(doc: Document) -> list[list[Token]]:
    """The tokens of each sentence of `doc` (both lists sorted by offset)."""
    out: list[list[Token]] = [[] for _ in doc.sentences]
    i = 0
    for t in doc.tokens:
        while i < len(doc.sentences) and t.start >= doc.sentences[i].end:
            i += 1
        if i == len(doc.sentences):
            break
        if t.start >= doc.sentences[i].start:
            out[i].append(t)
    return out
