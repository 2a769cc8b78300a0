"""The 下发通知 (docs/documents.md#dispatch) that `export-templates` writes next to the templates:
read back with python-docx (the period, the day returns are due, how to send them, the contact,
every unit with its template's file name) and converted by LibreOffice (the letter on its first
page, every unit in the 附件)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from docx import Document

from greentasks.cli import main

from .test_notices import CODE, check_page, pages, pdf_text, soffice, text_of, to_pdfs  # noqa: F401 (fixture)

TODAY = "2026-12-01"
NAME = "关于报送2026年第四季度进展情况的通知.docx"


def export(capsys, office: Path, folder: Path, *args: str) -> list[Path]:
    code = main(["--db", str(office), "--today", TODAY, "export-templates", str(folder), "--period", "2026Q4", *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return [Path(line) for line in out.splitlines() if line.strip()]


def set_settings(office: Path, **values: str) -> None:
    from greentasks.db import Database
    from greentasks.services.settings import set_setting

    db = Database(office)
    with db.writing() as session:
        for key, value in values.items():
            set_setting(session, key, value)
    db.dispose()


def test_the_dispatch_notice_lies_next_to_the_templates_and_names_every_unit(office, tmp_path, capsys):
    set_settings(office, office_contact="李四", office_phone="023-71422222")
    templates = export(capsys, office, tmp_path / "下发")
    notice = tmp_path / "下发" / NAME
    assert notice.is_file() and notice not in templates  # the command lists the templates
    assert sorted(p.name for p in (tmp_path / "下发").iterdir()) == sorted([NAME, *(p.name for p in templates)])
    doc = Document(notice)
    check_page(doc)
    text = text_of(doc)
    assert doc.paragraphs[0].text == "关于报送《重庆市南川区人民政府关于加快推进绿色发展的实施意见》重点任务2026年第四季度进展情况的通知"
    assert "（南川府发〔2022〕34号）" in text
    assert "请于2027年1月5日前报送。" in text  # the period's end and the 5 days' allowance
    assert "通过政务邮箱报送南川区人民政府办公室" in text
    assert "联系人：李四，联系电话：023-71422222。" in text
    assert "附件：各单位进展情况表清单" in text and doc.paragraphs[-1].text == f"共{len(templates)}个单位。"
    listed = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert listed[0] == ["序号", "单位", "进展情况表文件名", "分工数"]
    assert sorted(row[2] for row in listed[1:]) == sorted(p.name for p in templates)
    for n, (seq, unit, file_name, count) in enumerate(listed[1:], start=1):
        assert seq == str(n) and file_name == f"2026Q4_{unit}_进展情况表.xlsx" and int(count) > 0
    # 区级部门 first, as the directory lists them.
    categories = [unit.startswith("区") for _, unit, _, _ in listed[1:]]
    assert categories == sorted(categories, reverse=True)
    # Codes only in the file names: the letter itself says the period in words.
    assert not CODE.search("\n".join(p.text for p in doc.paragraphs))


def test_the_deadline_follows_the_reporting_allowance(office, tmp_path, capsys):
    set_settings(office, report_allowance_days="10")
    export(capsys, office, tmp_path / "下发")
    assert "请于2027年1月10日前报送。" in text_of(Document(tmp_path / "下发" / NAME))


def test_one_units_template_sent_again_comes_without_a_notice(office, tmp_path, capsys):
    written = export(capsys, office, tmp_path / "补发", "--department", "区发展改革委")
    assert [p.name for p in (tmp_path / "补发").iterdir()] == [p.name for p in written] == ["2026Q4_区发展改革委_进展情况表.xlsx"]


@pytest.mark.slow
def test_the_letter_fits_its_first_page_and_the_list_runs_on(soffice, office, tmp_path, capsys):  # noqa: F811
    templates = export(capsys, office, tmp_path / "下发")
    pdf = to_pdfs(soffice, [tmp_path / "下发" / NAME], tmp_path / "pdf")[0]
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], check=True, capture_output=True,
                           text=True).stdout
    first = re.sub(r"\s+", "", first)
    assert "附件：各单位进展情况表清单" in first and first.index("南川区人民政府办公室2026年12月1日") > 0
    assert pages(pdf) >= 2
    text = pdf_text(pdf)
    for p in templates:
        assert p.name.split("_")[1] in text
    assert not CODE.search(re.sub(r"2026Q4_", "", text))
