#!/usr/bin/env bash
# Builds the one-folder program with build_installer.spec and runs the frozen programs from
# dist/ with no virtual environment on PATH: --version, init, tasks --json, import-returns of a
# sample, report to PDF, gui --smoke (offscreen). Not part of pytest; .ci/run runs it before the tests.
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
echo "build: $(( $(date +%s) - start )) s; size of dist/greentasks: $(du -sh dist/greentasks | cut -f1)"

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
run "$APP/greentasks-gui" --db "$db" --smoke && echo "gui --smoke: OK"
run "$APP/greentasks" --db "$db" gui --smoke && echo "gui --smoke (console program): OK"
echo "frozen check passed"
