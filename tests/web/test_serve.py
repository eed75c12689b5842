"""`kaohe serve` end to end: it serves the site, and a one-cell edit shows on the served page
after an incremental rebuild whose search index still covers every page."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from archive.util import edit_csv_cell, env, make_project  # tests/ is on sys.path (rootdir-relative packages)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, proc: subprocess.Popen, seconds: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        html = fetch(url)
        if html is not None and text in html:
            return time.monotonic() - started
        assert proc.poll() is None, "kaohe serve exited"
        time.sleep(0.1)
    raise AssertionError(f"{url} never showed {text!r}")


def test_an_edit_shows_in_the_served_preview_with_a_whole_search_index(tmp_path):
    root = make_project(tmp_path / "proj", ["shiliqu-sifaju"])
    port = free_port()
    page = f"http://127.0.0.1:{port}/people/shiliqu-sifaju/SF002/"
    proc = subprocess.Popen([sys.executable, "-m", "generator.cli", "-C", str(root), "serve", "--audience", "internal",
                             "--addr", f"127.0.0.1:{port}"], env=env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        wait_for(page, "82.50", proc, 120)  # SF002's 2024 Q2 total
        served = fetch(page) or ""
        # the preview's live-reload script is inline: the preview's CSP lets it run (a built site's does not)
        assert "script-src 'self' 'unsafe-inline'" in served and "livereload" in served
        index = root / ".build" / "serve-internal" / "site" / "search" / "search_index.json"
        before = json.loads(index.read_text(encoding="utf-8"))["docs"]
        time.sleep(1)  # the watcher's first look at the files
        edit_csv_cell(root / "content" / "shiliqu-sifaju" / "s003-p1-sifa" / "2024" / "Q2.csv", "SF002", "工作质量", "0")
        wait_for(page, "62.00", proc, 60)
        time.sleep(0.5)
        after = json.loads(index.read_text(encoding="utf-8"))["docs"]
        pages = lambda docs: sorted({d["location"].split("#")[0] for d in docs})  # noqa: E731
        assert pages(after) == pages(before)  # a dirty build indexes only what it rebuilt; merged back whole
        assert len(after) == len(before)
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        out, _ = proc.communicate(timeout=60)
    text = out.decode("utf-8", "replace")
    assert "网站预览地址" in text and "Traceback" not in text, text
    assert "已重新计算 2 个考核期" in text, text  # the quarter and the year that reads it
    # kept for the next session (written by a child after the first build, again when stopping), in .build only
    assert (root / ".build" / "serve-internal" / "cache" / "preview.cache").is_file()
    assert not list((root / ".build" / "serve-internal" / "cache").glob("*.tmp"))
