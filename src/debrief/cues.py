"""Attribution cues: the verbs (and a few nouns) of saying, believing and finding, whether a cue word
is used as one in its context, and the words that mark a denial or a hedge.

Pure functions over a text; :mod:`debrief.attribution` finds speakers and content around these cues.
"""

from __future__ import annotations

import re

SAY_CUES = (
    # multi-word cues first: the regex takes the first alternative that matches ("called for" before "called")
    "called for|calls for|call for|called on|calls on|referring to|pointed to|pointing to|"
    "claimed responsibility|claims responsibility|claiming responsibility|claimed credit|"
    "said|says|say|told|tell|tells|reported|reports|stated|states|added|adds|announced|announces|claimed|claims|"
    "confirmed|confirms|revealed|reveals|stressed|stresses|noted|notes|explained|explains|insisted|insists|"
    "warned|warns|alleged|alleges|accused|accuses|repeated|repeats|wrote|writes|tweeted|posted|declared|declares|"
    "asserted|asserts|maintained|maintains|argued|argues|acknowledged|acknowledges|admitted|admits|"
    "estimated|estimates|suggested|suggests|believes|believed|quoted|cited|reiterated|reiterates|"
    "emphasised|emphasized|underlined|pointed out|briefed|"
    # reporting verbs of news prose (tuned on PolNeAR train/dev): questions, replies, praise and blame
    "saying|asked|asks|asking|called|calls|calling|continued|continues|telling|criticized|criticised|criticizes|"
    "replied|replies|responded|responds|adding|concluded|praised|praises|defended|defends|endorsed|endorses|"
    "claiming|pledged|pledges|promised|promises|joked|jokes|urged|urges|urging|recalled|recalls|predicted|"
    "predicts|arguing|insisting|noting|warning|explaining|acknowledging|vowed|vows|vowing|mentioned|"
    "suggesting|described|describes|describing|conceded|concedes|complained|complains|boasted|boasts|"
    "testified|agreed|agrees|questioned|questions|blamed|blames|charged|charges|thinks|think|thought|"
    "believe|knows|knew|expects|expected|hopes|hoped|fears|feared|worried|worries|shows|showed|show|found|"
    "indicated|indicates|indicate|revealing|announcing|predicting|interviewed|answered|answers|echoed|"
    "framed|touted|touts|slammed|slams|attacked|attacks|mocked|mocks|lamented|laments|quipped|added that|"
    # attitude verbs (PolNeAR annotates beliefs, wishes and stances as attributions; tuned on train/dev)
    "wants|wanted|hope|hoping|fear|fearing|argue|sought|seeks|seeking|insist|knows|know|"
    "plans|planned|refused|declined|opposed|opposes|oppose|supports|support|"
    "citing|expressed|voiced|"
    "blasted|denounced|condemned|condemns|welcomed|welcomes|recalling|"
    "want|supported|discussed|thanked|thanks|proposed|proposes|learned|seemed|seems|appears|"
    # demands, offers, decisions and refusals (tuned on train/dev)
    "demanded|demands|demanding|refuses|refusing|offered|offers|decided|decides|encouraged|encourages|"
    "encouraging|promising|defending|stressing|likened|likens|spoke of|speaks of|"
    "claim|chanted|chanting|feels|felt|feel|"
    # seeing someone as something: "voters see Clinton as the stronger candidate" (with SEEN_AS only)
    "sees|see|views|viewed|regards|regarded"
)
DENY_CUES = "denied|denies|deny|rejected|rejects|reject|refuted|refutes|dismissed|dismisses|disputed|disputes"
HEDGE_CUES = frozenset(["suggested", "suggests", "estimated", "estimates", "believes", "believed"])
# any past or present verb that introduces a that-clause or a quotation: "hinted that", "tweeted: “…”"
GENERIC_CUE = (
    r"(?!(?:was|is|has|does|this|thus|less|unless|as|its|his|hers|yes|so|us|needs|means|was|process|news|"
    r"fact|led|need|ahead|instead|indeed|red|bed|bad|hundred|sacred|related|united|based|used|ed|sees|goes|"
    r"remains|becomes|happens|matters|depends|follows|comes|lies|stands|exists|ensures|requires|includes|"
    r"contains|makes)\b)"
    r"[a-z]{2,}(?:ed|es|s)(?=\s+that\b(?!\s+(?:is|was|are|were|has|had|will|would)\b)|\s*[:,]\s*[“\"])"
)
# a headline or a sentence may open with the cue capitalised ("County Says Trump Should Win", "Said Poynter, …")
CUE_RE = re.compile(rf"\b(?P<cue>{SAY_CUES}|{DENY_CUES}|{GENERIC_CUE}|(?-i:[A-Z])(?i:(?<=[A-Z])(?:aid|ays|old|aid)))\b")
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
        "show",
        "shows",
        "showed",
        "found",
        "called",
        "calls",
        "charges",
        "charged",
        "questions",
        "attacks",
        "attacked",
        "described",
        "expected",
        "think",
        "thought",
        "believe",
        "continued",
        "continues",
        "agreed",
        "hopes",
        "fears",
        "worries",
        "answers",
        "promises",
    ]
)
CLAUSE_STARTS = re.compile(
    r"^\s*(?:$|[,.:;”\"“]|(?:that|the|a|an|this|these|those|his|her|their|its|on|in|at|to|by|from|after|"
    r"before|during|late|earlier|yesterday|today|last|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"hearing|seeing|"
    r"he|she|they|it|we|there|no|some|more|about|around|nearly)\b)",
    re.I,
)


