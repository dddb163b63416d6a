"""Check the trigger lexicon against the licensed development sources (never the CASE test set).

    .venv/bin/python scripts/lexicon_dev.py [--data ../shared/data] [--csv other_triggers.csv]

Three checks, each printing coverage (share of items with any typed trigger) and agreement (share
typed into a code compatible with the source's own label):
- UCDP GED Syria headlines (CC BY 4.0): every row is a lethal violent event, so a compatible code is
  any violent ACLED type; a non-violent code (DIPLO, AGREEMENT, disasters …) is a false alarm.
- WikiEvents dev+test sentences (MIT), by the KAIROS type of their event mentions.
- PLOVER gold-standard records (CC BY-SA 4.0), by PLOVER event type.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections import Counter
from pathlib import Path

from debrief.stages.events import TriggerLexicon

VIOLENT = {
    "ABDUCT_DISSAP",
    "AIR_STRIKE",
    "ARMED_CLASH",
    "ART_MISS_ATTACK",
    "ATTACK",
    "CHEM_WEAP",
    "GRENADE",
    "REM_EXPLOS",
    "SUIC_BOMB",
    "SEX_VIOL",
    "MOB_VIOL",
    "GOV_REGAINS_TERIT",
    "NON_STATE_ACTOR_OVERTAKES_TER",
    "FORCE_AGAINST_PROTEST",
    "VIOL_DEMONSTR",
    "PROPERTY_DISTRUCT",
}
EXPLOSIVE = {"REM_EXPLOS", "SUIC_BOMB", "GRENADE", "AIR_STRIKE", "ART_MISS_ATTACK"}
KAIROS: dict[str, set[str]] = {
    "Conflict.Attack.DetonateExplode": EXPLOSIVE,
    "Justice.ArrestJailDetain.Unspecified": {"ARREST"},
    "Disaster.Crash.Unspecified": {"MAN_MADE_DISASTER"},
    "Disaster.DiseaseOutbreak.Unspecified": {"NATURAL_DISASTER"},
    "Conflict.Demonstrate.Unspecified": {"PEACE_PROTEST", "PROTEST_WITH_INTER", "VIOL_DEMONSTR"},
    "Conflict.Demonstrate.DemonstrateWithViolence": {"VIOL_DEMONSTR"},
}
PLOVER: dict[str, set[str]] = {
    "AGREE": {"AGREEMENT"},
    "CONSULT": {"DIPLO"},
    "PROTEST": {"PEACE_PROTEST", "PROTEST_WITH_INTER", "VIOL_DEMONSTR"},
    "ASSAULT": VIOLENT,
    "FIGHT": VIOLENT,
    "RETREAT": {"NON_VIOL_TERRIT_TRANSFER"},
}


def typed_code(lexicon: TriggerLexicon, text: str) -> str | None:
    typed = [t for t in lexicon.find(text, 0, len(text)) if t.code != "*"]
    return max(typed, key=lambda t: t.priority).code if typed else None


def report(name: str, items: list[tuple[str, set[str]]], lexicon: TriggerLexicon) -> None:
    codes = [typed_code(lexicon, text) for text, _ in items]
    covered = sum(1 for c in codes if c)
    agree = sum(1 for c, (_, ok) in zip(codes, items, strict=True) if c in ok)
    wrong = Counter(c for c, (_, ok) in zip(codes, items, strict=True) if c and c not in ok)
    n = len(items) or 1
    print(f"{name:<12} n={len(items):>5} coverage={covered / n:.3f} agreement={agree / n:.3f}")
    print(f"{'':<12} top disagreements: {wrong.most_common(6)}")


def ucdp(data: Path) -> list[tuple[str, set[str]]]:
    path = data / "ucdp_ged_syria_2016_2019" / "ucdp_ged_syria_2016_2019.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        heads = {row["source_headline"].strip() for row in csv.DictReader(fh) if row["source_headline"]}
    return [(h, VIOLENT) for h in sorted(heads) if h]


def wikievents(data: Path) -> list[tuple[str, set[str]]]:
    out: list[tuple[str, set[str]]] = []
    for part in ("dev.jsonl", "test.jsonl"):
        for line in (data / "wikievents" / part).read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            for ev in doc["event_mentions"]:
                ok = KAIROS.get(ev["event_type"])
                if ok:
                    out.append((doc["sentences"][ev["trigger"]["sent_idx"]][1], ok))
    return out


def plover(data: Path) -> list[tuple[str, set[str]]]:
    records = json.loads((data / "plover_gsr" / "PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8"))
    return [
        (re.sub(r"\s+", " ", r["text"]), PLOVER[r["event"]])
        for r in records
        if isinstance(r, dict) and r.get("event") in PLOVER and r.get("text")
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data")
    ap.add_argument("--csv", type=Path, help="a trigger CSV to load instead of the packaged one")
    args = ap.parse_args()
    lexicon = TriggerLexicon.load() if args.csv is None else TriggerLexicon.from_csv(args.csv.read_text("utf-8"))
    report("ucdp", ucdp(args.data), lexicon)
    report("wikievents", wikievents(args.data), lexicon)
    report("plover", plover(args.data), lexicon)


if __name__ == "__main__":
    main()
