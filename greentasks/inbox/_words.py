"""Every Chinese text :mod:`greentasks.inbox` shows a clerk, in one place.

A refusal (a container that could not be opened, or a member refused by name) says what to do; a
passed-over file says what it is.
"""

from __future__ import annotations

from pathlib import PurePosixPath

# What a file with this extension is, for "不是表格、压缩包或邮件（.docx Word文档）".
_KINDS: dict[str, str] = {
    ".doc": "Word文档", ".docx": "Word文档", ".docm": "Word文档", ".dot": "Word模板", ".dotx": "Word模板",
    ".wps": "WPS文字文档", ".wpt": "WPS文字模板", ".rtf": "RTF文档", ".odt": "OpenDocument文本文档",
    ".pdf": "PDF文件", ".ofd": "OFD版式文档", ".xps": "XPS文档", ".caj": "CAJ文档",
    ".ppt": "PowerPoint演示文稿", ".pptx": "PowerPoint演示文稿", ".dps": "WPS演示文稿", ".odp": "OpenDocument演示文稿",
    ".jpg": "图片", ".jpeg": "图片", ".png": "图片", ".gif": "图片", ".bmp": "图片", ".tif": "图片",
    ".tiff": "图片", ".webp": "图片", ".heic": "图片", ".svg": "图片", ".emf": "图片", ".wmf": "图片",
    ".txt": "文本文件", ".log": "文本文件", ".md": "文本文件", ".json": "数据文件", ".ini": "配置文件",
    ".mp4": "视频", ".avi": "视频", ".mov": "视频", ".wmv": "视频", ".mkv": "视频",
    ".mp3": "音频", ".wav": "音频", ".amr": "音频", ".m4a": "音频", ".wma": "音频",
    ".exe": "程序", ".msi": "安装程序", ".bat": "批处理程序", ".dll": "程序组件", ".lnk": "快捷方式",
    ".url": "网址快捷方式", ".tmp": "临时文件", ".bak": "备份文件", ".msf": "Thunderbird邮件索引文件",
    ".dat": "数据文件", ".db": "数据库文件", ".vcf": "名片", ".ics": "日历文件", ".p7s": "数字签名",
}

FOLDER_SUB = "文件夹（未打开其中的文件；如需导入，请单独选择这个文件夹）"
LOCK = "Excel/WPS 打开文件时生成的临时文件，不是报送"
THUNDERBIRD_DELETED = "Thunderbird 中已删除的邮件（文件夹尚未压缩），未导入"
INLINE_MAIL_TOO_DEEP = "转发的邮件里又附带的邮件，未打开。如需导入，请在邮件程序中把它另存为文件后单独导入。"
TNEF = ("Outlook 的 winmail.dat（TNEF 格式），程序无法打开。"
        "请发件人在 Outlook 中改用 HTML 或纯文本格式重新发送，或把附件另存后直接发送表格。")
ATTACHED_BY_REFERENCE = "邮件里只有附件的链接（附件本身没有随邮件发送）。请发件人把表格作为附件重新发送。"
EMBEDDED_OBJECT = "嵌入邮件的对象，不是表格文件"
EMPTY_MAILBOX = "空的邮件文件（里面没有邮件）"

_SYSTEM = {
    "thumbs.db": "Windows 自动生成的缩略图缓存文件，不是报送",
    "ehthumbs.db": "Windows 自动生成的缩略图缓存文件，不是报送",
    "desktop.ini": "Windows 自动生成的文件夹设置文件，不是报送",
    ".ds_store": "苹果电脑自动生成的文件夹信息文件，不是报送",
}


def system_file(name: str) -> str | None:
    """Why a hidden or system file is not a return, or None for an ordinary file."""
    low = name.lower()
    if low in _SYSTEM:
        return _SYSTEM[low]
    if name.startswith("._"):
        return "苹果电脑生成的附属文件（“._”开头），不是报送"
    if name.startswith("."):
        return "隐藏文件（“.”开头），不是报送"
    return None


def kind_of(name: str) -> str:
    """"（.docx Word文档）" for a known extension, "（.abc 文件）" otherwise, "（没有扩展名）"."""
    suffix = PurePosixPath(name).suffix.lower()
    if not suffix:
        return "（没有扩展名，看不出是什么文件）"
    return f"（{suffix} {_KINDS.get(suffix, '文件')}）"


def known_kind(name: str) -> bool:
    """Whether the extension names a kind of file (a Word document, a picture …) that is no mail."""
    return PurePosixPath(name).suffix.lower() in _KINDS


