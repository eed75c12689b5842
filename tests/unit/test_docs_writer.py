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
    assert "people/a/0001.md" in second and "people/b/0002.md" not in second
    assert second["people/a/0001.md"] == b"ONE"
    assert not any(isinstance(v, bytes) for v in vars(second).values())
    assert second.finish() == {"people/a/0001.md", "people/b/0002.md"}
    assert (docs / "index.md").stat().st_mtime == old
    assert not (docs / "people" / "b").exists()  # the emptied folder is gone
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()) == ["index.md", "people/a/0001.md"]
    assert not list(docs.rglob("*.tmp"))


def test_the_preview_writes_after_its_rebuild_and_knows_what_it_wrote(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    writer = DocsWriter(docs, session=True)
    page = "# 雷杰平\n" * 100
    writer.start()
    writer.put_text("people/0001.md", page)
    writer["downloads/a.xlsx"] = b"PK-bytes"
    assert not docs.exists()  # nothing is written until the rebuild turned out without errors
    assert writer.finish() == {"people/0001.md", "downloads/a.xlsx"}
    assert (docs / "people" / "0001.md").read_text("utf-8") == page

    # a rebuild with errors: start() again, nothing written
    writer.start()
    writer.put_text("people/0001.md", "其他")
    writer.start()
    assert (docs / "people" / "0001.md").read_text("utf-8") == page

    # the same object (a page the memo handed back) and equal text are known written: no file is read
    from generator.site import docs_writer

    looked_at = []
    real = docs_writer.write_if_changed
    monkeypatch.setattr(docs_writer, "write_if_changed", lambda target, data: looked_at.append(target.name) or real(target, data))
    writer.start()
    writer.put_text("people/0001.md", page)
    writer["downloads/a.xlsx"] = b"PK-" + b"bytes"  # equal, another object
    writer.put_text("people/0002.md", "新")
    assert writer.finish() == {"people/0002.md"}
    assert looked_at == ["0002.md"]
    # a page that changed is written, one no longer produced removed
    writer.start()
    writer.put_text("people/0001.md", page + "改")
    assert writer.finish() == {"people/0001.md", "people/0002.md", "downloads/a.xlsx"}
    assert sorted(p.name for p in docs.rglob("*") if p.is_file()) == ["0001.md"]


def test_the_preview_walks_its_folder_once_then_removes_what_it_no_longer_produces(tmp_path):
    docs = tmp_path / "docs"
    (docs / "old").mkdir(parents=True)
    (docs / "old" / "left.md").write_text("上次预览留下的", encoding="utf-8")
    writer = DocsWriter(docs, session=True)
    writer.start()
    writer.put_text("a/b/c.md", "丙")
    writer.put_text("d.md", "丁")
    assert writer.finish() == {"a/b/c.md", "d.md", "old/left.md"}  # the first time: the whole folder
    assert not (docs / "old").exists()
    writer.start()
    writer.put_text("d.md", "丁")
    assert writer.finish() == {"a/b/c.md"}
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*")) == ["d.md"]  # a/b and a removed too
