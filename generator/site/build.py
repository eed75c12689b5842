"""`kaohe build`: check → generate the docs tree → mkdocs build into a fresh directory → scan →
manifest → swap it in atomically. A failed or killed build leaves the published site untouched.

This module, mkdocs_hooks.py and project_mkdocs.py (the project's mkdocs.yml, checked) are where a build touches mkdocs.
"""

from __future__ import annotations

import contextlib
import functools
import html
import io
import json
import logging
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

from generator.core.errors import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from generator.core.problems import Problems
from generator.site.docs_writer import DocsWriter
from generator.site.generate import Generated, generate
from generator.site.manifest import data_version, docs_version, inputs_record, write_manifest
from generator.site.mkdocs_problems import report_external_urls, report_mkdocs_failure
from generator.site.project_mkdocs import base_config, mkdocs_yml_problem
from generator.site.scan import scan_site
from generator.site.staging import discard, remove_stale_staging, swap_in, write_failed
from generator.site.target import check_target

BUILD_DIR = ".build"


class Progress:
    """Stage lines with elapsed time; plain lines in CI logs, the same on a terminal."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.start = time.monotonic()

    def __call__(self, message: str) -> None:
        if not self.quiet:
            print(f"[{time.monotonic() - self.start:5.1f}s] {message}", file=sys.stderr, flush=True)


def site_dir_for(root: Path, audience: str, out: str | None) -> Path:
    if out:
        return Path(out).resolve()
    return root / ("site" if audience == "public" else "site-internal")


def _overrides(root: Path) -> Path:
    own = root / "site_templates" / "overrides"
    return own if own.is_dir() else Path(__file__).resolve().parents[2] / "site_templates" / "overrides"


def mkdocs_config(root: Path, audience: str, docs_dir: Path, site_dir: Path, generated: Generated, version: str, work: Path) -> Path:
    """The per-audience mkdocs config: the project's mkdocs.yml plus docs_dir, nav and search settings."""
    dictionary = work / "jieba_user.txt"
    dictionary.write_text("".join(f"{w} 100000 nz\n" for w in generated.jieba_words), encoding="utf-8")
    nav = [
        {"首页": "index.md"},
        {"公示": "notices/index.md"},
        {"考核办法": "handbooks/index.md"},
        {"部门": "departments/index.md"},
        {"年度档案": "archive/index.md"},
    ]
    if audience == "internal":
        nav += [{"成绩明细": "results/index.md"}, {"人员": "people/index.md"}, {"对比": "compare/index.md"}, {"汇总表": "forms/index.md"}]
    if generated.own_pages:  # the office's own pages (content/pages/*.md), reachable from every page
        # a nav title is printed unescaped by the theme, as site_name is (below)
        nav.append({"其他": [{html.escape(title, quote=False): path} for title, path in generated.own_pages]})
    if audience == "internal":  # the operator's manual is not published
        nav.append({"使用说明": ["guide/reading.md", "guide/index.md", "guide/scheme.md", "guide/results.md", "guide/publish.md", "guide/reference.md", "guide/reference-rules.md", "guide/formula.md", "guide/problems.md"]})
    else:
        nav.append({"阅读指南": "guide/reading.md"})
    config = {
        "INHERIT": str(base_config(root)),
        # no web fonts whatever the project's mkdocs.yml says (emptied, or naming a font): the site is offline
        "theme": {"name": "material", "custom_dir": str(_overrides(root)), "font": False},
        "hooks": [str(Path(__file__).with_name("mkdocs_hooks.py"))],
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "nav": nav,
        "plugins": [
            {
                "search": {
                    "lang": "zh",
                    "separator": r'[\s\u200b\-_,:!=\[\]()"`/（）【】〔〕《》「」『』“”‘’、，。：；！？·]+|\.(?!\d)|&[lg]t;|(?!\b)(?=[A-Z][a-z])',
                    "jieba_dict_user": str(dictionary),
                }
            }
        ],
        "extra": {
            "kaohe": {"audience": audience, "data_version": version, "internal": audience == "internal"},
            "generator": False,
        },
    }
    site_name = generated.ctx.title + ("（内部版）" if audience == "internal" else "")
    # the theme prints config.site_name unescaped in <title>, the header and the nav on every page
    config["site_name"] = html.escape(" ".join(site_name.split()), quote=True)
    path = work / "mkdocs.yml"
    path.write_text(json.dumps(config, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


class _ProgressOnly(io.TextIOBase):
    """stderr during mkdocs: lets the progress lines of mkdocs_hooks through, drops the rest."""

    def __init__(self, target):
        self.target = target

    def isatty(self) -> bool:
        return self.target.isatty()

    def write(self, text: str) -> int:
        if "网页" in text or text.startswith("\r"):
            self.target.write(text)
        return len(text)

    def flush(self) -> None:
        self.target.flush()


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def reset_jieba() -> None:
    """Give jieba a fresh tokenizer. Loading a user dictionary adds every word's frequency to the
    tokenizer's total again, so a second build in the same process (kaohe serve, tests) would cut
    some text differently and the search index would not be byte-identical."""
    try:
        import jieba
    except ImportError:
        return
    jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict…" lines are noise in our output
    jieba.dt = jieba.Tokenizer()
    for name in ("cut", "lcut", "cut_for_search", "lcut_for_search", "load_userdict", "add_word", "del_word",
                 "suggest_freq", "tokenize", "set_dictionary", "initialize", "get_FREQ"):
        if hasattr(jieba.dt, name):
            setattr(jieba, name, getattr(jieba.dt, name))


def run_mkdocs(config_path: Path, strict: bool = True) -> list[str]:
    """Build with mkdocs; return its warnings (any warning fails a --strict mkdocs build)."""
    reset_jieba()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.WARNING)
    stderr = sys.stderr
    try:
        sys.stderr = _ProgressOnly(stderr)  # mkdocs prints its own banner; only our progress goes through
        config = load_config(config_file=str(config_path), strict=strict)
        build(config)
    except (Abort, ConfigurationError, SystemExit) as exc:
        handler.messages.append(f"mkdocs: {exc}")
    finally:
        sys.stderr = stderr
        logger.removeHandler(handler)
        logger.setLevel(previous)
    return handler.messages


@contextlib.contextmanager
def _build_lock(work: Path, progress: Progress):
    """One build per audience at a time (they share .build/<audience>/ and the staging dirs).

    An flock is released by the kernel when its holder dies, so a killed build never blocks the next.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not Linux/macOS: no locking
        yield
        return
    with open(work.with_name(work.name + ".lock"), "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            progress("另一个 kaohe build 正在生成同一版本的网站，等待它结束…")
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


@contextlib.contextmanager
def temp_dir_inside(root: Path):
    """Temporary files (openpyxl's, jieba's cache) go under .build/, never outside the project."""
    previous = tempfile.tempdir
    inside = root / BUILD_DIR / "tmp"
    inside.mkdir(parents=True, exist_ok=True)
    tempfile.tempdir = str(inside)  # jieba and openpyxl ask tempfile.gettempdir()
    try:
        yield
    finally:
        tempfile.tempdir = previous


def build_site(root: Path, audience: str, strict: bool, out: str | None, progress: Progress) -> tuple[int, Problems, dict]:
    """Generate, run mkdocs into a staging dir, scan, write the manifest, swap in. Never raises OSError:
    a full disk or a missing permission is a reported problem (write-failed) and the site stays as it was."""
    try:
        with temp_dir_inside(root):
            return _build_site(root, audience, strict, out, progress)
    except OSError as exc:
        problems = Problems()
        write_failed(problems, BUILD_DIR, exc)
        return EXIT_PROBLEMS, problems, {}


def _build_site(root: Path, audience: str, strict: bool, out: str | None, progress: Progress) -> tuple[int, Problems, dict]:
    problems = Problems()
    site_dir = site_dir_for(root, audience, out)
    # checked as the user named it: a link there is refused, never followed (as the default site/ is)
    given = Path(out).absolute() if out else site_dir
    target_ok = functools.partial(check_target, root, given, audience, problems, out or site_dir.name, default=not out)
    if not target_ok():  # a folder that is not Kaohe's own output: the command must change (a usage error)
        return EXIT_USAGE, problems, {}
    if mkdocs_yml_problem(root, problems):
        return EXIT_PROBLEMS, problems, {}
    work = root / BUILD_DIR / audience
    work.mkdir(parents=True, exist_ok=True)
    with _build_lock(work, progress):  # held while the docs tree is written, as it is generated
        progress("读取方案和成绩表，计算成绩…")
        generated = generate(root, audience, problems, files=DocsWriter(work / "docs"))
        people = sum(len(p.people) for p in generated.periods)
        progress(f"计算完成：{len(generated.project.schemes)} 个方案，{len(generated.periods)} 个考核期，{people} 人次")
        stats = {"periods": len(generated.periods), "people": people, "notices": generated.notices}
        if problems.has_errors() or (strict and problems.warnings):
            return EXIT_PROBLEMS, problems, stats
        started = time.time()
        if remove_stale_staging(site_dir, started):
            progress("已清理被中断的生成留下的临时目录")
        staging = site_dir.with_name(f".{site_dir.name}.building-{uuid.uuid4().hex[:8]}")
        try:
            return _publish(root, audience, generated, problems, stats, work, site_dir, staging, progress, target_ok)
        except OSError as exc:
            write_failed(problems, site_dir.name, exc)
            return EXIT_PROBLEMS, problems, stats
        finally:
            if staging.exists() or staging.is_symlink():  # failed, interrupted or raised: the published site is untouched
                discard(staging)


def _publish(root, audience, generated, problems, stats, work, site_dir, staging, progress, target_ok) -> tuple[int, Problems, dict]:
    docs = generated.files  # the DocsWriter: every file is on disk already, and its bytes are not kept
    assert isinstance(docs, DocsWriter)
    docs_dir = docs.docs_dir
    changed = docs.finish()
    removed = sum(1 for rel in changed if rel not in docs)
    progress(f"写出文档 {len(docs)} 个（更新 {len(changed) - removed}，删除 {removed}）")
    records = inputs_record(generated.project, generated.periods, audience)
    # the public footer's version is derived only from what the public pages show (manifest.py)
    version = data_version(records) if audience == "internal" else docs_version(docs_dir, docs)
    config = mkdocs_config(root, audience, docs_dir, staging, generated, version, work)
    generated.periods.clear()  # the graded archive is on the pages now: mkdocs' memory is not added to it
    generated.ctx = None
    progress("mkdocs 生成网页…")
    if not progress.quiet:
        os.environ["KAOHE_PROGRESS"] = "1"
    try:
        warnings = run_mkdocs(config)
    finally:
        os.environ.pop("KAOHE_PROGRESS", None)
    if warnings or not (staging / "index.html").exists():
        report_mkdocs_failure(warnings or ["mkdocs 没有生成 index.html"], base_config(root), problems)
        return EXIT_PROBLEMS, problems, stats
    progress("检查外部链接…")
    report_external_urls(list(scan_site(staging)), site_dir.name, base_config(root), problems)
    if problems.has_errors():
        return EXIT_PROBLEMS, problems, stats
    write_manifest(staging, generated.project, records, audience, version)  # the last file written: outputs lists every other one
    stats["pages"] = sum(1 for _ in staging.rglob("*.html"))
    if not target_ok():  # checked again: a file put into the target while this build ran is not deleted either
        return EXIT_USAGE, problems, stats
    swap_in(staging, site_dir)
    stats["site"] = str(site_dir)
    return EXIT_OK, problems, stats
