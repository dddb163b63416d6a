"""Place-name normalisation and transliteration variants.

Every name is indexed, and every query looked up, under up to three keys of falling strictness:

* level 0, :func:`fold`: case, diacritics (``Ḩimş`` → ``hims``), apostrophes and ayn/hamza marks,
  hyphens and spaces folded; ``St.``/``Mt.`` spelled out.
* level 1, :func:`sound_key`: the Arabic article dropped wherever it stands (``al-``, ``el-``,
  ``ad-``, ``ash-``, ``ez-``…, and glued ``Ezzor``/``Arraqqa``), spaces dropped, the digraphs
  ``kh gh dh th sh ph`` and ``q`` reduced, doubled letters collapsed, the ``-eh``/``-ah`` ending
  dropped and every vowel run (with ``w``/``y``) reduced to one ``a``. ``Deir ez-Zor``,
  ``Dayr az Zawr``, ``Deir al-Zour`` and ``Deir Ezzor`` share ``darzar``; ``Kweires``,
  ``Kuweires`` and ``Kuwayris`` share ``karas``; ``Hmeimim`` and ``Khmeimim`` share ``hmamam``.
* level 2, :func:`skeleton`: the consonants of the level-1 key (``#ltmn`` for Latamna, Latamneh
  and al-Lataminah); only kept when it has at least three consonants.

A match is as good as the looser of the two keys that met, so level-2 matches are evidence, not
proof: the places stage only accepts them with a supporting pattern ("the village of X").
"""

from __future__ import annotations

import re
import unicodedata

EXACT, SOUND, SKELETON = 0, 1, 2


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text`, as a set."""
    return frozenset(text.split())


# Letters NFKD does not decompose.
_LETTERS = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        "ß": "ss",
        "ħ": "h",
        "ŧ": "t",
        "ŀ": "l",
        "ə": "e",
    }
)
# Apostrophes, ayn and hamza marks, backticks and dots vanish; other punctuation separates words.
_SILENT = re.compile(r"[’‘ʿʾʻʼʹ′`´'\".]")
_SEPARATORS = re.compile(r"[^\w]+|_")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}

ARTICLES = words("al el il ul ad ed ar er as es ash esh at et ath az ez an en ud ur")
_GLUED_ARTICLE = re.compile(r"^[ae]([dnrstz])\1(?=[a-z]{2})")
_DIGRAPHS = (
    ("dzh", "j"),
    ("tch", "ch"),
    ("kh", "h"),
    ("gh", "g"),
    ("dh", "d"),
    ("th", "t"),
    ("sch", "s"),
    ("sh", "s"),
    ("ph", "f"),
    ("dj", "j"),
    ("zh", "j"),
    ("ck", "k"),
    ("q", "k"),
)
_DOUBLES = re.compile(r"([a-z])\1+")
_FINAL_H = re.compile(r"(?<=[aeiouy])h$")
_VOWELS = re.compile(r"[aeiouyw]+")


def fold(text: str) -> str:
    """Level-0 key: lower case, no diacritics, no apostrophes, words separated by one space."""
    text = text.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c)).translate(_LETTERS)
    text = _SILENT.sub("", text)
    words = _SEPARATORS.sub(" ", text).split()
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


def strip_articles(folded: str) -> list[str]:
    """The words of a folded name without Arabic articles (kept when nothing else is left)."""
    words = folded.split()
    kept = [w for w in words if w not in ARTICLES]
    if not kept:
        return words
    return [_GLUED_ARTICLE.sub(r"\1", w) if len(w) >= 5 and w[1] == w[2] else w for w in kept]


def sound_key(folded: str) -> str:
    """Level-1 key of an already folded name (see the module docstring)."""
    text = "".join(strip_articles(folded))
    if not text.isascii():
        return ""
    for old, new in _DIGRAPHS:
        text = text.replace(old, new)
    text = _DOUBLES.sub(r"\1", text)
    text = _FINAL_H.sub("", text)
    return _VOWELS.sub("a", text)


def skeleton(sound: str) -> str:
    """Level-2 key: the consonants of a level-1 key, prefixed with ``#``; empty when too short."""
    consonants = sound.replace("a", "")
    if len(consonants) < 3 or not consonants.isalpha():
        return ""
    return "#" + consonants


def keys(name: str) -> dict[str, int]:
    """Every key of `name` with its level (the strictest level when two keys coincide)."""
    folded = fold(name)
    if not folded:
        return {}
    out: dict[str, int] = {folded: EXACT}
    sound = sound_key(folded)
    if sound and sound not in out:
        out[sound] = SOUND
    skel = skeleton(sound) if sound else ""
    if skel:
        out[skel] = SKELETON
    return out


# Words that turn a name into an administrative area name ("Donetsk Oblast", "Basra Governorate",
# "Muhafazat Kirkuk", "Sha`biyat Nalut", "Jiangsu Sheng", "Guangxi Zhuangzu Zizhiqu"); stripped to
# find the bare name an area is known by.
ADMIN_WORDS = words(
    """province provincia provinz governorate gouvernorat muhafazat muhafazah muhafaza mohafazat
    wilayat wilayah vilayet velayat ostan oblast oblasti krai kray okrug region regione republic
    respublika state county district department departement prefecture municipality mayorality
    city shabiyat shabiyah popularate autonomous avtonomnyy avtonomna of the e i de del la le
    governate division territory capital federal sheng shi zizhiqu uygur zhuangzu huizu provinsi
    changwat"""
)


def bare_admin_name(name: str) -> str:
    """`name` folded, without administrative words ("Basra Governorate" → "basra")."""
    words = [w for w in fold(name).split() if w not in ADMIN_WORDS]
    return " ".join(words)


def is_latin(text: str) -> bool:
    """True when every letter of `text` is Latin (after removing diacritics)."""
    if text.isascii():
        return True
    for c in unicodedata.normalize("NFKD", text):
        if c.isalpha() and not ("a" <= c.lower() <= "z") and c not in "ıłøđðþæœßħŧŀə":
            return False
    return True


_WORD_SPLIT = re.compile(r"([\s\-]+)")


def clean_admin_display(name: str) -> str:
    """`name` without leading/trailing administrative words, its case kept
    ("Mayorality of Baghdad" → "Baghdad", "Wilayat-e Baghlan" → "Baghlan")."""
    parts = [p for p in _WORD_SPLIT.split(name) if p]
    words = [i for i, p in enumerate(parts) if not _WORD_SPLIT.fullmatch(p)]
    keep = [i for i in words if fold(parts[i]) not in ADMIN_WORDS]
    if not keep:
        return name
    cleaned = "".join(parts[keep[0] : keep[-1] + 1]).strip(" -")
    return cleaned or name
