"""Claims: who says what, how (direct, indirect, mixed quotation), with what stance, and when.

Direct quotations are found first (they may span sentences and paragraphs), then indirect
attributions by cue verb ("X said …", "…, X said", "according to X, …", "X told Y that …").
Speakers resolve to the first full mention of the same person or organisation: a later bare
surname, "the spokesman" or "he" carries the name, role and organisation given at first mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from debrief.attribution import (
    PRONOUNS,
    QuoteSpan,
    content_after_cue,
    find_quotes,
    inverted_speaker,
    speaker_after,
    speaker_before,
    stance_of,
    told_whom,
    unverified_caveat,
)
from debrief.cues import CUE_RE, cue_is_speech, hearsay_auxiliary
from debrief.document import Document
from debrief.pipeline import Context
from debrief.records import Claim, EventDate, Mention, Span, Speaker

# "BEIRUT, February 10, 2016 —" / "MOSCOW (Reuters) -": a dateline is not reported content
DATELINE = re.compile(r"^[A-Z][A-Z .'’-]+(?:,[^,]{0,40}){0,2}(?:\([^)]*\))?\s*[—–-]$")
# "In a televised statement on Saturday, X said …": an introductory adverbial, not reported content
ADVERBIAL = re.compile(
    r"^(?:(?:But|And|However|Also|Then),?\s+)?"
    r"(?:In|On|At|During|After|Before|Speaking|Asked|Writing|Earlier|Later|Meanwhile|Separately|Since|Following|"
    r"Yesterday|Today|Elsewhere|Overnight|Addressing|Responding)\b[^,]*,$",
    re.IGNORECASE,
)
# a title left before a speaker's name ("…, Mr. Van Voorhis said"): not part of the content
TITLE_TAIL = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Capt|Lt|Sgt|Prof)\.?\s*)+$")
# the spaces around the dash and the name may be no-break ones ("”\u00a0― Karen Bobadilla.")
_SIGNED_WORD = r"(?:[A-Z]\.|[A-Z][\w’'-]*|de|van|von|al-\w+)"
DASH_SIGNATURE = re.compile(
    rf"[ \t\u00a0]*(?P<dash>[―—])[ \t\u00a0]*(?P<sp>[A-Z][\w’'-]*(?:[ \u00a0]{_SIGNED_WORD}){{0,4}})"
    r"(?=\.?(?:[ \t\u00a0]*(?:$|\n)|[ \t\u00a0]*[,(“\"”]|[ \t\u00a0]{2}))"
)
ACCORDING_TO = re.compile(r"\b[Aa]ccording to\s+")
_SPEAKER_END = re.compile(r"\s*[,.;:]|\s+(?:who|which)\s")  # "according to an official who spoke on …"


# a speaker coordinated with the one before the cue, after a comma: ", rescue workers and a war monitor said"
_COORDINATED_SPEAKERS = re.compile(r",\s+(?P<np>(?:[\w’'-]+\s+){0,4}?[\w’'-]+)\s+(?:and|or)\s+$")


_KIND_THEN_NAME = re.compile(
    r"(?:[Tt]he|[Aa]n?)\s+(?P<kind>(?:[a-z][\w’'-]*\s+){1,3})(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)$"
)


@dataclass
class Attribution:
    speaker: tuple[int, int]  # empty (start = end) for hearsay: no one is named as saying it
    cue: tuple[int, int]
    content: tuple[int, int]
    quote: str
    hearsay: bool = False  # "the blast is said to have …"


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _sentence_bounds(doc: Document, start: int, end: int) -> tuple[int, int]:
    s = doc.sentence_of(start)
    e = doc.sentence_of(max(start, end - 1))
    return (s.start if s else start, e.end if e else end)


def direct_attributions(doc: Document, quotes: list[QuoteSpan]) -> list[Attribution]:
    text = doc.text
    out: list[Attribution] = []
    for q in quotes:
        inner = q.inner
        quoted = text[inner[0] : inner[1]].rstrip()
        if len(quoted.split()) < 4 and not quoted.endswith((",", ".", "!", "?")):
            continue  # a scare quote or a quoted phrase, handled as part of an indirect claim
        _, sent_end = _sentence_bounds(doc, q.end - 1, q.end)
        if sent_end <= q.end and quoted.endswith(("?", "!")):
            # “… our country?” Clinton said.: the segmenter ends the sentence inside the quotation
            nxt = next((x for x in doc.sentences if x.start >= q.end), None)
            if nxt is not None and not text[q.end : nxt.start].strip():
                sent_end = nxt.end
        tail_end = max(sent_end, q.end)
        tail = text[q.end : tail_end]
        dash = DASH_SIGNATURE.match(text, q.end)
        if dash:  # “…” ― Sonya Herridge: a quotation signed with a dash
            sp_span = (dash.start("sp"), dash.end("sp"))
            out.append(Attribution(sp_span, (dash.start("dash"), dash.end("dash")), _trim(text, inner), "direct"))
            continue
        cue = CUE_RE.search(tail[:120])
        if cue:
            c0, c1 = q.end + cue.start(), q.end + cue.end()
            sp = speaker_before(text, c0, q.end) if text[q.end : c0].strip(" ,—–-") else None
            if sp is None:
                sp = speaker_after(text, c1, tail_end)
            if sp is not None and not text[q.end : sp[0]].strip(" ,—–-\n").count(" ") > 3:
                out.append(Attribution(sp, (c0, c1), _trim(text, inner), "direct"))
                continue
        # attribution before the quotation: X said: “…”
        sent_start, _ = _sentence_bounds(doc, q.start, q.start + 1)
        if not text[sent_start : q.start].strip():  # X reports:¶ “…”: a block quotation under its cue
            prev = next((x for x in reversed(doc.sentences) if x.end <= sent_start), None)
            if (
                prev is not None
                and not text[prev.end : sent_start].strip()
                and text[prev.start : prev.end].rstrip().endswith(":")
            ):
                sent_start = prev.start
        head = text[sent_start : q.start]
        m = re.search(rf"{CUE_RE.pattern}\s*[:,]?\s*$", head)
        if m:
            c0, c1 = sent_start + m.start("cue"), sent_start + m.end("cue")
            sp = speaker_before(text, c0, sent_start)
            if sp:
                out.append(Attribution(sp, (c0, c1), _trim(text, inner), "direct"))
    return out


def indirect_attributions(doc: Document, taken: list[tuple[int, int]], quotes: list[QuoteSpan]) -> list[Attribution]:
    text = doc.text
    out: list[Attribution] = []
    for sent in doc.sentences:
        s0, s1 = sent.start, sent.end
        content: tuple[int, int] | None
        for m in ACCORDING_TO.finditer(text, s0, s1):
            sp_start = m.end()
            end_m = _SPEAKER_END.search(text, sp_start, s1)
            sp_end = end_m.start() if end_m else s1
            if sp_end - sp_start > 130 or sp_end <= sp_start:
                continue
            # "According to X, content." or "content, according to X."
            leading = m.start() - s0 < 3
            content = _trim(text, (min(sp_end + 1, s1), s1) if leading else (s0, m.start()))
            cue = (m.start(), m.end() - 1)
            if content is not None and content[1] - content[0] > 8 and not _overlaps(cue, taken):
                out.append(Attribution((sp_start, sp_end), cue, content, _quote_kind(content, quotes)))
        for m in CUE_RE.finditer(text, s0, s1):
            cue = (m.start(), m.end())
            if _overlaps(cue, taken) or any(q.start < cue[0] < q.end for q in quotes):
                continue
            aux = hearsay_auxiliary(text, *cue)
            if aux is not None:
                content = _trim(text, (s0, s1))
                if content is not None and content[1] - content[0] >= 8:
                    out.append(Attribution((aux, aux), (aux, cue[1]), content, "indirect", hearsay=True))
                    taken.append((aux, cue[1]))
                continue
            if not cue_is_speech(text, *cue):
                continue
            # "…, said council head Mohammed Abu Adel.": a speaker phrase that ends the clause right
            # after the cue, with a comma before it, is an inversion (whatever precedes the comma)
            inverted = inverted_speaker(text, cue, s1)
            sp = None if inverted else speaker_before(text, cue[0], s0)
            if sp is not None:  # "…, rescue workers and a war monitor said.": both speak
                coordinated = _COORDINATED_SPEAKERS.search(text, s0, sp[0])
                if coordinated is not None:
                    sp = (coordinated.start("np"), sp[1])
            if sp is not None and re.search(r"\b(?:what|whom)\s*$", text[s0 : sp[0]], re.I):
                continue  # "what it said was the wreckage": an embedded attribution, not a claim
            if sp is not None:
                before = TITLE_TAIL.sub("", text[s0 : sp[0]]).rstrip()
                if (
                    len(before.split()) >= 3
                    and before.endswith((",", "—", "–"))
                    and not DATELINE.match(before)
                    and not ADVERBIAL.match(before)
                    and not _leads_in(before, text, cue[1])
                ):
                    content = _trim(text, (s0, len(before) + s0 - 1))
                else:
                    content = content_after_cue(text, cue[1], s1)
            else:
                before = text[s0 : cue[0]].rstrip()
                if not before.endswith(","):
                    continue
                sp = inverted or speaker_after(text, cue[1], s1)
                content = _trim(text, (s0, s0 + len(before) - 1)) if sp else None
            if sp is None or content is None or content[1] - content[0] < 8:
                continue
            out.append(Attribution(sp, cue, content, _quote_kind(content, quotes)))
            taken.append((min(sp[0], cue[0]), max(sp[1], cue[1])))
    return out


# what a reported clause starts with: "Trump says [he is making …]", "questioned [what kind of …]"
_WHEN = (
    r"(?:on\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight)"
    r"(?:\s+(?:morning|afternoon|evening|night))?|last\s+(?:week|month|night))"
)
_CLAUSE_START = re.compile(
    rf"\s*(?:{_WHEN}\s+)?(?:that\s+)?(?!{_WHEN}\b)[“\"‘]?"
    r"(?:he|she|they|it|we|I|you|there|the|a|an|his|her|their|its|our|this|these|those|what|whether|"
    r"how|why|who|if|at least|more than|nearly|about|\d[\d,.]*|[A-Z][\w’'-]+)\s+\S+\s+\S+"
)


def _leads_in(before: str, text: str, cue_end: int) -> bool:
    """Whether `before` ("Speaking at a rally in Novi, Michigan,") only leads in to a speaker whose cue
    is followed by its own reported clause: no quotation before, a clause after."""
    if any(q in before for q in '“”"‘'):  # a quotation (an apostrophe is more often a possessive)
        return False
    listener = told_whom(text, cue_end)  # "told The Wall Street Journal.": a listener, then no clause
    found = _CLAUSE_START.match(text, listener if listener is not None else cue_end)
    return found is not None and not re.search(r"[.;!?]", found.group())


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = span
    while s < e and text[s] in " ,.;:—–\n”":
        s += 1
    while e > s and text[e - 1] in " ,.;:—–\n“":
        e -= 1
    return s, e


def _quote_kind(content: tuple[int, int], quotes: list[QuoteSpan]) -> str:
    inside = [q for q in quotes if q.start >= content[0] - 1 and q.end <= content[1] + 1]
    if not inside:
        return "indirect"
    if len(inside) == 1 and inside[0].start <= content[0] and inside[0].end >= content[1]:
        return "direct"
    return "mixed"


@dataclass
class SpeakerResolver:
    """Resolves a speaker phrase against the document's mentions and earlier speakers."""

    doc: Document
    spoken: list[Speaker] = field(default_factory=list)

    def resolve(self, start: int, end: int) -> Speaker:
        text = self.doc.text[start:end]
        bare = re.sub(r",?\s+who$", "", text)  # "a resident who said": the resident
        words = bare.lower().split()
        inside = [m for m in self.doc.mentions if m.start >= start and m.end <= end]
        people = [m for m in inside if m.kind == "person"]
        # an appositive name right after the phrase: "Its director, Samer Haddad, said"
        people += [m for m in self.doc.mentions if m.kind == "person" and 0 < m.start - end <= 3 and m.name]
        p: Mention | None
        if people:
            return self._as_person(people[-1], text, start, end)
        if len(words) == 1 and words[0] in ("it", "they"):
            org = self._previous_organization(start)
            if org is not None:
                return self._as_organization(org, text, start, end)
        if len(words) == 1 and words[0] in PRONOUNS:
            p = self._previous_person(start)
            if p is not None:
                return self._as_person(p, text, start, end)
            return Speaker(text=text, kind="pronoun", start=start, end=end)
        orgs = [m for m in inside if m.kind in ("organization", "group")]
        if orgs and orgs[-1].end >= end - 1:  # the phrase is headed by an organisation ("the … Monitor")
            o = orgs[-1]
            return self._as_organization(o.name, text, start, end)
        named = self._organization_by_head(words, start)
        if named is not None:  # "the monitor" after "the Northern Syria Casualty Monitor"
            return self._as_organization(named, text, start, end)
        role = self._role(words)
        if role:
            org = orgs[-1].name if orgs else None
            # only a definite singular role names someone met before: "the spokesman", "the ministry's
            # spokesman" — never "residents" or "a spokesman"
            definite = words[0] in ("the", "this", "that", "its", "his", "her") or "’s" in text or "'s" in text
            p = self._previous_person(start, role=role, organization=org) if definite and not _plural(role) else None
            if p is not None:
                return self._as_person(p, text, start, end)
            return Speaker(text=text, role=role, organization=org, kind="person", start=start, end=end)
        if orgs:
            o = orgs[-1]
            return self._as_organization(o.name, text, start, end)
        kind_then_name = _KIND_THEN_NAME.match(bare)
        if kind_then_name is not None:  # "the news site RTL Info", "the farmer Ali Hassan": the name is the tail
            role = self._role(kind_then_name.group("kind").split())
            name = kind_then_name.group("name")
            if role:
                return Speaker(text=text, name=name, role=role, kind="person", start=start, end=end)
            return Speaker(text=text, name=name, kind="unknown", start=start, end=end)
        name = re.sub(r"^(?:the|a|an)\s+", "", bare, flags=re.I).strip()
        return Speaker(text=text, name=name[:1].upper() + name[1:], kind="unknown", start=start, end=end)

    @staticmethod
    def _as_person(p: Mention, text: str, start: int, end: int) -> Speaker:
        return Speaker(
            text=text, name=p.name, role=p.role, organization=p.organization, kind="person", start=start, end=end
        )

    @staticmethod
    def _as_organization(name: str | None, text: str, start: int, end: int) -> Speaker:
        return Speaker(text=text, name=name, organization=name, kind="organization", start=start, end=end)

    @staticmethod
    def _role(words: list[str]) -> str | None:
        from debrief.stages.mentions import ROLES

        roles = ROLES.split("|")
        for w in reversed(words):
            bare = w.strip("’'s,.")
            if w in roles or bare in roles:
                return w if w in roles else bare
        return None

    def _organization_by_head(self, words: list[str], before: int) -> str | None:
        if len(words) > 3 or not words or words[0] not in ("the", "this", "that"):
            return None
        head = words[-1]
        earlier = [
            sp.name
            for sp in self.spoken
            if sp.name and (sp.end or 0) <= before and sp.kind != "pronoun" and sp.text.lower().split()[-1] == head
        ]
        if earlier:
            return earlier[-1]
        named = [
            m.name
            for m in self.doc.mentions
            if m.kind in ("organization", "group") and m.end <= before and m.name and m.name.lower().split()[-1] == head
        ]
        return named[-1] if named else None

    def _previous_organization(self, before: int) -> str | None:
        """The organisation that last spoke (or was last named) before `before`, for "it said"."""
        spoken = [s for s in self.spoken if s.kind == "organization" and (s.end or 0) <= before]
        if spoken:
            return spoken[-1].name
        named = [m for m in self.doc.mentions if m.kind in ("organization", "group") and m.end <= before and m.name]
        return named[-1].name if named else None

    def _previous_person(self, before: int, role: str | None = None, organization: str | None = None) -> Mention | None:
        candidates = [m for m in self.doc.mentions if m.kind == "person" and m.end <= before and m.name]
        for m in reversed(candidates):
            if role and role not in (m.role or "").lower().split():
                continue
            if organization and m.organization and organization not in m.organization:
                continue
            return m
        return None


