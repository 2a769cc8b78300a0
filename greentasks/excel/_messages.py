"""Every Chinese text the reading layer shows a clerk, in one place.

Each function returns the message only; :func:`refuse` wraps it into a :class:`FileRefused` whose
:class:`Problem` names the file. A message always says what the file is and what to do about it.
"""

from __future__ import annotations

from greentasks.errors import FileRefused, Problem

ASK_FOR_EXCEL = "请向报送单位索要Excel格式（.xlsx 或 .xls）的表格后再导入。"
RESAVE = "请在Excel或WPS中打开并重新保存（另存为 .xlsx）后再导入，或请报送单位重新发送。"


def refuse(file_name: str, message: str) -> FileRefused:
    return FileRefused(Problem(message, file=file_name))


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


# --- the file itself -----------------------------------------------------------------------------


def missing() -> str:
    return "找不到文件。请确认文件仍在原来的位置，没有被移动、改名或删除。"


def not_a_file() -> str:
    return "这是一个文件夹，不是表格文件。请选择文件夹里的表格文件导入。"


def unreadable() -> str:
    return "无法读取文件（可能正被其他程序占用，或没有访问权限）。请关闭正在打开它的Excel/WPS后重试。"


def empty_file() -> str:
    return "文件是空的（0 字节，没有任何内容），可能是下载或复制没有完成。请报送单位重新发送。"


def empty_sheets() -> str:
    return "文件是空的：所有工作表里都没有填写任何内容。请确认发送的是填写好的表格，重新保存后再导入。"


def too_large(size: int, limit: int) -> str:
    return (
        f"文件太大（{_mb(size) if size >= limit + 52429 else f'{size:,} 字节'}），超过了 {limit // (1024 * 1024)} MB"
        f"（{limit:,} 字节）的上限。"
        "请删除表格中多余的图片、空行和无关的工作表，另存后再导入。"
    )


# --- damaged -----------------------------------------------------------------------------------------


def damaged_zip() -> str:
    return (
        "文件已损坏：.xlsx 文件的内部结构不完整（可能是下载或复制没有完成）。"
        "请在Excel或WPS中打开并重新保存后再导入，或请报送单位重新发送。"
    )


def damaged_xls() -> str:
    return (
        "文件已损坏：.xls 文件的内部结构不完整（可能是下载或复制没有完成）。"
        "请在Excel或WPS中打开并重新保存后再导入，或请报送单位重新发送。"
    )


def damaged(detail: str = "") -> str:
    extra = f"（{detail}）" if detail else ""
    return f"文件已损坏或格式无法识别{extra}。{RESAVE}"


def unknown_format() -> str:
    return f"文件格式无法识别，不是Excel表格。{ASK_FOR_EXCEL}若确是表格，{RESAVE}"


# --- hostile -----------------------------------------------------------------------------------------


def encrypted() -> str:
    return (
        "文件设置了打开密码，程序无法读取。请发送未加密的副本"
        "（可在Excel或WPS中输入密码打开后，清除“打开密码”再保存）。"
    )


def zip_too_big(declared: int, limit: int) -> str:
    return (
        f"文件解压后过大（内部各部分声明的解压大小共 {_mb(declared)}，超过 {limit // (1024 * 1024)} MB 的上限），"
        "可能是异常或恶意构造的文件（“压缩炸弹”），已拒绝导入。"
        "请报送单位在Excel中打开确认后重新保存、重新发送。"
    )


def zip_ratio(member: str, ratio: float) -> str:
    return (
        f"文件内部“{member}”的压缩比异常（约 {ratio:.0f}:1），可能是恶意构造的文件（“压缩炸弹”），已拒绝导入。"
        "请报送单位在Excel中打开确认后重新保存、重新发送。"
    )


def zip_inflates_beyond_declared(member: str) -> str:
    return (
        f"文件内部“{member}”解压后的大小与声明不符，文件已损坏或是恶意构造的，已拒绝导入。"
        "请报送单位在Excel中打开确认后重新保存、重新发送。"
    )


def zip_too_many_members(count: int) -> str:
    return f"文件内部结构异常（包含 {count} 个部件），不像正常的表格文件，已拒绝导入。{RESAVE}"


