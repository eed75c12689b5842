"""kaohe serve's cache on disk (generator/site/serve_cache.py): a session on an unchanged project starts
from the last session's model and pages and writes a tree byte for byte the tree a clean generate
writes; every kind of input change is recomputed (never trusted from the cache); a damaged or
planted cache file is ignored; the cache lives only in Kaohe's own .build folder."""

from __future__ import annotations

import hashlib
import json
import pickle
from decimal import Decimal

import pytest
from archive.util import edit_csv_cell, make_project  # tests/ is on sys.path (rootdir-relative packages)

from generator.core.problems import Problems
from generator.site import serve_cache
from generator.site.generate import generate
from generator.site.serve import PreviewSession

AGENCY = "yunxi-czj"
YEAR = ("content", AGENCY, "s003-p2", "2024")


def clean(root, audience="public") -> dict[str, bytes]:
    problems = Problems()
    generated = generate(root, audience, problems)
    assert not problems.has_errors(), problems.sorted()
    return generated.files


def docs_tree(session: PreviewSession) -> dict[str, bytes]:
    return {p.relative_to(session.docs).as_posix(): p.read_bytes() for p in session.docs.rglob("*") if p.is_file()}


def first_session(root, audience="public") -> tuple[PreviewSession, dict[str, bytes]]:
    session = PreviewSession(root, audience)
    ok, _ = session.regenerate()
    assert ok and session.cache.hits == 0 and session.cache.misses > 4
    session.save_cache()
    assert serve_cache.cache_file(session.work).is_file()
    return session, docs_tree(session)


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_an_unchanged_project_starts_warm_with_the_tree_of_a_clean_generate(tmp_path, audience, capsys):
    root = make_project(tmp_path / "proj", [AGENCY, "shiliqu-sifaju"])
    first, before = first_session(root, audience)
    periods = first.cache.misses
    warm = PreviewSession(root, audience)
    ok, changed = warm.regenerate()
    assert ok and changed == set()
    assert (warm.cache.hits, warm.cache.misses) == (periods, 0)  # nothing graded again
    assert warm.memo.misses == 0 and warm.memo.hits > 0  # nothing rendered again
    assert "读取了上次预览的缓存" in capsys.readouterr().out
    assert docs_tree(warm) == before == clean(root, audience)
    warm.save_cache()  # nothing new: the file is not written again
    assert not warm.unsaved


def _change_cell(root):
    old = edit_csv_cell(root.joinpath(*YEAR, "Q3.csv"), "0004", "工作负荷", "0")  # 好 at 94 points: 较好 without these
    assert old != "0"


def _change_scheme(root):
    path = root / "schemes" / "s003-p2.yaml"
    text = path.read_text(encoding="utf-8")
    assert "name: 公务员平时考核实施方案" in text
    path.write_text(text.replace("name: 公务员平时考核实施方案", "name: 公务员平时考核办法", 1), encoding="utf-8")


def _change_agency(root):
    path = root / "content" / AGENCY / "agency.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("局人事科", "局政工科", 1), encoding="utf-8")


def _change_decisions(root):  # the committee gives the place to the other of the tied pair
    path = root.joinpath(*YEAR, "Q2.decisions.csv")
    text = path.read_text(encoding="utf-8-sig")
    path.write_text(text.replace("0005,龙超刚,好", "0005,龙超刚,较好", 1).replace("0009,罗琳芳,较好", "0009,罗琳芳,好", 1), encoding="utf-8-sig")


def _change_notice(root):
    path = root.joinpath(*YEAR, "Q2.notice.yaml")
    path.write_text(path.read_text(encoding="utf-8").replace("〔2024〕15号", "〔2024〕16号"), encoding="utf-8")