def claim_caveat(doc: Document, content_end: int) -> Span | None:
    """The reporter's note, after the claim, that it could not be verified (:func:`unverified_caveat`)."""
    sent = doc.sentence_of(max(0, content_end - 1))
    if sent is None:
        return None
    following = next((t for t in doc.sentences if t.start >= sent.end), None)
    span = unverified_caveat(doc.text, content_end, sent.end, following.end if following else None)
    return None if span is None else Span(start=span[0], end=span[1], text=doc.text[span[0] : span[1]])


def claim_date(doc: Document, attribution: Attribution) -> EventDate | None:
    """A time expression in the attribution (outside the content): "said Friday", "On Friday, X said"."""
    s0, s1 = _sentence_bounds(doc, attribution.cue[0], attribution.cue[1])
    c0, c1 = attribution.content
    for t in doc.timexes:
        if t.start >= s0 and t.end <= s1 and not (t.start >= c0 and t.end <= c1) and t.value_start:
            return EventDate(
                start=t.value_start.isoformat(),
                end=(t.value_end or t.value_start).isoformat(),
                precision=t.precision,
                text=t.text,
            )
    return None


def _plural(role: str) -> bool:
    return role.endswith(("s", "men", "people")) and not role.endswith(("ss", "us"))


@dataclass
class ClaimsStage:
    context: Context
    name: str = "claims"

    def __call__(self, doc: Document) -> Document:
        quotes = find_quotes(doc.text)
        direct = direct_attributions(doc, quotes)
        taken = [(min(a.speaker[0], a.cue[0]), max(a.speaker[1], a.cue[1])) for a in direct]
        taken += [a.content for a in direct]
        found = sorted(direct + indirect_attributions(doc, taken, quotes), key=lambda a: a.content[0])
        resolver = SpeakerResolver(doc)
        claims: list[Claim] = []
        for a in sorted(found, key=lambda a: a.speaker[0]):
            if a.hearsay:
                speaker = Speaker(text="", kind="unknown")  # unattributed: no span, no name
            else:
                speaker = resolver.resolve(*a.speaker)
                resolver.spoken.append(speaker)
            c0, c1 = a.content
            content_text = doc.text[c0:c1]
            cue_text = doc.text[a.cue[0] : a.cue[1]]
            claims.append(
                Claim(
                    id="",
                    speaker=speaker,
                    cue=cue_text,
                    cue_span=Span(start=a.cue[0], end=a.cue[1], text=cue_text),
                    quote=a.quote,  # type: ignore[arg-type]
                    stance="hedge" if a.hearsay else stance_of(cue_text, content_text),
                    content=Span(start=c0, end=c1, text=content_text),
                    date=claim_date(doc, a),
                    quantities=[q for q in doc.quantities if q.start >= c0 and q.end <= c1],
                    caveat=claim_caveat(doc, c1),
                )
            )
        claims.sort(key=lambda c: c.content.start)
        for i, c in enumerate(claims, 1):
            c.id = f"c{i}"
        doc.claims = claims
        return doc


def claim_at(claims: list[Claim], start: int, end: int) -> Claim | None:
    """The claim whose content holds [start, end)."""
    for c in claims:
        if c.content.start <= start and end <= c.content.end:
            return c
    return None
