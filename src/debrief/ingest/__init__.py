"""Inputs → Documents: text, HTML, JSON Lines, CSV, RSS/Atom feeds, standard input and URLs.

:func:`read_sources` is the one entry point; each module handles one concern:
``sniff`` (size, binary, encodings), ``text`` and ``html`` (single documents), ``tabular`` and
``columns`` (one article per row), ``feeds``, ``remote`` (URLs), ``dates`` (stated publication
dates), ``sources`` (dispatch and folder walks).
"""

from __future__ import annotations

from debrief.ingest.dates import parse_published
from debrief.ingest.sources import read_sources

__all__ = ["parse_published", "read_sources"]
