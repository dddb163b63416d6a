"""Ledger rows (from :meth:`Ledger.events` / :meth:`Ledger.claims`) rendered for people and tools.

One function per format, each serving events and claims; what differs between the two kinds is
data (their column lists, where their coordinates are), not code:

* ``table``: fixed-width text columns, long cells cut with "…";
* ``csv``: flat columns with a stable header (lists joined with "; ");
* ``json``: the list of full records;
* ``geojson``: a FeatureCollection; an event's Point is its location, a claim's geometry is the
  location(s) of the events it reports (Point, or MultiPoint for several); rows without
  coordinates get ``"geometry": null``. GeoJSON positions are ``[lon, lat]``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args

from debrief.errors import ExportError

Record = dict[str, Any]
Kind = Literal["events", "claims", "checks", "contradictions"]
Format = Literal["table", "csv", "json", "geojson"]
FORMATS: tuple[Format, ...] = get_args(Format)


@dataclass(frozen=True)
class Column:
    header: str
    get: Callable[[Record], Any]
    width: int = 40  # table only: the widest a cell may be


# --------------------------------------------------------------------------- cell helpers


def _num(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _get(record: Record, *path: str) -> Any:
    """record[path[0]][path[1]]…, or None where a step is missing or null."""
    value: Any = record
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _join(parts: Sequence[Any], sep: str = "; ") -> str:
    seen: list[str] = []
    for part in parts:
        text = "" if part is None else str(part)
        if text and text not in seen:
            seen.append(text)
    return sep.join(seen)


def _entities(record: Record, key: str) -> str:
    return _join([e.get("name") or e.get("text") for e in record.get(key) or []])


def _quantities(record: Record) -> str:
    parts = []
    for q in record.get("quantities") or []:
        value = _num(q.get("value"))
        parts.append(f"{value} {q['category']}" if value and q.get("category") else q.get("text"))
    return _join(parts)


def _fatalities(record: Record) -> str:
    low, best, high = (_get(record, "fatalities", k) for k in ("low", "best", "high"))
    if best is None and low is None and high is None:
        return ""
    spread = f" ({_num(low)}-{_num(high)})" if low is not None and high is not None and low != high else ""
    return f"{_num(best if best is not None else low)} dead{spread}"


def _key_quantities(record: Record) -> str:
    return _join([_fatalities(record), _quantities(record)])


def _date(record: Record) -> str:
    start, end = _get(record, "date", "start"), _get(record, "date", "end")
    if start and end and start != end:
        return f"{start}..{end}"
    return start or end or ""


def _place(record: Record) -> str:
    return _join([_get(record, "location", k) for k in ("name", "admin1", "country")], ", ")


def _speaker(speaker: Record | None) -> str:
    """Name, role, organization (the organization left out when the name already says it)."""
    if not speaker:
        return ""
    who = str(speaker.get("name") or speaker.get("text") or "")
    org = speaker.get("organization")
    return _join([who, speaker.get("role"), None if org and org.lower() in who.lower() else org], ", ")


def _speaker_short(speaker: Record | None) -> str:
    if not speaker:
        return ""
    return str(speaker.get("name") or speaker.get("organization") or speaker.get("text") or "")


def _ref(record: Record) -> str:
    return f"{str(record.get('doc_id') or '')[:8]}:{record.get('id') or '-'}"


def _stated(record: Record) -> str:
    approx = _get(record, "stated", "approx")
    return f"{approx + ' ' if approx else ''}{_num(_get(record, 'stated', 'value'))} ({_get(record, 'stated', 'text')})"


def _items(record: Record) -> str:
    return _join([f"{_num(q.get('value'))} {q.get('category') or ''}".strip() for q in record.get("items") or []])


def _coordinates(record: Record, kind: Kind) -> list[tuple[float, float]]:
    """[(lon, lat), …] without repeats: the event's location, the claim's linked events', the
    contradicted event's; a check has none."""
    places: list[Record] = {
        "events": [record.get("location") or {}],
        "claims": record.get("locations") or [],
        "contradictions": [_get(record, "event", "location") or {}],
    }.get(kind, [])
    coords: list[tuple[float, float]] = []
    for place in places:
        lat, lon = place.get("lat"), place.get("lon")
        if lat is not None and lon is not None and (float(lon), float(lat)) not in coords:
            coords.append((float(lon), float(lat)))
    return coords


# --------------------------------------------------------------------------- columns

_DOCUMENT_CSV = (
    Column("title", lambda r: r.get("title")),
    Column("publisher", lambda r: r.get("publisher")),
    Column("url", lambda r: r.get("url")),
    Column("published", lambda r: r.get("published")),
)

