"""The head and foot of an official document (公文): 版头, 文号, title, 主送 line; signature, 成文日期,
附件 and 抄送/印发 lines — and so where its body and its annexes lie.

The head, as GB/T 9704 prints it::

    重庆市南川区人民政府文件                     ← 版头 (issuing body + 文件)
    南川府发〔2022〕34号                         ← 文号 (a 分解方案 often has none)
    重庆市南川区人民政府                         ← title, over one to three lines
    关于加快推进绿色发展的实施意见
    各乡镇人民政府、街道办事处，区政府各部门：   ← 主送 (addressees), skipped

and the foot::

    附件：南川区加快建立绿色发展目标体系         ← list of annexes
    重庆市南川区人民政府                         ← signature
    2022年10月26日                               ← 成文日期 (also 二〇二二年十月二十六日)
    （此件公开发布）
    附件 / 附件1 + title + its content           ← each annex
    抄送：…  /  重庆市南川区人民政府办公室  2022年10月26日印发

A forwarding notice (关于印发《…》的通知) carries the document it forwards after its signature,
usually as 附件; its tasks are read there, the title stays the notice's own.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Final

from .outline import match_marker
from .sources import Block, TableBlock, TextBlock

__all__ = ["Head", "Part", "doc_no_line", "normalise_doc_no", "parse_chinese_date", "read_head"]

_BRACKETS_OPEN = "〔\\[［(（【"
_BRACKETS_CLOSE = "〕\\]］)）】"
# 南川府发〔2022〕34号, 渝府办发[2023]5号, 区委办（2023）12号, 南川府办函〔2023〕 7 号
_DOC_NO_RE: Final = re.compile(
    rf"(?P<prefix>[\u4e00-\u9fff]{{1,16}})\s*[{_BRACKETS_OPEN}]\s*(?P<year>\d{{4}})\s*[{_BRACKETS_CLOSE}]"
    r"\s*(?:第\s*)?(?P<no>\d{1,4})\s*号"
)
_CN_DIGITS: Final = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
                     "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = r"(?:\d{1,4}|[〇○零Ｏ一二三四五六七八九十]{1,4})"
_DATE_RE: Final = re.compile(rf"^(?P<y>\d{{4}}|[〇○零Ｏ一二三四五六七八九]{{4}})\s*年\s*(?P<m>{_NUM})\s*月\s*(?P<d>{_NUM})\s*日$")
_PRINTED_RE: Final = re.compile(rf"(?:\d{{4}}|[〇○零一二三四五六七八九]{{4}})\s*年\s*{_NUM}\s*月\s*{_NUM}\s*日\s*印(?:发)?$")
_BANNER_RE: Final = re.compile(r"^(?P<body>.{2,60}?)\s*文\s*件$")
_TITLE_WORDS: Final = re.compile(
    r"(?:通知|意见|实施方案|工作方案|分解方案|行动方案|方案|决定|办法|规定|细则|规划|计划|要点|清单|任务|报告|函|批复|纪要|通报|指引|措施|公告)$")
_ANNEX_LIST_RE: Final = re.compile(r"^附\s*件\s*\d*\s*[:：]")
_ANNEX_RE: Final = re.compile(r"^附\s*件\s*(?P<n>\d{0,2})\s*(?:[:：]\s*(?P<title>.*))?$")
_NOTICE_RE: Final = re.compile(r"^[（(](?:此件|本件|联系人|此页|此文)[^）)]*[）)]$")
_COPY_RE: Final = re.compile(r"^(?:抄\s*送|抄\s*报|分\s*送)\s*[:：]")
_SIGNER_RE: Final = re.compile(r"^(?:签\s*发\s*人|密\s*级|紧急程度|特\s*急|加\s*急|平\s*急|★|(?:绝密|机密|秘密)(?:★|$))")
_COPY_NO_RE: Final = re.compile(r"^\d{6}$")  # 份号, the copy's number at the top left
_ORG_END: Final = re.compile(r"(?:政府|办公室|委员会|委|局|办|部|厅|院|中心|公司|小组|指挥部|管委会|街道办事处|人民政府)$")
_END_PUNCT = ("。", "；", "！", "？", "，")


@dataclass(frozen=True)
class Part:
    """A stretch of the document whose headings form one outline: the body, or one annex."""

    start: int  # block indexes, end exclusive
    end: int
    title: str | None = None  # an annex's title


@dataclass
class Head:
    doc_no: str | None
    title: str | None
    issuer: str | None
    issued_on: _dt.date | None
    issued_text: str | None  # the date as printed
    addressees: str | None
    preamble_start: int  # first block of the body
    parts: list[Part] = field(default_factory=list)
    forwarded_title: str | None = None  # 关于印发《X》的通知: X
    annex_titles: list[str] = field(default_factory=list)


def normalise_doc_no(text: str) -> str | None:
    """The 文号 in ``text`` with 〔〕 brackets and no spaces, or None."""
    m = _DOC_NO_RE.search(text)
    if not m:
        return None
    return f"{m.group('prefix')}〔{m.group('year')}〕{int(m.group('no'))}号"


# What may stand beside the 文号 on its line: 签发人：张三 李四 (上行文), 附件1 on the left of a
# 分解方案 whose 文号 is at the top right, the brackets of （南川府办发〔2023〕12号） under a title.
_SIGNED_BY_RE: Final = re.compile(r"签\s*发\s*人\s*[:：][\s\u4e00-\u9fff·、，,]*")
_BESIDE_NO_RE: Final = re.compile(r"^[\s\u3000]*附\s*件\s*\d{0,2}(?=[\s\u3000]|$)|(?<=\t)[\s\u3000]*附\s*件\s*\d{0,2}[\s\u3000]*$")

_CITING_RE: Final = re.compile(r"^(?:根据|依据|依照|按照|遵照|参照|参见|详见|见|据|贯彻|落实|执行|转发|印发|经|对|与|和|及)")


def doc_no_line(line: str) -> str | None:
    """The 文号 when ``line`` holds the 文号 and nothing else of substance — not a sentence citing one."""
    m = _DOC_NO_RE.search(line)
    if not m or len(m.group("prefix")) > 10 or _CITING_RE.match(m.group("prefix")):
        return None  # 机关代字 are short (南川府办发, 渝府办发): 根据南川府发… cites a document
    rest = _SIGNED_BY_RE.sub("", line[:m.start()] + "\t" + line[m.end():])
    rest = _BESIDE_NO_RE.sub("", rest)
    return normalise_doc_no(m.group(0)) if not rest.strip(" \t\u3000（）()") else None


def _cn_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(units, 0) if units else 0)
    value = 0
    for ch in text:
        value = value * 10 + _CN_DIGITS[ch]
    return value


def parse_chinese_date(text: str) -> _dt.date | None:
    """2022年10月26日, 2022 年 10 月 26 日 or 二〇二二年十月二十六日 as a date; None otherwise."""
    m = _DATE_RE.match(text.strip())
    if not m:
        return None
    try:
        year = int(m.group("y")) if m.group("y").isdigit() else _cn_number(m.group("y"))
        return _dt.date(year, _cn_number(m.group("m")), _cn_number(m.group("d")))
    except (ValueError, KeyError):
        return None


def join_title(lines: list[str]) -> str:
    """A title printed over several lines is one title: the layout's spaces go (but not those
    between two Latin words)."""
    text = "".join(lines) if all(not ln[-1:].isascii() or not ln[-1:].isalnum() for ln in lines[:-1]) else " ".join(lines)
    return re.sub(r"(?<![A-Za-z0-9])[ \t\u3000]+|[ \t\u3000]+(?![A-Za-z0-9])", "", text).strip()


def _is_heading(text: str) -> bool:
    return match_marker(text) is not None


def _looks_like_org(text: str) -> bool:
    return 2 <= len(text) <= 40 and not text.endswith(_END_PUNCT) and bool(_ORG_END.search(re.sub(r"\s+", "", text)))


def read_head(blocks: list[Block]) -> Head:
    n = len(blocks)

    def text(i: int) -> str | None:
        b = blocks[i]
        return b.text if isinstance(b, TextBlock) else None

    # --- the head: up to the 主送 line, or to the first heading / long paragraph -------------------
    masthead: list[str] = []  # the 发文机关标志, one line per body (joint documents have several)
    doc_no: str | None = None
    title_lines: list[str] = []
    title_done = False  # the 文号 printed under the title closes it
    addressees: str | None = None
    head_dates: list[str] = []
    body_start = 0
    i = 0
    limit = min(n, 25)

    def bodies_only(lines: list[str]) -> bool:
        return bool(lines) and all(_looks_like_org(x) for x in lines)

    while i < limit:
        block = blocks[i]
        if isinstance(block, TableBlock):
            # A one-line layout table at the very top: 附件 | 南川府办发〔2023〕12号 (a tab in a .txt).
            no = _table_doc_no(block) if not title_lines and doc_no is None else None
            if no is None:
                break
            doc_no = no
            i += 1
            body_start = i
            continue
        t = block.text
        no = doc_no_line(t) if doc_no is None else None
        if no is not None:
            doc_no = no
            if bodies_only(title_lines):
                # 发文机关标志 without 文件 (重庆市南川区人民政府办公室), then the 文号: a masthead.
                masthead += title_lines
                title_lines = []
            elif title_lines:
                title_done = True  # the 文号 under the title, perhaps in brackets
            i += 1
            body_start = i
            continue
        if (_SIGNER_RE.match(t) or _COPY_NO_RE.match(t)) and len(t) <= 40:
            i += 1
            continue
        if not title_lines and doc_no is None and re.fullmatch(r"附\s*件\s*\d{0,2}", t):
            i += 1  # a 分解方案 sent as its notice's 附件: the word on the top line is no title
            body_start = i
            continue
        m = _BANNER_RE.match(t)
        bare = re.fullmatch(r"文\s*件", t) is not None
        if (m or (bare and title_lines)) and not masthead and doc_no is None and len(t) <= 60 and (
                not title_lines or bodies_only(title_lines)):
            # 重庆市南川区人民政府文件, or a joint masthead: its bodies one a line, 文件 on the last.
            masthead = title_lines + ([m.group("body")] if m and m.group("body").strip() else [])
            title_lines = []
            i += 1
            body_start = i
            continue
        if t.endswith(("：", ":")) and not _is_heading(t) and len(t) <= 200 and (
                title_lines or doc_no or masthead) and not re.match(r"^(?:牵头|责任|配合)", t):
            addressees = t
            i += 1
            body_start = i
            break
        if _is_heading(t) or (len(t) > 60 and t.endswith(_END_PUNCT + ("：",))):
            break
        if parse_chinese_date(t.strip("（）() ")):  # (2023年3月1日) under the title
            head_dates.append(t)
            i += 1
            body_start = i
            continue
        if title_done:
            break
        if not masthead and bodies_only(title_lines) and not _looks_like_org(t) and not t.startswith("关于"):
            # 重庆市南川区人民政府办公室 over a title that does not go on with 关于… (GB/T 9704's
            # title is 发文机关 + 关于 + 事由 + 文种): the line above was the masthead.
            masthead = title_lines
            title_lines = []
        if len(title_lines) < 4 and len(t) <= 60 and not t.endswith(_END_PUNCT):
            title_lines.append(t)
            i += 1
            body_start = i
            continue
        break
    banner = "、".join(re.sub(r"\s+", "", x) for x in masthead) or None
    title = join_title(title_lines) if title_lines else None
    if title is not None and not (_TITLE_WORDS.search(title) or "关于" in title) and len(title_lines) > 1:
        # Only the lines up to the one that ends like a title belong to it.
        for k in range(len(title_lines), 0, -1):
            if _TITLE_WORDS.search(join_title(title_lines[:k])):
                title = join_title(title_lines[:k])
                break

    # --- the foot ---------------------------------------------------------------------------------
    date_at = signature_at = annex_list_at = None
    for k in range(body_start, n):
        t = text(k)
        if t is None:
            continue
        if annex_list_at is None and _ANNEX_LIST_RE.match(t) and date_at is None:
            annex_list_at = k
        if parse_chinese_date(t) is not None:
            date_at = k
            prev = text(k - 1) if k - 1 >= body_start else None
            if prev is not None and _looks_like_org(prev) and not _is_heading(prev):
                signature_at = k - 1
            break
    issued_text = text(date_at) if date_at is not None else None
    issued_on = parse_chinese_date(issued_text) if issued_text else None
    if issued_on is None and head_dates:
        issued_text = head_dates[0].strip("（）() ")
        issued_on = parse_chinese_date(issued_text)
    signature = text(signature_at) if signature_at is not None else None

    body_end = n
    for candidate in (annex_list_at, signature_at, date_at):
        if candidate is not None:
            body_end = min(body_end, candidate)
    parts: list[Part] = []
    annex_titles: list[str] = []
    parts.append(Part(body_start, body_end))
    end = _furniture_start(blocks, body_start, n)
    if date_at is not None:
        k = date_at + 1
        while k < end and (t := text(k)) is not None and _NOTICE_RE.match(t):
            k += 1
    else:
        # No signature and date: the body runs on to the 抄送/印发 lines, or to the 附件 list,
        # after which annexes begin at a line that is only 附件 / 附件2.
        parts[0] = Part(body_start, min(body_end, end))
        k = end
        if annex_list_at is not None:
            k = next((j for j in range(annex_list_at + 1, end)
                      if (t := text(j)) is not None and re.fullmatch(r"附\s*件\s*\d{0,2}", t)), end)
    if k < end:
        # The annexes, each from its 附件 line to the next; a forwarded document printed without
        # a 附件 line starts right after the date.
        marks = [j for j in range(k, end) if (t := text(j)) is not None and _ANNEX_RE.match(t)]
        bounds = ([k] if not marks or marks[0] > k else []) + marks + [end]
        for first, stop in zip(bounds, bounds[1:], strict=False):
            t = text(first)
            m = _ANNEX_RE.match(t) if t is not None else None
            title_lines = [m.group("title")] if m and m.group("title") else []
            j = first + 1 if m else first
            while j < stop and len(title_lines) < 3 and (tt := text(j)) is not None and (
                    len(tt) <= 60 and not tt.endswith(_END_PUNCT) and not _is_heading(tt)):
                title_lines.append(tt)
                j += 1
            annex_title = join_title(title_lines) if title_lines else None
            if annex_title:
                annex_titles.append(annex_title)
            if j < stop:
                parts.append(Part(j, stop, annex_title))

    issuer = signature or banner
    if issuer is None and title and "关于" in title:
        before = title.split("关于", 1)[0]
        issuer = before or None
    if issuer is not None:
        issuer = re.sub(r"\s+", "", issuer)
    forwarded = None
    if title:
        m = re.search(r"(?:印发|转发|下发|发布)《(?P<t>[^》]+)》", title)
        if m:
            forwarded = m.group("t")
    return Head(doc_no=doc_no, title=title, issuer=issuer, issued_on=issued_on, issued_text=issued_text,
                addressees=addressees, preamble_start=body_start, parts=parts, forwarded_title=forwarded,
                annex_titles=annex_titles)


def _table_doc_no(table: TableBlock) -> str | None:
    """The 文号 of a small layout table at the head whose cells hold only it (and 附件)."""
    if len(table.rows) > 2:
        return None
    cells = [c for row in table.rows for c in dict.fromkeys(row) if c.strip()]
    return doc_no_line("\t".join(cells)) if cells else None


def _furniture_start(blocks: list[Block], start: int, end: int) -> int:
    """Where the 抄送 / 印发 lines at the very end begin (``end`` when there are none)."""
    for k in range(start, end):
        b = blocks[k]
        if isinstance(b, TextBlock) and _COPY_RE.match(b.text):
            return k
    for k in range(end - 1, start - 1, -1):
        b = blocks[k]
        if isinstance(b, TableBlock):
            break
        if _PRINTED_RE.search(b.text):
            # "重庆市南川区人民政府办公室 / 2022年10月26日印发": the line before goes too.
            if k - 1 >= start and isinstance(blocks[k - 1], TextBlock) and _looks_like_org(blocks[k - 1].text):
                return k - 1
            return k
        if k < end - 3:
            break
    return end
