"""The small phrase language the policy data uses to recognise what residents write.

A phrase is words separated by spaces, for example `deal* ... drug*|weed`:

- `word` matches that word and its plurals (`bin` matches `bins`, `party` matches `parties`);
  words of `fuzzy_min_length` letters or more also match one typo: a letter missing, extra
  or swapped with its neighbour (`knotwed` for `knotweed`);
- `word*` matches any word starting with `word` (`threat*`: threat, threatened, threatening);
- `a|b|c` matches any one of the alternatives;
- `...` lets up to `max_gap` other words sit in between.

Text and phrases are normalised the same way: lower case, apostrophes dropped (`don't` is
`dont`, `neighbour's` is `neighbours`), anything else that is not a letter or digit splits words.
Phrases never match across a sentence break (`.`, `!`, `?`, `;`, a new line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

GAP = "..."
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_TOKEN = re.compile(r"[a-z0-9']+|[.!?;\n]|,")
_ALTERNATIVE = re.compile(r"[a-z0-9]+\*?")
_SENTENCE_BREAKS = frozenset(".!?;\n")
_MIN_PREFIX = 3


@dataclass(frozen=True)
class Tokens:
    """Words of a text with the sentence and clause each word sits in."""

    words: tuple[str, ...]
    sentences: tuple[int, ...]
    clauses: tuple[int, ...]


def normalise_word(word: str) -> str:
    """Lower-case a word and drop apostrophes, the way both text and phrases are compared."""
    return word.lower().translate(_APOSTROPHES).replace("'", "")


def tokenize(text: str, clause_breaks: frozenset[str] = frozenset()) -> Tokens:
    """Split text into words; `clause_breaks` words (e.g. `but`) and commas start a new clause."""
    text = re.sub(r"(\d)[.:](\d)", r"\1\2", text.lower().translate(_APOSTROPHES))
    words: list[str] = []
    sentences: list[int] = []
    clauses: list[int] = []
    sentence = clause = 0
    for token in _TOKEN.findall(text):
        if token in _SENTENCE_BREAKS:
            sentence += 1
            clause += 1
            continue
        if token == ",":
            clause += 1
            continue
        word = token.replace("'", "")
        if not word:
            continue
        if word in clause_breaks:
            clause += 1
        words.append(word)
        sentences.append(sentence)
        clauses.append(clause)
    return Tokens(tuple(words), tuple(sentences), tuple(clauses))


@dataclass(frozen=True)
class Alternative:
    """One way of matching a word position: an exact word (with plurals) or a prefix."""

    text: str
    prefix: bool
    forms: frozenset[str]

    @classmethod
    def parse(cls, raw: str) -> Alternative:
        """Parse `word` or `word*`, raising ValueError on anything else."""
        text = normalise_word(raw)
        if not _ALTERNATIVE.fullmatch(text):
            raise ValueError(
                f"'{raw}' must be letters or digits, optionally ending in '*' "
                "(write hyphenated words as separate words)"
            )
        if text.endswith("*"):
            stem = text[:-1]
            if len(stem) < _MIN_PREFIX:
                raise ValueError(f"'{raw}' is too short a prefix (at least {_MIN_PREFIX} letters)")
            return cls(stem, True, frozenset())
        forms = {text, text + "s", text + "es"}
        if text.endswith("y") and len(text) > 2:
            forms.add(text[:-1] + "ies")
        return cls(text, False, frozenset(forms))

    def matches(self, word: str, fuzzy_min_length: int) -> bool:
        """True if `word` is this alternative, one of its plurals, or (long words) a typo of it."""
        if self.prefix:
            return word.startswith(self.text)
        if word in self.forms:
            return True
        return (
            fuzzy_min_length > 0
            and len(self.text) >= fuzzy_min_length
            and word[:1] == self.text[:1]
            and _one_edit_apart(self.text, word)
        )


@dataclass(frozen=True)
class Phrase:
    """A parsed phrase: a sequence of word positions, `None` standing for a gap."""

    text: str
    parts: tuple[tuple[Alternative, ...] | None, ...]

    @classmethod
    def from_yaml(cls, value: object) -> Phrase:
        """Parse a phrase written in the policy file, raising ValueError if malformed."""
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"a phrase must be non-empty text, got {value!r}")
        parts: list[tuple[Alternative, ...] | None] = []
        for token in value.split():
            if token == GAP:
                if not parts or parts[-1] is None:
                    raise ValueError(f"phrase '{value}': '...' must sit between two words")
                parts.append(None)
                continue
            alternatives = token.split("|")
            if any(not a for a in alternatives):
                raise ValueError(f"phrase '{value}': empty alternative in '{token}'")
            try:
                parts.append(tuple(Alternative.parse(a) for a in alternatives))
            except ValueError as error:
                raise ValueError(f"phrase '{value}': {error}") from None
        if parts[-1] is None:
            raise ValueError(f"phrase '{value}': '...' must sit between two words")
        return cls(value, tuple(parts))

    def __str__(self) -> str:
        return self.text

    def find(
        self, tokens: Tokens, max_gap: int = 3, fuzzy_min_length: int = 0
    ) -> list[tuple[int, int]]:
        """Return (start, end) word spans where the phrase matches, end exclusive."""
        spans = []
        for start in range(len(tokens.words)):
            end = self._match(tokens, start, 0, max_gap, fuzzy_min_length)
            if end is not None:
                spans.append((start, end))
        return spans

    def _match(self, tokens: Tokens, pos: int, part: int, max_gap: int, fuzzy: int) -> int | None:
        """Match parts[part:] starting at word `pos`; return the end position or None."""
        if part == len(self.parts):
            return pos
        alternatives = self.parts[part]
        if alternatives is None:
            sentence = tokens.sentences[pos - 1]
            for skip in range(max_gap + 1):
                at = pos + skip
                if at >= len(tokens.words) or tokens.sentences[at] != sentence:
                    return None
                end = self._match(tokens, at, part + 1, max_gap, fuzzy)
                if end is not None:
                    return end
            return None
        if pos >= len(tokens.words):
            return None
        after_word = part > 0 and self.parts[part - 1] is not None
        if after_word and tokens.sentences[pos] != tokens.sentences[pos - 1]:
            return None
        word = tokens.words[pos]
        if not any(a.matches(word, fuzzy) for a in alternatives):
            return None
        return self._match(tokens, pos + 1, part + 1, max_gap, fuzzy)


def is_negated(
    tokens: Tokens,
    start: int,
    negations: frozenset[str],
    breaks: frozenset[str],
    window: int,
) -> bool:
    """True if a negation word sits just before `start` in the same clause ("didn't hit me").

    Scanning back stops at a `breaks` word, so "don't stop shouting" is not a negation.
    """
    clause = tokens.clauses[start] if start < len(tokens.clauses) else None
    for pos in range(start - 1, max(start - window, 0) - 1, -1):
        if tokens.clauses[pos] != clause:
            return False
        word = tokens.words[pos]
        if word in breaks:
            return False
        if word in negations:
            return True
    return False


def _one_edit_apart(a: str, b: str) -> bool:
    """True if `b` is `a` with one letter inserted or deleted, or two neighbours swapped.

    Replacing a letter is not counted: it too often turns one real word into another
    ("shouting" and "shooting", "beating" and "bearing").
    """
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]
