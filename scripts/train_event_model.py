"""Train the event-type classifier of backend ``events.model`` and write its weights (.npz, no pickle).

    TOKENIZERS_PARALLELISM=false .venv/bin/python scripts/train_event_model.py [--data ../shared/data]

Inputs (never the CASE 2021 test set):
- scripts/event_examples.csv: sentences written for this project, eight per code (code,text);
- PLOVER gold-standard records (CC BY-SA 4.0): AGREE → AGREEMENT, CONSULT → DIPLO;
- WikiEvents dev+test (MIT): ArrestJailDetain → ARREST, DiseaseOutbreak → NATURAL_DISASTER,
  Crash → MAN_MADE_DISASTER (the sentence of each event mention);
- UCDP GED Syria headlines (CC BY 4.0), weakly labelled: a headline whose strongest lexicon trigger is
  a violent code takes that code (at most PER_CODE_WEAK per code, weight WEAK_WEIGHT).
Sentences are embedded with all-MiniLM-L6-v2 (debrief.encoder, SHA-256 checked) and a multinomial
logistic regression (class-balanced, L2) is fitted by full-batch gradient descent with a fixed seed.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from pathlib import Path

import numpy as np

from debrief.encoder import MINILM_SHA256, load_encoder
from debrief.stages.events import TriggerLexicon
from debrief.taxonomy import EVENT_CODES

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "src" / "debrief" / "data" / "models" / "event_type_minilm_v1.npz"
PER_CODE_WEAK = 80
WEAK_WEIGHT = 0.5
SEED = 13
EPOCHS = 600
LR = 0.5
L2 = 1e-3
PLOVER_MAP = {"AGREE": "AGREEMENT", "CONSULT": "DIPLO"}
KAIROS_MAP = {
    "Justice.ArrestJailDetain.Unspecified": "ARREST",
    "Disaster.DiseaseOutbreak.Unspecified": "NATURAL_DISASTER",
    "Disaster.Crash.Unspecified": "MAN_MADE_DISASTER",
}
WEAK_CODES = {
    "AIR_STRIKE",
    "ART_MISS_ATTACK",
    "ARMED_CLASH",
    "ATTACK",
    "REM_EXPLOS",
    "SUIC_BOMB",
    "GOV_REGAINS_TERIT",
    "NON_STATE_ACTOR_OVERTAKES_TER",
    "ABDUCT_DISSAP",
    "CHEM_WEAP",
}


def examples() -> list[tuple[str, str, float]]:
    with (HERE / "event_examples.csv").open(encoding="utf-8", newline="") as fh:
        return [(r["text"], r["code"], 1.0) for r in csv.DictReader(fh)]


def plover(data: Path) -> list[tuple[str, str, float]]:
    records = json.loads((data / "plover_gsr" / "PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8"))
    return [
        (re.sub(r"\s+", " ", r["text"]), PLOVER_MAP[r["event"]], 1.0)
        for r in records
        if isinstance(r, dict) and r.get("event") in PLOVER_MAP and r.get("text")
    ]


def wikievents(data: Path) -> list[tuple[str, str, float]]:
    out: dict[str, tuple[str, str, float]] = {}
    for part in ("dev.jsonl", "test.jsonl"):
        for line in (data / "wikievents" / part).read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            for ev in doc["event_mentions"]:
                code = KAIROS_MAP.get(ev["event_type"])
                if code:
                    text = doc["sentences"][ev["trigger"]["sent_idx"]][1]
                    out.setdefault(text, (text, code, 1.0))
    return list(out.values())


def ucdp_weak(data: Path, lexicon: TriggerLexicon) -> list[tuple[str, str, float]]:
    path = data / "ucdp_ged_syria_2016_2019" / "ucdp_ged_syria_2016_2019.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        heads = sorted({r["source_headline"].split(";")[0].strip() for r in csv.DictReader(fh)} - {""})
    random.Random(SEED).shuffle(heads)
    taken: dict[str, int] = {}
    out: list[tuple[str, str, float]] = []
    for h in heads:
        typed = [t for t in lexicon.find(h, 0, len(h)) if t.code != "*"]
        if not typed:
            continue
        code = max(typed, key=lambda t: t.priority).code
        if code in WEAK_CODES and taken.get(code, 0) < PER_CODE_WEAK:
            taken[code] = taken.get(code, 0) + 1
            out.append((h, code, WEAK_WEIGHT))
    return out


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Weighted multinomial logistic regression by gradient descent; class weights balance the codes."""
    counts = np.bincount(y, weights=w, minlength=k)
    sample_w = w * (counts.sum() / (k * np.maximum(counts, 1e-9)))[y]
    sample_w = sample_w / sample_w.sum()
    weights = np.zeros((x.shape[1], k), dtype=np.float64)
    bias = np.zeros(k, dtype=np.float64)
    onehot = np.eye(k)[y]
    scale = 10.0  # embeddings are unit vectors: scale the logits' input
    xs = x.astype(np.float64) * scale
    for _ in range(EPOCHS):
        logits = xs @ weights + bias
        logits -= logits.max(1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(1, keepdims=True)
        g = (p - onehot) * sample_w[:, None]
        weights -= LR * (xs.T @ g + L2 * weights)
        bias -= LR * g.sum(0)
    return (weights * scale).astype(np.float32), bias.astype(np.float32)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    lexicon = TriggerLexicon.load()
    rows = examples() + plover(args.data) + wikievents(args.data) + ucdp_weak(args.data, lexicon)
    codes = list(EVENT_CODES)
    texts = [t for t, _, _ in rows]
    y = np.array([codes.index(c) for _, c, _ in rows])
    w = np.array([wt for _, _, wt in rows], dtype=np.float64)
    print(f"{len(rows)} training sentences; per code: {np.bincount(y, minlength=len(codes)).tolist()}", file=sys.stderr)
    encoder = load_encoder()
    x = encoder.encode(texts)
    weights, bias = fit(x, y, w, len(codes))
    train_acc = float(((x @ weights + bias).argmax(1) == y).mean())
    print(f"training accuracy {train_acc:.3f}", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez(
        args.out,
        weights=weights,
        bias=bias,
        codes=np.array(codes),
        encoder_sha256=np.array(MINILM_SHA256),
        format_version=np.array(1),
    )
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
