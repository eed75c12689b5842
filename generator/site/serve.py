"""`kaohe serve`: a live preview that shows a one-cell edit in seconds, even on a city's archive.

One session keeps the computed model (engine/model_cache.py) and the rendered pages (page_memo.py) between
rebuilds, writes only the docs files whose bytes changed, and then lets mkdocs rebuild only those
pages (its `dirty` build). mkdocs' own serve cannot do that: it reloads everything and rebuilds
every page on every change. Pieces of mkdocs used here: its LiveReloadServer (watching, serving,
reloading the browser), load_config and build.

What a dirty build leaves stale is handled here: the search index (merged page by page) and pages
that disappeared (a full build then). The footer says 预览 rather than a data version, because
pages not rebuilt keep the version they were built with.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from generator.core.problems import Problems
from generator.core.report import print_problems, summary_line
from generator.engine.model_cache import ModelCache
from generator.site.build import BUILD_DIR, mkdocs_config, temp_dir_inside
from generator.site.generate import generate, write_tree
from generator.site.page_memo import PageMemo

PREVIEW_VERSION = "预览"
PREVIEW_DONE = "预览已更新"  # printed when the served site shows the change (bench/run.py waits for it)


class PreviewSession:
    def __init__(self, root: Path, audience: str):
        self.root, self.audience = root, audience
        self.work = root / BUILD_DIR / f"serve-{audience}"
        self.docs, self.site = self.work / "docs", self.work / "site"
        self.cache, self.memo = ModelCache(), PageMemo()
        self.config_file: Path | None = None
        self.search: dict | None = None  # the whole search index of the last full build, merged since
        self.full_next = True

    def regenerate(self) -> tuple[bool, set[str]]:
        """The docs tree from schemes/ and content/; (ok, docs files written or removed)."""
        started = time.monotonic()
        problems = Problems()
        generated = generate(self.root, self.audience, problems, self.cache, self.memo)
        print_problems(problems)
        if problems.has_errors():
            print(summary_line(problems))
            print("有错误：预览未更新，改正后保存即可自动重新生成。", flush=True)
            return False, set()
        changed = write_tree(self.docs, generated.files)
        if self.config_file is None:
            self.config_file = mkdocs_config(self.root, self.audience, self.docs, self.site, generated, PREVIEW_VERSION, self.work)
        print(f"已重新计算 {self.cache.misses} 个考核期（沿用 {self.cache.hits} 个），重新生成 {self.memo.misses} 页，"
              f"改动 {len(changed)} 个文件（{time.monotonic() - started:.1f} 秒）", flush=True)
        return True, changed

    def rebuild(self) -> bool:
        """What the live-reload server calls on a change (and once at the start); False on errors."""
        started = time.monotonic()
        ok, changed = self.regenerate()
        if not ok:
            return False
        if not changed and not self.full_next:
            print(f"{PREVIEW_DONE}（页面没有变化，{time.monotonic() - started:.1f} 秒）", flush=True)
            return True
        removed = any(not (self.docs / rel).exists() for rel in changed)
        dirty = not self.full_next and not removed
        self._mkdocs(dirty)
        self.full_next = False
        print(f"{PREVIEW_DONE}（{'只重建改动的页面' if dirty else '全部页面'}，{time.monotonic() - started:.1f} 秒）", flush=True)
        return True

    def _mkdocs(self, dirty: bool) -> None:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        # not strict: a warning in the preview should show the page, not stop the preview
        config = load_config(config_file=str(self.config_file), site_dir=str(self.site), strict=False)
        with temp_dir_inside(self.root):  # jieba's cache stays in the project
            build(config, dirty=dirty)
        index = self.site / "search" / "search_index.json"
        if not index.exists():
            return
        if not dirty:
            self.search = json.loads(index.read_text(encoding="utf-8"))
        elif self.search is not None:
            self.search = merge_search_index(self.search, json.loads(index.read_text(encoding="utf-8")))
            index.write_text(json.dumps(self.search, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


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
