"""Finished HTML blocks are put back after the search plugin read the page (mkdocs_hooks.on_page_context):
the search index and every page must be exactly what they were when the plugin read the blocks too.
Two builds of two demo agencies, internal edition (the one with results tables, person pages and their
derivations): one as shipped, one with the blocks put back before the search plugin reads the page."""

from __future__ import annotations

import json
import re

import pytest
from mkdocs.config import config_options

from tests.web.util import build, copy_demo_part, site_files

pytestmark = pytest.mark.slow


def test_blocks_put_back_after_search_give_the_same_index_and_pages(tmp_path, monkeypatch):
    root = copy_demo_part(tmp_path, ("yunxi-czj", "heting-kx"))
    assert build(root, "--audience", "internal", "--out", str(tmp_path / "deferred")) == 0

    real = config_options.Hooks._load_hook.__wrapped__
    patched = []

    def blocks_read_by_search(self, name, path):
        module = real(self, name, path)
        if hasattr(module, "hold_places"):
            patched.append(name)  # put the blocks back at once, before the search plugin reads the page
            module.hold_places = module.unstash_html
            module.fill_places = lambda html, blocks: html
        return module

    monkeypatch.setattr(config_options.Hooks, "_load_hook", blocks_read_by_search)
    assert build(root, "--audience", "internal", "--out", str(tmp_path / "read")) == 0
    assert patched  # the second build really read the blocks in the search plugin

    deferred, read = site_files(tmp_path / "deferred"), site_files(tmp_path / "read")
    index = "search/search_index.json"
    assert len(read[index]) > 10_000 and deferred[index] == read[index]
    assert deferred.keys() == read.keys()
    differing = [name for name in read if deferred[name] != read[name]]
    assert differing == [], differing[:5]
    # a 公示's names are a block the search reads: found in the index under the notice's address
    notice = next(name for name in read if name.startswith("notices/yunxi-czj/") and b"kaohe-notice-list" in read[name])
    names = re.findall(r"<tr><td>[^<]*</td>\s*<td>([^<]+)</td>", deferred[notice].decode())  # a space between cells
    entries = [e for e in json.loads(deferred[index])["docs"] if e["location"].startswith(notice.removesuffix("index.html"))]
    assert names and entries and all(any(n in e["text"] for e in entries) for n in names), (notice, names[:3])
    # the blocks are there: a person page shows its history and derivations
    person = next(name for name in read if name.startswith("people/yunxi-czj/") and name.count("/") == 3)
    assert b'class="kaohe-history"' in deferred[person] and b"KAOHEHTML" not in deferred[person]
