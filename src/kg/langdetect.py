"""Which of kg's languages a text is written in, for a document no catalog or ``--lang`` names.

A language with a script of its own (Bengali) is told by the share of the text's letters in
that block; the others by how often the text uses each one's most frequent words
(``data/languages.yaml``). A text that is too short, or where two languages are about as
likely, is not guessed: :class:`~kg.errors.InputError` says to give the language.

>>> detect("Indonesia dan Peru menandatangani nota kesepahaman di Lima pada hari Senin.")
'id'
>>> detect("El canciller de Chile se reunió con su homólogo de Vietnam en Hanói.")
'es'
>>> detect("ভারত ও বাংলাদেশের মধ্যে একটি চুক্তি সই হয়েছে।")
'bn'
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from kg import paths
from kg.errors import InputError

LANGUAGES_FILE = paths.DATA_DIR / "languages.yaml"
SCRIPT_SHARE = 0.5      # at least this share of the letters in a language's script
MIN_WORDS = 3           # at least this many frequent words of the winning language
MARGIN = 2.0            # and this many times as many as the next language's


def detect(text: str, source: Path | None = None) -> str:
    """The language code of ``text``; ``source`` names the file in the error when none is sure."""
    scripts, words = _languages()
    letters = [c for c in text if c.isalpha()]
    for code, (low, high) in scripts.items():
        if letters and sum(low <= ord(c) <= high for c in letters) / len(letters) >= SCRIPT_SHARE:
            return code
    tokens = re.findall(r"\w+", text.casefold())
    counts = sorted(((sum(t in vocabulary for t in tokens), code) for code, vocabulary in words.items()),
                    reverse=True)
    (best, code), (second, _) = counts[0], counts[1]
    if best >= MIN_WORDS and best >= MARGIN * second:
        return code
    raise InputError(f"cannot tell the language ({', '.join(f'{c}: {n} frequent words' for n, c in counts)}); "
                     f"give it with --lang", file=source)


@lru_cache(maxsize=1)
def _languages() -> tuple[dict[str, tuple[int, int]], dict[str, frozenset[str]]]:
    from kg.extract.yamlfile import read_yaml

    data = read_yaml(LANGUAGES_FILE)[1]
    scripts = {code: (int(low), int(high)) for code, (low, high) in data["script"].items()}
    return scripts, {code: frozenset(w.casefold() for w in words) for code, words in data["words"].items()}
