"""Atomic builds: a build killed at any point, or one that fails, leaves the previous site/ complete.

Real builds in their own processes, SIGKILLed after seeded random delays spread over a build's
duration. After every kill site/ must be exactly a complete site (every file the manifest lists,
with its hash, nothing else): the previous one, or — if the kill came after the swap — the new one.
"""

from __future__ import annotations

import os
import random
import time

from tests.archive.util import check_complete, edit_csv_cell, kaohe, make_project, start_build, tree_hashes

AGENCY = "yunxi-czj"  # as the session's small build (conftest.SMALL_AGENCY)
SHEET = "content/yunxi-czj/s003-p2/2025/Q2.csv"
KILLS = 6
SPREAD = 4  # of the kills, those at random points over a whole build


def staging_dirs(root):
    return sorted(p.name for p in root.glob(".site.building-*"))


def test_killed_builds_never_leave_a_partial_site(tmp_path, small_build):
    root = make_project(tmp_path / "proj", [AGENCY])
    started = time.monotonic()
    first = kaohe(root, "build", "--quiet")
    duration = time.monotonic() - started
    assert first.returncode == 0, first.stdout + first.stderr
    old = tree_hashes(root / "site")
    # reproducible: the same inputs and SOURCE_DATE_EPOCH, built in another directory, give the same bytes
    assert small_build.root.name == root.name and old == tree_hashes(small_build.root / "site")
    old_version = check_complete(root / "site")["data_version"]

    # the next build's public site differs: the number of a 公示 it shows (an edit of SHEET would not —
    # its 公示 has not started, and the public edition shows nothing of it, not even a changed hash)
    notice = root / "content/yunxi-czj/s003-p2/2025/Q1.notice.yaml"
    notice.write_text(notice.read_text("utf-8").replace("〔2025〕8号", "〔2025〕9号"), encoding="utf-8")

    rng = random.Random(20250410)
    # four kills at random points, one in each quarter of a build; two while mkdocs is writing the
    # staging dir (it renders every page first and writes them in the last part of the build)
    plan = [("anywhere", (i + rng.random()) / SPREAD * duration) for i in range(SPREAD)]
    plan += [("writing", rng.uniform(0.0, 0.15)) for _ in range(KILLS - SPREAD)]
    previous, seen_new, phases = old, None, []
    for when, delay in plan:
        left = staging_dirs(root)
        proc = start_build(root)
        if when == "writing":
            deadline = time.monotonic() + 120
            while not set(staging_dirs(root)) - set(left) and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.005)
        time.sleep(delay)
        proc.kill()
        out, err = proc.communicate(timeout=60)
        now = tree_hashes(root / "site")
        assert "Traceback" not in err
        if now != previous:  # only possible when the kill came after the swap: then it is the new complete site
            manifest = check_complete(root / "site")
            assert previous == old and manifest["data_version"] != old_version, f"killed after {delay:.2f}s: site changed twice"
            seen_new = now
            phases.append("after the swap")
        else:
            phases.append("writing" if set(staging_dirs(root)) - set(left) else "before writing")
        previous = now
        assert (root / "site" / "index.html").is_file()
    print("kills:", ", ".join(f"{w} +{d:.2f}s: {p}" for (w, d), p in zip(plan, phases, strict=True)), f"(a build takes {duration:.1f}s)")
    assert "writing" in phases  # at least one build was killed while its staging dir was being written

    # a staging dir left by a killed build (and one made to look like it) is removed by the next build
    fake = root / ".site.building-deadbeef"
    (fake / "assets").mkdir(parents=True)
    (fake / "index.html").write_text("half a site", encoding="utf-8")
    os.utime(fake, (time.time() - 3600, time.time() - 3600))
    assert staging_dirs(root)

    done = kaohe(root, "build", "--quiet")
    assert done.returncode == 0, done.stdout + done.stderr
    new = tree_hashes(root / "site")
    manifest = check_complete(root / "site")
    assert new != old and manifest["data_version"] != old_version
    assert "index.html" in new and "manifest.json" in new
    if seen_new is not None:
        assert seen_new == new  # the build killed after its swap had produced exactly this site
    assert staging_dirs(root) == []
    assert not list(root.glob("site.old-*"))

    # a build that fails (a bad cell) exits 1, says so, and leaves site/ as it was
    edit_csv_cell(root / SHEET, "0002", "工作负荷", "优")
    failed = kaohe(root, "build", "--quiet")
    assert failed.returncode == 1
    assert "not-a-number" in failed.stdout and "网站未更新" in failed.stdout
    assert "Traceback" not in failed.stdout + failed.stderr
    assert tree_hashes(root / "site") == new
    assert staging_dirs(root) == []


def test_a_build_waits_for_another_build_of_the_same_edition(tmp_path):
    """Two builds at once would share .build/public/ and the staging dirs: the second one waits."""
    import fcntl
    import select
    import subprocess
    import sys

    from tests.archive.util import env

    root = make_project(tmp_path / "proj", ["heting-kx"])
    (root / ".build").mkdir()
    with open(root / ".build" / "public.lock", "a+b") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as if another build were running
        proc = subprocess.Popen([sys.executable, "-m", "generator.cli", "-C", str(root), "build"], env=env(),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # Read the raw fd: a buffered readline() can swallow the waiting line into its buffer,
        # after which select() never reports the pipe readable again.
        seen, deadline = b"", time.monotonic() + 60
        while "等待".encode() not in seen and time.monotonic() < deadline and proc.poll() is None:
            if select.select([proc.stderr], [], [], 0.5)[0]:
                seen += os.read(proc.stderr.fileno(), 65536)
        assert "等待".encode() in seen, seen.decode(errors="replace")
        time.sleep(0.5)
        assert proc.poll() is None and not (root / "site").exists() and staging_dirs(root) == []
        fcntl.flock(held, fcntl.LOCK_UN)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, (out + err).decode(errors="replace")
    check_complete(root / "site")
