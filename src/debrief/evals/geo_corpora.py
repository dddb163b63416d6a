"""Readers for Gritta's geoparsing gold standards (GeoWebNews, LGL, TR-News, GeoVirus).

Each reader turns one XML file into :class:`GoldArticle` objects: the text and its gold toponyms
(character span, and where the corpus gives them: coordinates, admin1 name, feature code).

What counts as a toponym for recognition:
- LGL, TR-News, GeoVirus: every annotated toponym (LGL and TR-News also annotate demonyms such as
  "Turkish" as their country; debrief never reads a demonym as a place).
- GeoWebNews: the toponym types of Gritta et al. (2019) — Literal, Mixed, Coercion, Embedded_Literal,
  Literal_Modifier, Metonymic, Non_Literal_Modifier, Embedded_Non_Lit, Demonym, Homonym — and not the
  expressions ("the city"), non-toponyms or language names the corpus also marks.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from debrief.evals import EvalDataError

GWN_TOPONYM_TYPES = frozenset(
    {
        "Literal",
        "Mixed",
        "Coercion",
        "Embedded_Literal",
        "Literal_Modifier",
        "Metonymic",
        "Non_Literal_Modifier",
        "Embedded_Non_Lit",
        "Demonym",
        "Homonym",
    }
)


@dataclass
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    feature: str | None = None  # GeoNames feature code where given (PPL, ADM1, PCLI …)
    kind: str | None = None  # GeoWebNews type (Literal, Metonymic, Demonym …)


@dataclass
class GoldArticle:
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


def _float(node: ET.Element | None) -> float | None:
    if node is None or node.text is None or not node.text.strip():
        return None
    try:
        return float(node.text)
    except ValueError:
        return None


def _int(node: ET.Element | None) -> int | None:
    if node is None or node.text is None:
        return None
    try:
        return int(node.text.strip())
    except ValueError:
        return None


def _parse(path: Path) -> ET.Element:
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise EvalDataError(f"cannot parse {path}: {exc}") from exc


ALIGN_WINDOW = 12  # characters a corpus's offsets may be off by (TR-News: up to 10)


def _align(text: str, start: int, end: int, surface: str | None) -> tuple[int, int]:
    """The gold span moved onto its surface form where the corpus's offsets are a few characters
    off (GeoVirus counts from 1; some TR-News spans are shifted by up to 10, in articles whose
    offsets drift); the nearest occurrence wins; unchanged when it cannot be found."""
    surface = (surface or "").strip()
    if not surface or text[start:end] == surface:
        return start, end
    for d in sorted(range(-ALIGN_WINDOW, ALIGN_WINDOW + 1), key=abs):
        s = start + d
        if s >= 0 and text[s : s + len(surface)] == surface:
            return s, s + len(surface)
    return start, end


def read_lgl_style(path: Path) -> list[GoldArticle]:
    """LGL and TR-News: <article><text/><toponyms><toponym><start/><end/><phrase/><gaztag>…"""
    out: list[GoldArticle] = []
    for art in _parse(path).iter("article"):
        text = art.findtext("text") or ""
        gold = GoldArticle(text)
        for top in art.iter("toponym"):
            start, end = _int(top.find("start")), _int(top.find("end"))
            if start is None or end is None or end > len(text):
                continue
            start, end = _align(text, start, end, top.findtext("phrase"))
            t = GoldToponym(start, end, text[start:end])
            gaz = top.find("gaztag")
            if gaz is not None:
                t.lat, t.lon = _float(gaz.find("lat")), _float(gaz.find("lon"))
                t.admin1 = (gaz.findtext("admin1") or "").strip() or None
                t.feature = (gaz.findtext("fcode") or "").strip() or None
            gold.toponyms.append(t)
        out.append(gold)
    return out


def read_geovirus(path: Path) -> list[GoldArticle]:
    """GeoVirus: <article><text/><locations><location><name/><start/><end/><lat/><lon/>…"""
    out: list[GoldArticle] = []
    for art in _parse(path).iter("article"):
        text = art.findtext("text") or ""
        gold = GoldArticle(text)
        for loc in art.iter("location"):
            start, end = _int(loc.find("start")), _int(loc.find("end"))
            if start is None or end is None or end > len(text):
                continue
            start, end = _align(text, start, end, loc.findtext("name"))
            gold.toponyms.append(
                GoldToponym(start, end, text[start:end], lat=_float(loc.find("lat")), lon=_float(loc.find("lon")))
            )
        out.append(gold)
    return out


def read_gwn(path: Path) -> list[GoldArticle]:
    """GeoWebNews: <article><text/><toponyms><toponym><type/><start/><end/><latitude/><longitude/>…"""
    out: list[GoldArticle] = []
    for art in _parse(path).iter("article"):
        text = art.findtext("text") or ""
        gold = GoldArticle(text)
        for top in art.iter("toponym"):
            kind = (top.findtext("type") or "").strip()
            start, end = _int(top.find("start")), _int(top.find("end"))
            if kind not in GWN_TOPONYM_TYPES or start is None or end is None or end > len(text):
                continue
            start, end = _align(text, start, end, top.findtext("extractedName"))
            gold.toponyms.append(
                GoldToponym(
                    start,
                    end,
                    text[start:end],
                    lat=_float(top.find("latitude")),
                    lon=_float(top.find("longitude")),
                    kind=kind,
                )
            )
        gold.toponyms.sort(key=lambda t: t.start)
        out.append(gold)
    return out


CORPORA = {
    "gwn": (("gritta_geoparsing", "data", "GWN.xml"), read_gwn),
    "lgl": (("gritta_geoparsing", "data", "Corpora", "lgl.xml"), read_lgl_style),
    "trnews": (("gritta_geoparsing", "data", "Corpora", "TR-News.xml"), read_lgl_style),
    "geovirus": (("gritta_geoparsing", "data", "Corpora", "GeoVirus.xml"), read_geovirus),
}
