"""No broken link in either edition of the whole demo: every page, download, chart and year a page
links to exists (a public department page once linked years whose 公示 had not started)."""

from __future__ import annotations

import re

import pytest

from tests.archive.site_links import broken_links


@pytest.mark.parametrize("audience, folder", [("public", "site"), ("internal", "site-internal")])
def test_every_in_site_link_resolves(demo_build, audience, folder):
    root, results = demo_build
    code, output = results[audience]
    assert code == 0, output[-3000:]
    broken = broken_links(root / folder)
    assert broken == [], f"{len(broken)} broken links, e.g. {broken[:10]}"


@pytest.mark.parametrize("audience, folder", [("public", "site"), ("internal", "site-internal")])
def test_every_navigation_label_is_a_title(demo_build, audience, folder):
    """mkdocs lets go of a written page's Markdown (mkdocs_hooks.on_post_page), from which it reads the
    title: a page written before another once showed as «None» in that page's navigation."""
    root, _ = demo_build
    labels = set()
    for page in (root / folder).rglob("*.html"):
        labels |= set(re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">\s*([^<]*?)\s*<', page.read_text("utf-8")))
    assert "使用说明" in labels or audience == "public"
    assert not [label for label in labels if label in ("None", "")], sorted(labels)[:20]


@pytest.mark.parametrize("audience, folder", [("public", "site"), ("internal", "site-internal")])
def test_around_the_article_nothing_is_preformatted(demo_build, audience, folder):
    """Why the theme's indentation may go (site/theme_whitespace.py): outside <article> no page has an
    element whose whitespace shows, and the only inline script is the theme's JSON settings."""
    root, _ = demo_build
    pages = list((root / folder).rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        html = page.read_text("utf-8")
        start, end = html.find("<article"), html.rfind("</article>")
        around = html[:start] + html[end:] if start >= 0 else html
        assert not re.search(r"<(pre|textarea|listing|xmp|plaintext)\b", around, re.I), page
        assert not re.search(r"white-space\s*:\s*pre", around, re.I), page
        for attrs in re.findall(r"<script\b([^>]*)>(?!</script>)", around):
            assert 'type="application/json"' in attrs, f"{page}: inline script <script{attrs}>"
        assert "\n " not in around and "\n\n" not in around, f"{page}: the theme's indentation is back"


def test_the_checker_finds_a_broken_link(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text('<a href="a/">ok</a><a href="b/">gone</a><img src="x.svg"><a href="#top">anchor</a>'
                                     '<a href="https://example.org/">external</a>', encoding="utf-8")
    (site / "a" / "index.html").write_text('<a href="../">up</a><a href="../../outside/">above</a>', encoding="utf-8")
    assert broken_links(site) == [("a/index.html", "../../outside/"), ("index.html", "b/"), ("index.html", "x.svg")]
