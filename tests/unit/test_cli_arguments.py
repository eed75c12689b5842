"""Arguments as people type them: `--out=~/site` (the shell leaves a ~ after = alone, and a folder
named ~ was made in the project), an option given twice with two values (the last one silently won:
`--audience internal --audience public` built the public edition), and a choice in capitals."""

from __future__ import annotations

import pytest

from generator import cli
from tests.unit.test_cli import project  # noqa: F401 (the fixture)


def test_a_tilde_in_an_output_path_is_the_home_folder(project, monkeypatch, tmp_path, capsys):  # noqa: F811
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(project)
    assert cli.main(["build", "--quiet", "--out=~/考核网站"]) == 0, capsys.readouterr()
    assert (home / "考核网站" / "index.html").is_file()
    assert not (project / "~").exists()


def test_a_tilde_in_the_project_path_is_the_home_folder(project, monkeypatch, capsys):  # noqa: F811
    monkeypatch.setenv("HOME", str(project.parent))
    assert cli.main([f"--project=~/{project.name}", "check"]) == 0, capsys.readouterr()


@pytest.mark.parametrize(
    "argv",
    [["build", "--audience", "internal", "--audience", "public"], ["check", "--format", "json", "--format=text"],
     ["build", "--out", "a", "--out", "b"]],
)
def test_an_option_given_twice_with_two_values_is_a_usage_error(argv, capsys):
    with pytest.raises(SystemExit) as exited:
        cli.main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "给了两次" in err and "只写一次" in err


def test_an_option_given_twice_with_the_same_value_is_fine(project, capsys):  # noqa: F811
    assert cli.main(["-C", str(project), "check", "--format", "json", "--format", "json"]) == 0, capsys.readouterr()


def test_a_choice_in_capitals_is_the_choice(project, capsys):  # noqa: F811
    assert cli.main(["-C", str(project), "check", "--format", "JSON"]) == 0
    assert capsys.readouterr().out.lstrip().startswith(("{", "["))


# --- kaohe init into a place that is no folder, and a folder name with a space


@pytest.mark.parametrize("where", ["笔记.txt", "笔记.txt/新站点"])
def test_init_into_a_file_or_under_one_is_a_usage_error_and_writes_nothing(tmp_path, monkeypatch, capsys, where):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "笔记.txt").write_text("备忘\n", encoding="utf-8")
    assert cli.main(["init", where, "--agency", "某某局"]) == 2
    err = capsys.readouterr().err
    assert "笔记.txt" in err and "内部错误" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["笔记.txt"]
    assert (tmp_path / "笔记.txt").read_text(encoding="utf-8") == "备忘\n"


def test_init_s_next_step_can_be_pasted_when_the_folder_has_a_space(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["init", "新 站点", "--agency", "某某局"]) == 0
    assert "下一步：cd '新 站点' && kaohe check" in capsys.readouterr().out


def test_an_os_error_while_writing_is_said_in_chinese_with_the_file_not_as_an_internal_error(project, monkeypatch, capsys):  # noqa: F811
    import errno

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(project / "site"))

    monkeypatch.setattr("generator.cli.build.cmd_build", full)
    assert cli.main(["-C", str(project), "build"]) == 2
    err = capsys.readouterr().err
    assert "磁盘空间不足" in err and str(project / "site") in err and "内部错误" not in err


# --- kaohe serve --addr


@pytest.mark.parametrize("addr", ["localhost:abc", "127.0.0.1:99999", "127.0.0.1:0", "127.0.0.1:８０００"])
def test_serve_with_an_address_that_has_no_port_is_a_usage_error_before_any_build(project, capsys, addr):  # noqa: F811
    assert cli.main(["-C", str(project), "serve", "--addr", addr]) == 2
    err = capsys.readouterr().err
    assert "1—65535" in err and "内部错误" not in err
    assert not (project / ".build").exists()


def test_serve_on_a_port_another_program_holds_says_so_before_any_build(project, capsys):  # noqa: F811
    import socket

    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        port = held.getsockname()[1]
        assert cli.main(["-C", str(project), "serve", "--addr", f"127.0.0.1:{port}"]) == 2
    err = capsys.readouterr().err
    assert f"端口 {port} 已被占用" in err and "--addr 127.0.0.1:" in err
    assert not (project / ".build").exists()


def test_run_from_inside_a_project_names_the_project_folder(project, monkeypatch, capsys):  # noqa: F811
    inside = project / "content"
    monkeypatch.chdir(inside)
    assert cli.main(["check"]) == 2
    assert f"这是项目「{project.resolve()}」里面的目录" in capsys.readouterr().err
