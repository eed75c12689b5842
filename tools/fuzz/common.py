"""What the fuzzers share: a scratch copy of one demo agency, and the pipeline a build runs (check,
then both editions' pages) with the stage a crash happened in."""
import os
import shutil
import sys
import traceback
from pathlib import Path

os.environ["KAOHE_WORKERS"] = "1"  # in-process: a traceback points at the code, not a worker
SRC = Path(__file__).resolve().parents[2]  # the checkout
sys.path[:0] = [str(SRC), str(SRC / "tests")]
OUT = Path(os.environ.get("KAOHE_FUZZ_DIR", "/tmp/fz"))  # scratch projects and kept failures


def fresh_project(root: Path, agency: str) -> Path:
    """root made anew: every scheme, the site-wide files and one demo agency's content; or, with
    KAOHE_FUZZ_FIXTURE=tests/unit/fixtures/xiangzhen (a project of its own), that project's schemes
    and content with the demo's site-wide files."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    fixture = Path(os.environ["KAOHE_FUZZ_FIXTURE"]).resolve() if os.environ.get("KAOHE_FUZZ_FIXTURE") else None
    shutil.copytree((fixture or SRC) / "schemes", root / "schemes")
    (root / "content").mkdir()
    for name in ("holidays.yaml", "site.yaml"):
        shutil.copy(SRC / "content" / name, root / "content" / name)
    shutil.copytree((fixture or SRC) / "content" / agency, root / "content" / agency)
    shutil.copy(SRC / "mkdocs.yml", root / "mkdocs.yml")
    return root


def crash_of(root: Path) -> str | None:
    """None if check and both editions' pages run through; else the stage and the traceback's end."""
    from generator.archive.locks import check_locks
    from generator.engine.compute import load_everything
    from generator.site.generate import generate_from
    from generator.site.notice_lock import check_notices
    from generator.site.pages_handbook import render_sections

    stage = "check"
    try:
        project, periods, problems = load_everything(root)
        check_locks(project, periods, problems)
        check_notices(project, periods, problems)
        render_sections(project, list(project.schemes.values()), problems)
        for stage in ("public", "internal"):
            generate_from(project, periods, stage, problems)
    except Exception:
        return f"stage={stage}\n  " + "\n  ".join(traceback.format_exc().splitlines()[-6:])
    return None


def nodes(value, trail=()):
    """Every node of a loaded YAML document with the keys and indexes leading to it (the fuzzers pick
    what to mutate from these)."""
    yield trail, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from nodes(child, trail + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from nodes(child, trail + (index,))
