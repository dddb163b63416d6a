"""Attribution patterns: quotes, speaker phrases, reported content and stance (the cues: :mod:`debrief.cues`).

Pure functions over a text; the claims stage (:mod:`debrief.stages.claims`) puts them together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from debrief.cues import (
    CUE_RE,
    DENIAL_MARKERS,
    DENY_CUE_SET,
    FINDING_NOUNS,
    HEDGE_CUES,
    HEDGE_MARKERS,
)
from debrief.records import Stance

PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i"])
NOT_SPEAKERS = frozenset(
    ["their", "his", "her", "its", "our", "my", "your", "this", "that", "these", "those", "there", "which", "what"]
)
LEADING_JUNK = re.compile(
    r"^(?:(?:which|that|who|whom|where|when|while|as|and|but|so|because|after|before|if)\s+)+", re.I
)

ROLE_WORDS = (
    "spokesman|spokeswoman|spokesperson|spokesmen|official|officials|minister|ministry|commander|governor|"
    "ambassador|envoy|director|head|chief|leader|secretary|analyst|analysts|researcher|correspondent|reporter|"
    "witness|witnesses|resident|residents|activist|activists|monitor|monitors|doctor|doctors|mayor|general|"
    "colonel|officer|officers|diplomat|diplomats|source|sources|statement|president|military|army|police|"
    "government|observatory|group|agency|report|media|authorities|sources|representative|adviser|advisor|"
    "volunteers|rescuers|workers|medics|paramedics|teams|staff|faction|factions|fighters|rebels|militants|"
    "villagers|survivors|relatives|families|council|committee|spokespeople|lawmakers|investigators|service|office|"
    "authority|command|coalition|watchdog|organisation|organization|unit|ministry|department|mission|"
    "expert|experts|observers|economists|critics|scholars|historians|strategists|pollsters|advocates|opponents|"
    "supporters|lawyers|attorneys|prosecutors|scientists|aides|allies|organizers|organisers|force|forces|navy|"
    "guard|guards|"
    "commissioner|chairman|chairwoman|judge|prosecutor|attorney|lawyer|senator|lawmaker|professor|candidate|"
    "nominee|executive|manager|editor|journalist|journalists|author|aide|campaign|administration|company|"
    "newspaper|website|soldier|soldiers|troops|medic|nurse|surgeon|inspector|lieutenant|sergeant|captain|"
    "major|admiral|negotiator|negotiators|mediator|mediators|monitor|delegation|delegate|delegates"
)
# the role nouns, also capitalised (a sentence's first word: "Officials in Kherson said"); spelled out
# because a case-insensitive group over them is several times slower
ROLE_WORDS_ANY_CASE = "|".join(
    sorted({w for role in ROLE_WORDS.split("|") for w in (role, role[:1].upper() + role[1:])}, key=len, reverse=True)
)
ROLE_PHRASE = re.compile(
    rf"(?<![\w’'-])(?P<phrase>(?:\b(?:the|a|an|one|two|several)\s+)?"
    rf"(?:(?:(?<=\bof\s)|(?<=\bfor\s)|(?<=\bat\s)|(?<=\bto\s)|(?!(?:the|a|an|that)\s))"
    rf"(?:[A-Z][\w-]*|[a-z-]+)(?:’s|'s)?\s+){{0,5}}?"
    rf"(?P<role>{ROLE_WORDS}))\s*$"
)
# "civil defence volunteers in Ariha", "a rebel faction in Idlib province": the role noun and its place
ROLE_AT_PLACE = re.compile(
    rf"(?P<phrase>(?:\b(?:the|a|an|one|two|several)\s+)?(?:[\w-]+\s+){{0,3}}?(?:{ROLE_WORDS_ANY_CASE})\s+"
    rf"(?:in|from|at|near|of|for)\s+(?:the\s+)?(?:[A-Z][\w’'-]*(?:\s+|$)){{1,4}}(?:province|region|city|town)?)\s*$"
)
# "attorneys for the family", "a spokesman for the ministry": the role noun and whom it speaks for
ROLE_OF = re.compile(
    rf"(?P<phrase>(?:\b(?:the|a|an|one|two|several)\s+)?(?:(?!(?:the|a|an)\s)[\w-]+\s+){{0,2}}?(?:{ROLE_WORDS_ANY_CASE})\s+"
    r"(?:for|of|at|with|from)\s+(?:the\s+|a\s+|his\s+|her\s+|their\s+|its\s+)?(?:[\w’'-]+\s+){0,2}?[\w’'-]+)\s*$"
)
_GAP = re.compile(
    r"^(?:\s*\([^()]{1,40}\),?)?(?:,[^,;“”\"]{1,160},|\s*[—–][^—–;“”\"]{1,160}[—–])?\s*(?:(?:also|has|have|had|not|never|later|previously|reportedly|then|"
    r"further|again|"
    r"repeatedly|earlier|publicly|separately|once|already|on\s+\w+|on\s+\w+\s+\d+|in\s+a\s+statement|in\s+\d{4}|"
    r"last\s+(?:week|month|year|\w+day)|earlier\s+this\s+(?:week|month|year))\s+)*$"
)
QUOTE_PAIRS = (("“", "”"), ('"', '"'), ("«", "»"))


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int  # the opening mark
    end: int  # after the closing mark
    mark: int = 1  # characters in each mark ('' is two apostrophes in some newspapers' archives)

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + self.mark, self.end - self.mark


def find_quotes(text: str) -> list[QuoteSpan]:
    """Quoted passages; curly quotes may run across sentences and paragraphs (a paragraph opening a new
    “ while the previous one did not close continues the same quotation, as newspapers write it)."""
    spans: list[QuoteSpan] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "'" and text.startswith("''", i) and (i == 0 or not text[i - 1].isalnum()):
            close_at = _double_apostrophe_close(text, i + 2)
            if close_at > i + 2:
                spans.append(QuoteSpan(i, close_at + 2, mark=2))
                i = close_at + 2
                continue
        pair = next((p for p in QUOTE_PAIRS if p[0] == ch), None)
        if ch == "”" and (i == 0 or text[i - 1].isspace()) and text[i + 1 : i + 2].isalpha():
            pair = ("”", "”")  # a closing mark typed as the opening one: ”Fear. I am afraid…”
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


def _double_apostrophe_close(text: str, start: int) -> int:
    """Where a quotation opened with '' closes within its paragraph, or -1."""
    end = text.find("\n", start)
    found = text.find("''", start, end if end >= 0 else len(text))
    return found


def speaker_before(text: str, cue_start: int, floor: int) -> tuple[int, int] | None:
    """The span of the speaker phrase that ends just before a cue (allowing an appositive and adverbs)."""
    left = text[floor:cue_start]
    gerund = re.match(r"[a-z]+ing\b", text[cue_start : cue_start + 20]) is not None
    if gerund and (left.rstrip().endswith(",") or _GERUND_LEAD.search(left)):
        # "Warren praised Clinton's advocacy, saying she had …", "Dean began by saying …": the
        # subject of the clause speaks
        # "“…,” the mayor said, adding that …": the speaker of the attribution just before
        earlier = list(CUE_RE.finditer(text, floor, cue_start))
        if earlier and left.rstrip().endswith(","):
            before = speaker_before(text, earlier[-1].start(), floor) or speaker_after(
                text, earlier[-1].end(), cue_start
            )
            if before is not None:
                return before
        subject = _subject(text, floor, cue_start)
        if subject is not None:
            return subject
    document = _DOCUMENT_THAT.search(left.rstrip())
    if document:  # "issued a statement that said …", "a letter from his doctor that says …"
        return floor + document.start("np"), floor + document.end("np")
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


# "began by saying", "aside from saying", "before adding": a gerund cue whose speaker is the subject
_UNVERIFIED = re.compile(
    r",\s+(?:a\s+claim|claims?|an\s+assertion|figures?|numbers?|which)\s+(?:that\s+|which\s+)?(?:\w+\s+){0,2}?"
    r"(?:could|can|has|have|had|was|were)\s+not\s+(?:be\s+|been\s+)?(?:independently\s+)?(?:verified|confirmed)",
    re.I,
)
# the next sentence says the reporter could not check the claim: "Reuters could not independently verify it."
_UNVERIFIED_NEXT = re.compile(
    r"\s*(?:[\w’'.-]+\s+){0,4}?(?:could\s+not|cannot|can\s*not|was\s+unable\s+to|were\s+unable\s+to|"
    r"(?:has|have)\s+not\s+been\s+able\s+to)\s+(?:immediately\s+)?(?:independently\s+)?(?:verify|confirm)\b"
    r"|\s*(?:[\w’'.-]+\s+){1,4}?(?:could|can)\s*not\s+be\s+(?:immediately\s+)?(?:independently\s+)?"
    r"(?:verified|confirmed)\b",
    re.I,
)


def unverified_caveat(text: str, content_end: int, sent_end: int, next_end: int | None) -> tuple[int, int] | None:
    """The reporter's note that a claim could not be verified: the rest of the claim's sentence
    (", a claim that could not be independently verified") or the whole next sentence ("The claim
    could not be independently verified."), trimmed of its final full stop."""
    same = _UNVERIFIED.search(text, max(0, content_end - 1), sent_end)
    if same is not None:
        start = same.start() + 1
        while text[start] == " ":
            start += 1
        return start, sent_end - (1 if text[sent_end - 1 : sent_end] == "." else 0)
    if next_end is not None and _UNVERIFIED_NEXT.match(text, sent_end, next_end):
        start = sent_end
        while start < next_end and text[start].isspace():
            start += 1
        return start, next_end - (1 if text[next_end - 1 : next_end] == "." else 0)
    return None


_FOLLOWING_GERUND = re.compile(r",\s+(?:adding|saying|noting|insisting|arguing|explaining|stressing)\b")
_GERUND_LEAD = re.compile(r"\b(?:by|after|before|while|from|for|without)\s*$")
_NAME_TAIL = re.compile(
    r"(?:\b(?:the|a|an)\s+)?(?:(?:[A-Z][\w’'-]*(?:’s|'s)?|al-[A-Z][\w’'-]*|of|for|and)\s+){0,6}"
    r"(?:[A-Z](?:\.[A-Z])+\.?|[A-Z][\w’'-]*|[a-z]+)$"
)


_COORDINATED = re.compile(r"(?:^|\s)(?:and|but)(?:\s+(?:then|also|later|again))?$")
_QUANTIFIER = (
    r"(?i:\d[\d.,]*\s*(?:%|percent|per\s+cent)?|(?:one|two|three|four|five|six|seven|eight|nine|\d+)\s+(?:in|of)\s+\d+|"
    r"half|most|many|some|all|few|several|both|none|neither|other|others|each|another|majority|three-quarters|two-thirds|one-third|a\s+third|"
    r"a\s+quarter|a\s+majority|a\s+plurality)"
)
# a plural group counted ("47 percent", "six in 10 voters", "three-quarters of the voters") or a definite
# common noun phrase ("the judge", "the billionaire real estate magnate") standing as the subject
_GROUP_NP = re.compile(
    rf"(?:^\s*|(?<=[,;:—–(”\"])\s*|(?<=\band\s)|(?<=\bbut\s)|(?<=\bthat\s)|(?<=\bwhile\s))"
    rf"(?P<np>(?i:(?:about|nearly|almost|more\s+than|fewer\s+than|less\s+than|over|only|just|roughly)\s+)?"
    rf"{_QUANTIFIER}(?:\s+(?:of\s+)?(?:the\s+|those\s+|them|us)?(?:[\w’'-]+\s+){{0,3}}?[\w’'-]+)?"
    rf"|(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Oo]ne)\s+(?:[\w’'.-]+\s+){{0,8}}?[a-z][\w’'-]*)"
    rf"\s*$"
)


def _subject(text: str, floor: int, end: int) -> tuple[int, int] | None:
    """The subject at the start of text[floor:end] (after an introductory phrase ending in a comma)."""
    seg = text[floor:end]
    intro = re.match(r"\s*(?:[A-Z][^,]{0,80},\s+)?", seg)
    offset = intro.end() if intro else 0
    if offset:  # "But earlier this year, senior Emirati officials began …": a role noun phrase after the intro
        role = _LOWER_ROLE_SUBJECT.match(seg, offset)
        if role is not None:
            return floor + role.start(), floor + role.end()
    m = re.match(
        r"(?:(?:[A-Z][\w’'.-]*|al-[A-Z][\w’'-]*|of|the)\s+){0,5}?(?:[A-Z][\w’'.-]*)(?=\s)"
        r"|(?:He|She|They|We|I|It)\b",
        seg[offset:],
    )
    if m is None and offset:
        offset = 0
        m = re.match(r"(?:(?:[A-Z][\w’'.-]*|of|the)\s+){0,5}?(?:[A-Z][\w’'.-]*)(?=\s)|(?:He|She|They|We|I|It)\b", seg)
    if m is None:
        return None  # "But earlier this year, …": a connective is no subject
    if m.group().lower() in _DETERMINERS:  # "The director of the field hospital … gave …, saying"
        role = _DETERMINED_ROLE.match(seg, offset + m.start()) or _DETERMINED_NOUN.match(seg, offset + m.start())
        if role is not None:
            return floor + role.start(), floor + role.end()
    return floor + offset + m.start(), floor + offset + m.end()


_LOWER_ROLE_SUBJECT = re.compile(rf"(?:[a-z][\w’'-]*\s+)(?:[\w’'-]+\s+){{0,2}}?(?:{ROLE_WORDS})\b(?!\s+(?:of|for)\b)")

DOCUMENT_NOUNS = (
    "statement|letter|report|release|note|memo|study|poll|survey|document|tweet|post|message|video|"
    "communiqu[ée]|bulletin|assessment|analysis|order|decree|filing|complaint|lawsuit|ruling"
)
# a document that speaks through a relative clause: "a statement that said …", "the report, which found …"
_DOCUMENT_THAT = re.compile(
    rf"\b(?P<np>(?:a|an|the|its|his|her|their|this)\s+(?:(?!(?:a|an|the|its|his|her|their|this)\b)[\w’'-]+\s+){{0,3}}?"
    rf"(?:{DOCUMENT_NOUNS})\b"
    r"(?:\s+(?:from|by|of)\s+(?:[\w’'.-]+\s+){0,4}?[\w’'.-]+)?)"
    r"(?:\s+\w+\s+(?:morning|afternoon|evening|night)|\s+(?:on\s+)?\w+day)?,?\s+(?:that|which)$",
    re.I,
)
_DETERMINERS = frozenset(["the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its"])
_DETERMINED_NOUN = re.compile(r"\w+\s+[\w’'-]+")  # else the determiner and the next word
_DETERMINED_ROLE = re.compile(rf"\w+\s+(?:[\w’'-]+\s+){{0,3}}?(?:{ROLE_WORDS})\b")


# the noun phrase a relative "who" follows: a determiner, up to three words, the noun
_ANTECEDENT = re.compile(
    r"\b(?:the|a|an|his|her|their|its|one|some|two|three|several|many)\s+(?:[\w’'-]+\s+){0,3}?[\w’'-]+$", re.I
)
_ROLE_SET = frozenset(ROLE_WORDS.split("|"))
_ROLE_TAIL_CHARS = 160  # longer than any phrase ROLE_AT_PLACE or ROLE_OF can match
_FINDING_NP = re.compile(
    # a determiner anywhere, else the start of the clause: never "… and posted photographs of what it"
    rf"(?:(?<=\s)(?=(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir)\s)|^\s*|(?<=[,;:—–(”\"])\s*)"
    rf"(?P<np>(?:(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir)\s+)?(?:[\w’'-]+\s+){{0,2}}?"
    rf"(?i:{FINDING_NOUNS})(?:\s+(?:posted|shared|obtained|filmed|taken|circulated|released|published)"
    rf"(?:\s+online)?)?(?:\s+(?:of|by|from|for|on|in)\s+(?!(?:what|which|who|whom|it|he|she|they)\b)"
    rf"(?:[\w’'.$-]+\s+){{0,5}}?[\w’'.$-]+)?)\s*$"
)
_DETERMINED = re.compile(r"(?:the|a|an|one|two|several|this|that|his|her|their|its)\s", re.I)
_INNER_RELATIVE = re.compile(r"\b(?:which|whom)\s+")


# what kind of speaker the name after it is: "the news site [RTL Info]", "the state news agency [SANA]"
_KIND_BEFORE_NAME = re.compile(r"(?:^|[,;:—–(”\"])\s*(?P<kind>(?:[Tt]he|[Aa]n?)\s+(?:[a-z][\w’'-]*\s+){1,3})$")
# a plain subject: the whole clause before the cue, a capitalised first word and up to seven more, no punctuation
_WHOLE_SUBJECT = re.compile(r"\s*(?:(?:But|And|So|Yet)\s+)?(?P<np>[A-Z][\w’'.-]*(?:\s+[\w’'.-]+){0,7})\s*")
_NOT_SUBJECT_WORDS = frozenset(
    "in on at after before when while if as since because although though once until during despite for "  # noqa: SIM905 (a word list reads better as one string)
    "with without by from under over then now here there today yesterday asked meanwhile however still "
    "also even is are was were be been has have had will would did does do can could should may might "
    "must not that which who whom what where why how it this these those ".split()
)


def _phrase_end(text: str, floor: int, end: int) -> tuple[int, int] | None:
    head = text[floor:end]
    span = _phrase_span(text, floor, end, head)
    if span is None:
        return None
    start, end = span
    lead = LEADING_JUNK.match(text[start:end])
    if lead:
        start += lead.end()
    inner = list(_INNER_RELATIVE.finditer(text, start, end))
    if inner and inner[-1].end() < end:  # "an announcement which insiders said …": the insiders speak
        start = inner[-1].end()
    words = text[start:end].split()
    if not words or all(w.lower() in NOT_SPEAKERS for w in words):
        return None
    return start, end


def _phrase_span(text: str, floor: int, end: int, head: str) -> tuple[int, int] | None:
    finding = _FINDING_NP.search(head)
    if finding:  # "Video of the incident shows …", "a new survey by the ministry found …"
        return floor + finding.start("np"), end
    # both end the head and are short: searching its tail alone keeps long heads cheap
    tail = max(0, len(head) - _ROLE_TAIL_CHARS)
    has_role = not _ROLE_SET.isdisjoint(w.lower() for w in head[tail:].split())  # a cheap test first
    located = has_role and (ROLE_AT_PLACE.search(head, tail) or ROLE_OF.search(head, tail))
    if located:
        return floor + located.start("phrase"), end
    m = ROLE_PHRASE.search(head)
    if m:
        group = _GROUP_NP.search(head)
        if group and group.start("np") < m.start("phrase") and not _DETERMINED.match(m.group("phrase")):
            # "The former secretary of state and current … nominee": the role phrase is the tail of a longer one
            return floor + group.start("np"), end
        return floor + m.start("phrase"), end
    words = head.split()
    if words and words[-1].lower() in PRONOUNS:
        return end - len(words[-1]), end
    relative = re.search(r",?\s+who$", head)
    if relative and relative.start() > 0:  # "Barkley, who said …": the antecedent speaks
        inner = _phrase_span(text, floor, floor + relative.start(), head[: relative.start()])
        if inner is None:  # "… paying an architect who said …", "a resident who said …"
            np = _ANTECEDENT.search(head, 0, relative.start())
            return None if np is None else (floor + np.start(), end)
        return inner if inner is None else (inner[0], floor + relative.start())
    coordinated = _COORDINATED.search(head)
    if coordinated:  # "Graham called both … “crazy” and said …": the speaker is the subject
        return _subject(text, floor, floor + coordinated.start())
    group = _GROUP_NP.search(head)
    if group:  # "47 percent said", "three-quarters of the voters said", "the judge said"
        return floor + group.start("np"), end
    m2 = _NAME_TAIL.search(head)
    if m2 and any(c.isupper() for c in m2.group()):
        start = floor + m2.start()
        # trim lowercase function words at the front
        while text[start:end].split()[0] in ("of", "for", "and"):
            start += len(text[start:end].split()[0]) + 1
        kind = _KIND_BEFORE_NAME.search(head, 0, start - floor)
        if kind is not None:  # "the news site RTL Info", "the rights group Amnesty International"
            start = floor + kind.start("kind")
        return start, end
    whole = _WHOLE_SUBJECT.fullmatch(head)
    if (
        whole
        and not _NOT_SUBJECT_WORDS.intersection(w.lower() for w in whole.group("np").split())
        and not CUE_RE.search(whole.group("np"))
    ):
        # "Top committee leaders told …", "Seventy-four percent of Democratic voters say …": the whole
        # clause before the cue is its subject
        return floor + whole.start("np"), end
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
        # a longer phrase ending the clause: "said the former top aide to President George W. Bush."
        m = _LONG_SPEAKER_AFTER.match(text[cue_end:ceiling])
        if not m or len(m.group("sp").split()) > 12 or re.search(r"\b(?:that|it|is|was|were|are)\b", m.group("sp")):
            return None
    return cue_end + m.start("sp"), cue_end + m.end("sp")


INVERTING_CUES = frozenset(["said", "says", "added", "adds", "explained", "noted", "wrote", "warned", "stressed"])
_INVERTED_SPEAKER = re.compile(
    r"\s+(?P<sp>(?:(?:the|a|an)\s+)?(?:(?:[A-Z][\w’'-]*|[a-z]+)\s+){0,5}?"
    rf"(?:[A-Z][\w’'-]*|{ROLE_WORDS}))(?=\s*(?:[,;]|\.(?:\s|$)|$))"
)
_ABBREVIATION = re.compile(r"(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Jan|Feb|Aug|Sept|Oct|Nov|Dec|[A-Z])\.")


def inverted_speaker(text: str, cue: tuple[int, int], ceiling: int) -> tuple[int, int] | None:
    """The speaker of "…, said council head Mohammed Abu Adel.": after a comma, a say-cue and a short
    phrase ending in a name or a role that ends the clause (not an abbreviation's full stop)."""
    if text[cue[0] : cue[1]].lower() not in INVERTING_CUES or not text[: cue[0]].rstrip().endswith(","):
        return None
    m = _INVERTED_SPEAKER.match(text, cue[1], ceiling)
    if m is None or _ABBREVIATION.match(text, m.end("sp") - len(m.group("sp").split()[-1]), ceiling):
        return None
    words = m.group("sp").lower().split()
    if words[0] in _NOT_SPEAKER_START or all(w in _TIME_WORDS for w in words):
        return None  # "…, a spokeswoman, said on Thursday." / "said Thursday."
    return m.start("sp"), m.end("sp")


_NOT_SPEAKER_START = frozenset(
    [
        "on",
        "in",
        "at",
        "of",
        "for",
        "to",
        "by",
        "with",
        "from",
        "about",
        "after",
        "before",
        "during",
        "since",
        "until",
        "last",
        "this",
        "next",
        "late",
        "early",
        "earlier",
        "later",
        "yesterday",
        "today",
        "tonight",
        "recently",
        "previously",
        "again",
        "also",
        "then",
    ]
)
_TIME_WORDS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "morning",
        "afternoon",
        "evening",
        "night",
        "week",
        "month",
        "year",
    ]
)


