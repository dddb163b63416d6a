"""Attribution patterns: quotes, cue verbs, speaker phrases, stance markers.

Pure functions over a text; the claims stage (:mod:`debrief.stages.claims`) puts them together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from debrief.records import Stance

SAY_CUES = (
    "said|says|say|told|tell|tells|reported|reports|stated|states|added|adds|announced|announces|claimed|claims|"
    "confirmed|confirms|revealed|reveals|stressed|stresses|noted|notes|explained|explains|insisted|insists|"
    "warned|warns|alleged|alleges|accused|accuses|repeated|repeats|wrote|writes|tweeted|posted|declared|declares|"
    "asserted|asserts|maintained|maintains|argued|argues|acknowledged|acknowledges|admitted|admits|"
    "estimated|estimates|suggested|suggests|believes|believed|quoted|cited|reiterated|reiterates|"
    "emphasised|emphasized|underlined|pointed out|briefed"
)
DENY_CUES = "denied|denies|deny|rejected|rejects|reject|refuted|refutes|dismissed|dismisses|disputed|disputes"
HEDGE_CUES = frozenset(["suggested", "suggests", "estimated", "estimates", "believes", "believed"])
CUE_RE = re.compile(rf"\b(?P<cue>{SAY_CUES}|{DENY_CUES})\b")
DENY_CUE_SET = frozenset(DENY_CUES.split("|"))

DENIAL_MARKERS = re.compile(
    r"\b(?:disinformation|misinformation|fabricat\w*|fake|not true|untrue|false|baseless|groundless|lies|"
    r"no truth|unfounded|provocation|propaganda|hoax|never happened|did not happen|"
    r"there (?:is|are|were|was|have been|has been) no|(?:have|has) been no|none there)\b",
    re.I,
)
HEDGE_MARKERS = re.compile(
    r"\b(?:apparently|reportedly|possibly|probably|perhaps|may have|might have|could have|it is believed|"
    r"allegedly|unconfirmed|likely|unclear|not yet (?:known|clear)|it seems|appears to)\b",
    re.I,
)
PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i"])
NOT_SPEAKERS = frozenset(
    ["their", "his", "her", "its", "our", "my", "your", "this", "that", "these", "those", "there", "which", "what"]
)
LEADING_JUNK = re.compile(
    r"^(?:(?:which|that|who|whom|where|when|while|as|and|but|so|because|after|before|if)\s+)+", re.I
)
# Cues that also work as adjectives or nouns ("alleged members", "reported attacks", "their claims"):
# they count as speech only before a clause, a determiner, a preposition or punctuation.
AMBIGUOUS_CUES = frozenset(
    [
        "alleged",
        "reported",
        "claimed",
        "claims",
        "estimated",
        "estimates",
        "quoted",
        "cited",
        "notes",
        "states",
        "reports",
    ]
)
CLAUSE_STARTS = re.compile(
    r"^\s*(?:$|[,.:;”\"“]|(?:that|the|a|an|this|these|those|his|her|their|its|on|in|at|to|by|from|after|"
    r"before|during|late|earlier|yesterday|today|last|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"he|she|they|it|we|there|no|some|more|about|around|nearly)\b)",
    re.I,
)


def cue_is_speech(text: str, cue_start: int, cue_end: int) -> bool:
    """False where a cue word is an adjective or noun rather than a verb of saying."""
    if text[cue_start:cue_end].lower() not in AMBIGUOUS_CUES:
        return True
    return bool(CLAUSE_STARTS.match(text[cue_end : cue_end + 20]))


ROLE_WORDS = (
    "spokesman|spokeswoman|spokesperson|spokesmen|official|officials|minister|ministry|commander|governor|"
    "ambassador|envoy|director|head|chief|leader|secretary|analyst|analysts|researcher|correspondent|reporter|"
    "witness|witnesses|resident|residents|activist|activists|monitor|monitors|doctor|doctors|mayor|general|"
    "colonel|officer|officers|diplomat|diplomats|source|sources|statement|president|military|army|police|"
    "government|observatory|group|agency|report|media|authorities|sources|representative|adviser|advisor|"
    "volunteers|rescuers|workers|medics|paramedics|teams|staff|faction|factions|fighters|rebels|militants|"
    "villagers|survivors|relatives|families|council|committee|spokespeople|lawmakers|investigators|service|office|"
    "authority|command|coalition|watchdog|organisation|organization|unit|ministry|department|mission"
)
ROLE_PHRASE = re.compile(
    rf"(?<![\w’'-])(?P<phrase>(?:\b(?:the|a|an|one|two|several)\s+)?(?:(?:[A-Z][\w-]*|[a-z-]+)(?:’s|'s)?\s+){{0,5}}?"
    rf"(?P<role>{ROLE_WORDS}))\s*$"
)
# "civil defence volunteers in Ariha", "a rebel faction in Idlib province": the role noun and its place
ROLE_AT_PLACE = re.compile(
    rf"(?P<phrase>(?:\b(?:the|a|an|one|two|several)\s+)?(?:[\w-]+\s+){{0,3}}?(?:{ROLE_WORDS})\s+"
    rf"(?:in|from|at|near|of|for)\s+(?:the\s+)?(?:[A-Z][\w’'-]*(?:\s+|$)){{1,4}}(?:province|region|city|town)?)\s*$"
)
_GAP = re.compile(
    r"^(?:,[^,;“”\"]{1,160},)?\s*(?:(?:also|has|have|had|later|previously|reportedly|then|further|again|"
    r"repeatedly|earlier|publicly|separately|once|already|on\s+\w+|on\s+\w+\s+\d+|in\s+a\s+statement)\s+)*$"
)
QUOTE_PAIRS = (("“", "”"), ('"', '"'), ("«", "»"))


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int  # the opening mark
    end: int  # after the closing mark

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1


def find_quotes(text: str) -> list[QuoteSpan]:
    """Quoted passages; curly quotes may run across sentences and paragraphs (a paragraph opening a new
    “ while the previous one did not close continues the same quotation, as newspapers write it)."""
    spans: list[QuoteSpan] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        pair = next((p for p in QUOTE_PAIRS if p[0] == ch), None)
        if pair is None:
            i += 1
            continue
        open_, close = pair
        j = i + 1
        limit = n if open_ == "“" else text.find("\n", i) if "\n" in text[i:] else n
        found = -1
        while j < limit:
            c = text[j]
            if c == close:
                found = j
                break
            if open_ == "“" and c == "\n" and text[j:].lstrip("\n")[:1] != "“":
                break  # the paragraph ended and the quotation does not continue: unbalanced, give up
            j += 1
        if found > i + 1:
            spans.append(QuoteSpan(i, found + 1))
            i = found + 1
        else:
            i += 1
    return spans


def speaker_before(text: str, cue_start: int, floor: int) -> tuple[int, int] | None:
    """The span of the speaker phrase that ends just before a cue (allowing an appositive and adverbs)."""
    left = text[floor:cue_start]
    # strip the gap (adverbs, auxiliaries, an appositive between commas)
    for cut in range(len(left) + 1):
        if cut < len(left) and left[cut] not in " ,":
            continue
        if _GAP.match(left[cut:]):
            head = left[:cut].rstrip(" ,")
            span = _phrase_end(text, floor, floor + len(head)) if head else None
            if span is not None:
                return span
    return None


_NAME_TAIL = re.compile(
    r"(?:\b(?:the|a|an)\s+)?(?:(?:[A-Z][\w’'-]*(?:’s|'s)?|al-[A-Z][\w’'-]*|of|for|and)\s+){0,6}"
    r"(?:[A-Z][\w’'-]*|[a-z]+)$"
)


def _phrase_end(text: str, floor: int, end: int) -> tuple[int, int] | None:
    head = text[floor:end]
    span = _phrase_span(text, floor, end, head)
    if span is None:
        return None
    start = span[0]
    lead = LEADING_JUNK.match(text[start:end])
    if lead:
        start += lead.end()
    words = text[start:end].split()
    if not words or all(w.lower() in NOT_SPEAKERS for w in words):
        return None
    return start, end


def _phrase_span(text: str, floor: int, end: int, head: str) -> tuple[int, int] | None:
    located = ROLE_AT_PLACE.search(head)
    if located:
        return floor + located.start("phrase"), end
    m = ROLE_PHRASE.search(head)
    if m:
        return floor + m.start("phrase"), end
    words = head.split()
    if words and words[-1].lower() in PRONOUNS:
        return end - len(words[-1]), end
    m2 = _NAME_TAIL.search(head)
    if m2 and any(c.isupper() for c in m2.group()):
        start = floor + m2.start()
        # trim lowercase function words at the front
        while text[start:end].split()[0] in ("of", "for", "and"):
            start += len(text[start:end].split()[0]) + 1
        return start, end
    return None


def speaker_after(text: str, cue_end: int, ceiling: int) -> tuple[int, int] | None:
    """Speaker of an inverted attribution (“…,” said the spokesman). The phrase must end the clause
    ("said the spokesman." / "said Sorokin, adding …"), which keeps "said the market had …" out."""
    m = re.match(
        r"\s+(?P<sp>(?:\b(?:the|a|an)\s+)?(?:(?:[A-Z][\w’'-]*(?:’s|'s)?|al-[A-Z][\w’'-]*|[a-z]+)\s+){0,5}?"
        rf"(?:[A-Z][\w’'-]*|{ROLE_WORDS}|he|she|they))\b"
        r"(?=\s*(?:[,.;:!?”\"]|$|\s(?:in|on|at|during|after|before|from|to|who|when|as|by)\b))",
        text[cue_end:ceiling],
    )
    if not m:
        return None
    return cue_end + m.start("sp"), cue_end + m.end("sp")


def stance_of(cue: str, content: str) -> Stance:
    if cue.lower() in DENY_CUE_SET or DENIAL_MARKERS.search(content):
        return "deny"
    if cue.lower() in HEDGE_CUES or HEDGE_MARKERS.search(content):
        return "hedge"
    return "assert"


def content_after_cue(text: str, cue_end: int, sent_end: int) -> tuple[int, int] | None:
    """Reported content after the cue: skip an object ("told reporters"), adverbials, and "that"."""
    rest = text[cue_end:sent_end]
    m = re.match(
        r"(?:\s+(?:[A-Z][\w’'-]*|reporters|journalists|the\s+\w+|a\s+\w+\s+\w+|\w+ly|on\s+[\w ,]{1,30}?|"
        r"in\s+a\s+[\w ]{1,30}?|at\s+[\w ]{1,30}?)){0,3}?\s+that\s+",
        rest,
    )
    start = cue_end + m.end() if m else cue_end
    while start < sent_end and text[start] in " ,:":
        start += 1
    end = sent_end
    while end > start and text[end - 1] in ' .“\n"':
        if text[end - 1] == '"' and text.count('"', start, end) % 2 == 0:
            break  # a closing straight quote that belongs to the content
        end -= 1
    if end - start < 8:
        return None
    return start, end
