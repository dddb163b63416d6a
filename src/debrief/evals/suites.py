"""The registry of benchmark suites: one line per suite (name, module, what it measures)."""

from __future__ import annotations

from debrief.evals import register

register("case2021-t2", "case2021", "event type, weighted F1 on 25/28/30 classes (CASE 2021 Task 2)")
register("polnear", "polnear", "attribution source, cue and content span F1 (exact and overlap) on PolNeAR test")
register("tempeval3", "tempeval3", "DATE detection F1 and value F1 against creation time on TE3 platinum")
register("acled-notes", "acled_notes", "fatalities exact match, date and admin1 agreement from ACLED notes")
register("gwn", "geo_gwn", "toponym recognition P/R/F1 and resolution acc@161/km on GeoWebNews")
register("lgl", "geo_lgl", "toponym recognition P/R/F1 and resolution acc@161/admin1/km on LGL")
register("trnews", "geo_trnews", "toponym recognition P/R/F1 and resolution acc@161/admin1/km on TR-News")
register("geovirus", "geo_geovirus", "toponym recognition P/R/F1 and resolution acc@161/km on GeoVirus")
register("event-location", "event_location", "event location token P/R/F1 on Halterman's RELABEL records")
register("plover-gsr", "plover", "dead/injured counts, source and target actors on PLOVER gold records")