# Verbs that report speech or findings only before a that-clause or a quotation ("the poll found that",
# "she called it “a disgrace”"), never in "police found the car" or "he called the office".
_DESCRIBED_AS = re.compile(r"[^.;:!?“”\"]{1,80}?\bas\b")
_ATTACKED_FOR = re.compile(r"[^.;:!?“”\"]{1,60}?\b(?:for|over)\b")
# "called him a master at …", "called it a common ailment", "called the charges unsubstantiated"
_CALLED_A = re.compile(
    r"\s+(?:him|her|them|it|himself|herself|themselves|this|that|(?:the|his|her|their|its)\s+[a-z]+s?)"
    r"\s+(?:an?\s+\w+|[a-z]+(?:ed|ic|ous|ful|less|able|ible|ive|al|ent|ant|ing)\b)"
    # "called Oz a quack", "calls Donald Trump a bully"; not "called Smith a day later" (a telephone call)
    r"|\s+(?:[A-Z][\w’'.-]+\s+){1,3}an?\s+(?!(?:day|week|month|year|while|time|moment|few|couple|lot|number|"
    r"bit|second|minute|hour|decade|weekend|night|morning|afternoon|evening|meeting|press)\b)[a-z]+"
    # "called her vote in favor of the Iraq War a mistake", "called the citation “a farce”"
    r"|\s+(?:the|his|her|their|its|this|that|these|those)\s+[^.;:!?“”\"]{1,80}?\s+(?:an?\s+(?!(?:day|week|month|"
    r"year|while|time|moment|few|couple|lot|number|bit|second|minute|hour|decade|weekend|night|morning|afternoon|"
    r"evening|meeting|press)\b)[a-z]+|[“\"])"
)
# "sees Cruz as a uniter", "see the campaign as most unfair", "viewed him as insufficiently committed":
# the judgment after "as" opens with a determiner, a degree word or an adjective-like word
_SEEN_AS = re.compile(
    r"\s+(?:[\w’'.-]+\s+){0,6}?as\s+(?:a|an|the|their|his|her|its|our|one|more|most|less|least|too|very|so|"
    r"[a-z]+ly|[a-z-]+(?:ed|ive|ous|ful|ent|ant|ic|al|ble|ing|est|er))\b"
)
SEEN_AS_CUES = frozenset(["sees", "see", "views", "viewed", "regards", "regarded"])
# verbs of judging someone that report an opinion when the judgment follows ("described X as …")
JUDGED_AS = {
    **{cue: _SEEN_AS for cue in SEEN_AS_CUES},
    "described": _DESCRIBED_AS,
    "describes": _DESCRIBED_AS,
    "describing": _DESCRIBED_AS,
    "attacked": _ATTACKED_FOR,
    "called": _CALLED_A,
    "calls": _CALLED_A,
    "calling": _CALLED_A,
    "attacks": _ATTACKED_FOR,
}
SHOW_CUES = frozenset(["show", "shows", "showed", "found", "finds", "suggests", "suggested"])
# the nouns of findings whose "shows" reports what they found ("the poll shows", "data showed")
FINDING_NOUNS = (
    r"poll|polls|survey|surveys|report|reports|study|studies|data|transcript|figures|average|analysis|"
    r"records|research|tally|census|audit|review|investigation|footage|video|videos|images|imagery|panel|judge|"
    r"court|jury|averages|documents|emails|recordings?|photos|photographs|statistics|results|polling|tests?|"
    r"inquiry|commission|inspector|auditors"
)
FINDING_SUBJECT = re.compile(
    rf"\b(?:{FINDING_NOUNS})(?:’s|'s)?\s+"
    r"(?:(?:(?:conducted|released|published|posted|shared|obtained|filmed|taken|circulated)\s+)?"
    r"(?:(?:by|of|from|for|on|in)\s+(?:[\w’'.$-]+\s+){1,8}?|online\s+)?)?"
    r"(?:(?:also|in\s+\d{4})\s+)?$",
    re.I,
)
# "felt the blast", "chanted slogans", "offered aid" are not attributions
CLAUSE_ONLY_CUES = frozenset(
    [
        "found",
        "show",
        "shows",
        "showed",
        "called",
        "calls",
        "think",
        "thought",
        "believe",
        "feel",
        "feels",
        "felt",
        "chanted",
        "chanting",
        "offered",
        "offers",
    ]
)
# cues that are verbs right after a name or pronoun ("Clinton cited", "he quoted"), not adjectives ("the
# cited study")
SUBJECT_CUES = frozenset(["cited", "quoted"])
_NAMED_SUBJECT = re.compile(
    r"(?:\b(?:he|she|they|who|we|I)|(?<![.!?]\s)\b(?!(?:The|A|An|This|That|These|Those|His|Her|Its|Their|Our|"
    r"Such|Some|Many|Most|All|Each|Every|No)\b)[A-Z][a-z’'-]+)\s+$"
)
CLAUSE_OR_QUOTE = re.compile(r"^\s*(?:that\b|[:,]?\s*(?:[“\"]|'')|(?:[\w’'.-]+\s+){1,6}(?:[“\"]|''))")


