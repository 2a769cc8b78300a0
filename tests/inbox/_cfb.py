"""A minimal compound-file (CFB v3, [MS-CFB]) writer, enough to build Outlook .msg files in tests.

``write_cfb({"stream": b"...", "storage": {"inner stream": b"..."}})`` returns the file's bytes:
512-byte sectors, streams under 4096 bytes in the mini stream (64-byte mini sectors, as every
reader expects), each storage's children in a balanced binary tree ordered as [MS-CFB] §2.6.4
says (shorter names first, then by upper-case name), every node black, the FAT's sectors listed in
the header's DIFAT (files up to ~6 MB).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

SECTOR, MINI, CUTOFF = 512, 64, 4096
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

Tree = dict[str, "bytes | Tree"]


@dataclass
class _Entry:
    name: str
    kind: int  # 1 storage, 2 stream, 5 root
    data: bytes = b""
    children: list[int] = field(default_factory=list)
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    start: int = END
    size: int = 0


def write_cfb(tree: Tree) -> bytes:
    entries = [_Entry("Root Entry", 5)]
    _add(entries, 0, tree)
    for e in entries:
        e.child = _balance(entries, sorted(e.children, key=lambda i: (len(entries[i].name), entries[i].name.upper())))

    # the mini stream holds every small stream, each in whole 64-byte mini sectors
    mini = bytearray()
    minifat: list[int] = []
    for e in entries:
        if e.kind == 2 and 0 < len(e.data) < CUTOFF:
            first, count = len(mini) // MINI, -(-len(e.data) // MINI)
            e.start, e.size = first, len(e.data)
            minifat += [first + k + 1 for k in range(count - 1)] + [END]
            mini += e.data + b"\0" * (count * MINI - len(e.data))
        elif e.kind == 2:
            e.size = len(e.data)

    regions: list[bytes] = []  # in file order: directory, mini FAT, mini stream, big streams

    def count(n: int) -> int:
        return -(-n // SECTOR)

    n_dir = -(-len(entries) // 4)
    regions.append(b"\0" * (n_dir * SECTOR))  # written once the start sectors are known
    minifat_bytes = b"".join(struct.pack("<I", x) for x in minifat)
    regions.append(minifat_bytes)
    regions.append(bytes(mini))
    big = [e for e in entries if e.kind == 2 and len(e.data) >= CUTOFF]
    regions += [e.data for e in big]

    used = sum(count(len(r)) for r in regions)
    n_fat = 1
    while used + n_fat > n_fat * (SECTOR // 4):
        n_fat += 1
    assert n_fat <= 109, "too large for a header-only DIFAT"
    fat = [FREE] * (n_fat * (SECTOR // 4))
    starts = []
    at = 0
    for r in regions:
        n = count(len(r))
        starts.append(at if n else END)
        for k in range(n):
            fat[at + k] = at + k + 1 if k < n - 1 else END
        at += n
    fat_start = at
    for k in range(n_fat):
        fat[fat_start + k] = FATSECT
    dir_start, minifat_start, mini_start = starts[0], starts[1], starts[2]
    for e, s in zip(big, starts[3:], strict=True):
        e.start = s
    entries[0].start, entries[0].size = (mini_start, len(mini)) if mini else (END, 0)

    directory = b"".join(_dir_entry(e) for e in entries)
    directory += _empty_entry() * (n_dir * 4 - len(entries))
    regions[0] = directory

    header = bytearray(SECTOR)
    struct.pack_into("<8s16sHHHHH6sIIIIIIIII", header, 0, MAGIC, b"\0" * 16, 0x3E, 3, 0xFFFE, 9, 6, b"\0" * 6,
                     0, n_fat, dir_start, 0, CUTOFF, minifat_start if minifat else END,
                     count(len(minifat_bytes)), END, 0)
    difat = [fat_start + k for k in range(n_fat)] + [FREE] * (109 - n_fat)
    struct.pack_into("<109I", header, 76, *difat)

    body = b"".join(r + b"\0" * (count(len(r)) * SECTOR - len(r)) for r in regions)
    fat_bytes = b"".join(struct.pack("<I", x) for x in fat)
    return bytes(header) + body + fat_bytes


def _add(entries: list[_Entry], parent: int, tree: Tree) -> None:
    for name, value in tree.items():
        assert len(name) <= 31, name
        index = len(entries)
        if isinstance(value, dict):
            entries.append(_Entry(name, 1))
            entries[parent].children.append(index)
            _add(entries, index, value)
        else:
            entries.append(_Entry(name, 2, bytes(value)))
            entries[parent].children.append(index)


def _balance(entries: list[_Entry], ids: list[int]) -> int:
    if not ids:
        return NOSTREAM
    mid = len(ids) // 2
    node = entries[ids[mid]]
    node.left = _balance(entries, ids[:mid])
    node.right = _balance(entries, ids[mid + 1 :])
    return ids[mid]


def _dir_entry(e: _Entry) -> bytes:
    name = e.name.encode("utf-16-le") + b"\0\0"
    return struct.pack("<64sHBBIII16sIQQIQ", name, len(name), e.kind, 1, e.left, e.right, e.child,
                       b"\0" * 16, 0, 0, 0, e.start, e.size)


def _empty_entry() -> bytes:
    return struct.pack("<64sHBBIII16sIQQIQ", b"", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM, b"\0" * 16, 0, 0, 0, 0, 0)