_LONG_SPEAKER_AFTER = re.compile(
    r"\s+(?P<sp>(?:the|a|an|one|two|three|four|several|some|many|[A-Z0-9])[^,.;:!?“”\"\n]{0,100}?"
    r"(?:\b[A-Z]\.)?[^,.;:!?“”\"\n\s]*)(?=\s*(?:[,;:!?]|\.(?:\s|$)|$))"
)


def stance_of(cue: str, content: str) -> Stance:
    if cue.lower() in DENY_CUE_SET or DENIAL_MARKERS.search(content):
        return "deny"
    if cue.lower() in HEDGE_CUES or HEDGE_MARKERS.search(content):
        return "hedge"
    return "assert"


# whom a speaker told, before the reported clause: "told reporters", "told Reuters", "told a news conference"
_TOLD_WHOM = re.compile(
    r"\s+(?:reporters|journalists|lawmakers|parliament|a\s+news\s+(?:conference|briefing)|"
    r"state\s+(?:television|TV|media|radio)|(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})\b(?=[\s,])"
)


_RECIPIENT_CUE = re.compile(
    r"\b(?:told|tells?|telling|informed|informs|assured|assures|reminded|reminds|warned|warns)$", re.I
)
_RECIPIENT_THAT = re.compile(r"(?:\s+(?!that\b)[\w’'“”\".-]+){1,6}?\s+that\s+")