TABLE_COLUMNS: dict[Kind, tuple[Column, ...]] = {
    "events": (
        Column("id", _ref, 16),
        Column("date", _date, 22),
        Column("type", lambda r: r.get("type"), 22),
        Column("location", _place, 32),
        Column("actors", lambda r: _entities(r, "actors"), 30),
        Column("weapons", lambda r: _join([w.get("text") for w in r.get("weapons") or []], ", "), 24),
        Column("quantities", _key_quantities, 44),
        Column("speaker", lambda r: _speaker_short(r.get("claim_speaker")), 32),
    ),
    "claims": (
        Column("id", _ref, 16),
        Column("speaker", lambda r: _speaker(r.get("speaker")), 56),
        Column("cue", lambda r: r.get("cue"), 14),
        Column("stance", lambda r: r.get("stance"), 7),
        Column("quote", lambda r: r.get("quote"), 8),
        Column("content", lambda r: _get(r, "content", "text"), 70),
    ),
    "checks": (
        Column("claim", _ref, 16),
        Column("kind", lambda r: r.get("kind"), 16),
        Column("stated", _stated, 36),
        Column("computed", lambda r: _num(r.get("computed")), 9),
        Column("verdict", lambda r: r.get("verdict"), 12),
        Column("items", _items, 60),
    ),
    "contradictions": (
        Column("type", lambda r: r.get("type"), 18),
        Column("denial", lambda r: _ref(r.get("denial") or {}), 16),
        Column("denied by", lambda r: _speaker_short(_get(r, "denial", "speaker")), 28),
        Column("event", lambda r: _ref(r.get("event") or {}), 16),
        Column("event date", lambda r: _date(r.get("event") or {}), 22),
        Column("asserted by", lambda r: _speaker_short(_get(r, "event", "claim_speaker")), 28),
        Column("where", lambda r: f"{_place(r.get('event') or {})} ({r.get('place')})", 44),
    ),
}

CSV_COLUMNS: dict[Kind, tuple[Column, ...]] = {
    "events": (
        Column("doc_id", lambda r: r.get("doc_id")),
        Column("id", lambda r: r.get("id")),
        Column("type", lambda r: r.get("type")),
        Column("event_type", lambda r: r.get("event_type")),
        Column("sub_event_type", lambda r: r.get("sub_event_type")),
        Column("date_start", lambda r: _get(r, "date", "start")),
        Column("date_end", lambda r: _get(r, "date", "end")),
        Column("date_precision", lambda r: _get(r, "date", "precision")),
        Column("location_text", lambda r: _get(r, "location", "text")),
        Column("location_name", lambda r: _get(r, "location", "name")),
        Column("admin2", lambda r: _get(r, "location", "admin2")),
        Column("admin1", lambda r: _get(r, "location", "admin1")),
        Column("country", lambda r: _get(r, "location", "country")),
        Column("lat", lambda r: _get(r, "location", "lat")),
        Column("lon", lambda r: _get(r, "location", "lon")),
        Column("location_precision", lambda r: _get(r, "location", "precision")),
        Column("geonames_id", lambda r: _get(r, "location", "geonames_id")),
        Column("fatalities_low", lambda r: _get(r, "fatalities", "low")),
        Column("fatalities_best", lambda r: _get(r, "fatalities", "best")),
        Column("fatalities_high", lambda r: _get(r, "fatalities", "high")),
        Column("actors", lambda r: _entities(r, "actors")),
        Column("targets", lambda r: _entities(r, "targets")),
        Column("weapons", lambda r: _join([w.get("text") for w in r.get("weapons") or []])),
        Column("quantities", _quantities),
        Column("claim", lambda r: r.get("claim")),
        Column("claim_speaker", lambda r: _speaker(r.get("claim_speaker"))),
        Column("confidence", lambda r: r.get("confidence")),
        *_DOCUMENT_CSV,
    ),
    "claims": (
        Column("doc_id", lambda r: r.get("doc_id")),
        Column("id", lambda r: r.get("id")),
        Column("speaker_text", lambda r: _get(r, "speaker", "text")),
        Column("speaker_name", lambda r: _get(r, "speaker", "name")),
        Column("speaker_role", lambda r: _get(r, "speaker", "role")),
        Column("speaker_org", lambda r: _get(r, "speaker", "organization")),
        Column("cue", lambda r: r.get("cue")),
        Column("quote", lambda r: r.get("quote")),
        Column("stance", lambda r: r.get("stance")),
        Column("content", lambda r: _get(r, "content", "text")),
        Column("content_start", lambda r: _get(r, "content", "start")),
        Column("content_end", lambda r: _get(r, "content", "end")),
        Column("caveat", lambda r: _get(r, "caveat", "text")),
        Column("events", lambda r: _join(r.get("events") or [])),
        *_DOCUMENT_CSV,
    ),
    "checks": (
        Column("doc_id", lambda r: r.get("doc_id")),
        Column("claim", lambda r: r.get("claim")),
        Column("kind", lambda r: r.get("kind")),
        Column("stated_value", lambda r: _get(r, "stated", "value")),
        Column("stated_approx", lambda r: _get(r, "stated", "approx")),
        Column("stated_text", lambda r: _get(r, "stated", "text")),
        Column("computed", lambda r: r.get("computed")),
        Column("verdict", lambda r: r.get("verdict")),
        Column("items", _items),
        *_DOCUMENT_CSV,
    ),
    "contradictions": (
        Column("type", lambda r: r.get("type")),
        Column("denial_doc_id", lambda r: _get(r, "denial", "doc_id")),
        Column("denial_claim", lambda r: _get(r, "denial", "id")),
        Column("denied_by", lambda r: _speaker(_get(r, "denial", "speaker"))),
        Column("denial_content", lambda r: _get(r, "denial", "content", "text")),
        Column("event_doc_id", lambda r: _get(r, "event", "doc_id")),
        Column("event", lambda r: _get(r, "event", "id")),
        Column("event_date_start", lambda r: _get(r, "event", "date", "start")),
        Column("event_date_end", lambda r: _get(r, "event", "date", "end")),
        Column("location_name", lambda r: _get(r, "event", "location", "name")),
        Column("admin1", lambda r: _get(r, "event", "location", "admin1")),
        Column("country", lambda r: _get(r, "event", "location", "country")),
        Column("asserted_by", lambda r: _speaker(_get(r, "event", "claim_speaker"))),
        Column("place_match", lambda r: r.get("place")),
    ),
}


