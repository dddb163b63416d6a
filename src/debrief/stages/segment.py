"""Segmentation: paragraphs, sentences and tokens with character offsets.

Paragraphs are split on blank lines (and on single newlines, which in extracted web text separate
headlines, captions and embedded posts from the body); sentences within a paragraph come from
spaCy's rule-based sentencizer on a blank English pipeline, so no model download is needed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from debrief.document import Document
from debrief.pipeline import Context
from debrief.records import Sentence, Token

_PARA = re.compile(r"[^\n]+")
_OPENING = frozenset("([{")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line-delimited block."""
    return [(m.start(), m.end()) for m in _PARA.finditer(text) if m.group().strip()]


@dataclass
class SegmentStage:
    context: Context
    name: str = "segment"

    def __call__(self, doc: Document) -> Document:
        nlp = self.context.resources.nlp()
        spans = paragraphs(doc.text)
        sentences: list[Sentence] = []
        tokens: list[Token] = []
        for p_index, (doc_sp, (p_start, _p_end)) in enumerate(
            zip(nlp.pipe(doc.text[s:e] for s, e in spans), spans, strict=True)
        ):
            open_bracket = False
            for sent in doc_sp.sents:
                toks = [t for t in sent if not t.is_space]
                if not toks:
                    continue
                start = p_start + toks[0].idx
                end = p_start + toks[-1].idx + len(toks[-1].text)
                if open_bracket:  # no sentence ends on an opening bracket: "CHARLESTON, W.Va. (" + "AP) --"
                    start = sentences.pop().start
                sentences.append(Sentence(index=len(sentences), start=start, end=end, paragraph=p_index))
                tokens.extend(Token(p_start + t.idx, p_start + t.idx + len(t.text), t.text) for t in toks)
                open_bracket = toks[-1].text in _OPENING
        doc.sentences = sentences
        doc.tokens = tokens
        return doc
