"""Builds shared by the session: a small project built through the real CLI with an audit hook (for
the manifest and the read/write tests), and the whole demo in both editions (for the leak test)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.archive.util import audited_kaohe, env, listing, make_project

SMALL_AGENCY = "yunxi-czj"


@pytest.fixture(scope="session")
def small_build(tmp_path_factory):
    base = tmp_path_factory.mktemp("small")
    root = make_project(base / "proj", [SMALL_AGENCY])
    cwd, tmpdir, log = base / "cwd", base / "tmpdir", base / "audit.json"
    cwd.mkdir()
    tmpdir.mkdir()
    busy = [root] + ([_DEMO["root"].parent] if _DEMO else [])  # the demo builds run in the background meanwhile
    before = listing(base.parent, *busy)
    proc, seen = audited_kaohe(root, log, "build", "--quiet", cwd=cwd, tmpdir=tmpdir)
    after = listing(base.parent, *busy)
    for path in (base, log):  # the run's own log (and so its directory's mtime)
        key = path.relative_to(base.parent).as_posix()
        before.pop(key, None)
        after.pop(key, None)
    return SimpleNamespace(root=root, base=base, proc=proc, seen=seen, before=before, after=after, tmpdir=tmpdir, log=log)


# The leak test needs both editions of the whole demo: the slowest builds of all. They start in the
# background as soon as the tests are collected (if the leak test is among them) and run while the
# other tests do; the leak test waits for them.
_DEMO: dict = {}


def _start_demo(base: Path) -> None:
    """Both editions at once, output to files (a full pipe would stall a build nobody reads yet)."""
    root = make_project(base / "proj")
    _DEMO["root"], _DEMO["procs"] = root, {}
    for audience in ("public", "internal"):
        out = open(base / f"{audience}.out", "w+", encoding="utf-8")  # noqa: SIM115 - closed in demo_build
        _DEMO["procs"][audience] = (out, subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "-C", str(root), "build", "--quiet", "--audience", audience],
            env=env(), stdout=out, stderr=subprocess.STDOUT,
        ))


def pytest_collection_modifyitems(session, config, items):
    if not _DEMO and any(item.nodeid.startswith(("tests/archive/test_leak.py", "tests/archive/test_site_links.py")) for item in items):
        _start_demo(config._tmp_path_factory.mktemp("demo"))


def pytest_sessionfinish(session, exitstatus):
    for out, proc in _DEMO.get("procs", {}).values():
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        out.close()


@pytest.fixture(scope="session")
def demo_build():
    """(root, {audience: (returncode, output)}) of the whole demo built in both editions."""
    if not _DEMO:  # collected some other way: start now
        _start_demo(Path(tempfile.mkdtemp(prefix="kaohe-demo-")))
    results = {}
    for audience, (out, proc) in _DEMO["procs"].items():
        proc.wait(timeout=900)
        out.seek(0)
        results[audience] = (proc.returncode, out.read())
    return _DEMO["root"], results
