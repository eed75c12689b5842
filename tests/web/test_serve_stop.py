"""Stopping `kaohe serve`: Ctrl-C (SIGINT to the process group, as a terminal sends it) ends the
preview within seconds, with exit code 0, 预览已停止 and no traceback, and the cache on disk is
either written whole or not at all.

The hang seen on the city (bench/README.md, fourth session) was a preview started from a background
job of a non-interactive shell: such a job inherits SIGINT ignored, Python then installs no
KeyboardInterrupt handler, and SIGINT did nothing at all (main thread idle in mkdocs' build loop)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time

import pytest
from archive.util import env, make_project  # tests/ is on sys.path (rootdir-relative packages)

from generator.core import parallel
from generator.site import serve_cache
from generator.site.serve import PreviewSession
from web.test_serve import free_port, wait_for


def start(root, preexec=None) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "generator.cli", "-C", str(root), "serve", "--audience", "public",
                             "--addr", f"127.0.0.1:{port}"], env=env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True, preexec_fn=preexec)
    return proc, f"http://127.0.0.1:{port}/"


def stopped(proc: subprocess.Popen, sig: int, seconds: float) -> str:
    """Send `sig` to the preview's process group; its output once it exited (killed if it did not)."""
    os.killpg(proc.pid, sig)
    try:
        out, _ = proc.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        raise AssertionError(f"kaohe serve did not stop within {seconds} s:\n{out.decode('utf-8', 'replace')}") from None
    return out.decode("utf-8", "replace")


def ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # what `cmd &` in a script gives its job (POSIX, no job control)


@pytest.mark.parametrize("sig,preexec", [(signal.SIGINT, ignore_sigint), (signal.SIGTERM, None)], ids=["sigint-inherited-ignored", "sigterm"])
def test_the_preview_stops_on_sigint_even_if_started_ignoring_it_and_on_sigterm(tmp_path, sig, preexec):
    root = make_project(tmp_path / "proj", ["shiliqu-sifaju"])
    proc, url = start(root, preexec)
    try:
        wait_for(url, "</html>", proc, 120)
    except BaseException:
        os.killpg(proc.pid, signal.SIGKILL)
        raise
    started = time.monotonic()
    text = stopped(proc, sig, 30)
    assert proc.returncode == 0 and "预览已停止。" in text and "Traceback" not in text, text
    assert time.monotonic() - started < 30
    cache = root / ".build" / "serve-public" / "cache"
    assert (cache / serve_cache.CACHE_NAME).is_file() and not list(cache.glob("*.tmp"))


def slow_save(seconds: float):
    def save(work, audience, cache, memo):  # stands for a city's cache, which takes a while to write
        time.sleep(seconds)
        work.mkdir(parents=True, exist_ok=True)
        (work / "written").write_text("whole", encoding="utf-8")
        return None
    return save


def test_the_background_writer_finishes_despite_ctrl_c(tmp_path, monkeypatch):
    """Ctrl-C reaches the whole process group, the child writing the cache too: it must not die with
    the snapshot half written and the preview believing it saved."""
    monkeypatch.setattr(serve_cache, "save", slow_save(1.0))
    session = PreviewSession(tmp_path, "public")
    session.unsaved = True
    session.save_cache(background=True)
    time.sleep(0.3)
    os.kill(session.saver, signal.SIGINT)
    session.wait_for_saver()
    assert (session.work / "written").read_text(encoding="utf-8") == "whole"
    assert not session.unsaved


def test_an_edit_ends_the_writer_and_the_stop_writes_the_cache(tmp_path, monkeypatch):
    """A rebuild while the child writing the cache still runs ends it (the two share the model's memory,
    and every page the rebuild writes to would be copied for the child): nothing half written is
    left, and the stop writes this session's cache in the foreground."""
    from tests.web.util import copy_demo_part

    root = copy_demo_part(tmp_path, ("yunxi-czj",))
    monkeypatch.setattr(serve_cache, "save", slow_save(30))
    session = PreviewSession(root, "public")
    assert session.rebuild()
    session.save_cache(background=True)
    child = session.saver
    partial = serve_cache.partial_file(session.work, child)
    partial.parent.mkdir(parents=True, exist_ok=True)
    partial.write_bytes(b"half")  # what the child had written when the edit came
    started = time.monotonic()
    assert session.rebuild()  # the edit
    assert time.monotonic() - started < 20, "the rebuild waited for the writer"
    assert session.saver is None and session.unsaved and not partial.exists()
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)  # killed and reaped
    monkeypatch.setattr(serve_cache, "save", slow_save(0))
    session.stop()
    assert (session.work / "written").read_text(encoding="utf-8") == "whole" and not session.unsaved


def test_a_writer_that_failed_leaves_the_cache_unsaved(tmp_path, monkeypatch):
    monkeypatch.setattr(serve_cache, "save", slow_save(30))
    session = PreviewSession(tmp_path, "public")
    session.unsaved = True
    session.save_cache(background=True)
    partial = serve_cache.partial_file(session.work, session.saver)
    partial.parent.mkdir(parents=True)
    partial.write_bytes(b"half")  # what it had written when killed
    os.kill(session.saver, signal.SIGKILL)
    session.wait_for_saver()
    assert session.unsaved  # the stop writes it in the foreground instead of trusting the dead child
    assert not partial.exists()


def test_a_second_ctrl_c_while_stopping_gives_up_the_cache_at_once_and_leaves_no_partial_file(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(serve_cache, "save", slow_save(30))
    session = PreviewSession(tmp_path, "public")
    session.unsaved = True
    session.save_cache(background=True)
    child = session.saver
    partial = serve_cache.partial_file(session.work, child)
    partial.parent.mkdir(parents=True)
    partial.write_bytes(b"half")  # what the child had written when the second Ctrl-C came
    signal.setitimer(signal.ITIMER_REAL, 0.5)
    previous = signal.signal(signal.SIGALRM, signal.default_int_handler)  # the second Ctrl-C
    started = time.monotonic()
    try:
        session.stop()
    finally:
        signal.signal(signal.SIGALRM, previous)
        signal.signal(signal.SIGINT, signal.default_int_handler)
    assert time.monotonic() - started < 5
    assert session.saver is None and not partial.exists() and not (session.work / "written").exists()
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)  # killed and reaped, not left writing
    assert "预览缓存未保存" in capsys.readouterr().out


def test_a_rebuild_cut_short_by_ctrl_c_is_not_saved(tmp_path, monkeypatch):
    """Ctrl-C in the middle of a rebuild leaves the model half updated: the cache already on disk
    (entries found by content hash) stays, and nothing is written from the half-updated one."""
    calls = []
    monkeypatch.setattr(serve_cache, "save", lambda *a: calls.append(a))
    session = PreviewSession(tmp_path, "public")
    session.unsaved = True

    def interrupted():
        raise KeyboardInterrupt

    monkeypatch.setattr(session, "regenerate", interrupted)
    with pytest.raises(KeyboardInterrupt):
        session.rebuild()
    session.stop()
    assert calls == []


def test_a_prose_worker_ends_on_terminate_whatever_handler_serve_set():
    """kaohe serve turns SIGTERM into Ctrl-C; a worker forked by its first build must still die on
    Pool.terminate() (SIGTERM) even when stuck in C code, where a Python handler would never run."""
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: None)
    pool = multiprocessing.get_context("fork").Pool(1, initializer=parallel.quiet_worker)
    try:
        assert pool.apply(signal.getsignal, (signal.SIGTERM,)) == signal.SIG_DFL
    finally:
        pool.terminate()
        pool.join()
        signal.signal(signal.SIGTERM, previous)