_NOUN_CUES = frozenset(
    [
        "plans",
        "plan",
        "support",
        "questions",
        "claims",
        "claim",
        "attacks",
        "reports",
        "calls",
        "fears",
        "hopes",
        "promises",
        "answers",
        "charges",
        "thanks",
        "demands",
        "offers",
        "worries",
        "views",
        "view",
    ]
)
_NOUN_BEFORE = re.compile(
    r"\b(?:the|a|an|his|her|their|its|our|my|your|this|these|those|such|any|no|whose|of|for|with|about|"
    r"strong|broad|public|new|bipartisan|popular|financial|military)\s+$",
    re.I,
)
_ANONYMITY = re.compile(r"\s+(?:not\s+to\s+be\s+(?:named|identified|quoted)|for\s+anonymity)\b", re.I)
_MEDIA_PARTICIPLES = frozenset(
    ["posted", "shared", "filmed", "taken", "circulated", "obtained", "released", "published"]
)
_PARTICIPLE_AFTER = re.compile(
    r"\b(?:footage|video|videos|images|photos|photographs|pictures|recording|recordings|audio)\s+$", re.I
)
_PASSIVE_OF_CUES = frozenset(["accused", "charged", "suspected", "convicted", "acquitted", "cleared"])
_LISTED_CUES = frozenset(w for w in f"{SAY_CUES}|{DENY_CUES}".split("|") if " " not in w)
# "that" followed by a lowercase word that cannot start a clause's subject (after any -ly adverbs): the
# relative clause of a plural noun the generic cue took for a verb ("boundaries that divide clans")
_RELATIVE_THAT = re.compile(
    r"\s+that\s+(?:(?:[a-z]+ly|perhaps|maybe|now|soon|already|still|just|also|indeed)\s+)*+(?!(?:the|a|an|this|these|those|his|her|their|its|our|my|your|some|many|most|"
    r"all|no|every|each|any|both|few|more|much|such|he|she|it|they|we|i|you|there|one|two|three|only|even|if|"
    r"when|while|because|after|before|since|unless|although|though|once|as|in|on|at|for|with|without|under|"
    r"despite|during|by|from|not|nobody|nothing|none|everyone|everybody|someone|somebody|anyone|people|voters|"
    r"americans|women|men)\b)[a-z]"
)
_RAISED_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:(?:also|widely|reportedly)\s+)?$", re.I)


