"""What build_installer.spec leaves out of the one-folder program: the parts of Qt and ICU that the
program never loads. Pure Python (no PyInstaller, no Qt), so the tests run it directly; the spec
loads it by path, since ``packaging`` is also the name of a library PyInstaller itself imports.

Three trims, each by name patterns that hold for the Linux names (libqxcb.so, libicudata.so.73)
and the Windows ones (qwindows.dll, Qt6Network.dll) alike:

- Qt's translations other than the one ui/i18n.py loads (qtbase_zh_CN; English is Qt's own
  source language), and Qt plugins for platforms, input devices, image formats and desktop
  themes the program never uses;
- the libraries that only those plugins needed (found from the binaries' imports, so libgtk's
  cairo and pango go with the GTK theme, libQt6Network with the VNC platform);
- on Linux, ICU's data library (libicudata, 31 MB): Qt uses ICU only for collation, time-zone
  names, case mapping and text codecs, so the data keeps those for the root, Chinese and English
  locales and drops the rest (other languages, break iterators, transliteration, unit and
  currency names, …).
"""

from __future__ import annotations

import posixpath
import re
import shutil
import struct
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

# -- Qt translations and plugins -----------------------------------------------------------------

# ui/i18n.py loads Qt's own catalogue only for Chinese (the buttons of message and file dialogs);
# tests/packaging/test_frozen_trim.py checks that what it loads is kept.
QT_TRANSLATIONS_KEPT = frozenset({"qtbase_zh_CN.qm"})

# Plugin folders never used: the program draws widgets on X11 (xcb), Windows or offscreen, with
# Qt's own file dialogs (DontUseNativeDialog), no OpenGL and no network.
QT_PLUGIN_DIRS_DROPPED = frozenset({
    "egldeviceintegrations", "generic", "xcbglintegrations", "platformthemes", "tls",
    "networkinformation", "sqldrivers", "wayland-decoration-client",
    "wayland-graphics-integration-client", "wayland-shell-integration", "position", "multimedia",
    "qmltooling", "designer",
})
# Plugin folders of which only some plugins are used (named without "lib" and the extension).
# Image formats: the icons are SVG (ui/icons.py; PNG is built into QtGui), the Windows icon .ico.
QT_PLUGINS_KEPT_ONLY = {
    "platforms": frozenset({"qxcb", "qoffscreen", "qminimal", "qwindows", "qcocoa"}),
    "imageformats": frozenset({"qsvg", "qico"}),
}


def _parts(dest: str) -> tuple[str, ...]:
    return PurePosixPath(dest.replace("\\", "/")).parts


def plugin_stem(filename: str) -> str:
    """libqxcb.so → qxcb, qwindows.dll → qwindows."""
    stem = filename.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def unused_qt_file(dest: str) -> bool:
    """True for a file of PySide6 (its path in the build) that the program never loads."""
    parts = _parts(dest)
    if len(parts) < 3 or parts[0] != "PySide6":
        return False
    name = parts[-1]
    if parts[-2] == "translations" and name.endswith(".qm"):
        return name not in QT_TRANSLATIONS_KEPT
    if "plugins" in parts[:-1]:
        i = parts.index("plugins")
        if len(parts) != i + 3:
            return False  # not plugins/<folder>/<file>
        folder = parts[i + 1]
        if folder in QT_PLUGIN_DIRS_DROPPED:
            return True
        kept = QT_PLUGINS_KEPT_ONLY.get(folder)
        return kept is not None and plugin_stem(name) not in kept
    return False