# --------------------------------------------------------------------------- renderers


def _cell(value: Any, width: int) -> str:
    text = " ".join(("" if value is None else str(value)).split())  # one line
    return text if len(text) <= width else text[: width - 1] + "…"


def render_table(rows: Sequence[Record], kind: Kind) -> str:
    columns = TABLE_COLUMNS[kind]
    cells = [[_cell(col.get(row), col.width) for col in columns] for row in rows]
    widths = [max([len(col.header), *(len(line[i]) for line in cells)]) for i, col in enumerate(columns)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    noun = kind[:-1] if len(rows) == 1 else kind  # "1 check", "2 contradictions"
    body = [line([c.header for c in columns]), line(["-" * w for w in widths]), *map(line, cells)]
    return "\n".join([*body, f"{len(rows)} {noun}"])


def render_csv(rows: Sequence[Record], kind: Kind) -> str:
    columns = CSV_COLUMNS[kind]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.header for c in columns])
    writer.writerows([col.get(row) for col in columns] for row in rows)
    return out.getvalue().rstrip("\n")


def render_json(rows: Sequence[Record], kind: Kind) -> str:
    return json.dumps(list(rows), ensure_ascii=False, indent=2)


def _geometry(coords: list[tuple[float, float]]) -> Record | None:
    if not coords:
        return None
    if len(coords) == 1:
        return {"type": "Point", "coordinates": list(coords[0])}
    return {"type": "MultiPoint", "coordinates": [list(c) for c in coords]}


def render_geojson(rows: Sequence[Record], kind: Kind) -> str:
    features = [
        {
            "type": "Feature",
            "id": row["id"] if kind == "contradictions" else f"{row.get('doc_id')}:{row.get('id')}",
            "geometry": _geometry(_coordinates(row, kind)),
            "properties": row,
        }
        for row in rows
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=2)


RENDERERS: dict[Format, Callable[[Sequence[Record], Kind], str]] = {
    "table": render_table,
    "csv": render_csv,
    "json": render_json,
    "geojson": render_geojson,
}


def render(rows: Sequence[Record], kind: Kind, fmt: Format) -> str:
    """`rows` of one `kind` as text in format `fmt` (no trailing newline)."""
    if kind not in TABLE_COLUMNS:
        raise ExportError(f"unknown record kind {kind!r}; expected one of {', '.join(TABLE_COLUMNS)}")
    renderer = RENDERERS.get(fmt)
    if renderer is None:
        raise ExportError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return renderer(rows, kind)
