"""Run the spreadsheet reader over every spreadsheet-named file in some folders, and say how it went.

    python tools/corpus_run.py FOLDER [FOLDER ...] [--json] [--timeout SECONDS]

Each file is given to ``greentasks.excel.reader.read_workbook`` in a child process, as the
program would read it. The outcome of each file is one of: read (with its kind), refused with a
Chinese message (the message is the outcome), an exception escaping the reader (a bug), or the
child process dying (an abort; also a bug — the next files go on in a new child). Anything the
reader or a library wrote to the process's stderr while reading a file (file descriptor 2, where a
Rust panic message goes) is recorded with that file: a clerk must never see such output.

Without ``--json`` a summary table is printed: how many files per outcome, then every file whose
outcome is an exception, an abort or output on stderr. With ``--json`` one JSON object per file is
printed instead, as soon as it is known::

    {"file": "...", "ok": true, "kind": "xlsx", "sheets": 2, "seconds": 0.004}
    {"file": "...", "ok": false, "msg": "文件已损坏…", "seconds": 0.001}
    {"file": "...", "ok": false, "exc": "ValueError(...)", "seconds": 0.002}
    {"file": "...", "ok": false, "abort": -6}
    (any of them with "stderr": "what was written")

It reads the ``greentasks`` of the checkout it lives in (the working tree, not an installed copy).
The peer corpora of other spreadsheet libraries' test files (SheetJS test_files, Apache POI
test-data, calamine, xlrd, XlsxWriter: 3,400 files) take about half a minute.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import time

SPREADSHEET_NAME = re.compile(r"\.(xlsx|xlsm|xlsb|xls|xltx|xltm|xlam|ods|fods|et|biff\d|xml)$", re.I)
CHILD_FLAG = "--child"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def spreadsheet_files(folders: list[str]) -> list[str]:
    return sorted(
        os.path.join(folder, name)
        for root in folders
        for folder, _dirs, names in os.walk(root)
        for name in names
        if SPREADSHEET_NAME.search(name)
    )


def child(paths: list[str]) -> None:
    """Read each path; print one JSON line each (what went to fd 2 meanwhile is captured)."""
    import logging

    sys.path.insert(0, ROOT)
    logging.disable(logging.CRITICAL)  # the program's log is not the console: keep it out of stderr
    from greentasks.errors import FileRefused
    from greentasks.excel.reader import read_workbook

    with tempfile.TemporaryFile() as sink:
        real_stderr = os.dup(2)
        for path in paths:
            sink.seek(0)
            sink.truncate()
            os.dup2(sink.fileno(), 2)
            result = _read_one(path, read_workbook, FileRefused)
            sys.stderr.flush()
            os.dup2(real_stderr, 2)
            sink.seek(0)
            said = sink.read(2000).decode("utf-8", "replace").strip()
            if said:
                result["stderr"] = said[:500]
            print(json.dumps(result, ensure_ascii=False), flush=True)


def _read_one(path: str, read_workbook, refused: type[Exception]) -> dict:
    started = time.perf_counter()
    try:
        book = read_workbook(path)
        result = {"file": path, "ok": True, "kind": book.kind, "sheets": len(book.sheets)}
    except refused as exc:
        result = {"file": path, "ok": False, "msg": exc.problem.message}
    except BaseException as exc:  # noqa: BLE001 — recorded: the reader must let nothing escape
        result = {"file": path, "ok": False, "exc": repr(exc)[:300]}
    result["seconds"] = round(time.perf_counter() - started, 4)
    return result


def run(files: list[str], timeout: float):
    """Yield one result per file, restarting the child after a file that killed it."""
    done = 0
    while done < len(files):
        proc = subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), CHILD_FLAG],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
        )
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write("\n".join(files[done:]) + "\n")
        proc.stdin.close()
        for line in proc.stdout:
            yield json.loads(line)
            done += 1
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if done < len(files):
            yield {"file": files[done], "ok": False, "abort": proc.returncode}
            done += 1


def outcome(result: dict) -> str:
    if result.get("ok"):
        return f"读取（{result['kind']}）"
    if "msg" in result:
        return result["msg"]
    if "abort" in result:
        return "进程中止（abort）"
    return "异常（exception）"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", help="folders to walk (recursively)")
    parser.add_argument("--json", action="store_true", help="one JSON object per file instead of a table")
    parser.add_argument("--timeout", type=float, default=600, help="seconds a child may take at the end")
    args = parser.parse_args(argv)
    files = spreadsheet_files(args.folders)
    counts: collections.Counter[str] = collections.Counter()
    bad: list[dict] = []
    started = time.perf_counter()
    for result in run(files, args.timeout):
        if args.json:
            print(json.dumps(result, ensure_ascii=False), flush=True)
            continue
        counts[outcome(result)] += 1
        if "exc" in result or "abort" in result or "stderr" in result:
            bad.append(result)
    if args.json:
        return 0
    print(f"{len(files)} files, {time.perf_counter() - started:.1f} s")
    for text, n in counts.most_common():
        print(f"{n:6d}  {text}")
    if bad:
        print("\nexceptions, aborts and output on stderr:")
        for result in bad:
            print(json.dumps(result, ensure_ascii=False))
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == CHILD_FLAG:
        child([line.rstrip("\n") for line in sys.stdin if line.strip()])
    else:
        sys.exit(main())
