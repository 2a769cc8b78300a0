"""The text of a policy document, whatever it came as: .docx, .txt, a PDF with a text layer, or
text pasted into the dialog.

:func:`document_text` reads a file and :func:`text_document` takes pasted text; both return a
:class:`DocumentText`: the document's blocks in reading order, each a paragraph
(:class:`TextBlock`) or a table (:class:`TableBlock`), with where it was found for messages.
Every failure is a :class:`~greentasks.errors.FileRefused` whose Chinese message names the file
and says what to do; no library exception escapes.

The kind is decided by the content (a zip is Word, ``%PDF`` is PDF, an OLE file is an old Word
or WPS document, anything else is text), so a renamed file is still read, or refused for what it
really is.
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from ..errors import FileRefused, Problem

__all__ = [
    "MAX_FILE_BYTES",
    "Block",
    "DocumentText",
    "TableBlock",
    "TextBlock",
    "document_text",
    "text_document",
]

MAX_FILE_BYTES: Final = 20 * 1024 * 1024
# What word/document.xml and its parts may inflate to: a real 100-page document is a few MB.
MAX_UNPACKED_BYTES: Final = 200 * 1024 * 1024
MAX_PDF_PAGES: Final = 500
PASTED_NAME: Final = "粘贴的文字"

_ASK = "请用Word版（.docx）或文本版（.txt）的文件，或把文件的文字复制后粘贴进来。"


@dataclass(frozen=True)
class TextBlock:
    """One paragraph: stripped of the layout's indentation, inner (full-width) spaces kept."""

    text: str
    where: str  # "第12段", "第40行", "第3页": for messages


@dataclass(frozen=True)
class TableBlock:
    """A table as rows of cell texts, one text per grid column.

    ``cells`` gives each grid cell an identity: equal numbers are one merged cell (Word repeats a
    merged cell's text in every grid cell it covers, across and down), so a reader can tell a
    merged 牵头单位 that serves three rows from three cells that happen to say the same."""

    rows: tuple[tuple[str, ...], ...]
    cells: tuple[tuple[int, ...], ...]
    where: str


Block = TextBlock | TableBlock


@dataclass
class DocumentText:
    name: str  # the file name (or 粘贴的文字), for messages
    kind: str  # "docx", "txt", "pdf" or "text" (pasted)
    blocks: list[Block]
    notes: list[str] = field(default_factory=list)  # what the reader noticed, in Chinese

    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if isinstance(b, TextBlock)]


def _refuse(name: str, message: str) -> FileRefused:
    return FileRefused(Problem(message, file=name))


# --- files -------------------------------------------------------------------------------------------


