import pytest

from greentasks.domain import statuses
from greentasks.domain.statuses import (
    ACCEPTED_STATUS_TEXT,
    BEHIND,
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    ONGOING,
    STATUSES,
    SYNONYMS,
    normalize_status,
)


def test_constants():
    assert (NOT_STARTED, IN_PROGRESS, BEHIND, DONE, ONGOING) == (
        "未启动",
        "推进中",
        "滞后",
        "已完成",
        "长期坚持",
    )
    assert STATUSES == ("未启动", "推进中", "滞后", "已完成", "长期坚持")


DOCUMENTED_TABLE = {
    "未启动": ["未开始", "尚未启动", "未开展"],
    "推进中": ["序时推进", "正在推进", "进行中", "按序时推进", "正常推进", "推进"],
    "滞后": ["进度滞后", "滞后推进", "未按期", "延期"],
    "已完成": ["完成", "已办结", "办结", "已完成并销号", "销号"],
    "长期坚持": ["持续推进", "长期推进", "常态化推进", "长期"],
}
CASES = [(word, canonical) for canonical, words in DOCUMENTED_TABLE.items() for word in [canonical, *words]]


def test_synonyms_match_the_documented_table():
    assert {k: list(v) for k, v in SYNONYMS.items()} == DOCUMENTED_TABLE


@pytest.mark.parametrize(("word", "canonical"), CASES)
def test_every_spec_word(word, canonical):
    assert normalize_status(word) == canonical


@pytest.mark.parametrize(("word", "canonical"), CASES)
def test_trimmed_and_inner_spaces(word, canonical):
    assert normalize_status(f"  {word}\u3000") == canonical
    assert normalize_status(f"\u00a0{word}\n") == canonical
    assert normalize_status(" ".join(word)) == canonical


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("已完成。", DONE),
        ("“推进中”", IN_PROGRESS),
        ("滞后；", BEHIND),
        ("完成.", DONE),
    ],
)
def test_edge_punctuation_ignored(raw, canonical):
    assert normalize_status(raw) == canonical


@pytest.mark.parametrize(
    "raw",
    [None, "", "   ", "好", "基本完成", "已启动", "未完成", "进展顺利", 1, 0.5, "推进中，已完成", "其他"],
)
def test_rejected(raw):
    assert normalize_status(raw) is None


def test_accepted_text_names_the_five_statuses_first():
    # The five a clerk can type come first; a few synonyms follow as examples, not all ~20 of them.
    assert ACCEPTED_STATUS_TEXT.startswith("完成状态应为：未启动、推进中、滞后、已完成、长期坚持之一")
    synonyms = [w for words in DOCUMENTED_TABLE.values() for w in words]
    shown = [w for w in synonyms if f"“{w}”" in ACCEPTED_STATUS_TEXT]
    assert 1 <= len(shown) <= 4
    assert all(normalize_status(w) in DOCUMENTED_TABLE for w in shown)
    assert len(ACCEPTED_STATUS_TEXT) < 80


def test_module_exports():
    for name in statuses.__all__:
        assert hasattr(statuses, name)
