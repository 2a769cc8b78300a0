"""Text helpers shared by every rule that compares what a clerk typed with a known value.

Cells come from Excel and WPS with full-width letters and digits, ideographic spaces (U+3000),
non-breaking spaces and stray line breaks; two texts that a clerk reads as the same must
compare equal, so comparisons always go through :func:`fold`.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal

__all__ = ["clean", "closest", "fold"]

# Zero-width characters are not whitespace to Python but are invisible in a cell.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_SPACE_RE = re.compile(r"[\s" + _INVISIBLE + r"]+")


def fold(text: str) -> str:
    """Comparison form: NFKC (full-width → half-width), every kind of whitespace removed."""
    if not text:
        return ""
    if isinstance(text, str) and len(text) <= _CACHED_LENGTH:
        return _fold_short(text)  # unit names, headers, statuses: the same few texts over and over
    return _fold(str(text))


# Texts up to this length are folded once and remembered (a bounded cache: a batch of returns
# folds the same unit names, headers and statuses thousands of times).
_CACHED_LENGTH = 64


@functools.lru_cache(maxsize=8192)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    folded = _SPACE_RE.sub("", unicodedata.normalize("NFKC", text))
    # NFKC turns some marks into space + combining mark (¯ → " ̄"); once the space is gone the
    # mark must be composed again, or fold(fold(x)) != fold(x).
    for _ in range(4):  # bounded: in practice one more pass settles it
        again = _SPACE_RE.sub("", unicodedata.normalize("NFKC", folded))
        if again == folded:
            break
        folded = again
    return folded


def clean(text: object) -> str:
    """A cell value as a clerk would read it: ``None`` → "", 18.0 → "18", strings stripped."""
    if text is None:
        return ""
    if isinstance(text, bool):  # before int: bool is an int; show it as Excel does
        return "TRUE" if text else "FALSE"
    if isinstance(text, int):
        return str(text)
    if isinstance(text, float | Decimal):
        if isinstance(text, float) and (text != text or text in (float("inf"), float("-inf"))):
            return ""  # NaN/inf never mean anything in a ledger cell
        if text == int(text):
            return str(int(text))
        return format(text, "f").rstrip("0") if isinstance(text, Decimal) else repr(text)
    if isinstance(text, _dt.datetime):
        if text.time() == _dt.time(0, 0):
            return text.date().isoformat()
        return text.isoformat(sep=" ", timespec="minutes")
    if isinstance(text, _dt.date):
        return text.isoformat()
    s = str(text).replace("\r\n", "\n").replace("\r", "\n")
    # Excel escapes a carriage return in shared strings as _x000D_; it is never content.
    s = s.replace("_x000D_", "")
    return s.strip()


def closest(name: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The known names most like ``name``, best first, for "did you mean …" messages.

    difflib alone misses short forms (发改委 vs 区发展改革委 scores low when many other names
    share 区…委), so a candidate that contains the name, or is contained in it, is boosted.
    """
    key = fold(name)
    if not key or n <= 0:
        return []
    scored: dict[str, tuple[float, int, str]] = {}
    order = 0
    for cand in candidates:
        if cand is None:
            continue
        ck = fold(cand)
        if not ck:
            continue
        ratio = difflib.SequenceMatcher(None, key, ck, autojunk=False).ratio()
        if ck == key:
            score = 3.0
        elif key in ck or ck in key:
            score = 1.0 + ratio
        elif ratio >= 0.5:
            score = ratio
        else:
            continue
        if cand not in scored or scored[cand][0] < score:
            scored[cand] = (score, order, cand)
        order += 1
    best = sorted(scored.values(), key=lambda t: (-t[0], t[1]))
    return [c for _, _, c in best[:n]]
