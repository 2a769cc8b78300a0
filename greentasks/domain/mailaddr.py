"""A unit's mail addresses (邮箱 in the 单位通讯录): several per unit, as clerks write them."""

from __future__ import annotations

import re

# Clerks separate several addresses with 、；;，, or spaces, and paste them from mail programs as
# "张三 <a@b.cn>".
_SEPARATORS = re.compile(r"[、；;，,\s]+")
_ADDRESS = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+$")


def split_addresses(text: str | None) -> tuple[list[str], list[str]]:
    """The addresses in a 邮箱 cell (lower-case, in order, each once) and the pieces that are not
    addresses."""
    text = (text or "").replace("＠", "@").replace("．", ".")
    text = re.sub(r"<([^<>]*)>", r" \1 ", text)
    good: list[str] = []
    bad: list[str] = []
    for piece in _SEPARATORS.split(text):
        piece = piece.strip().strip("<>\"'“”").strip()
        if not piece:
            continue
        if _ADDRESS.match(piece):
            if piece.lower() not in good:
                good.append(piece.lower())
        elif "@" in piece:
            bad.append(piece)
        # a name beside the address ("张三 <a@b.cn>") is not an address and not an error
    return good, bad


def normalize_addresses(text: str | None) -> str:
    """The cell as stored: the addresses joined by "；"."""
    return "；".join(split_addresses(text)[0])


def bad_address_message(bad: list[str]) -> str:
    return (f"邮箱“{'、'.join(bad)}”格式不对（应像 fgw@nc.gov.cn 这样）。"
            "几个邮箱之间用“；”隔开。")