def document_text(path: str | Path) -> DocumentText:
    """The text of the document in ``path`` (.docx, .txt, text-layer .pdf)."""
    path = Path(path)
    name = path.name
    try:
        if path.is_dir():
            raise _refuse(name, "这是一个文件夹，不是文件。请选择文件夹里的文件。")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _refuse(name, f"文件太大（{size / (1024 * 1024):.1f} MB），超过了 {MAX_FILE_BYTES // (1024 * 1024)} MB"
                          "的上限。请删除文件中的图片后另存，或只保留文件的文字部分。")
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise _refuse(name, "找不到文件。请确认文件仍在原来的位置，没有被移动、改名或删除。") from None
    except OSError:
        raise _refuse(name, "无法读取文件（可能正被其他程序占用，或没有访问权限）。请关闭正在打开它的程序后重试。") from None
    if len(data) > MAX_FILE_BYTES:
        raise _refuse(name, f"文件太大，超过了 {MAX_FILE_BYTES // (1024 * 1024)} MB 的上限。")
    if not data.strip():
        raise _refuse(name, "文件是空的，没有任何文字。请确认选择的是正确的文件。")
    if data.startswith(b"PK\x03\x04"):
        return _docx(data, name)
    if data.startswith(b"%PDF") or data[:1024].lstrip().startswith(b"%PDF"):
        return _pdf(data, name)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data:
            raise _refuse(name, "文件设置了打开密码，无法读取。请在Word/WPS中取消密码后另存为 .docx 再打开。")
        raise _refuse(name, "这是旧版Word（.doc）或WPS文件，无法直接读取。请在Word/WPS中打开，另存为 .docx 后再打开。")
    if data.startswith((b"{\\rtf", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        kind = "RTF文件" if data.startswith(b"{\\rtf") else "图片"
        raise _refuse(name, f"这是{kind}，不是Word、PDF或文本文件。{_ASK}")
    return _txt(data, name)


# --- text ----------------------------------------------------------------------------------------------


def text_document(text: str, name: str = PASTED_NAME) -> DocumentText:
    """Text pasted into the dialog (or any text already decoded)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    blocks = _text_blocks(text.split("\n"), where="第{}行")
    if not blocks:
        raise _refuse(name, "没有任何文字。请粘贴文件的全文。")
    return DocumentText(name, "text", blocks)


def _decode(data: bytes, name: str) -> str:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                break
    else:
        if b"\x00" in data[:4096]:
            raise _refuse(name, f"这不是文本文件（含有二进制内容），也不是Word或PDF文件。{_ASK}")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            pass
    raise _refuse(name, "文本文件的编码无法识别（既不是UTF-8，也不是GBK/GB18030）。"
                  "请在记事本或WPS中打开，另存为“UTF-8”编码的 .txt 后再打开。")


def _txt(data: bytes, name: str) -> DocumentText:
    text = _decode(data, name).replace("\r\n", "\n").replace("\r", "\n")
    if "\ufffd" in text:
        raise _refuse(name, "文本文件里有无法识别的字符（文件可能已损坏，或是从别的文件改名而来）。"
                      "请重新复制文件的文字，另存为 .txt 后再打开。")
    if sum(1 for ch in text[:4096] if unicodedata.category(ch) == "Cc" and ch not in "\n\t\f") > 8:
        raise _refuse(name, f"这不是文本文件（含有二进制内容），也不是Word或PDF文件。{_ASK}")
    blocks = _text_blocks(text.split("\n"), where="第{}行")
    if not blocks:
        raise _refuse(name, "文件里没有任何文字。请确认选择的是正确的文件。")
    return DocumentText(name, "txt", blocks)


# Page furniture in text taken from a printed page: page numbers, 第 3 页 (共 9 页).
_PAGE_NO_RE: Final = re.compile(r"^[\s\-—–－─_·•]*\d{1,3}[\s\-—–－─_·•]*$|^第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?$"
                                r"|^\d+\s*/\s*\d+$")
_SENTENCE_END: Final = ("。", "；", "：", "！", "？", "）", ")", "”", "」", "』", "》", "】", ";", ":", "!", "?")
# A line that opens a new paragraph on its own: a heading marker or a responsibility label.
_OPENER_RE: Final = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇]+[章节条]|[一二三四五六七八九十]+[、．.]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]"
    r"|\d{1,3}\s*[.．、](?!\d)|[①-⑳]|附件|抄送|(?:牵头|责任|配合|协办|协同)(?:单位|部门)|责任领导|完成时限|时间节点|完成时间"
    r"|(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日"
    # the head's lines: a 文号 alone (perhaps in brackets under the title), the 主送 line
    r"|[（(]?[\u4e00-\u9fff]{1,16}\s*[〔\[［(（【]\s*\d{4}\s*[〕\]］)）】]\s*\d{1,4}\s*号\s*[）)]?$|各[^。；;]{1,80}[:：]$)"
)


def is_page_artefact(line: str) -> bool:
    return bool(_PAGE_NO_RE.match(line.strip()))


def _text_blocks(lines: list[str], where: str) -> list[Block]:
    """Paragraphs of plain text: one non-empty line each; runs of tab-separated lines are tables.

    A long line that stops mid-sentence continues in the next non-empty line (text copied from a
    printed page breaks paragraphs at page ends); "long" is 80 characters for text written one
    paragraph per line, and most of a full line for text that keeps the printed line breaks.
    """
    items: list[tuple[int, str]] = [(i + 1, line) for i, line in enumerate(lines) if line.strip()]
    widths = sorted(_width(s.strip()) for _, s in items if "\t" not in s)
    full = widths[int(len(widths) * 0.9)] if widths else 0.0
    # Lines shorter than a printed line (公文: 28 characters) were never wrapped.
    long_enough = min(80.0, 0.85 * full) if full >= 20 else float("inf")
    blocks: list[Block] = []
    k = 0
    while k < len(items):
        no, raw = items[k]
        if "\t" in raw.strip("\n"):
            rows = []
            start = no
            while k < len(items) and "\t" in items[k][1]:
                rows.append(tuple(c.strip() for c in items[k][1].rstrip("\n").split("\t")))
                k += 1
            width = max(len(r) for r in rows)
            grid = tuple(r + ("",) * (width - len(r)) for r in rows)
            ids = tuple(tuple(i * width + j for j in range(width)) for i in range(len(grid)))
            blocks.append(TableBlock(grid, ids, where.format(start)))
            continue
        text = raw.strip()
        k += 1
        while _width(text) >= long_enough and not text.endswith(_SENTENCE_END):
            j = k
            while j < len(items) and is_page_artefact(items[j][1]):
                j += 1
            if j >= len(items) or "\t" in items[j][1] or _OPENER_RE.match(items[j][1].strip()):
                break
            text = _join(text, items[j][1].strip())
            k = j + 1
        if is_page_artefact(text):
            continue
        blocks.append(TextBlock(text, where.format(no)))
    return blocks


def _width(text: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def _join(first: str, second: str) -> str:
    # English words broken over a line keep a space; Chinese text never had one.
    if first and second and first[-1].isascii() and first[-1].isalnum() and second[0].isascii() and second[0].isalnum():
        return f"{first} {second}"
    return first + second


# --- Word ------------------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx(data: bytes, name: str) -> DocumentText:
    damaged = ("文件已损坏：Word文件的内部结构不完整（可能是下载或复制没有完成）。"
               "请在Word/WPS中打开并重新保存后再试，或请发文单位重新发送。")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
        raise _refuse(name, damaged) from None
    if "word/document.xml" not in names:
        if "xl/workbook.xml" in names:
            raise _refuse(name, "这是Excel表格，不是Word文件。分工表请用“导入分工表”导入；文件的正文请用Word版。")
        if "ppt/presentation.xml" in names:
            raise _refuse(name, f"这是PowerPoint演示文稿，不是Word文件。{_ASK}")
        raise _refuse(name, f"这个压缩文件不是Word文件。{_ASK}")
    if sum(max(i.file_size, 0) for i in infos) > MAX_UNPACKED_BYTES:
        raise _refuse(name, "Word文件解压后过大，可能已损坏或含有大量图片。请删除图片后另存，再打开。")
    try:
        import docx  # python-docx: imported when a Word file is first read
        from docx.oxml.ns import qn
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        blocks: list[Block] = []
        notes: list[str] = []
        paragraph_no = table_no = 0
        numbered = 0
        for child in _body_children(body):
            if child.tag == qn("w:p"):
                paragraph_no += 1
                para = Paragraph(child, document)
                if child.find(f"{_W}pPr/{_W}numPr") is not None:
                    numbered += 1
                for line in para.text.replace("\r", "\n").split("\n"):
                    if line.strip():
                        blocks.append(TextBlock(line.strip(), f"第{paragraph_no}段"))
            elif child.tag == qn("w:tbl"):
                table_no += 1
                table = _table_block(Table(child, document), f"第{table_no}个表格")
                if table is not None:
                    blocks.append(table)
    except FileRefused:
        raise
    except Exception:  # lxml, KeyError for a missing part, …: the file is damaged
        raise _refuse(name, damaged) from None
    if numbered >= 3:
        notes.append(f"有{numbered}段使用了Word的自动编号，自动编号的序号（如“一、”“1.”）不在文字里，"
                     "这些段落的层级可能识别不出。如有遗漏，请在Word中把自动编号转为文字后另存再打开。")
    if not blocks:
        raise _refuse(name, "Word文件里没有任何文字。请确认选择的是正确的文件。")
    return DocumentText(name, "docx", blocks, notes)


def _body_children(body: object) -> list[object]:
    """The body's paragraphs and tables in order, also those inside content controls (w:sdt)."""
    out: list[object] = []
    for child in body.iterchildren():  # type: ignore[attr-defined]
        if child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                out += _body_children(content)
        else:
            out.append(child)
    return out


def _table_block(table: object, where: str) -> TableBlock | None:
    rows: list[tuple[str, ...]] = []
    ids: list[tuple[int, ...]] = []
    # lxml hands out the same proxy for an element only while one is alive: keeping every cell
    # element in ``identity`` keeps their ids stable.
    identity: dict[object, int] = {}
    width = 0
    for row in table.rows:  # type: ignore[attr-defined]
        texts: list[str] = [""] * row.grid_cols_before
        cell_ids: list[int] = [-1 - len(identity) - j for j in range(row.grid_cols_before)]
        for cell in row.cells:
            key = cell._tc
            if key not in identity:
                identity[key] = len(identity)
            texts.append("\n".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
            cell_ids.append(identity[key])
        rows.append(tuple(texts))
        ids.append(tuple(cell_ids))
        width = max(width, len(texts))
    if not rows or not any(any(t for t in r) for r in rows):
        return None
    # Rows that end early are padded with cells of their own.
    pad = len(identity) + 1000
    grid = tuple(r + ("",) * (width - len(r)) for r in rows)
    grid_ids = []
    for i, r in enumerate(ids):
        grid_ids.append(r + tuple(pad + i * width + j for j in range(width - len(r))))
    return TableBlock(grid, tuple(grid_ids), where)


# --- PDF -------------------------------------------------------------------------------------------------

_CJK = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
# PDF text extraction puts a space where the font changes between Chinese and Latin characters.
_MIXED_SPACE_RE: Final = re.compile(rf"(?<=[{_CJK}])[ \u00a0](?=[0-9A-Za-z%])|(?<=[0-9A-Za-z%])[ \u00a0](?=[{_CJK}])")


@dataclass
class _Line:
    text: str
    page: int
    x: float | None = None
    y: float | None = None
    size: float = 0.0


def _pdf(data: bytes, name: str) -> DocumentText:
    damaged = ("PDF文件已损坏或无法识别（可能是下载或复制没有完成）。"
               "请重新下载，或用Word版（.docx）、文本版（.txt）的文件。")
    try:
        import logging

        import pypdf

        logging.getLogger("pypdf").setLevel(logging.ERROR)
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:
                ok = 0
            if not ok:
                raise _refuse(name, "这个PDF设置了打开密码，无法读取文字。请用Word版（.docx）或文本版（.txt）的文件。")
        pages = list(reader.pages)
        if len(pages) > MAX_PDF_PAGES:
            raise _refuse(name, f"PDF有{len(pages)}页，超过了{MAX_PDF_PAGES}页的上限。请只保留文件本身的页。")
        page_lines = [_page_lines(page, number) for number, page in enumerate(pages, start=1)]
    except FileRefused:
        raise
    except Exception:
        raise _refuse(name, damaged) from None
    total = sum(len(ln.text.strip()) for lines in page_lines for ln in lines)
    if total < 20 * max(1, min(len(pages), 3)):
        raise _refuse(name, "这个PDF没有文字层（可能是扫描件或图片），无法读出文字。"
                      "请用Word版（.docx）或文本版（.txt）的文件，或向发文单位索要电子版。")
    blocks = _pdf_paragraphs(_drop_furniture(page_lines))
    if not blocks:
        raise _refuse(name, "PDF里没有读出任何文字。请用Word版（.docx）或文本版（.txt）的文件。")
    return DocumentText(name, "pdf", blocks)


def _page_lines(page: object, number: int) -> list[_Line]:
    """The page's lines with where each starts, from pypdf's text visitor."""
    lines: list[_Line] = []
    current: list[str] = []
    start: list[float | None] = [None, None, 0.0]

    def close() -> None:
        text = "".join(current)
        if text.strip():
            lines.append(_Line(text, number, start[0], start[1], start[2] or 0.0))
        current.clear()
        start[0] = start[1] = None

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if not text:
            return
        parts = text.split("\n")
        for k, part in enumerate(parts):
            if k > 0:
                close()
            if part.strip() and start[0] is None:
                start[0] = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                start[1] = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                start[2] = size * (abs(tm[0] * cm[0]) or 1.0)
            current.append(part)

    extracted = page.extract_text(visitor_text=visit) or ""  # type: ignore[attr-defined]
    close()
    if not lines and extracted.strip():  # no positions: keep the plain lines
        lines = [_Line(t, number) for t in extracted.split("\n") if t.strip()]
    for line in lines:
        line.text = _MIXED_SPACE_RE.sub("", line.text.strip(" \t\u00a0")).strip()
    return [ln for ln in lines if ln.text]


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _drop_furniture(page_lines: list[list[_Line]]) -> list[_Line]:
    """Page numbers ("— 1 —", "-1-", "第1页") and running heads (the same first or last line on
    most pages) are not text."""
    counts: Counter[str] = Counter()
    widths = sorted(_width(ln.text) for lines in page_lines for ln in lines)
    short = 0.6 * widths[int(len(widths) * 0.9)] if widths else 0.0
    for lines in page_lines:
        edge = {_furniture_key(ln.text) for ln in lines[:2] + lines[-2:] if _width(ln.text) < short}
        counts.update(edge)
    repeated = {key for key, n in counts.items() if len(page_lines) >= 3 and n >= max(3, 0.6 * len(page_lines))}
    out: list[_Line] = []
    for lines in page_lines:
        for k, line in enumerate(lines):
            at_edge = k < 2 or k >= len(lines) - 2
            if is_page_artefact(line.text):
                continue
            if at_edge and _width(line.text) < short and _furniture_key(line.text) in repeated:
                continue
            out.append(line)
    return out


def _pdf_paragraphs(lines: list[_Line]) -> list[Block]:
    """Lines joined into paragraphs: a line continues the previous one when the previous one runs
    to the right margin and does not end a sentence, or when (in a document whose paragraphs are
    indented) it starts at the left margin right below a full line; a heading never continues."""
    if not lines:
        return []
    xs = Counter(round(ln.x) for ln in lines if ln.x is not None)
    margin = min((x for x, n in xs.items() if n >= max(2, 0.1 * len(lines))), default=None)
    widths = sorted(_width(ln.text) for ln in lines)
    full = widths[int(len(widths) * 0.9)]
    steps = Counter(round(a.y - b.y) for a, b in zip(lines, lines[1:], strict=False)
                    if a.y is not None and b.y is not None and a.page == b.page and a.y > b.y)
    step = steps.most_common(1)[0][0] if steps else None

    def indented(line: _Line) -> bool:
        if margin is None or line.x is None:
            return False
        return line.x > margin + max(line.size, 6.0) * 0.8

    uses_indent = margin is not None and sum(1 for ln in lines if indented(ln)) >= max(2, 0.05 * len(lines))
    blocks: list[Block] = []
    text = lines[0].text
    page = lines[0].page
    for prev, line in zip(lines, lines[1:], strict=False):
        is_full = _width(prev.text) + (2 if indented(prev) else 0) >= 0.85 * full
        # Space between paragraphs: a step down clearly larger than the usual line step.
        gap = bool(step) and prev.y is not None and line.y is not None and prev.page == line.page and (
            prev.y - line.y > 1.3 * step + 1)
        opener = bool(_OPENER_RE.match(line.text))
        joins = is_full and not opener and not gap and (
            not prev.text.endswith(_SENTENCE_END) or (uses_indent and not indented(line)))
        if joins and uses_indent and indented(line):
            joins = False
        if joins:
            text = _join(text, line.text)
            continue
        blocks.append(TextBlock(text, f"第{page}页"))
        text, page = line.text, line.page
    blocks.append(TextBlock(text, f"第{page}页"))
    return blocks

