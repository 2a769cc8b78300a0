#!/usr/bin/env bash
# Builds the one-folder program with build_installer.spec, checks its size (at most 150 MB on
# Linux) and that every library in it finds the ones it links against, and runs the frozen
# programs from dist/ with no virtual environment on PATH: --version, init, tasks --json,
# import-returns of a sample, report to PDF, gui --smoke (offscreen) in Chinese and in English.
# Not part of pytest; .ci/run runs it before the tests.
# Usage: bash tools/frozen_check.sh   (after bash .ci/run, which makes .venv)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=${GREENTASKS_VENV:-$ROOT/.venv}
SAMPLES=${GREENTASKS_SAMPLES:-$ROOT/../shared/samples}
"$VENV/bin/python" -m pip install -q "pyinstaller>=6.10"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start=$(date +%s)
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN --distpath "$ROOT/dist" --workpath "$work/build" build_installer.spec
size_mb=$(du -sm dist/greentasks | cut -f1)
echo "build: $(( $(date +%s) - start )) s; size of dist/greentasks: $size_mb MB"
# The one-folder build leaves out the Qt and ICU parts the program never loads (packaging/trim.py).
if [ "$(uname -s)" = Linux ] && [ "$size_mb" -gt 150 ]; then
  echo "dist/greentasks is $size_mb MB, over the 150 MB it may take on Linux; the largest parts:"
  du -a dist/greentasks | sort -n | tail -20
  exit 1
fi
# Every library and plugin of the folder finds the libraries it links against: one of Qt's or the
# drivers' own libraries left out by mistake shows here as "not found" (the system's libraries
# are found on this machine either way; packaging/trim.py drops only those no kept file imports).
missing=$(find dist/greentasks -type f \( -name '*.so' -o -name '*.so.*' \) -print0 \
  | LD_LIBRARY_PATH="$ROOT/dist/greentasks/_internal" xargs -0 -n 20 ldd 2>/dev/null \
  | awk '/^[^\t]/ { file = $1 } /not found/ { print file, $1 }' | sort -u)
[ -z "$missing" ] || { echo "libraries not found:"; echo "$missing"; exit 1; }
dangling=$(find dist/greentasks -xtype l)
[ -z "$dangling" ] || { echo "links to files left out:"; echo "$dangling"; exit 1; }

# Run with a PATH and environment that hold no Python virtual environment.
run() { env -i HOME="$work/home" PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen GREENTASKS_DATA_DIR="$work/data" "$@"; }
APP="$ROOT/dist/greentasks"
db="$work/office.db"
run "$APP/greentasks" --version
run "$APP/greentasks" --db "$db" init --example
run "$APP/greentasks" --db "$db" tasks --json > "$work/tasks.json"
python3 -c "import json,sys; t=json.load(open(sys.argv[1],encoding='utf-8')); assert len(t)==34, len(t); print('tasks: 34')" "$work/tasks.json"
if [ -d "$SAMPLES" ]; then
  # The samples on an office of their own: the directory, the decomposition table, a return.
  plain="$work/samples.db"
  run "$APP/greentasks" --db "$plain" init
  run "$APP/greentasks" --db "$plain" import-departments "$SAMPLES/sample_单位通讯录.xlsx"
  run "$APP/greentasks" --db "$plain" import-plan "$SAMPLES/sample_分工表.xlsx"
  # The sample return still holds the template's prompts (（本期进展）): the program must refuse it
  # as unfilled, naming the rows, and exit 1 with nothing written.
  sample_return="$SAMPLES/sample_区农业农村委_2023Q2_进展情况.xlsx"
  set +e
  run "$APP/greentasks" --db "$plain" import-returns "$sample_return" 2> "$work/refused.txt"
  rc=$?
  set -e
  cat "$work/refused.txt"
  [ "$rc" = 1 ] || { echo "the unfilled sample return gave exit code $rc, not 1"; exit 1; }
  grep -q "还没有填写" "$work/refused.txt"
  # The same return filled in, as a unit sends it back: imported.
  "$VENV/bin/python" - "$sample_return" "$work/filled.xlsx" <<'PY'
import sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.active
for row in ws.iter_rows():
    for cell in row:
        if isinstance(cell.value, str) and cell.value.startswith("（") and cell.value.endswith("）"):
            cell.value = {"（姓名）": "张明"}.get(cell.value, "已按计划推进，完成年度目标的六成。")
wb.save(sys.argv[2])
PY
  run "$APP/greentasks" --db "$plain" import-returns "$work/filled.xlsx"
fi
run "$APP/greentasks" --db "$db" --today 2023-07-10 report "$work/full.pdf"
pdftotext "$work/full.pdf" "$work/full.txt"
grep -q "重点任务推进情况表" "$work/full.txt"
echo "report: $(pdfinfo "$work/full.pdf" | grep Pages)"
# The PostgreSQL driver and its libpq load: a server that is not there is a message from libpq.
set +e
run "$APP/greentasks" --db "postgresql+psycopg://clerk@127.0.0.1:9/greentasks" tasks 2> "$work/pg.txt"
rc=$?
set -e
grep -q "无法打开数据库.*connection" "$work/pg.txt" || { echo "PostgreSQL (exit code $rc):"; cat "$work/pg.txt"; exit 1; }
echo "postgresql driver: loads"
# The windowed program in Chinese (the default) and in English (设置 → 界面语言, kept in the user's
# greentasks-ui.ini): the entry reports the language in force, the window title and a button of
# Qt's own dialogs, read from the translation files the build ships.
run env GREENTASKS_REPORT_LANGUAGE=1 "$APP/greentasks-gui" --db "$db" --smoke 2> "$work/zh.txt" \
  || { cat "$work/zh.txt"; exit 1; }
grep "界面语言" "$work/zh.txt"
grep -q "界面语言：zh_CN；标题：绿色发展重点任务督查督办台账；Qt 按钮：取消" "$work/zh.txt"
echo "gui --smoke: OK"
mkdir -p "$work/data_en"
printf '[ui]\nlanguage=en\n' > "$work/data_en/greentasks-ui.ini"
run env GREENTASKS_REPORT_LANGUAGE=1 GREENTASKS_DATA_DIR="$work/data_en" "$APP/greentasks-gui" --db "$db" --smoke \
  2> "$work/en.txt" || { cat "$work/en.txt"; exit 1; }
grep "界面语言" "$work/en.txt"
grep -q "界面语言：en；标题：Green Development Key Tasks；Qt 按钮：Cancel" "$work/en.txt"
echo "gui --smoke in English: OK"
run "$APP/greentasks" --db "$db" gui --smoke && echo "gui --smoke (console program): OK"
echo "frozen check passed"