def orphaned(names: Iterable[str], dropped: set[str], needs: Callable[[str], Iterable[str]]) -> set[str]:
    """The binaries that only dropped ones need: reached from ``dropped`` through ``needs`` (the
    library names a binary imports) but from no binary that stays. Names are compared by file
    name, case-insensitively (Windows)."""
    names = list(names)
    by_file = {PurePosixPath(n.replace("\\", "/")).name.lower(): n for n in names}

    def deps(name: str) -> set[str]:
        found = (by_file.get(PurePosixPath(lib.replace("\\", "/")).name.lower()) for lib in needs(name))
        return {d for d in found if d is not None and d != name}

    def closure(start: Iterable[str]) -> set[str]:
        seen: set[str] = set()
        todo = list(start)
        while todo:
            for d in deps(todo.pop()):
                if d not in seen:
                    seen.add(d)
                    todo.append(d)
        return seen

    candidates = closure(dropped) - dropped
    staying = [n for n in names if n not in dropped and n not in candidates]
    return candidates - closure(staying) - set(staying)


def _link_target(entry: tuple) -> str:
    """The dest name a SYMLINK entry (dest, target relative to the link's folder) points at."""
    dest = PurePosixPath(entry[0].replace("\\", "/"))
    return posixpath.normpath(str(dest.parent / entry[1].replace("\\", "/")))


def lean_toc(toc: list[tuple], needs: Callable[[str], Iterable[str]] | None = None) -> tuple[list[tuple], list[str]]:
    """``toc`` (PyInstaller's (dest, source, typecode) entries) without the unused Qt files and,
    when ``needs`` is given (dest → names of the libraries it imports), without the libraries
    only they needed; links (typecode SYMLINK) to a file left out go with it. Returns the kept
    entries and the dest names left out."""
    files = [e for e in toc if e[2] != "SYMLINK"]
    dropped = {e[0] for e in files if unused_qt_file(e[0])}
    if needs is not None and dropped:
        dropped |= orphaned((e[0] for e in files), dropped, needs)
    gone = {n.replace("\\", "/") for n in dropped}
    dropped |= {e[0] for e in toc if e[2] == "SYMLINK" and _link_target(e) in gone}
    return [e for e in toc if e[0] not in dropped], sorted(dropped)


def lean(binaries: list[tuple], datas: list[tuple],
         needs: Callable[[str], Iterable[str]] | None = None) -> tuple[list[tuple], list[tuple], list[str]]:
    """:func:`lean_toc` over an Analysis' binaries and datas together (PyInstaller lists the links
    to libraries among the datas): the kept binaries, the kept datas, the dest names left out."""
    _kept, dropped = lean_toc([*binaries, *datas], needs)
    gone = set(dropped)
    return [e for e in binaries if e[0] not in gone], [e for e in datas if e[0] not in gone], dropped


# -- ICU data --------------------------------------------------------------------------------------

# Trees of the ICU data that Qt never reads (it calls ucol_*, ucal_*, ucnv_* and u_strTo*):
# break iterators, unit, currency, language and region names, spell-out rules, transliteration.
ICU_TREES_DROPPED = frozenset({"brkitr", "unit", "curr", "lang", "region", "rbnf", "translit"})
# Files at the top of the data Qt never reads: character names, stringprep profiles, the spoof
# checker's confusables.
ICU_FILES_DROPPED = frozenset({"unames.icu"})
ICU_SUFFIXES_DROPPED = (".spp", ".cfu")
# Locales kept in every tree (collation, time-zone names, calendars): the program's two languages.
ICU_LANGUAGES = frozenset({"en", "zh"})
_ICU_ALWAYS = frozenset({"root", "pool", "res_index"})
_ICU_LOCALE = re.compile(r"[a-z]{2,3}(?:_[A-Za-z0-9]*)*")
# Code pages kept (Qt's QStringConverter asks ICU for the ones it does not know itself): the
# Chinese ones (GB18030, GBK, GB2312, Big5 with the base table it extends, ISO-2022-CN with its
# CNS 11643 and ISO-IR-165 tables) and the Windows ANSI pages (1250–1258).
_ICU_CONVERTERS = re.compile(
    r"gb18030|windows-9(?:36|50)-2000|ibm-(?:1373|1383|1386|5478|950|534[6-9]|535[0-4])_.*"
    r"|iso-ir-165|cns-11643-1992")


