"""Build the interface translations: resources/translations/greentasks_en.ts → greentasks_en.qm.

    python tools/build_translations.py            compile the .ts into the .qm (commit both)
    python tools/build_translations.py --update   first collect the strings of ui/ into the .ts
                                                  (new ones are marked unfinished; translate them
                                                  in Qt Linguist: pyside6-linguist <the .ts>)

Simplified Chinese is the source language of the interface; English comes from the .qm, which is
committed so the program runs from a checkout without this step.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "greentasks_en.ts"
QM = TS.with_suffix(".qm")


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease: beside this Python (a virtual environment), else on PATH."""
    here = Path(sys.executable).parent
    for candidate in (here / name, here / f"{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"找不到 {name}：请先安装 PySide6（pip install PySide6-Essentials）。")
    return found


def update() -> None:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run([tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", "-source-language", "zh_CN",
                    "-target-language", "en", *sources, "-ts", str(TS)],
                   cwd=ROOT, check=True)


def release() -> None:
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], cwd=ROOT, check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="collect the strings of ui/ into the .ts first")
    args = parser.parse_args()
    if args.update:
        update()
    release()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
