"""催报 and 督办 notices on the command line (docs/cli.md#notices, docs/documents.md#notices): one
Word document per unit, and the record that they were sent."""

from __future__ import annotations

from .common import (
    EXIT_OK,
    EXIT_REFUSED,
    App,
    Handler,
    add_plan_option,
    chosen_plan,
    emit_json,
    period_arg,
    say,
)
from .parser import AddCommand


def register(cmd: AddCommand) -> None:
    p = cmd("notices", "生成催报通知或督办通知（每个单位一份 Word 文件），并登记催报的时间和方式")
    p.add_argument("outdir", metavar="输出文件夹", help="保存通知的文件夹（不存在时新建），每个单位一个文件")
    p.add_argument("--period", metavar="报送期", help="报送期，如 2023Q2、2023年第二季度（默认：最近一个已结束的报送期）")
    p.add_argument("--kind", default="催报", choices=("催报", "督办"),
                   help="催报：本期应报未报的单位；督办：有逾期或进度滞后工作的单位（默认：催报）")
    add_plan_option(p)
    p.add_argument("--pdf", action="store_true", help="同时用 LibreOffice 转换为 PDF")
    p.add_argument("--way", default="政务邮箱", metavar="方式", help="发送方式，记入催报记录，如 政务邮箱、电话、书面（默认：政务邮箱）")
    p.add_argument("--note", default="", metavar="说明", help="记入催报记录的说明")
    p.add_argument("--no-record", action="store_true", help="只生成文件，不登记催报记录")
    p.add_argument("--json", action="store_true", help="输出 JSON")


def cmd_notices(app: App) -> int:
    from ..domain.periods import latest_ended
    from ..services.notices import write_notices
    from ..services.settings import reporting_cycle
    from .common import output_folder

    args = app.args
    period = period_arg(args.period)
    plan = chosen_plan(app)
    outdir = output_folder(args.outdir, what="生成通知", example="催报通知")
    db = app.ready_db()
    if period is None:
        with db.reading() as session:
            period = latest_ended(app.today, reporting_cycle(session))
    result = write_notices(db, outdir, period, kind=args.kind, today=app.today, pdf=args.pdf,
                           record=not args.no_record, way=args.way, note=args.note, plan=plan)
    if args.json:
        emit_json(result.to_json())
    else:
        for written in result.notices:
            print(written.path)
            if written.pdf:
                print(written.pdf)
    for line in result.lines():
        say(line)
    # As for bulletin --pdf: the Word files are there, the PDFs asked for are not.
    return EXIT_REFUSED if result.pdf_problem else EXIT_OK


COMMANDS: dict[str, Handler] = {"notices": cmd_notices}
