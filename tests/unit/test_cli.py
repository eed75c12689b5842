"""`kaohe check` and `kaohe explain` through generator.cli.main, as a user runs them."""

from __future__ import annotations

import json

import pytest

from generator import cli
from tests.unit.helpers import csv_text, make_project, simple_scheme

ROWS = [["1", "张三", "办公室", "89.995"], ["2", "李四", "财务科", "75"]]


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path, simple_scheme(places=2), {"Q1.csv": csv_text(["编号", "姓名", "部门", "得分"], ROWS)})


def test_check_ok(project, capsys):
    assert cli.main(["-C", str(project), "check"]) == 0
    out = capsys.readouterr().out
    assert "1 个方案，1 个考核期，2 人次。检查通过" in out


def test_check_json(project, capsys):
    assert cli.main(["-C", str(project), "check", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["ok"] is True
    assert payload["schemes"] == ["t1"]
    assert payload["periods"] == ["ag/t1/2025/Q1"]
    assert payload["problems"] == []


def test_check_reports_problems_and_exits_1(project, capsys):
    (project / "content/ag/t1/2025/Q1.csv").write_text(
        csv_text(["编号", "姓名", "部门", "得分"], [["1", "张三", "办公室", "优"]]), encoding="utf-8"
    )
    assert cli.main(["-C", str(project), "check"]) == 1
    out = capsys.readouterr().out
    assert "content/ag/t1/2025/Q1.csv › 第2行 › D列「得分」: [not-a-number]" in out
    assert "发现 1 个错误" in out


def test_check_strict_fails_on_warnings(tmp_path, capsys):
    scheme = simple_scheme(places=2, quotas=[{"grade": "好", "at_least": "50%"}])
    project = make_project(tmp_path, scheme, {"Q1.csv": csv_text(["编号", "姓名", "部门", "得分"], [["1", "张三", "办公室", "80"]])})
    assert cli.main(["-C", str(project), "check"]) == 0
    assert cli.main(["-C", str(project), "check", "--strict"]) == 1
    assert "[quota-minimum-not-met]（警告）" in capsys.readouterr().out


def test_check_unknown_column_is_an_error_with_a_suggestion(project, capsys):
    (project / "content/ag/t1/2025/Q1.csv").write_text(
        csv_text(["编号", "姓名", "部门", "得分情况", "奖金"], [["1", "张三", "办公室", "80", "1"]]), encoding="utf-8"
    )
    assert cli.main(["-C", str(project), "check"]) == 1
    out = capsys.readouterr().out
    assert "content/ag/t1/2025/Q1.csv › 第1行 › E列「奖金」: [unknown-column]" in out
    assert "第1行 › D列「得分情况」: [unknown-column] 方案中没有「得分情况」这一列。「得分情况」是不是「得分」？" in out
    assert "[missing-column]" in out  # 得分 itself is missing


def test_explain(project, capsys):
    assert cli.main(["-C", str(project), "explain", "t1", "2025-Q1", "1"]) == 0
    out = capsys.readouterr().out
    assert "张三（编号 1） 办公室" in out
    assert "总分 89.995 四舍五入保留 2 位小数 = 90.00" in out
    assert "结果：总分 90.00，好" in out


@pytest.mark.parametrize("period", ["2025-Q1", "2025Q1", "2025年第一季度", "2025-一季度", "2025/q1"])
def test_explain_period_spellings(project, capsys, period):
    assert cli.main(["-C", str(project), "explain", "t1", period, "2"]) == 0
    assert "结果：总分 75.00，较好" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv, words",
    [
        (["explain", "nosuch", "2025-Q1", "1"], "没有 code 为「nosuch」的方案"),
        (["explain", "t1", "2025-Q4", "1"], "没有方案「t1」2025 年 Q4 的成绩"),
        (["explain", "t1", "2025-Q1", "99"], "没有编号「99」"),
        (["explain", "t1", "春天", "1"], "看不懂考核期"),
    ],
)
def test_explain_usage_errors(project, capsys, argv, words):
    assert cli.main(["-C", str(project), *argv]) == 2
    assert words in capsys.readouterr().err


@pytest.mark.parametrize(("typed", "meant"), [("001", "1（张三）"), ("李四", "2（李四）")])
def test_explain_names_the_id_meant(project, capsys, typed, meant):
    """An ID typed with leading zeros the sheet does not have, or a name instead of the ID: the
    error names the person meant and the command to run; Kaohe never picks one for the office."""
    assert cli.main(["-C", str(project), "explain", "t1", "2025-Q1", typed]) == 2
    err = capsys.readouterr().err
    assert f"是否要查 {meant}？" in err and "kaohe explain t1 2025-Q1 " in err


def test_explain_reads_an_id_with_spaces_around_it(project, capsys):
    assert cli.main(["-C", str(project), "explain", "t1", "2025-Q1", " 2 "]) == 0
    assert "结果：总分 75.00，较好" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["buidl"], "参数 命令 command 的值 'buidl' 不可用"),
        (["check", "--format", "xml"], "参数 --format 的值 'xml' 不可用，可选："),
        (["explain"], "缺少参数：scheme, period, id"),
        (["build", "--out"], "参数 --out 后面要写一个值"),
        (["serve", "--port", "80"], "不认识的参数：--port 80"),
    ],
)
def test_usage_errors_are_said_in_chinese(capsys, argv, words):
    with pytest.raises(SystemExit) as exited:
        cli.main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "用法错误：" in err and words in err and "-h 查看用法" in err