def unsafe_xml() -> str:
    return (
        "文件含有不安全的XML实体声明（DOCTYPE/ENTITY），可能是恶意构造的文件，已拒绝导入。"
        "请报送单位在Excel或WPS中打开后另存为 .xlsx，再重新发送。"
    )


def range_too_big(sheet: str, last_row: int, last_col: str) -> str:
    return (
        f"工作表“{sheet}”的内容范围异常大（一直延伸到第{last_row}行、{last_col}列），"
        "通常是有人在很远的单元格里误输入了空格等内容。请在Excel中删除多余的行和列后另存，再导入。"
    )


# --- not a spreadsheet --------------------------------------------------------------------------------


def word_docx(suffix: str) -> str:
    return f"这是一个Word文档（.docx{_renamed(suffix, '.docx')}），不是Excel表格。请发送Excel表格文件（.xlsx 或 .xls）。"


def word_doc(suffix: str) -> str:
    return f"这是一个Word文档（旧版 .doc{_renamed(suffix, '.doc')}），不是Excel表格。请发送Excel表格文件（.xlsx 或 .xls）。"


def word_other(kind: str) -> str:
    return f"这是一个{kind}，不是Excel表格。请发送Excel表格文件（.xlsx 或 .xls）。"


def powerpoint() -> str:
    return f"这是一个PowerPoint演示文稿，不是Excel表格。{ASK_FOR_EXCEL}"


def pdf() -> str:
    return f"这是一个PDF文件，不是Excel表格，程序无法从中读取数据。{ASK_FOR_EXCEL}"


def image(fmt: str) -> str:
    return f"这是一张图片（{fmt}），不是Excel表格，程序无法从中读取数据。{ASK_FOR_EXCEL}"


def archive_with_sheets(names: list[str], total: int) -> str:
    shown = "、".join(names[:3]) + ("等" if total > 3 else "")
    return f"这是一个压缩包（里面有 {total} 个表格文件：{shown}），不是表格本身。请先解压后再导入里面的表格文件。"


def archive(fmt: str = "ZIP") -> str:
    return f"这是一个压缩包（{fmt}），不是表格本身。请先解压，再导入里面的Excel表格文件。"


def archive_without_sheets() -> str:
    return f"这是一个压缩包，里面没有Excel表格文件。{ASK_FOR_EXCEL}"


def opendocument_other() -> str:
    return f"这是一个OpenDocument文本或演示文档，不是电子表格。{ASK_FOR_EXCEL}"


def opendocument_flat() -> str:
    return (
        "这是OpenDocument单文件格式（扁平XML，.fods）的电子表格，程序不能直接读取。"
        "请在WPS或LibreOffice中打开后“另存为”Excel工作簿（.xlsx）或 .ods 文件，再导入。"
    )


def old_excel(version: str) -> str:
    return (
        f"这是早期版本Excel（{version}）格式的表格，程序无法读取这种旧格式。"
        "请在Excel或WPS中打开后“另存为”Excel工作簿（.xlsx），再导入。"
    )


def only_charts() -> str:
    return f"文件里只有图表（或宏表），没有工作表，没有可以导入的表格内容。{ASK_FOR_EXCEL}"


def ole_other() -> str:
    return f"这是一个Office复合文档，但不是Excel表格（可能是其他软件的文件）。{ASK_FOR_EXCEL}"


def plain_text() -> str:
    return f"这是一个纯文本文件，不是Excel表格，也不是用逗号或制表符分隔的表格数据。{ASK_FOR_EXCEL}"


def html_without_table() -> str:
    return f"这是一个网页文件（HTML），但里面没有表格。{ASK_FOR_EXCEL}"


def xml_other() -> str:
    return f"这是一个XML文件，但不是Excel表格（不是“XML电子表格2003”格式）。{ASK_FOR_EXCEL}"


def rtf() -> str:
    return f"这是一个RTF文档（Word可打开的文字文档），不是Excel表格。{ASK_FOR_EXCEL}"


def _renamed(suffix: str, real: str) -> str:
    return f"，扩展名被改成了“{suffix}”" if suffix and suffix != real else ""
