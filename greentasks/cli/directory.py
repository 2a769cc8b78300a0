"""The unit directory's commands of docs/cli.md#commands: import-departments, export-departments."""

from __future__ import annotations

from pathlib import Path

from .common import EXIT_OK, EXIT_REFUSED, App, Handler, emit_json, output_file, say
from .parser import AddCommand


def register(cmd: AddCommand) -> None:
    p = cmd("import-departments", "导入单位通讯录（单位名称、简称/别名、类别、联系人、联系电话）")
    p.add_argument("file", metavar="通讯录文件", help="Excel 文件（.xlsx/.xls 等）")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = cmd("export-departments", "导出单位通讯录")
    p.add_argument("out", metavar="输出文件.xlsx", help="保存的 Excel 文件，文件名以 .xlsx 结尾")


def cmd_import_departments(app: App) -> int:
    from ..errors import UsageError
    from ..services.directory_io import import_directory_file

    if not Path(app.args.file).exists():
        raise UsageError(f"找不到“{app.args.file}”。请检查文件的路径。")
    outcome = import_directory_file(app.ready_db(), Path(app.args.file))
    if app.args.json:
        emit_json({"files": [outcome.to_json()]})
    for line in outcome.lines():
        say(line)
    return EXIT_OK if outcome.outcome != "refused" else EXIT_REFUSED


def cmd_export_departments(app: App) -> int:
    from ..services.directory_io import export_directory_file

    out = export_directory_file(app.ready_db(), output_file(app.args.out, ".xlsx", "单位通讯录", "单位通讯录.xlsx"))
    say(f"已导出单位通讯录：{out}")
    return EXIT_OK


COMMANDS: dict[str, Handler] = {
    "import-departments": cmd_import_departments,
    "export-departments": cmd_export_departments,
}