def test_os_errors_are_said_in_chinese():
    import errno

    from generator.core.os_words import os_error_words

    assert os_error_words(FileNotFoundError(errno.ENOENT, "No such file or directory", "x.xlsx")) == "文件或目录不存在"
    assert "Excel" in os_error_words(OSError(errno.EBUSY, "Device or resource busy"))
    assert os_error_words(OSError(errno.EPROTO, "Protocol error")) == "Protocol error"  # an uncommon one: as the system says
    sharing = PermissionError(errno.EACCES, "The process cannot access the file")
    sharing.winerror = 32  # what Windows says of a workbook open in Excel
    assert "Excel" in os_error_words(sharing)


def test_a_scheme_with_errors_is_named_as_such_not_as_missing(tmp_path, capsys):
    """A scheme the check finds errors in is not used (discover); explain and template say why, not
    that there is no such scheme."""
    data = simple_scheme(places=2, quotas=[{"grade": "特优", "at_most": "30%"}])
    project = make_project(tmp_path, data, {"Q1.csv": csv_text(["编号", "姓名", "部门", "得分"], ROWS)})
    for argv in (["explain", "t1", "2025-Q1", "1"], ["template", "t1", "2025-Q1"]):
        assert cli.main(["-C", str(project), *argv]) == 2
        err = capsys.readouterr().err
        assert "方案「t1」（schemes/t1.yaml）有错误，改正前不能使用；请先运行 kaohe check" in err, err


def test_not_a_project(tmp_path, capsys):
    assert cli.main(["-C", str(tmp_path), "check"]) == 2
    assert "不是 Kaohe 项目目录" in capsys.readouterr().err


def test_no_command_prints_help(capsys):
    assert cli.main([]) == 2
    assert "kaohe" in capsys.readouterr().out


def test_internal_error_has_no_traceback_unless_debug(project, capsys, monkeypatch):
    def boom(*_):
        raise RuntimeError("boom")

    import generator.cli.check as check_command

    monkeypatch.setattr(check_command, "load_everything", boom)
    assert cli.main(["-C", str(project), "check"]) == 3
    err = capsys.readouterr().err
    assert "内部错误" in err and "Traceback" not in err
    assert cli.main(["-C", str(project), "--debug", "check"]) == 3
    assert "Traceback" in capsys.readouterr().err


def test_output_piped_into_a_reader_that_leaves_is_not_an_internal_error(project):
    # `kaohe check | head -1`: the reader closes the pipe before Kaohe has written its report
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-m", "generator.cli", "-C", str(project), "check"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(120) == 141
    assert err == ""  # neither 内部错误 nor a BrokenPipeError warning


def test_negative_score_in_entered_column_is_reported_not_crashed(project, capsys):
    """fmt(0) on an int bound used to raise AttributeError → exit 3 for a plain -5 in a score cell."""
    (project / "content/ag/t1/2025/Q1.csv").write_text(
        csv_text(["编号", "姓名", "部门", "得分"], [["1", "张三", "办公室", "-5"]]), encoding="utf-8"
    )
    assert cli.main(["-C", str(project), "check"]) == 1
    assert "[score-negative] -5 小于允许的最小值 0" in capsys.readouterr().out
