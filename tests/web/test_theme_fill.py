"""Pages filled into a theme skeleton (site/theme_fill.py) are the pages the theme renders whole: the
whole demo, both editions, built both ways is the same, file for file, byte for byte — with names an
office may have typed (markup, doubled spaces, quotes, a formula) that must be rendered whole, and
with most pages filled (the test fails if the skeletons stop being used)."""

from __future__ import annotations

import pytest

from generator.site import theme_fill
from tests.archive.util import rename_by_id
from tests.web.util import build, copy_demo, site_files

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("audience", ["internal", "public"])
def test_filled_pages_are_the_pages_rendered_whole(tmp_path, monkeypatch, audience):
    root = copy_demo(tmp_path)
    year = root / "content" / "yunxi-czj" / "s003-p2" / "2025"  # a year without decisions: they name people as they were
    sheets = [sheet for sheet in sorted(year.iterdir()) if sheet.suffix in (".csv", ".xlsx")]
    assert sheets and not list(year.glob("*.decisions.*"))
    names = ["<i>张</i>三", "李  四", '王"五\'', "+HYPERLINK(\"x\")", "赵&amp;六"]
    for sheet in sheets:
        rename_by_id(sheet, {f"{n:04d}": name for n, name in enumerate(names, start=1)})
    fills: list[theme_fill.Fill] = []
    real_init = theme_fill.Fill.__init__

    def recorded(self, env):
        real_init(self, env)
        fills.append(self)

    monkeypatch.setattr(theme_fill.Fill, "__init__", recorded)
    assert build(root, "--audience", audience, "--out", str(tmp_path / "filled")) == 0
    monkeypatch.setenv("KAOHE_THEME_FILL", "0")
    assert build(root, "--audience", audience, "--out", str(tmp_path / "whole")) == 0

    filled, whole = site_files(tmp_path / "filled"), site_files(tmp_path / "whole")
    assert filled.keys() == whole.keys()
    shown = b"".join(body for rel, body in filled.items() if rel.endswith(".html"))
    assert b"<i>\xe5\xbc\xa0</i>" not in shown
    if audience == "internal":  # the names are on the pages, escaped (the public edition lists 2025's only on a started 公示)
        assert b"&lt;i&gt;\xe5\xbc\xa0&lt;/i&gt;" in shown
    differing = [name for name in whole if filled[name] != whole[name]]
    assert differing == [], differing[:5]
    assert len(fills) == 2 and fills[1].filled == 0  # the second build rendered every page whole
    pages = sum(1 for name in whole if name.endswith(".html"))
    assert fills[0].filled >= (pages // 3 if audience == "internal" else 20), (fills[0].filled, pages)
    assert not [key for key, pieces in fills[0].skeletons.items() if pieces is None]  # no skeleton failed its check