def hearsay_auxiliary(text: str, cue_start: int, cue_end: int) -> int | None:
    """Where "is" starts in "the blast is said to have …" / "they were reported to be …": a passive
    cue raising its subject, with no one named as saying it; None for any other cue."""
    m = _RAISED_PASSIVE.search(text, max(0, cue_start - 24), cue_start)
    if m is None or not re.match(r"\s+to\b", text[cue_end : cue_end + 4]):
        return None
    return m.start()


def cue_is_speech(text: str, cue_start: int, cue_end: int) -> bool:
    """False where a cue word is an adjective or noun rather than a verb of saying."""
    word = text[cue_start:cue_end].lower()
    if hearsay_auxiliary(text, cue_start, cue_end) is not None:
        return False  # "the blast is said to have …": hearsay, no one named as saying it
    if word in _NOUN_CUES and _NOUN_BEFORE.search(text, max(0, cue_start - 12), cue_start):
        return False  # "his plans", "the support of …", "their claims": a noun after its determiner
    if _ANONYMITY.match(text, cue_end):
        return False  # "who asked not to be named": a condition of the source, not a claim
    if word in _MEDIA_PARTICIPLES and _PARTICIPLE_AFTER.search(text, max(0, cue_start - 30), cue_start):
        return False  # "Footage posted on social media showed …", "a video released by …": a participle
    if word in _PASSIVE_OF_CUES and re.match(r"\s+of\b", text[cue_end : cue_end + 4]):
        return False  # "the two men accused of carrying out the bombing": a participle, no one speaks
    if word not in _LISTED_CUES and _RELATIVE_THAT.match(text, cue_end):
        return False  # "the wars that seem to inspire …": a noun and its relative clause, no cue
    judged = JUDGED_AS.get(word)
    if judged is not None and judged.match(text, cue_end):
        return True  # "described Clinton as “a disgrace”", "attacked Clinton for her support of …"
    if word in SHOW_CUES and FINDING_SUBJECT.search(text[max(0, cue_start - 120) : cue_start]):
        return True  # "the poll shows Clinton ahead": a finding, that-clause or not
    if word in SEEN_AS_CUES:
        return False  # "the city saw …", "a view of": no judgment follows
    if word in CLAUSE_ONLY_CUES:
        return bool(CLAUSE_OR_QUOTE.match(text[cue_end : cue_end + 40]))
    if word not in AMBIGUOUS_CUES:
        return True
    if word in SUBJECT_CUES and _NAMED_SUBJECT.search(text, max(0, cue_start - 40), cue_start):
        return True  # "Clinton cited derogatory comments …": a verb after its subject, whatever follows
    return bool(CLAUSE_STARTS.match(text[cue_end : cue_end + 20]))