def keep_icu_item(name: str) -> bool:
    """Whether the item ``name`` of ICU's data package (e.g. ``icudt73l/coll/zh.res``) stays."""
    parts = name.split("/")
    if len(parts) > 1 and re.fullmatch(r"icudt\d+[lbe]", parts[0]):
        parts = parts[1:]
    file = parts[-1]
    if len(parts) > 1 and parts[0] in ICU_TREES_DROPPED:
        return False
    if file in ICU_FILES_DROPPED or file.endswith(ICU_SUFFIXES_DROPPED):
        return False
    stem, _, ext = file.rpartition(".")
    if ext == "cnv":
        return bool(_ICU_CONVERTERS.fullmatch(stem))
    if ext == "res" and stem not in _ICU_ALWAYS and _ICU_LOCALE.fullmatch(stem):
        return stem.split("_", 1)[0] in ICU_LANGUAGES
    return True


class IcuFormatError(ValueError):
    pass


def icu_items(blob: bytes) -> tuple[bytes, str, list[tuple[str, bytes]]]:
    """Splits an ICU common data package ("CmnD", as icupkg writes it) into its header, the byte
    order ("<" or ">") and its items (name, bytes), in the package's (sorted) order."""
    if len(blob) < 32 or blob[2:4] != b"\xda\x27":
        raise IcuFormatError("not ICU data")
    order = ">" if blob[8] else "<"
    header_size = struct.unpack_from(order + "H", blob, 0)[0]
    if blob[12:16] != b"CmnD" or blob[16] != 1:
        raise IcuFormatError("not an ICU common data package")
    count = struct.unpack_from(order + "I", blob, header_size)[0]
    entries = [struct.unpack_from(order + "II", blob, header_size + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_offset, data_offset) in enumerate(entries):
        start = header_size + name_offset
        name = blob[start:blob.index(b"\0", start)].decode("ascii")
        end = header_size + entries[i + 1][1] if i + 1 < count else len(blob)
        items.append((name, blob[header_size + data_offset:end]))
    return blob[:header_size], order, items


def icu_package(header: bytes, order: str, items: list[tuple[str, bytes]]) -> bytes:
    """The inverse of :func:`icu_items`: a package of ``items`` (kept in the given order, which
    must be sorted by name, as ICU looks them up by binary search), each aligned to 16 bytes."""
    toc_size = 4 + 8 * len(items)
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    offset = toc_size + len(names)
    offset += -(len(header) + offset) % 16
    toc = [struct.pack(order + "I", len(items))]
    name_offset = toc_size
    body = []
    for name, data in items:
        toc.append(struct.pack(order + "II", name_offset, offset))
        name_offset += len(name) + 1
        pad = -len(data) % 16
        body.append(data + b"\0" * pad)
        offset += len(data) + pad
    head = header + b"".join(toc) + names
    return head + b"\0" * (-len(head) % 16) + b"".join(body)


def trim_icu_package(blob: bytes, keep: Callable[[str], bool] = keep_icu_item) -> bytes:
    header, order, items = icu_items(blob)
    return icu_package(header, order, [(name, data) for name, data in items if keep(name)])


def elf_symbol(path: Path, pattern: str) -> tuple[str, int, int]:
    """The first exported symbol of the ELF file ``path`` whose name matches ``pattern``: its name,
    file offset and size (the ICU data library exports its package as ``icudt<version>_dat``)."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF":
        raise IcuFormatError(f"{path.name} is not an ELF file")
    is64, order = data[4] == 2, "<" if data[5] == 1 else ">"
    if is64:
        shoff, = struct.unpack_from(order + "Q", data, 0x28)
        shentsize, shnum = struct.unpack_from(order + "HH", data, 0x3A)
        sh_fmt, sym_fmt, sym_size = "IIQQQQIIQQ", "IBBHQQ", 24
    else:
        shoff, = struct.unpack_from(order + "I", data, 0x20)
        shentsize, shnum = struct.unpack_from(order + "HH", data, 0x2E)
        sh_fmt, sym_fmt, sym_size = "IIIIIIIIII", "IIIBBH", 16
    sections = [struct.unpack_from(order + sh_fmt, data, shoff + i * shentsize) for i in range(shnum)]
    for sh in sections:
        if sh[1] != 11:  # SHT_DYNSYM
            continue
        strtab = sections[sh[6]]
        for k in range(sh[5] // sym_size):
            fields = struct.unpack_from(order + sym_fmt, data, sh[4] + k * sym_size)
            if is64:
                name_off, shndx, value, size = fields[0], fields[3], fields[4], fields[5]
            else:
                name_off, value, size, shndx = fields[0], fields[1], fields[2], fields[5]
            start = strtab[4] + name_off
            name = data[start:data.index(b"\0", start)].decode("ascii", "replace")
            if shndx and re.fullmatch(pattern, name):
                home = sections[shndx]
                return name, value - home[3] + home[4], size
    raise IcuFormatError(f"no symbol {pattern} in {path.name}")


def is_icu_data_library(dest: str) -> bool:
    return bool(re.fullmatch(r"libicudata\.so(\.\d+)*", _parts(dest)[-1]))


def build_trimmed_icu_library(source: Path, workdir: Path, log: Callable[[str], None] = print) -> Path | None:
    """A copy of ICU's data library ``source`` that holds only the data :func:`keep_icu_item`
    keeps, with the same file name (soname) and symbol, assembled with binutils' ``as`` and ``ld``
    (which PyInstaller needs on Linux anyway). None, with a line in the log, when it cannot be
    built: the build then ships the whole library."""
    assembler, linker = shutil.which("as"), shutil.which("ld")
    if not assembler or not linker:
        log(f"trim: no 'as'/'ld' (binutils) on PATH; {source.name} is shipped whole")
        return None
    try:
        symbol, offset, size = elf_symbol(source, r"icudt\d+_dat")
        data = source.read_bytes()[offset:offset + size]
        trimmed = trim_icu_package(data)
    except (OSError, IcuFormatError, struct.error, IndexError) as exc:
        log(f"trim: {source.name} not understood ({exc}); shipped whole")
        return None
    workdir.mkdir(parents=True, exist_ok=True)
    package = workdir / f"{symbol}.dat"
    package.write_bytes(trimmed)
    (workdir / "icudata.s").write_text(
        "\t.section .rodata\n"
        "\t.balign 16\n"
        f"\t.globl {symbol}\n"
        f"\t.type {symbol}, STT_OBJECT\n"
        f"{symbol}:\n"
        f'\t.incbin "{package.name}"\n'
        f"\t.size {symbol}, . - {symbol}\n"
        '\t.section .note.GNU-stack,"",%progbits\n',
        "ascii",
    )
    out = workdir / source.name
    try:
        subprocess.run([assembler, "-o", "icudata.o", "icudata.s"], cwd=workdir, check=True,
                       capture_output=True, text=True)
        subprocess.run([linker, "-shared", "-soname", source.name, "-z", "noexecstack", "-o", str(out),
                        "icudata.o"], cwd=workdir, check=True, capture_output=True, text=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        log(f"trim: could not link the trimmed {source.name} ({getattr(exc, 'stderr', '') or exc}); shipped whole")
        return None
    log(f"trim: {source.name}: ICU data {size / 2**20:.1f} MB → {len(trimmed) / 2**20:.1f} MB")
    return out


def with_trimmed_icu(toc: list[tuple], workdir: Path, log: Callable[[str], None] = print) -> list[tuple]:
    """``toc`` with ICU's data library (if any) taken from a trimmed copy built in ``workdir``."""
    out = []
    for entry in toc:
        dest, source = entry[0], entry[1]
        if entry[2] != "SYMLINK" and is_icu_data_library(dest):
            key = (source, str(workdir))
            if key not in _built:  # both programs of the build share the library
                _built[key] = build_trimmed_icu_library(Path(source), workdir / "icu", log)
            if _built[key] is not None:
                entry = (dest, str(_built[key]), *entry[2:])
        out.append(entry)
    return out


_built: dict[tuple[str, str], Path | None] = {}