@pytest.mark.parametrize("change, graded_again", [
    (_change_cell, {"2024/Q3", "2024/Y"}),  # the quarter and the year that reads it
    (_change_decisions, {"2024/Q2", "2024/Y"}),
    (_change_notice, {"2024/Q2", "2024/Y"}),
    (_change_agency, "agency"),  # every period of the agency
    (_change_scheme, "scheme"),  # every period of the scheme
])
def test_each_kind_of_input_change_is_recomputed_not_taken_from_the_cache(tmp_path, change, graded_again):
    root = make_project(tmp_path / "proj", [AGENCY, "shiliqu-sifaju"])
    first, before = first_session(root)
    keys = {p.input_key: p.key for p in first.cache.snapshot().values()}
    change(root)
    warm = PreviewSession(root, "public")
    assert warm.regenerate()[0]
    after = docs_tree(warm)
    assert after == clean(root)  # what the change means shows, exactly as a clean generate shows it
    assert after != before
    again = {p.key for p in warm.cache.snapshot().values() if p.input_key not in keys}
    if graded_again == "agency":
        assert again == {k for k in keys.values() if k.startswith(AGENCY + "/")}
    elif graded_again == "scheme":
        assert again == {k for k in keys.values() if "/s003-p2/" in k}
    else:
        assert again == {f"{AGENCY}/s003-p2/{k}" for k in graded_again}
    assert warm.cache.misses == len(again) and warm.cache.hits == len(keys) - len(again)


def test_another_engine_or_kaohe_version_recomputes_everything(tmp_path, monkeypatch):
    root = make_project(tmp_path / "proj", [AGENCY])
    first, before = first_session(root)
    periods = first.cache.misses
    monkeypatch.setattr("generator.engine.model_cache.ENGINE_VERSION", "999.0")
    warm = PreviewSession(root, "public")
    assert warm.regenerate()[0]
    assert (warm.cache.hits, warm.cache.misses) == (0, periods)  # every key names the engine version
    monkeypatch.undo()
    warm.save_cache()
    monkeypatch.setattr(serve_cache, "_code_version", "another kaohe")  # another release, or one line of it changed
    other = PreviewSession(root, "public")
    assert other.regenerate()[0]
    assert (other.cache.hits, other.cache.misses) == (0, periods)
    assert docs_tree(other) == before


