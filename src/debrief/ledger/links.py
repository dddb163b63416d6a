"""Links across the ledger: denials paired with the events other sources assert.

A deny-stance claim records what it says did not happen (:class:`~debrief.records.ClaimedEvent`:
type, place, date). It contradicts a stored event of the same type, at the same place, in the same
days, reported by another source (another document, or another speaker in the same document).
Same place: the same name, two points within `same_place_km`, or the same admin1 area when either
side is only known to that precision. Same days: overlapping dates give or take `date_slack_days`;
an undated denial is compared with the `undated_window_days` before it was made.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from debrief.geodesy import km
from debrief.options import ClaimFilter, EventFilter, LinkOptions

if TYPE_CHECKING:
    from debrief.ledger.store import Ledger

Record = dict[str, Any]


def _km(a: Record, b: Record) -> float | None:
    if None in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        return None
    return km(a["lat"], a["lon"], b["lat"], b["lon"])


def same_place(denied: Record, asserted: Record, options: LinkOptions) -> str | None:
    """Why two locations are the same place ("same place", "2 km apart", "same admin1"), or None."""
    if not denied or not asserted or denied.get("country") != asserted.get("country"):
        return None
    name_a, name_b = (denied.get("name") or "").lower(), (asserted.get("name") or "").lower()
    if name_a and name_a == name_b:
        return "same place"
    coarse = "admin1" in (denied.get("precision"), asserted.get("precision"))
    distance = _km(denied, asserted)
    if not coarse and distance is not None and distance <= options.same_place_km:
        return f"{distance:.0f} km apart"
    if coarse and denied.get("admin1") and denied.get("admin1") == asserted.get("admin1"):
        return f"same admin1 ({denied['admin1']})"
    return None


def _window(denied: Record, claim: Record, options: LinkOptions) -> tuple[date, date] | None:
    when = denied.get("date") or {}
    if when.get("start"):
        slack = timedelta(days=options.date_slack_days)
        return date.fromisoformat(when["start"]) - slack, date.fromisoformat(when.get("end") or when["start"]) + slack
    said = (claim.get("date") or {}).get("start") or claim.get("published")
    if not said:
        return None
    made = date.fromisoformat(said)
    return made - timedelta(days=options.undated_window_days), made


def _names(speaker: Record) -> set[str]:
    return {str(x).lower() for x in (speaker.get("name"), speaker.get("organization")) if x}


def _same_source(claim: Record, event: Record) -> bool:
    """The event is reported by the denial's own claim, speaker or organisation ("Defence Ministry" is
    "Russian Defence Ministry"): a source does not contradict itself."""
    if claim["doc_id"] == event["doc_id"] and event.get("claim") == claim.get("id"):
        return True
    mine, theirs = _names(claim.get("speaker") or {}), _names(event.get("claim_speaker") or {})
    return any(a == b or a.endswith(" " + b) or b.endswith(" " + a) for a in mine for b in theirs)


def find_contradictions(ledger: Ledger, options: LinkOptions) -> list[Record]:
    out: list[Record] = []
    for claim in ledger.claims(ClaimFilter(stance="deny")):
        for denied in claim.get("denies") or []:
            where = denied.get("location") or {}
            window = _window(denied, claim, options)
            candidates = ledger.events(
                EventFilter(
                    types=(denied["type"],),
                    country=where.get("country"),
                    since=window[0] if window else None,
                    until=window[1] if window else None,
                )
            )
            for event in candidates:
                why = same_place(where, event.get("location") or {}, options)
                if why is None or _same_source(claim, event):
                    continue
                out.append(
                    {
                        "id": f"{claim['doc_id'][:8]}:{claim['id']}~{event['doc_id'][:8]}:{event['id']}",
                        "type": denied["type"],
                        "denial": {
                            k: claim.get(k)
                            for k in ("doc_id", "id", "speaker", "cue", "content", "publisher", "published")
                        },
                        "denied": denied,
                        "event": event,
                        "place": why,
                    }
                )
    return out
