"""Texts a template holds for the unit to replace: hints and instructions, never what it reported.

A unit that sends a template back with "（本期进展）" still in every row has reported nothing, and
such a text must never be taken as progress (one once ranked its unit first in 考评). Decided here:

* a bracketed hint that names a field or says what to write: （本期进展） (本期进展) 【进展情况】
  （请填写本季度进展） （填写） （选填） （）;
* an instruction: 请填写… 请在此填写 在此填写… 此处填写 请输入… 请选择 单击此处输入…
  填写说明：… 示例：… 例：…;
* a stand-in for what is to come: XXX ××× xx年xx月 某某 …… … ____ 待填写;
* the column's own label written into the cell (进展情况 under 进展情况, 存在问题 under 存在问题), and
  a label followed by one of the above (进展情况：（请填写）). A field's name alone is a hint only
  in brackets (【进展情况】) or as its own column's label: 进展 under 进展情况 is a terse answer.

Short real answers are never placeholders: 无, 暂无, 已完成, 按计划推进, （无） (a bracketed 无 still
says "none"), / and —. A hint followed by real text (（本期进展）已完成3个) is real text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .text import fold

__all__ = ["is_placeholder"]

# The field names hints are made of (folded: NFKC, no spaces). A longer name first, so that the
# alternation takes 进展情况 whole rather than 进展 and then fails on 情况.
_FIELDS = (
    "完成情况及进展", "工作开展情况", "进展情况", "推进情况", "完成情况", "开展情况", "工作进展", "进展",
    "存在的问题", "存在问题", "困难问题", "问题及困难", "问题", "困难",
    "下一步工作计划", "下步工作计划", "下一步工作打算", "下步工作打算", "下一步工作", "下一步计划", "下步计划",
    "下步打算", "下步工作", "计划", "打算", "备注", "完成状态", "推进状态", "进度状态", "状态",
    "工作措施", "措施", "成效", "内容", "情况", "说明",
)
_FIELD = "(?:" + "|".join(sorted(_FIELDS, key=len, reverse=True)) + ")"
_WHEN = r"(?:本期|本季度|本季|本月|本月度|本年度|本年|本半年|上半年|下半年|当期|当前|上期|今年|本阶段|年度)"
# （本期进展） 【进展情况】 （填写） （请填写本季度的主要进展情况）: only hint words, nothing else.
_HINT = re.compile(rf"^请?(?:填写|填报|输入)?{_WHEN}?的?(?:主要|具体|相关)?(?:工作)?{_FIELD}?(?:情况|内容)?(?:填写)?$")
_NAME_ONLY = re.compile(rf"^(?:工作)?{_FIELD}(?:情况|内容)?$")
_VERBS = r"(?:填写|填报|填入|输入|键入|录入|选择|描述|注明|列明|写明|说明|概述|简述|补充)"
_INSTRUCTIONS = (
    # 请填写… 请在此填写 请如实填写… 请选择 (请 followed by a verb of filling in; 请区财政局… is real)
    re.compile(rf"^请您?(?:在此处?|于此处?|此处|在这里|在本栏|在本格|在下方|在空白处)?"
               rf"(?:简要|如实|据实|详细|认真|按要求|准确|具体|逐项|分项)?地?{_VERBS}"),
    # 在此填写… 此处填写 本栏填写
    re.compile(r"^(?:在此处?|于此处?|此处|在这里|本栏|本格)请?(?:填写|填报|填入|输入|键入|录入)"),
    re.compile(r"^(?:单击|点击|双击)(?:此处|这里)"),  # 单击此处输入文字 (Office's own hint)
    re.compile(r"^(?:填写|填表|填报)(?:说明|要求|提示|示例|须知|注意)"),
    re.compile(r"^(?:示例|样例|范例|填写示例)"),
    re.compile(r"^(?:例|例如|举例)[:]"),  # 例：… (fold makes ： a :)
    re.compile(r"^(?:待|未)(?:填写|填报|填)$"),
    re.compile(r"^(?:选填|必填|可选填?|可不填|非必填|如有请填写)"),
    re.compile(r"^从?下拉(?:列表|菜单|框)?中?选择"),
)
# Stand-ins: XXX, ×××, xx年xx月, 某某 (not a letter x inside a word, not 3×4米).
_STAND_IN = re.compile(r"(?<![A-Za-z])(?:[xX]{2,}|[×✕╳]{2,}|[xX×✕╳](?=[年月日号个项处万亿元%])|某某)(?![A-Za-z])")
_FILLER = re.compile(r"^[.。·・_⋯]+$")  # …… … ____ (fold turns … into ...)
_OPEN, _CLOSE = "([【〔〈《<{〖", ")]】〕〉》>}〗"
_DECORATION = "-—–=*★☆~～"  # --请选择--, ★请填写★
_END_PUNCTUATION = "。.；;，,!！"
_LABEL_PREFIX = re.compile(rf"^{_FIELD}[:]")


def is_placeholder(text: str, labels: Iterable[str] = ()) -> bool:
    """Whether ``text`` is a template's hint or instruction rather than what a unit reported.
    ``labels`` are the column's own header texts (a cell holding its column's label is empty)."""
    t = fold(text or "")
    if not t:
        return False
    if t in {fold(label) for label in labels}:
        return True
    return _is_hint(t)


def _is_hint(t: str, depth: int = 0) -> bool:
    if _FILLER.match(t) or _STAND_IN.search(t):
        return True
    core = t.rstrip(_END_PUNCTUATION).strip(_DECORATION)
    if not core:
        return False  # only dashes or a full stop: "—" and "/" are how units write "none"
    parts = _bracketed(core)
    if parts is not None:
        # （本期进展） or several hints side by side: every one a hint (（无） is an answer).
        return all(_is_bare_hint(p.strip(_DECORATION).rstrip(_END_PUNCTUATION)) for p in parts)
    if _is_bare_hint(core) and not _NAME_ONLY.match(core):
        return True
    # 进展情况：（请填写） — the label, then a hint; 进展情况：已完成… is real.
    label = _LABEL_PREFIX.match(core)
    if label is not None and depth < 2:
        rest = core[label.end():]
        return not rest or _is_hint(rest, depth + 1)
    return False


def _is_bare_hint(t: str) -> bool:
    if not t:
        return True  # （） left to be filled in
    return bool(_HINT.match(t)) or any(p.match(t) for p in _INSTRUCTIONS) or bool(_STAND_IN.search(t))


_GROUP = re.compile("[" + re.escape(_OPEN) + "]([^" + re.escape(_OPEN + _CLOSE) + "]*)[" + re.escape(_CLOSE) + "]")


def _bracketed(t: str) -> list[str] | None:
    """The texts inside the brackets when ``t`` is nothing but bracketed groups (None: it is not)."""
    if t[0] not in _OPEN:
        return None
    parts: list[str] = []
    at = 0
    while at < len(t):
        m = _GROUP.match(t, at)
        if m is None or _CLOSE.find(t[m.end() - 1]) != _OPEN.find(t[at]):
            return None
        parts.append(m.group(1))
        at = m.end()
    return parts