def not_taken(name: str) -> str:
    return f"不是表格、压缩包或邮件{kind_of(name)}"


def attachment_not_taken(name: str) -> str:
    return f"邮件附件，不是表格{kind_of(name)}"


def mail_without_attachment(words: str) -> str:
    return f"这封邮件没有附件：{words}"


def not_spreadsheet_package(kind: str, suffix: str) -> str:
    return f"这是{kind}（扩展名被改成了“{suffix}”），不是表格"


# --- refusals ----------------------------------------------------------------------------------------


def missing() -> str:
    return "找不到这个文件或文件夹。请确认它仍在原来的位置，没有被移动、改名或删除。"


def unreadable() -> str:
    return "无法读取（可能正被其他程序占用，或没有访问权限）。请关闭正在打开它的程序后重试。"


def unreadable_folder() -> str:
    return "无法打开这个文件夹（可能没有访问权限）。请确认文件夹可以在资源管理器中打开后重试。"


def other_archive(fmt: str) -> str:
    return f"这是{fmt}压缩包，程序只能打开 .zip 压缩包。请先解压（或另存为 .zip）后再导入解压出的表格。"


def zip_damaged(zip_name: str) -> str:
    return (f"压缩包“{zip_name}”已损坏，无法打开（可能是下载或复制没有完成）。"
            "请报送单位重新发送，或在电脑上解压后直接导入表格。")


def zip_empty(zip_name: str) -> str:
    return f"压缩包“{zip_name}”是空的，里面没有任何文件。请报送单位重新发送。"


def zip_without_sheets(zip_name: str, others: list[str]) -> str:
    shown = "、".join(others[:5]) + (f"等 {len(others)} 个文件" if len(others) > 5 else "")
    return f"压缩包“{zip_name}”里没有表格文件（有：{shown}）。请报送单位发送Excel表格。"


def zip_too_many(zip_name: str, count: int, limit: int) -> str:
    return (f"压缩包“{zip_name}”里有 {count} 个文件，超过了一次最多 {limit} 个的上限，可能是异常的压缩包，未打开。"
            "请解压后分批导入其中的表格。")


def zip_too_big(zip_name: str, declared: int, limit: int) -> str:
    return (f"压缩包“{zip_name}”解压后过大（共 {_mb(declared)}，超过 {limit // (1024 * 1024)} MB 的上限），"
            "可能是异常或恶意构造的压缩包（“压缩炸弹”），未打开。请报送单位只压缩需要报送的表格后重新发送。")


def zip_too_deep() -> str:
    return "压缩包里套了多层压缩包，程序只打开一层。请解压后再导入里面的表格。"


def unsafe_path(member: str) -> str:
    return f"压缩包里的“{member}”路径不安全，已跳过（程序不会把压缩包里的任何文件写到磁盘上）。"


def encrypted_member(member: str) -> str:
    return (f"压缩包里的“{member}”设置了密码，程序无法打开。"
            "请报送单位发送不加密的压缩包，或解压后直接发送表格。")


def member_too_big(member: str, size: int, limit: int) -> str:
    return (f"压缩包里的“{member}”太大（{_mb(size)}），超过了 {limit // (1024 * 1024)} MB 的上限，未打开。"
            "请删除表格中多余的图片、空行和无关的工作表，另存后再导入。")


def member_lies(member: str) -> str:
    return (f"压缩包里的“{member}”解压后与压缩包里的记录（大小或校验值）不符：压缩包已损坏或是恶意构造的，已跳过。"
            "请报送单位重新发送。")


def member_damaged(member: str) -> str:
    return f"压缩包里的“{member}”已损坏，无法解压。请报送单位重新发送，或在电脑上解压后直接导入表格。"


def mail_damaged() -> str:
    return "邮件文件已损坏或格式无法识别，无法读取其中的附件。请在邮件程序中重新另存这封邮件，或把附件另存后直接导入。"


def mail_too_big(size: int, limit: int) -> str:
    return (f"邮件太大（{_mb(size)}），超过了 {limit // (1024 * 1024)} MB 的上限，未打开。"
            "请在邮件程序中把附件另存后直接导入。")


def attachment_too_big(size: int, limit: int) -> str:
    return (f"附件太大（{_mb(size)}），超过了 {limit // (1024 * 1024)} MB 的上限，未打开。"
            "请删除表格中多余的图片、空行和无关的工作表，另存后再导入。")


def unexpected() -> str:
    return "读取时发生了意外错误，已跳过（详情记录在程序的日志文件中）。请把这个文件另存一份后重试，或联系技术支持。"


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"
