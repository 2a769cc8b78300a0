"""The ``bulletin`` command of docs/cli.md#bulletin: the period's 督查通报 (or 专报) as a Word
document, and with ``--pdf`` the same as a PDF made by LibreOffice (docs/documents.md#bulletin).

``bulletin OUT.docx [--period P] [--issue N] [--kind 通报|专报] [--pdf] [--json]``
"""

from __future__ import annotations

from .common import (
    EXIT_OK,
    EXIT_REFUSED,
    App,
    Handler,
    add_plan_option,
    chosen_plan,
    emit_json,
    output_file,
    period_arg,
    say,
)
from .parser import AddCommand, number_arg


def register(cmd: AddCommand) -> None:
    p = cmd("bulletin", "生成督查通报（或专报）Word 文件：总体情况、进展较好的方面、存在的问题、与上期相比、下步要求和附件清单")
    p.add_argument("out", metavar="输出文件.docx", help="保存的 Word 文件，文件名以 .docx 结尾")
    p.add_argument("--period", metavar="报送期", help="通报哪一期，如 2023Q2、2023年第二季度（默认：最近一个已结束的报送期）")
    p.add_argument("--issue", type=number_arg, metavar="期号",
                   help="第几期（默认：今年已用的最后一期加1；重新生成某一期时写明期号）")
    p.add_argument("--kind", choices=["通报", "专报"], default="通报", metavar="通报|专报",
                   help="通报：发各单位的督查通报（含附件清单）；专报：报区政府领导的简要版本（默认 通报）")
    add_plan_option(p)
    p.add_argument("--pdf", action="store_true", help="同时用 LibreOffice 生成同名的 PDF 文件")
    p.add_argument("--json", action="store_true", help="输出 JSON：文件、期号和通报中的各项数字")


def cmd_bulletin(app: App) -> int:
    from ..services.bulletin import write_bulletin

    kind = app.args.kind
    out = output_file(app.args.out, ".docx", f"督查{kind}", f"督查{kind}.docx")
    period = period_arg(app.args.period)
    plan = chosen_plan(app)
    result = write_bulletin(app.ready_db(), out, period, today=app.today, kind=kind, issue=app.args.issue,
                            plan=plan)
    pdf, failure = None, None
    if app.args.pdf:
        from ..word.topdf import PdfUnavailable, to_pdf

        try:
            pdf = to_pdf(out)
        except PdfUnavailable as exc:
            failure = str(exc)
    if app.args.json:
        emit_json({**result.to_json(), "pdf": str(pdf) if pdf else None})
    for line in result.lines():
        say(line)
    if result.renumbered:
        say(f"如是重新生成第{result.earlier}期，请加上 --issue {result.earlier}。")
    if pdf is not None:
        say(f"已生成 PDF：{pdf}")
    if failure is not None:
        say(f"错误：{failure}")
        return EXIT_REFUSED
    return EXIT_OK


COMMANDS: dict[str, Handler] = {"bulletin": cmd_bulletin}