def told_whom(text: str, cue_end: int) -> int | None:
    """Where the listener after a cue of telling ends ("told [The Wall Street Journal]", "told
    [reporters]"), or None when the cue tells no one."""
    if _RECIPIENT_CUE.search(text, max(0, cue_end - 10), cue_end) is None:
        return None
    told = _TOLD_WHOM.match(text, cue_end)
    return None if told is None else told.end()


def content_after_cue(text: str, cue_end: int, sent_end: int) -> tuple[int, int] | None:
    """Reported content after the cue: skip an object ("told reporters"), adverbials, and "that"."""
    rest = text[cue_end:sent_end]
    m = re.match(
        r"(?:\s+(?:[A-Z][\w’'-]*|reporters|journalists|the\s+\w+|a\s+\w+\s+\w+|\w+ly|on\s+[\w ,]{1,30}?|"
        r"in\s+a\s+[\w ]{1,30}?|at\s+[\w ]{1,30}?)){0,3}?\s+that\s+",
        rest,
    )
    if m is None and _RECIPIENT_CUE.search(text, max(0, cue_end - 10), cue_end):
        # "told city leaders that …", "told ABC’s “Good Morning America” that …": whom, then the clause
        m = _RECIPIENT_THAT.match(rest)
    start = cue_end + m.end() if m else cue_end
    listener = told_whom(text, cue_end) if m is None else None
    if listener is not None and listener <= sent_end:  # "told reporters the strike …"
        start = listener
    while start < sent_end and text[start] in " ,:":
        start += 1
    end = sent_end
    follow = _FOLLOWING_GERUND.search(text, start, sent_end) or _UNVERIFIED.search(text, start, sent_end)
    if follow is not None:
        # "…the talks failed, adding that …": the next claim starts there; "…, a claim that could not be
        # independently verified": the reporter's caveat, not the speaker's words
        end = follow.start()
    while end > start and text[end - 1] in ' .“\n"':
        if text[end - 1] == '"' and text.count('"', start, end) % 2 == 0:
            break  # a closing straight quote that belongs to the content
        end -= 1
    if end - start < 8:
        return None
    return start, end
