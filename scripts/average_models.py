"""Average the weights of event-type models fine-tuned from the same start (a uniform "model soup").

    .venv/bin/python scripts/average_models.py RUN1.npz RUN2.npz ... [--out FILE] [--data ../shared/data]

Each input is an .npz written by scripts/train_event_model.py with the same recipe and a different
``--seed`` (the order of the training batches; the head's start is the same in all of them). Runs that
start from the same weights and differ only in the order of their batches end up close enough that
the mean of their weights is itself a good model, often better than any one of them (Wortsman et al.,
"Model soups", ICML 2022); it costs nothing at run time, unlike an ensemble, which would encode every
sentence once per member.

Every float array (the tuned encoder layers, the head's weights and bias) is averaged in float32 and
stored in its input dtype; the codes, encoder hash, format version and token limit must agree.

With ``--data``, each input and the average are checked on the tuning half of the ACLED notes (the
coarse event type and the protesters/rioters split, as the training script reports them: the model's
argmax, no lexicon tie-break). The notes are read at this time only, never stored.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import numpy as np
from train_event_model import COARSE, CROWD, NONE, acled_coarse

from debrief.encoder import load_encoder
from debrief.stages.events_model import TypeClassifier
from debrief.taxonomy import EVENT_CODES

HERE = Path(__file__).resolve().parent
SAME = ("codes", "encoder_sha256", "format_version", "max_tokens")


def average(paths: list[Path]) -> dict[str, np.ndarray]:
    runs = [dict(np.load(p, allow_pickle=False)) for p in paths]
    first = runs[0]
    for path, run in zip(paths[1:], runs[1:], strict=True):
        if set(run) != set(first):
            raise SystemExit(f"{path}: its arrays differ from {paths[0]}'s")
        for key in SAME:
            if key in first and not np.array_equal(run[key], first[key]):
                raise SystemExit(f"{path}: {key} differs from {paths[0]}'s")
    out: dict[str, np.ndarray] = {}
    for key, value in first.items():
        if value.dtype.kind == "f":
            mean = np.mean([run[key].astype(np.float32) for run in runs], axis=0)
            out[key] = mean.astype(value.dtype)
        else:
            out[key] = value
    return out


def check(arrays: dict[str, np.ndarray], rows: list[tuple[str, str, str]]) -> str:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)  # type: ignore[arg-type]
    clf = TypeClassifier.from_bytes(buffer.getvalue())
    encoder = load_encoder(expected_sha256=clf.encoder_sha256).with_tensors(clf.layers)
    probs = clf.probabilities(encoder.encode([t for t, _, _ in rows]))
    n_event = len([c for c in clf.codes if c != NONE])
    assert list(clf.codes[:n_event]) == list(EVENT_CODES)
    picked = [clf.codes[i] for i in probs[:, :n_event].argmax(1)]
    coarse = np.mean([code in COARSE[kind] for code, (_, kind, _) in zip(picked, rows, strict=True)])
    crowd = [code in CROWD[who] for code, (_, _, who) in zip(picked, rows, strict=True) if who]
    return f"acled coarse accuracy {coarse:.3f}, protesters/rioters {np.mean(crowd):.3f} (n {len(crowd)})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("runs", type=Path, nargs="+", help=".npz files of train_event_model.py")
    ap.add_argument("--out", type=Path, default=None, help="where to write the average")
    ap.add_argument("--data", type=Path, default=None, help="../shared/data, for the ACLED-notes check")
    args = ap.parse_args()
    averaged = average(args.runs)
    if args.data is not None:
        rows = acled_coarse(args.data)
        for path in args.runs:
            print(f"{path.name}: {check(dict(np.load(path, allow_pickle=False)), rows)}", flush=True)
        print(f"average of {len(args.runs)}: {check(averaged, rows)}", flush=True)
    if args.out is not None:
        np.savez_compressed(args.out, **averaged)  # type: ignore[arg-type]
        print(f"wrote {args.out}")


if __name__ == "__main__":
    sys.exit(main())
