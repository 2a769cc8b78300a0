"""Delimited text (.csv, Excel's "Unicode 文本", or the same data under a spreadsheet's name).

Decoding: a BOM (UTF-8/UTF-16) wins, else strict UTF-8, else GB18030 (the superset of GBK/GB2312).
The delimiter (comma, tab or semicolon) is the one that splits the most lines into more than one
field, consistently. A file named ``.csv``/``.txt``/``.tsv`` is read even when it has a single
column; under any other name it must clearly be a table (most lines split into the same number of
fields) or it is refused as plain text. One sheet, named after the file stem. Values are typed as
Excel types them on opening (see ``_grid.typed_text``).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

from . import _grid
from . import _messages as msg

TEXT_SUFFIXES = (".csv", ".txt", ".tsv", ".tab")
_DELIMITERS = (",", "\t", ";")  # on a tie the first wins
_SAMPLE = 65536
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")

if csv.field_size_limit() < 16 * 1024 * 1024:
    csv.field_size_limit(16 * 1024 * 1024)  # one cell may hold a long progress text


def _score(sample: str, delimiter: str) -> tuple[float, float, int]:
    rows = [
        r
        for r in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        if any(f.strip(" \t,;") for f in r)
    ]
    if not rows:
        return (0.0, 0.0, 0)
    split = sum(1 for r in rows if len(r) > 1) / len(rows)
    mode, freq = Counter(len(r) for r in rows).most_common(1)[0]
    return (split, freq / len(rows) if mode > 1 else 0.0, len(rows))


def choose_delimiter(text: str) -> tuple[str, bool]:
    """The delimiter, and whether the text is clearly a table with it."""
    sample = text[:_SAMPLE]
    if len(text) > _SAMPLE and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    best = max(_DELIMITERS, key=lambda d: _score(sample, d)[:2])
    split, consistency, n_rows = _score(sample, best)
    clearly = n_rows >= 2 and split >= 0.8 and consistency >= 0.6
    return best, clearly


def read_csv(text: str, file_name: str, stem: str) -> list[_grid.RawSheet]:
    delimiter, clearly = choose_delimiter(text)
    if not clearly and not file_name.lower().endswith(TEXT_SUFFIXES):
        raise msg.refuse(file_name, msg.plain_text())
    cells: dict[tuple[int, int], object] = {}
    try:
        for r, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)):
            for c, field in enumerate(row):
                if field:
                    value = _grid.typed_text(field)
                    if value is not None:
                        cells[(r, c)] = value
    except csv.Error as exc:
        raise msg.refuse(file_name, msg.damaged(f"文本表格格式错误：{exc}")) from exc
    name = _BAD_SHEET_CHARS.sub("_", stem).strip()[:31] or "Sheet1"
    return [_grid.from_sparse(name, False, cells, [], file_name, normalised=True)]
