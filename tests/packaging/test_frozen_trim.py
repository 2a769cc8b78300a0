"""What the one-folder build leaves out (packaging/trim.py and the spec's excludes): only parts the
program never loads. The build itself is checked by tools/frozen_check.sh."""

from __future__ import annotations

import ast
import importlib.util
import os
import shutil
import struct
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("greentasks_trim", ROOT / "packaging" / "trim.py")
trim = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(trim)


# -- Qt translations and plugins -------------------------------------------------------------------

@pytest.mark.parametrize("dest", [
    "PySide6/Qt/translations/qtbase_zh_CN.qm",
    "PySide6\\translations\\qtbase_zh_CN.qm",  # Windows
    "greentasks/_resources/translations/greentasks_en.qm",  # the program's own English
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6\\plugins\\platforms\\qwindows.dll",
    "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6\\plugins\\imageformats\\qsvg.dll",
    "PySide6\\plugins\\imageformats\\qico.dll",
    "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    "PySide6\\plugins\\printsupport\\windowsprintersupport.dll",
    "PySide6\\plugins\\styles\\qmodernwindowsstyle.dll",
    "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
    "PySide6/Qt/lib/libQt6Core.so.6",
    "PySide6\\Qt6Network.dll",  # a library goes only when nothing kept needs it (orphaned)
    "PySide6/QtGui.abi3.so",
])
def test_what_the_program_loads_stays(dest):
    assert not trim.unused_qt_file(dest)


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6/Qt/translations/qt_zh_CN.qm",
    "PySide6/Qt/translations/qt_help_zh_CN.qm",
    "PySide6\\translations\\qtbase_ja.qm",
    "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platforms/libqvnc.so",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6\\plugins\\platforms\\qdirect2d.dll",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/imageformats/libqtiff.so",
    "PySide6\\plugins\\imageformats\\qwebp.dll",
    "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
    "PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so",
    "PySide6\\plugins\\tls\\qschannelbackend.dll",
    "PySide6\\plugins\\generic\\qtuiotouchplugin.dll",
])
def test_what_it_never_loads_goes(dest):
    assert trim.unused_qt_file(dest)


def test_the_qt_catalogues_ui_i18n_loads_are_kept(qapp):
    from PySide6.QtCore import QLibraryInfo

    from ui import i18n, prefs

    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)).resolve()
    loaded = []
    try:
        for lang in (prefs.LANG_ZH, prefs.LANG_EN):
            i18n.install(lang)
            loaded += [Path(t.filePath()).resolve() for t in i18n._installed]
    finally:
        i18n.install(prefs.LANG_ZH)
    from_qt = [p.name for p in loaded if p.parent == qt_dir]
    assert from_qt, "ui/i18n.py loads none of Qt's catalogues: check QT_TRANSLATIONS_KEPT"
    for name in from_qt:
        assert not trim.unused_qt_file(f"PySide6/Qt/translations/{name}"), name
        assert not trim.unused_qt_file(f"PySide6\\translations\\{name}"), name


def test_libraries_only_dropped_plugins_need_go_with_them():
    needs = {
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so": ["libQt6Gui.so.6", "libcairo.so.2", "libgtk-3.so.0"],
        "libcairo.so.2": ["libpixman-1.so.0", "libfontconfig.so.1"],
        "libpixman-1.so.0": [],
        "PySide6/Qt/lib/libQt6Gui.so.6": ["libfontconfig.so.1", "libQt6Core.so.6"],
        "PySide6/Qt/plugins/platforms/libqxcb.so": ["libQt6Gui.so.6"],
    }
    names = [*needs, "libfontconfig.so.1", "PySide6/Qt/lib/libQt6Core.so.6"]
    dropped = {"PySide6/Qt/plugins/platformthemes/libqgtk3.so"}
    assert trim.orphaned(names, dropped, lambda n: needs.get(n, [])) == {"libcairo.so.2", "libpixman-1.so.0"}


def test_windows_library_names_match_whatever_their_case():
    needs = {"PySide6\\plugins\\platforms\\qvnc.dll": ["QT6NETWORK.DLL", "Qt6Gui.dll"]}
    names = [*needs, "PySide6\\Qt6Network.dll", "PySide6\\Qt6Gui.dll", "PySide6\\QtGui.pyd"]
    got = trim.orphaned(names, set(needs), lambda n: {"PySide6\\QtGui.pyd": ["qt6gui.dll"]}.get(n, needs.get(n, [])))
    assert got == {"PySide6\\Qt6Network.dll"}


