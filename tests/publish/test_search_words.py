"""The public search index is cut into words with a user dictionary of names (site/generate.py
_jieba_words). In the public edition it holds only the names a 公示 lists once its list is out: a name
from an unpublished period, of someone no 公示 names, or on a 公示 that has not begun (its page shows no
list yet), must not decide where public text is cut."""

from __future__ import annotations

from generator.core.problems import Problems
from generator.site.generate import generate
from generator.site.pages_notice import notice_ids
from tests.archive.util import make_project


def test_the_public_dictionary_holds_only_the_names_a_notice_lists(tmp_path):
    root = make_project(tmp_path / "proj", ["yunxi-czj"])
    public = generate(root, "public", Problems())
    internal = generate(root, "internal", Problems())
    ctx = public.ctx
    out = [p for p in public.periods if ctx.has_notice(p) and ctx.notice_state(p).state != "未开始" and not ctx.notice_state(p).blocked]
    listed = {r.person.name for p in out for r in p.people if r.id in notice_ids(p)}
    pending = {r.person.name for p in public.periods if ctx.has_notice(p) and p not in out for r in p.people if r.id in notice_ids(p)}
    everyone = {r.person.name for p in public.periods for r in p.people}
    unlisted = everyone - listed
    assert listed and unlisted and pending - listed  # the demo has all three, or the test proves nothing
    words = set(public.jieba_words)
    assert {n for n in listed if len(n) > 1} <= words
    assert not (unlisted & words), sorted(unlisted & words)[:5]
    assert {n for n in unlisted if len(n) > 1} <= set(internal.jieba_words)  # the internal edition shows everyone


def test_a_word_with_a_line_break_never_makes_a_dictionary_line_of_its_own(tmp_path):
    """The dictionary is one `word freq tag` a line: an agency's name or a department written over two
    lines in agency.yaml ("纪检\\n监察室") put a line 纪检 with no frequency into it, and 监察室 as a word."""
    root = make_project(tmp_path / "proj", ["yunxi-czj"])
    agency = root / "content" / "yunxi-czj" / "agency.yaml"
    text = agency.read_text("utf-8")
    assert ", 综合股]" in text
    agency.write_text(text.replace(", 综合股]", ', 综合股, "纪检\\n监察室", "审计\\r室", "后勤\\t服务"]'), encoding="utf-8")
    words = generate(root, "public", Problems()).jieba_words
    assert words and not [w for w in words if any(c.isspace() for c in w)]
