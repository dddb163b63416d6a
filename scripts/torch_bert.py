"""A BERT layer in torch that mirrors :func:`debrief.encoder.model.bert_layer`, for the training scripts.

Both training scripts tune copies of all-MiniLM-L6-v2's layers and write them back in the numpy
encoder's names and orientation (dense weights as ``x @ W``), so the run time needs numpy alone.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

# the layer's parts: attribute → the encoder's tensor name under "encoder.layer.<i>."
PARTS = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "o": "attention.output.dense",
    "ln1": "attention.output.LayerNorm",
    "inter": "intermediate.dense",
    "out": "output.dense",
    "ln2": "output.LayerNorm",
}


def bert_layer(dim: int, heads: int, tensor: Callable[[str], np.ndarray]):  # type: ignore[no-untyped-def]
    """A post-layer-norm BERT layer initialised from `tensor(part name)`, which gives each weight in
    torch's orientation (a dense weight as (out, in), as in the safetensors file)."""
    import torch
    from torch import nn

    class Layer(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.q, self.k, self.v, self.o = (nn.Linear(dim, dim) for _ in range(4))
            self.ln1, self.ln2 = nn.LayerNorm(dim, eps=1e-12), nn.LayerNorm(dim, eps=1e-12)
            self.inter, self.out = nn.Linear(dim, 4 * dim), nn.Linear(4 * dim, dim)
            self.names = PARTS
            for attr, name in PARTS.items():
                mod = getattr(self, attr)
                mod.weight.data.copy_(torch.tensor(np.array(tensor(f"{name}.weight"), dtype=np.float32)))
                mod.bias.data.copy_(torch.tensor(np.array(tensor(f"{name}.bias"), dtype=np.float32)))

        def forward(self, x, bias):  # type: ignore[no-untyped-def]
            b, n, _ = x.shape
            d = dim // heads

            def split(y):  # type: ignore[no-untyped-def]
                return y.view(b, n, heads, d).transpose(1, 2)

            q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
            att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d) + bias, dim=-1)
            ctx = (att @ v).transpose(1, 2).reshape(b, n, dim)
            x = self.ln1(x + self.o(ctx))
            return self.ln2(x + self.out(torch.nn.functional.gelu(self.inter(x))))

    return Layer()


def from_numpy_layout(tensors: dict[str, np.ndarray], prefix: str) -> Callable[[str], np.ndarray]:
    """`tensor(part)` for :func:`bert_layer` from the numpy encoder's tensors (dense weights stored as
    x @ W, so transposed back here)."""

    def tensor(name: str) -> np.ndarray:
        w = tensors[f"{prefix}.{name}"]
        return w.T if name.endswith("weight") and "LayerNorm" not in name else w

    return tensor


def layer_arrays(layer, prefix: str, tag: str) -> dict[str, np.ndarray]:  # type: ignore[no-untyped-def]
    """A tuned layer's tensors in the numpy encoder's names (``<tag><prefix>.<part>``) and orientation,
    float16."""
    from torch import nn

    arrays: dict[str, np.ndarray] = {}
    for attr, name in PARTS.items():
        mod = getattr(layer, attr)
        w = mod.weight.detach().numpy()
        arrays[f"{tag}{prefix}.{name}.weight"] = (w.T if isinstance(mod, nn.Linear) else w).astype(np.float16)
        arrays[f"{tag}{prefix}.{name}.bias"] = mod.bias.detach().numpy().astype(np.float16)
    return arrays