def test_lean_drops_the_links_to_what_it_leaves_out():
    binaries = [
        ("PySide6/Qt/plugins/platforms/libqvnc.so", "/venv/qvnc.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6Network.so.6", "/venv/libQt6Network.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/venv/libQt6Gui.so.6", "BINARY"),
        ("PySide6/QtGui.abi3.so", "/venv/QtGui.abi3.so", "EXTENSION"),
    ]
    datas = [
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("PySide6/Qt/translations/qtbase_fr.qm", "/venv/qtbase_fr.qm", "DATA"),
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", "/venv/qtbase_zh_CN.qm", "DATA"),
    ]
    needs = {
        "PySide6/Qt/plugins/platforms/libqvnc.so": ["libQt6Network.so.6", "libQt6Gui.so.6"],
        "PySide6/QtGui.abi3.so": ["libQt6Gui.so.6"],
    }
    kept_bin, kept_data, dropped = trim.lean(binaries, datas, lambda n: needs.get(n, []))
    assert [e[0] for e in kept_bin] == ["PySide6/Qt/lib/libQt6Gui.so.6", "PySide6/QtGui.abi3.so"]
    assert [e[0] for e in kept_data] == ["libQt6Gui.so.6", "PySide6/Qt/translations/qtbase_zh_CN.qm"]
    assert "libQt6Network.so.6" in dropped and "PySide6/Qt/lib/libQt6Network.so.6" in dropped


# -- the spec's excludes -----------------------------------------------------------------------------

def spec_excludes() -> list[str]:
    tree = ast.parse((ROOT / "build_installer.spec").read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "EXCLUDES" for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError("no EXCLUDES in build_installer.spec")


@pytest.mark.slow
def test_the_program_runs_without_the_modules_the_build_leaves_out(tmp_path):
    """As in the frozen build, importing an excluded module fails: every module of greentasks and
    ui still imports, and init, a PDF report and a Word bulletin still work."""
    excludes = spec_excludes()
    assert "pygments" in excludes and "lxml.objectify" in excludes
    script = textwrap.dedent(f"""
        import importlib, pkgutil, sys
        from importlib.abc import MetaPathFinder

        EXCLUDED = {excludes!r}

        class LeftOut(MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if any(name == e or name.startswith(e + ".") for e in EXCLUDED):
                    raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
                return None

        sys.meta_path.insert(0, LeftOut())
        import greentasks, ui
        for package in (greentasks, ui):
            for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
                if ".migrations." not in info.name and not info.name.endswith("__main__"):
                    importlib.import_module(info.name)
        from greentasks.cli import main
        db = sys.argv[1]
        assert main(["--db", db, "init", "--example"]) == 0
        assert main(["--db", db, "--today", "2023-07-10", "report", sys.argv[2]]) == 0
        assert main(["--db", db, "--today", "2023-07-10", "bulletin", sys.argv[3]]) == 0
        loaded = [m for m in sys.modules if any(m == e or m.startswith(e + ".") for e in EXCLUDED)]
        assert not loaded, loaded
        print("ran without", len(EXCLUDED), "modules")
    """)
    pdf, docx = tmp_path / "r.pdf", tmp_path / "b.docx"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "o.db"), str(pdf), str(docx)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert pdf.stat().st_size > 10_000 and docx.stat().st_size > 5_000


# -- ICU data ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "kept"), [
    ("icudt73l/coll/zh.res", True),
    ("icudt73l/coll/zh_Hans_CN.res", True),
    ("icudt73l/coll/root.res", True),
    ("icudt73l/coll/ucadata.icu", True),
    ("icudt73l/coll/res_index.res", True),
    ("icudt73l/coll/de__PHONEBOOK.res", False),
    ("icudt73l/coll/ja.res", False),
    ("icudt73l/zone/en_GB.res", True),
    ("icudt73l/zone/pool.res", True),
    ("icudt73l/zone/fr.res", False),
    ("icudt73l/zh.res", True),
    ("icudt73l/en_001.res", True),
    ("icudt73l/yue.res", False),
    ("icudt73l/supplementalData.res", True),
    ("icudt73l/zoneinfo64.res", True),
    ("icudt73l/metaZones.res", True),
    ("icudt73l/cnvalias.icu", True),
    ("icudt73l/gb18030.cnv", True),
    ("icudt73l/windows-936-2000.cnv", True),
    ("icudt73l/ibm-1373_P100-2002.cnv", True),  # Big5's base table
    ("icudt73l/ibm-943_P15A-2003.cnv", False),
    ("icudt73l/ebcdic-xml-us.cnv", False),
    ("icudt73l/nfkc.nrm", True),
    ("icudt73l/unames.icu", False),
    ("icudt73l/rfc3491.spp", False),
    ("icudt73l/confusables.cfu", False),
    ("icudt73l/brkitr/cjdict.dict", False),
    ("icudt73l/translit/root.res", False),
    ("icudt73l/curr/zh.res", False),
    ("icudt73l/lang/en.res", False),
])
def test_icu_items_kept(name, kept):
    assert trim.keep_icu_item(name) is kept


