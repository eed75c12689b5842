"""kaohe build writes the docs tree as it is generated (site/docs_writer.py): a changed file is written,
an unchanged one left with its time (mkdocs and the preview compare times), a file no longer produced
removed with its empty folder, and no file's bytes are kept in memory."""

from __future__ import annotations

import os

from generator.site.docs_writer import DocsWriter


def test_writes_changed_keeps_unchanged_removes_the_rest(tmp_path):
    docs = tmp_path / "docs"
    first = DocsWriter(docs)
    first["index.md"] = b"home"
    first["people/a/0001.md"] = b"one"
    first["people/b/0002.md"] = b"two"
    assert first.finish() == {"index.md", "people/a/0001.md", "people/b/0002.md"}
    old = 1_000_000_000
    os.utime(docs / "index.md", (old, old))

    second = DocsWriter(docs)
    second["index.md"] = b"home"  # unchanged: not rewritten
    second["people/a/0001.md"] = b"ONE"  # same length, other bytes: rewritten
    assert list(second) == ["index.md", "people/a/0001.md"] and len(second) == 2
    assert second["people/a/0001.md"] == b"ONE"
    assert not any(isinstance(v, bytes) for v in vars(second).values())
    assert second.finish() == {"people/a/0001.md", "people/b/0002.md"}
    assert (docs / "index.md").stat().st_mtime == old
    assert not (docs / "people" / "b").exists()  # the emptied folder is gone
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()) == ["index.md", "people/a/0001.md"]
    assert not list(docs.rglob("*.tmp"))
