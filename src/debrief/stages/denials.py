"""Denials: what each deny-stance claim says did not happen.

The events stage enters no event for a denied claim's content. This stage types and places that
content the same way (trigger lexicon, weapons, places, dates inside the content) and records it on
the claim as :class:`~debrief.records.ClaimedEvent`, so that the ledger can pair a denial with the
events other sources assert.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from debrief.document import Document
from debrief.event_fields import choose_places, event_date, location_of, places_in
from debrief.pipeline import Context
from debrief.records import Claim, ClaimedEvent, Span, Timex
from debrief.stages.events import WEAPON_PRIORITY, WEAPON_TYPE, TriggerLexicon

CONTEXT_CHARS = 600


def denied_event(doc: Document, claim: Claim, lexicon: TriggerLexicon) -> ClaimedEvent | None:
    """The event a denial is about, or None when its content names none."""
    c0, c1 = claim.content.start, claim.content.end
    triggers = lexicon.find(doc.text, c0, c1)
    if not triggers:
        return None
    best = max(triggers, key=lambda t: t.priority)
    code = best.code
    if code == "*":
        kinds = {w.kind for w in doc.weapons if c0 <= w.start < c1}
        kind = next((k for k in WEAPON_PRIORITY if k in kinds), None)
        if kind is None:
            return None
        code = WEAPON_TYPE[kind]
    # the place named in the denial, else the place under discussion just before it
    places = (
        choose_places(places_in(doc, c0, c1, []))
        or [p for p in places_in(doc, max(0, c0 - CONTEXT_CHARS), c0, []) if p.precision != "country"][-1:]
    )
    dated: list[Timex] = [
        t for t in doc.timexes if c0 <= t.start and t.end <= c1 and t.value_start and t.kind not in ("duration", "time")
    ]
    return ClaimedEvent(
        type=code,
        trigger=Span(start=best.start, end=best.end, text=doc.text[best.start : best.end]),
        location=location_of(places[0]) if places else None,
        date=event_date(dated[0]) if dated else None,  # the speech date is not when it happened
    )


@dataclass
class DenialsStage:
    context: Context
    name: str = "denials"
    lexicon: TriggerLexicon = field(init=False)

    def __post_init__(self) -> None:
        self.lexicon = TriggerLexicon.load()

    def __call__(self, doc: Document) -> Document:
        for claim in doc.claims:
            if claim.stance == "deny":
                found = denied_event(doc, claim, self.lexicon)
                claim.denies = [found] if found else []
        return doc