def icu_package(items: list[tuple[str, bytes]]) -> bytes:
    """A package laid out as icupkg writes one (little-endian, header padded to 32 bytes)."""
    header = struct.pack("<HBBHHBBBB4s4s4s", 32, 0xDA, 0x27, 20, 0, 0, 0, 2, 0, b"CmnD", b"\1\0\0\0",
                         b"\3\0\0\0")
    header += b"\0" * (32 - len(header))
    return trim.icu_package(header, "<", items)


def test_an_icu_package_keeps_the_items_asked_for_in_order_and_aligned():
    items = [("icudt73l/a.res", b"A" * 40), ("icudt73l/coll/fr.res", b"F" * 7), ("icudt73l/coll/zh.res", b"Z" * 9),
             ("icudt73l/unames.icu", b"U" * 100)]
    blob = icu_package(items)
    header, order, parsed = trim.icu_items(blob)
    assert order == "<" and len(header) == 32
    assert [(n, d.rstrip(b"\0")) for n, d in parsed] == items
    trimmed = trim.trim_icu_package(blob)
    _h, _o, kept = trim.icu_items(trimmed)
    assert [(n, d.rstrip(b"\0")) for n, d in kept] == [items[0], items[2]]
    count = struct.unpack_from("<I", trimmed, 32)[0]
    offsets = [struct.unpack_from("<II", trimmed, 36 + 8 * i)[1] for i in range(count)]
    assert all((32 + o) % 16 == 0 for o in offsets)
    assert len(trimmed) < len(blob)


def test_what_is_not_icu_data_is_refused():
    with pytest.raises(trim.IcuFormatError):
        trim.icu_items(b"\x7fELF" + b"\0" * 100)


def pyside_icu_data() -> Path | None:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    return found[0] if found else None


ICU_CHECK = """
import functools
from PySide6.QtCore import QCollator, QDateTime, QLocale, QStringDecoder, QTimeZone
zh = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
en = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
names = ["张三", "王五", "李四", "赵六", "安"]
print(sorted(names, key=functools.cmp_to_key(QCollator(zh).compare)))
tz, now = QTimeZone(b"Asia/Shanghai"), QDateTime.currentDateTime()
print(tz.displayName(now, QTimeZone.NameType.LongName, zh), tz.displayName(now, QTimeZone.NameType.LongName, en))
print([QStringDecoder(n).isValid() for n in ("GBK", "GB18030", "Big5", "windows-1252", "Shift_JIS")])
"""


@pytest.mark.skipif(pyside_icu_data() is None, reason="this PySide6 has no libicudata.so (Windows, macOS)")
@pytest.mark.skipif(not (shutil.which("as") and shutil.which("ld")), reason="binutils (as, ld) not installed")
def test_qt_sorts_chinese_and_names_time_zones_with_the_trimmed_icu_data(tmp_path):
    source = pyside_icu_data()
    built = trim.build_trimmed_icu_library(source, tmp_path, log=lambda _line: None)
    assert built is not None and built.name == source.name
    assert built.stat().st_size < source.stat().st_size / 5
    env = {**os.environ, "LD_LIBRARY_PATH": str(tmp_path)}  # searched before Qt's own RUNPATH
    done = subprocess.run([sys.executable, "-c", ICU_CHECK], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "['安', '李四', '王五', '张三', '赵六']"  # pinyin order, from coll/zh.res
    assert lines[1] == "中国标准时间 China Standard Time"
    # The Chinese code pages stay; Shift_JIS does not, which shows the trimmed data was the one used.
    assert lines[2] == "[True, True, True, True, False]"
