"""The gazetteer: place names, admin areas, countries and demonyms, from an on-disk SQLite index.

``Gazetteer.open(options)`` builds the index on first use (``build``) and opens it read-only
afterwards (``index``); ``names`` holds the normalisation and transliteration keys both share.
"""

from __future__ import annotations

from debrief.gazetteer.index import Gazetteer

__all__ = ["Gazetteer"]
