"""A BERT encoder forward pass in numpy (post-layer-norm, GELU, absolute positions) with mean pooling."""

from __future__ import annotations

import json
import struct
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

from debrief.encoder.tokenizer import WordPiece
from debrief.errors import DebriefError

Array = npt.NDArray[np.float32]
DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32}


class WeightsError(DebriefError):
    """A safetensors file that cannot be read."""


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The tensors of a .safetensors file (8-byte header length, JSON header, raw little-endian data)."""
    data = path.read_bytes()
    if len(data) < 8:
        raise WeightsError(f"{path}: too short for a safetensors file")
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + n])
    base = 8 + n
    out: dict[str, np.ndarray] = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        if info["dtype"] not in DTYPES:
            raise WeightsError(f"{path}: tensor {name} has unsupported dtype {info['dtype']}")
        start, end = info["data_offsets"]
        arr = np.frombuffer(data, dtype=DTYPES[info["dtype"]], count=-1, offset=base + start)
        out[name] = arr[: (end - start) // arr.itemsize].reshape(info["shape"])
    return out


def _layer_norm(x: Array, w: Array, b: Array, eps: float = 1e-12) -> Array:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return ((x - mu) / np.sqrt(var + eps) * w + b).astype(np.float32)


def _gelu(x: Array) -> Array:
    """Exact (erf) GELU; erf by Abramowitz & Stegun 7.1.26 (error < 1.5e-7), computed in place on
    two scratch arrays: with q = (1 − erf(|x|/√2)) / 2, GELU(x) = max(x, 0) − |x|·q."""
    f = np.float32
    z = np.abs(x).astype(np.float32, copy=False)
    z *= f(1.0 / np.sqrt(2.0))
    t = z * f(0.3275911)
    t += f(1.0)
    np.reciprocal(t, out=t)
    q = t * f(1.061405429)
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        q += f(c)
        q *= t
    np.square(z, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    q *= z
    q *= f(0.5)
    np.abs(x, out=t)
    t *= q
    out = np.maximum(x, f(0.0)).astype(np.float32, copy=False)
    out -= t
    return out


def attention_bias(mask: Array) -> Array:
    """The additive attention bias of a (batch, pieces) mask of 1 (piece) and 0 (padding)."""
    return ((1.0 - mask) * np.float32(-1e9))[:, None, None, :].astype(np.float32)


def bert_layer(x: Array, bias: Array, tensors: Mapping[str, np.ndarray], prefix: str, heads: int) -> Array:
    """One post-layer-norm BERT layer (the tensors named `prefix`.…, dense weights stored as x @ W) over
    states `x` (batch, pieces, dim) with the attention bias of :func:`attention_bias`."""

    def dense(y: Array, name: str) -> Array:
        # one 2-D product over all pieces: numpy runs a 3-D one as a matrix product per text, 1.5× slower
        w = tensors[f"{prefix}.{name}.weight"]
        out = y.reshape(-1, y.shape[-1]) @ w + tensors[f"{prefix}.{name}.bias"]
        return out.reshape(*y.shape[:-1], w.shape[1]).astype(np.float32, copy=False)

    def norm(y: Array, name: str) -> Array:
        return _layer_norm(y, tensors[f"{prefix}.{name}.weight"], tensors[f"{prefix}.{name}.bias"])

    b, n, dim = x.shape
    d = dim // heads

    def split(y: Array) -> Array:
        return y.reshape(b, n, heads, d).transpose(0, 2, 1, 3)

    q = split(dense(x, "attention.self.query"))
    k = split(dense(x, "attention.self.key"))
    v = split(dense(x, "attention.self.value"))
    scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(d)) + bias
    scores = np.exp(scores - scores.max(-1, keepdims=True))
    probs = scores / scores.sum(-1, keepdims=True)
    ctx = (probs @ v).transpose(0, 2, 1, 3).reshape(b, n, dim).astype(np.float32)
    x = norm(x + dense(ctx, "attention.output.dense"), "attention.output.LayerNorm")
    inner = _gelu(dense(x, "intermediate.dense"))
    return norm(x + dense(inner, "output.dense"), "output.LayerNorm")


@dataclass
class SentenceEncoder:
    tensors: dict[str, np.ndarray]
    tokenizer: WordPiece
    layers: int
    heads: int
    max_length: int = 256
    batch_size: int = 32

    @classmethod
    def from_folder(cls, folder: Path) -> SentenceEncoder:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        st_config = folder / "sentence_bert_config.json"
        max_length = json.loads(st_config.read_text("utf-8")).get("max_seq_length", 256) if st_config.exists() else 256
        # copies: aligned, contiguous float32 (BLAS falls back to slow loops on unaligned buffer views);
        # dense weights stored transposed, ready for x @ W
        tensors = {
            k.removeprefix("bert."): np.ascontiguousarray(v.T if k.endswith("dense.weight") or ".self." in k else v)
            for k, v in read_safetensors(folder / "model.safetensors").items()
            if k.endswith(("weight", "bias"))
        }
        return cls(
            tensors,
            WordPiece.from_file(folder / "vocab.txt"),
            int(config["num_hidden_layers"]),
            int(config["num_attention_heads"]),
            int(max_length),
        )

    def with_tensors(self, tuned: Mapping[str, np.ndarray]) -> SentenceEncoder:
        """A copy whose named tensors are replaced (fine-tuned layers); names and shapes must match."""
        for name, value in tuned.items():
            if name not in self.tensors:
                raise WeightsError(f"tuned tensor {name!r} is not a tensor of this encoder")
            if value.shape != self.tensors[name].shape:
                expected = self.tensors[name].shape
                raise WeightsError(f"tuned tensor {name!r} has shape {value.shape}, expected {expected}")
        merged = dict(self.tensors)
        merged.update({k: np.ascontiguousarray(v, dtype=np.float32) for k, v in tuned.items()})
        return replace(self, tensors=merged)

    @property
    def dim(self) -> int:
        return int(self.tensors["embeddings.word_embeddings.weight"].shape[1])

    def _ln(self, x: Array, name: str) -> Array:
        return _layer_norm(x, self.tensors[f"{name}.weight"], self.tensors[f"{name}.bias"])

    def _forward(self, ids: npt.NDArray[np.int64], mask: Array, keep: int | None = None) -> tuple[Array, Array | None]:
        """The last layer's states and, when `keep` is given, the states that enter layer `keep`."""
        t = self.tensors
        n = ids.shape[1]
        x = t["embeddings.word_embeddings.weight"][ids] + t["embeddings.position_embeddings.weight"][:n]
        x = self._ln((x + t["embeddings.token_type_embeddings.weight"][0]).astype(np.float32), "embeddings.LayerNorm")
        bias = attention_bias(mask)
        kept = None
        for i in range(self.layers):
            if i == keep:
                kept = x
            x = bert_layer(x, bias, self.tensors, f"encoder.layer.{i}", self.heads)
        return x, kept

    def encode(self, texts: list[str]) -> Array:
        """One L2-normalised mean-pooled embedding per text, shape (len(texts), dim)."""
        return self.encode_tokens(texts)[0]

    def encode_tokens(self, texts: list[str], keep: int | None = None) -> tuple[Array, list[TokenStates]]:
        """The embeddings of :meth:`encode` and, per text, the last layer's state of each word piece
        with the character span of its word (one forward pass for both); with `keep`, each text's
        states also carry the states that enter layer `keep` (``TokenStates.inner``)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        tokens: list[TokenStates] = [TokenStates(np.zeros((0, self.dim), dtype=np.float32), [])] * len(texts)
        encoded = [self.tokenizer.encode_spans(t, self.max_length) for t in texts]
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i][0]))
        for s in range(0, len(order), self.batch_size):
            idx = order[s : s + self.batch_size]
            n = max(len(encoded[i][0]) for i in idx)
            ids = np.zeros((len(idx), n), dtype=np.int64)
            mask = np.zeros((len(idx), n), dtype=np.float32)
            for row, i in enumerate(idx):
                ids[row, : len(encoded[i][0])] = encoded[i][0]
                mask[row, : len(encoded[i][0])] = 1.0
            hidden, inner = self._forward(ids, mask, keep)
            pooled = (hidden * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
            out[idx] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            for row, i in enumerate(idx):
                m = len(encoded[i][0])
                tokens[i] = TokenStates(hidden[row, :m], encoded[i][1], None if inner is None else inner[row, :m])
        return out, tokens


@dataclass(frozen=True)
class TokenStates:
    """A text's word pieces: last-layer states (pieces × dim, [CLS] and [SEP] included), the
    character span of each piece's word ((0, 0) for [CLS] and [SEP]) and, when asked for, the states
    that enter a lower layer (:meth:`SentenceEncoder.encode_tokens`'s `keep`)."""

    states: Array
    spans: list[tuple[int, int]]
    inner: Array | None = None  # the states entering a lower layer, when the encoder was asked to keep them
