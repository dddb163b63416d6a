"""BERT's uncased WordPiece tokenizer (basic split, lower case, accents stripped), in plain Python."""

from __future__ import annotations

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


def basic_tokens(text: str) -> list[str]:
    """Lower-cased, accent-stripped words with every punctuation mark its own token."""
    chars: list[str] = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or (unicodedata.category(ch).startswith("C") and ch not in "\t\n\r"):
            continue
        if _is_cjk(cp):
            chars.append(f" {ch} ")
        else:
            chars.append(" " if ch.isspace() else ch)
    text = unicodedata.normalize("NFD", "".join(chars).lower())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    out: list[str] = []
    for word in text.split():
        current = ""
        for ch in word:
            if _is_punct(ch):
                if current:
                    out.append(current)
                    current = ""
                out.append(ch)
            else:
                current += ch
        if current:
            out.append(current)
    return out


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
        ids = [self.vocab[p] for w in basic_tokens(text) for p in self.pieces(w)]
        ids = ids[: max_length - 2]
        return [self.vocab[self.cls], *ids, self.vocab[self.sep]]
