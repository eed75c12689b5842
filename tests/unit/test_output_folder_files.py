"""Files in an output folder that Kaohe reads to know whether the folder is its own — a site's
manifest.json, an --xlsx-report's marker — may be anyone's: one nested 200,000 deep was an internal
error (RecursionError from the json module) instead of out-unsafe / xlsx-report-unsafe."""

from __future__ import annotations

from generator import cli
from tests.unit.test_cli import project  # noqa: F401 (the fixture)

DEEP = "[" * 200_000 + "]" * 200_000


def test_a_deep_manifest_json_in_the_output_folder_is_out_unsafe(project, tmp_path, capsys):  # noqa: F811
    out = tmp_path / "别人的目录"
    out.mkdir()
    (out / "manifest.json").write_text(DEEP, encoding="utf-8")
    assert cli.main(["-C", str(project), "build", "--quiet", "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert "[out-unsafe]" in captured.out + captured.err and "内部错误" not in captured.err
    assert (out / "manifest.json").read_text(encoding="utf-8") == DEEP


def test_a_deep_report_marker_in_the_report_folder_is_xlsx_report_unsafe(project, tmp_path, capsys):  # noqa: F811
    out = tmp_path / "别人的目录"
    out.mkdir()
    (out / ".kaohe-xlsx-report.json").write_text(DEEP, encoding="utf-8")
    (out / "笔记.txt").write_text("备忘", encoding="utf-8")
    assert cli.main(["-C", str(project), "check", "--xlsx-report", str(out)]) == 2
    captured = capsys.readouterr()
    assert "xlsx-report-unsafe" in captured.out + captured.err and "内部错误" not in captured.err