def _truncate(raw: bytes) -> bytes:
    return raw[: len(raw) // 2]


def _flip(raw: bytes) -> bytes:
    return raw[:-50] + bytes([raw[-50] ^ 0xFF]) + raw[-49:]


def _garbage(raw: bytes) -> bytes:
    return b"\x00\xff not a cache"


def _planted(raw: bytes) -> bytes:
    """A well-formed file whose payload would run a command when unpickled by a plain pickle.load."""
    class Run:
        def __reduce__(self):
            return (eval, ("open('PLANTED', 'w').write('ran')",))
    payload = pickle.dumps({"periods": Run(), "site_key": None, "pages": {}})
    header = json.loads(raw[len(serve_cache.MAGIC):].partition(b"\n")[0])
    header.update(bytes=len(payload), sha256=hashlib.sha256(payload).hexdigest())
    return serve_cache.MAGIC + json.dumps(header).encode() + b"\n" + payload


@pytest.mark.parametrize("damage", [_truncate, _flip, _garbage, _planted])
def test_a_damaged_or_planted_cache_is_ignored(tmp_path, damage, capsys, monkeypatch):
    root = make_project(tmp_path / "proj", [AGENCY])
    first, before = first_session(root)
    path = serve_cache.cache_file(first.work)
    path.write_bytes(damage(path.read_bytes()))
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    warm = PreviewSession(root, "public")
    ok, _ = warm.regenerate()  # no exception: a cold start
    assert ok and warm.cache.hits == 0 and warm.cache.misses == first.cache.misses
    out = capsys.readouterr().out
    assert "全部重新计算" in out and "Traceback" not in out
    assert docs_tree(warm) == before
    assert not (tmp_path / "PLANTED").exists()


def test_the_cache_and_the_preview_live_only_in_kaohe_s_own_folder(tmp_path):
    root = make_project(tmp_path / "proj", [AGENCY])

    def users_files() -> dict:
        return {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file() and not p.is_relative_to(root / ".build")}

    before = users_files()
    session, _ = first_session(root)
    session.save_cache()
    assert serve_cache.cache_file(session.work).is_relative_to(root / ".build" / "serve-public")
    assert users_files() == before  # nothing written or touched beside the user's files


def test_a_second_session_serves_the_last_session_s_site_without_a_full_mkdocs_build(tmp_path, capsys):
    root = make_project(tmp_path / "proj", [AGENCY])
    first = PreviewSession(root, "public")
    assert first.rebuild()
    first.save_cache()
    index = first.site / "search" / "search_index.json"
    built = index.stat().st_mtime_ns
    capsys.readouterr()
    second = PreviewSession(root, "public")
    assert second.rebuild()
    assert "页面没有变化" in capsys.readouterr().out
    assert index.stat().st_mtime_ns == built and not second.full_next
    _change_cell(root)  # an edit while no preview ran: a dirty build of what changed, the search index whole
    third = PreviewSession(root, "public")
    assert third.rebuild()
    assert "只重建改动的页面" in capsys.readouterr().out
    pages = {d["location"].split("#")[0] for d in json.loads(index.read_text(encoding="utf-8"))["docs"]}
    assert pages == {d["location"].split("#")[0] for d in (first.search or {}).get("docs", [])}


def test_a_publishing_build_never_reads_the_cache(tmp_path):
    root = make_project(tmp_path / "proj", [AGENCY])
    first, before = first_session(root)
    site_key, pages = first.memo.snapshot()  # a cache that says what the files do not (as a planted one would)
    first.memo.restore(site_key, {key: _tampered(value) for key, value in pages.items()})
    first.unsaved = True
    first.save_cache()
    warm = PreviewSession(root, "public")
    assert warm.regenerate()[0]
    assert any(b"TAMPERED" in data for data in docs_tree(warm).values())  # the preview trusts what its keys match
    built = clean(root)  # what `kaohe build` generates (site/build.py): from the files alone
    assert built == before and not any(b"TAMPERED" in data for data in built.values())


def _tampered(value):
    from generator.site.model import Page

    if isinstance(value, Page):
        return Page(value.path, value.text + "TAMPERED")
    if isinstance(value, tuple):
        return tuple(_tampered(v) for v in value)
    if isinstance(value, list):
        return [_tampered(v) for v in value]
    return value


def _model(periods) -> dict:
    """Every number of every result, as text (its places included), with each roll-up person's history."""
    seen = {}
    for period in periods:
        for r in period.people:
            history = r.explainer.history_of(r.person) if r.explainer is not None else None
            seen[(period.agency, period.scheme.code, period.year, period.label, r.id)] = (
                sorted((k, repr(v)) for k, v in r.person.values.items()), [repr(v) for v in r.item_values],
                repr(r.raw_total), repr(r.total), r.grade, repr(sorted(history.items())) if history else None)
    return seen


def test_the_cache_keeps_every_number_as_written_and_each_value_once(tmp_path):
    """share_equal_decimals: 85.5 and 85.50 stay two numbers (the second says two places); equal texts
    load as one object; a roll-up's histories, not kept, are made again to the same."""
    root = make_project(tmp_path / "proj", [AGENCY])
    first = PreviewSession(root, "internal")
    assert first.regenerate()[0]
    graded = [p for p in first.cache.snapshot().values() if p.people and p.people[0].person.values]
    row_a, row_b = graded[0].people[0].person.values, graded[0].people[1].person.values
    column = next(k for k, v in row_a.items() if isinstance(v, Decimal))
    row_a[column], row_b[column] = Decimal("85.5"), Decimal("85.50")
    expected = _model(first.cache.snapshot().values())
    first.save_cache()
    assert _model(first.cache.snapshot().values()) == expected  # the session's own model, shared in place, reads the same

    warm = PreviewSession(root, "internal")
    assert warm.regenerate()[0] and warm.cache.misses == 0
    loaded = warm.cache.snapshot().values()
    assert _model(loaded) == expected
    decimals: dict[str, set[int]] = {}
    for period in loaded:
        for r in period.people:
            for v in [*r.person.values.values(), *r.item_values, r.total]:
                if isinstance(v, Decimal):
                    decimals.setdefault(str(v), set()).add(id(v))
    assert {"85.5", "85.50"} <= decimals.keys()
    assert all(len(ids) == 1 for ids in decimals.values())
    assert any(p.assessment.rolls_up for p in loaded)
