"""BERT's uncased WordPiece tokenizer (basic split, lower case, accents stripped), in plain Python."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def _normalise(word: str) -> list[str]:
    """Each character of `word` lower-cased and stripped of accents (possibly empty), one per character."""
    lowered = word.lower()
    chars = list(lowered) if len(lowered) == len(word) else [ch.lower() for ch in word]
    return ["".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn") for ch in chars]


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """BERT's basic tokens of `text` (lower-cased, accent-stripped words, each punctuation mark its own
    token) with the character span of `text` each comes from."""
    out: list[tuple[str, int, int]] = []
    for m in re.finditer(r"\S+", text):
        current, begin = "", m.start()
        word = m.group()
        for offset, norm in enumerate(_normalise(word)):
            ch, at = word[offset], m.start() + offset
            cp = ord(ch)
            if cp == 0 or cp == 0xFFFD or (unicodedata.category(ch).startswith("C") and ch not in "\t\n\r"):
                continue
            if _is_cjk(cp) or any(_is_punct(c) for c in norm):
                if current:
                    out.append((current, begin, at))
                    current = ""
                out.extend((c, at, at + 1) for c in norm)
                continue
            if not current:
                begin = at
            current += norm
        if current:
            out.append((current, begin, m.end()))
    return out


def basic_tokens(text: str) -> list[str]:
    """Lower-cased, accent-stripped words with every punctuation mark its own token."""
    return [token for token, _, _ in token_spans(text)]


@dataclass(frozen=True)
class WordPiece:
    vocab: dict[str, int]
    unk: str = "[UNK]"
    cls: str = "[CLS]"
    sep: str = "[SEP]"
    max_word_chars: int = 100

    @classmethod
    def from_file(cls, path: Path) -> WordPiece:
        words = path.read_text(encoding="utf-8").split("\n")
        return cls({w: i for i, w in enumerate(words) if w})

    def pieces(self, word: str) -> list[str]:
        if len(word) > self.max_word_chars:
            return [self.unk]
        out: list[str] = []
        start = 0
        while start < len(word):
            end = len(word)
            piece = None
            while start < end:
                sub = word[start:end] if start == 0 else "##" + word[start:end]
                if sub in self.vocab:
                    piece = sub
                    break
                end -= 1
            if piece is None:
                return [self.unk]
            out.append(piece)
            start = end
        return out

    def encode(self, text: str, max_length: int = 256) -> list[int]:
        """[CLS] pieces… [SEP] as vocabulary ids, truncated to `max_length` ids."""
        return self.encode_spans(text, max_length)[0]

    def encode_spans(self, text: str, max_length: int = 256) -> tuple[list[int], list[tuple[int, int]]]:
        """The ids of :meth:`encode` and, for each, the character span of `text` its word comes from
        ((0, 0) for [CLS] and [SEP])."""
        pairs = [(self.vocab[p], (s, e)) for w, s, e in token_spans(text) for p in self.pieces(w)]
        pairs = pairs[: max_length - 2]
        ids = [self.vocab[self.cls], *(i for i, _ in pairs), self.vocab[self.sep]]
        return ids, [(0, 0), *(span for _, span in pairs), (0, 0)]
