"""`kaohe serve`: a live preview that shows a one-cell edit in seconds, even on a city's archive.

One session keeps the computed model (engine/model_cache.py) and the rendered pages (page_memo.py) between
rebuilds, writes only the docs files whose bytes changed, and then lets mkdocs rebuild only those
pages (its `dirty` build). mkdocs' own serve cannot do that: it reloads everything and rebuilds
every page on every change. Pieces of mkdocs used here: its LiveReloadServer (watching, serving,
reloading the browser), load_config and build.

What a dirty build leaves stale is handled here: the search index (merged page by page) and pages
that disappeared (a full build then). The footer says 预览 rather than a data version, because
pages not rebuilt keep the version they were built with.

Between sessions the model and the pages are kept on disk (serve_cache.py), and so are the docs tree
and the site mkdocs built from it: a session that finds a site marked complete for the same Kaohe and
the same mkdocs config starts with a dirty build of what changed meanwhile (nothing, usually) instead of
a full one. The mark is removed before mkdocs touches the site and written again when it finished.

Stopping (Ctrl-C, SIGTERM): the cache is written once more if this session computed anything, unless
a rebuild was cut short; a second Ctrl-C gives that up at once (stop()).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import signal
import sys
import threading
import time
from importlib import metadata
from pathlib import Path

from generator.core.problems import Problems
from generator.core.report import print_problems, summary_line
from generator.engine.compute import compute_project
from generator.engine.model_cache import ModelCache
from generator.project.discover import discover
from generator.site import serve_cache
from generator.site.build import BUILD_DIR, _overrides, mkdocs_config, temp_dir_inside
from generator.site.docs_writer import DocsWriter
from generator.site.generate import generate_from
from generator.site.page_memo import PageMemo
from generator.site.preview_mkdocs import KnownChanges
from generator.site.project_mkdocs import mkdocs_yml_problem

PREVIEW_VERSION = "预览"
PREVIEW_DONE = "预览已更新"  # printed when the served site shows the change (bench/run.py waits for it)


class PreviewSession:
    def __init__(self, root: Path, audience: str):
        self.root, self.audience = root, audience
        self.work = root / BUILD_DIR / f"serve-{audience}"
        self.docs, self.site = self.work / "docs", self.work / "site"
        self.cache, self.memo = ModelCache(), PageMemo()
        self.seen_schemes: dict = {}  # schemes parsed by earlier rebuilds, by their bytes (discover)
        self.writer = DocsWriter(self.docs, session=True)  # writes after a rebuild without errors; knows what it wrote
        self.config_file: Path | None = None
        self.search: dict | None = None  # the whole search index of the last full build, merged since
        self.full_next = True
        self.loaded = False  # the cache on disk is read once, by the first build
        self.unsaved = False  # periods or pages computed since the cache on disk was written
        self.saver: int | None = None  # the child process writing the cache, if any
        self.cut_short = False  # a rebuild was interrupted (Ctrl-C): the model in memory is half updated
        self.warming: threading.Thread | None = None  # loads jieba's dictionary while the preview serves
        self.known = KnownChanges()  # what mkdocs' dirty build need not find out again (preview_mkdocs.py)
        self.built_here = False  # this session built the site itself: from then on it knows what changed
        self.unbuilt: set[str] = set()  # docs files written since mkdocs last finished a build (one may have failed)

    def regenerate(self) -> tuple[bool, set[str]]:
        """The docs tree from schemes/ and content/; (ok, docs files written or removed)."""
        started = time.monotonic()
        problems = Problems()
        project = discover(self.root, problems, self.seen_schemes)
        if not self.loaded:
            self.loaded = True
            why = serve_cache.load(self.work, self.audience, project, self.cache, self.memo)
            print(f"{why}：全部重新计算。" if why else "读取了上次预览的缓存（只用于内容未变的考核期和页面）。", flush=True)
        self.cache.start()
        periods = compute_project(project, problems, self.cache)
        self.cache.finish()
        self.writer.start()
        generated = generate_from(project, periods, self.audience, problems, self.memo, self.writer)
        mkdocs_yml_problem(self.root, problems)  # the settings every rebuild reads: a slip there is a problem, not a crash
        self.unsaved = self.unsaved or bool(self.cache.misses or self.memo.misses)
        print_problems(problems)
        if problems.has_errors():
            print(summary_line(problems, None))
            print("有错误：预览未更新，改正后保存即可自动重新生成。", flush=True)
            return False, set()
        if self.config_file is None:
            self.work.mkdir(parents=True, exist_ok=True)
            self.config_file = mkdocs_config(self.root, self.audience, self.docs, self.site, generated, PREVIEW_VERSION, self.work)
            self._adopt_site()
        self._site_mark().unlink(missing_ok=True)  # the docs may change: the site is complete again once built
        changed = self.writer.finish()
        print(f"已重新计算 {self.cache.misses} 个考核期（沿用 {self.cache.hits} 个），重新生成 {self.memo.misses} 页，"
              f"改动 {len(changed)} 个文件（{time.monotonic() - started:.1f} 秒）", flush=True)
        return True, changed

    def rebuild(self) -> bool:
        """What the live-reload server calls on a change (and once at the start); False on errors."""
        self._end_saver_for_edit()
        self.cut_short = True  # until this build ends (not cleared by an exception, nor by Ctrl-C)
        ok = self._rebuild()
        self.cut_short = False
        return ok

    def _rebuild(self) -> bool:
        started = time.monotonic()
        ok, changed = self.regenerate()
        if not ok:
            return False
        if not changed and not self.unbuilt and not self.full_next:
            # the site is complete for these docs: built by this session, or adopted from the last
            # one with its mark (and the writer found every docs file as that build left it)
            self.built_here = True
            self._site_mark().write_text(self._site_state(), encoding="utf-8")
            print(f"{PREVIEW_DONE}（页面没有变化，{time.monotonic() - started:.1f} 秒）", flush=True)
            self._warm_search_words()
            return True
        removed = any(not (self.docs / rel).exists() for rel in changed | self.unbuilt)
        dirty = not self.full_next and not removed
        self._mkdocs(dirty, changed)
        self._site_mark().write_text(self._site_state(), encoding="utf-8")
        self.full_next = False
        print(f"{PREVIEW_DONE}（{'只重建改动的页面' if dirty else '全部页面'}，{time.monotonic() - started:.1f} 秒）", flush=True)
        return True

    def save_cache(self, background: bool = False) -> None:
        """Keep the model and pages for the next session (after the first build, and when stopping).
        In the background where the system can fork: a child process writes a snapshot of this
        moment's model while the preview serves (a city's model takes a while to write)."""
        self.wait_for_saver()
        if not self.unsaved:
            return
        self.unsaved = False
        if background and hasattr(os, "fork"):
            sys.stdout.flush()
            pid = os.fork()
            if pid == 0:  # the child: write, say so only if it could not, and leave at once
                code = 1
                try:
                    # Ctrl-C reaches the whole process group: the writer finishes its snapshot, and
                    # the preview, stopping, waits for it or ends it (stop())
                    signal.signal(signal.SIGINT, signal.SIG_IGN)
                    os.nice(10)  # the preview's own rebuilds come first when an edit arrives meanwhile
                    self._save()
                    code = 0
                finally:
                    os._exit(code)
            self.saver = pid
            return
        self._save()

    def _end_saver_for_edit(self) -> None:
        """An edit came while the child writing the cache still runs (the first quarter of a minute
        of a city's preview): end it. While it lives, every page of memory the rebuild writes to is
        copied for it (the two share the model until one writes), and it takes the other core: a
        city's first edit showed after 2.8 s instead of 1.2 s. Its snapshot is older than this
        rebuild anyway; the cache is written when the preview stops (stop())."""
        self.wait_for_saver(block=False)
        self._end_saver()

    def wait_for_saver(self, block: bool = True) -> None:
        if self.saver is not None:
            pid, status = os.waitpid(self.saver, 0 if block else os.WNOHANG)
            if pid == 0:
                return  # still writing
            self.saver = None
            if status != 0:  # killed or failed: its snapshot was not written, the next save writes one
                serve_cache.partial_file(self.work, pid).unlink(missing_ok=True)
                self.unsaved = True

    def stop(self) -> None:
        """After Ctrl-C: keep what this session computed for the next one, unless a rebuild was cut
        short (the cache already on disk stays valid: its entries are found by content hash). A
        second Ctrl-C gives up saving at once; the cache file is renamed into place only when
        complete, so the next session finds the old one or the new one, never half of one."""
        self.wait_for_saver(block=False)
        if self.unsaved and not self.cut_short:
            self._end_saver()  # its snapshot is older than the one about to be written
        if self.saver is None and not (self.unsaved and not self.cut_short):
            return
        print("正在保存预览缓存，供下次启动使用（再按 Ctrl+C 则不保存，立即退出）……", flush=True)
        try:
            self.wait_for_saver()
            if not self.cut_short:
                self.save_cache()
        except KeyboardInterrupt:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a third press must not cut the cleanup short
            self._end_saver()
            print("预览缓存未保存。", flush=True)

    def _end_saver(self) -> None:
        """Stop the child writing the cache, and remove what it had written."""
        if self.saver is None:
            return
        pid, self.saver = self.saver, None
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        serve_cache.partial_file(self.work, pid).unlink(missing_ok=True)
        self.unsaved = True

    def _save(self) -> None:
        why = serve_cache.save(self.work, self.audience, self.cache, self.memo)
        if why:
            self.unsaved = True
            print(f"预览缓存未能保存（{why}）；下次启动将全部重新计算。", flush=True)

    def _site_mark(self) -> Path:
        return self.work / "site-complete.json"

    def _site_state(self) -> str:
        """What the built site depends on besides the docs files: Kaohe, mkdocs and its theme, the
        config and the theme overrides."""
        assert self.config_file is not None
        digest = hashlib.sha256(repr([_version(name) for name in ("mkdocs", "mkdocs-material")]).encode())
        overrides = _overrides(self.root)
        for path in [self.config_file, self.work / "jieba_user.txt", *sorted(p for p in overrides.rglob("*") if p.is_file())]:
            digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
        return json.dumps({"code": serve_cache.code_version(), "config": digest.hexdigest()})

    def _adopt_site(self) -> None:
        """The site of the last session, when it was complete and built by the same Kaohe and config:
        then only what changed since is rebuilt (mkdocs' dirty build compares file times)."""
        index = self.site / "search" / "search_index.json"
        try:
            if self._site_mark().read_text(encoding="utf-8") != self._site_state():
                return
            self.search = json.loads(index.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return
        self.full_next = False

    def _warm_search_words(self) -> None:
        """A session that started without building (nothing changed) would load jieba's dictionary
        in the first edit's build: 0.8 s of a one-cell edit. It is loaded now, beside the serving;
        an edit made meanwhile waits for it (jieba's own lock) and finds it loaded."""
        if self.warming is not None:
            return
        try:
            import jieba
        except ImportError:
            return
        jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict…" lines are noise in the preview's output
        tokenizer = jieba.dt
        cache = self.root / BUILD_DIR / "tmp"  # its cache stays in the project, as in _mkdocs
        cache.mkdir(parents=True, exist_ok=True)
        tokenizer.tmp_dir = str(cache)
        self.warming = threading.Thread(target=tokenizer.check_initialized, name="kaohe-jieba", daemon=True)
        self.warming.start()

    def _mkdocs(self, dirty: bool, changed: set[str]) -> None:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        # not strict: a warning in the preview should show the page, not stop the preview
        config = load_config(config_file=str(self.config_file), site_dir=str(self.site), strict=False)
        # The session's own changes decide what a dirty build redoes once the session has built the
        # site itself; before that (a site adopted from the last session) mkdocs compares file times.
        # A full build finds out everything for itself; both walk the docs tree afresh for the next edit.
        self.unbuilt |= changed
        with temp_dir_inside(self.root), self.known.build(self.unbuilt, judge=dirty and self.built_here):  # jieba's cache stays in the project
            build(config, dirty=dirty)
        self.built_here, self.unbuilt = True, set()
        index = self.site / "search" / "search_index.json"
        if not index.exists():
            return
        if not dirty:
            self.search = json.loads(index.read_text(encoding="utf-8"))
        elif self.search is not None:
            self.search = merge_search_index(self.search, json.loads(index.read_text(encoding="utf-8")))
            index.write_text(json.dumps(self.search, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""


def merge_search_index(whole: dict, rebuilt: dict) -> dict:
    """The index of a dirty build holds only the pages it rebuilt: put them in place of their old
    entries in the whole index, and keep every other page's entries."""
    pages = {entry["location"].split("#")[0] for entry in rebuilt.get("docs", [])}
    docs = [entry for entry in whole.get("docs", []) if entry["location"].split("#")[0] not in pages]
    return {**whole, "docs": docs + rebuilt.get("docs", [])}


class _QuietDirtyWarning(logging.Filter):
    """mkdocs warns on every dirty build that navigation may be inaccurate; our navigation is a
    fixed list of index pages, and the warning would bury the preview's own lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()
