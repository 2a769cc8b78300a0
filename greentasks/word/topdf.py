"""A Word document made into a PDF by LibreOffice, run headless (docs/documents.md#pdf).

LibreOffice is found on PATH (``soffice``, ``libreoffice``) and, on Windows, in its usual install
folders. Each conversion runs with a profile folder of its own, made for it and removed after, so
that a LibreOffice the clerk has open (or a second conversion) does not swallow the request, and
with a time limit. Without LibreOffice the Word file is still there: the message says how to make
the PDF by hand.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Final

from ..errors import GreentasksError

NO_CONVERTER: Final = "未找到 LibreOffice 或 WPS，已保存 Word 文件；如需 PDF，请用 Word/WPS 另存为 PDF。"
TIMEOUT_SECONDS: Final = 180


class PdfUnavailable(GreentasksError):
    """No PDF could be made; the Word file is kept."""


def find_office() -> Path | None:
    """The LibreOffice program that converts documents, or None when none is installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    if os.name == "nt":
        for root in (os.environ.get("PROGRAMFILES"), os.environ.get("PROGRAMFILES(X86)"),
                     os.environ.get("PROGRAMW6432"), r"C:\Program Files", r"C:\Program Files (x86)"):
            if root:
                candidate = Path(root) / "LibreOffice" / "program" / "soffice.exe"
                if candidate.is_file():
                    return candidate
    return None


def to_pdf(docx: str | Path, pdf: str | Path | None = None, *, timeout: float = TIMEOUT_SECONDS) -> Path:
    """Converts ``docx`` to ``pdf`` (the same name ending .pdf by default) and returns the PDF.
    Raises :class:`PdfUnavailable` with a Chinese message when there is no LibreOffice, when it
    fails or takes too long, or when the PDF cannot be written (open in a reader)."""
    source = Path(docx)
    target = Path(pdf) if pdf is not None else source.with_suffix(".pdf")
    office = find_office()
    if office is None:
        raise PdfUnavailable(NO_CONVERTER)
    with tempfile.TemporaryDirectory(prefix="greentasks-pdf-") as work:
        profile, outdir = Path(work) / "profile", Path(work) / "out"
        outdir.mkdir()
        command = [str(office), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--nolockcheck", "--convert-to", "pdf", "--outdir", str(outdir), str(source)]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as exc:
            raise PdfUnavailable(f"LibreOffice 转换 PDF 超过{int(timeout)}秒仍未完成，已保存 Word 文件；"
                                 "如需 PDF，请用 Word/WPS 另存为 PDF。") from exc
        except OSError as exc:
            raise PdfUnavailable(f"无法启动 LibreOffice（{exc}），已保存 Word 文件；"
                                 "如需 PDF，请用 Word/WPS 另存为 PDF。") from exc
        made = outdir / (source.stem + ".pdf")
        if done.returncode != 0 or not made.is_file():
            said = (done.stderr or done.stdout or b"").decode("utf-8", "replace").strip().splitlines()
            detail = f"（{said[-1]}）" if said else ""
            raise PdfUnavailable(f"LibreOffice 未能把“{source.name}”转换为 PDF{detail}，已保存 Word 文件；"
                                 "如需 PDF，请用 Word/WPS 另存为 PDF。")
        try:
            shutil.copyfile(made, target)
        except PermissionError as exc:
            raise PdfUnavailable(f"无法写入“{target}”：文件可能正被 PDF 阅读器打开。请关闭该文件后再试，"
                                 "或换一个文件名。") from exc
    return target
