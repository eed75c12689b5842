"""A table's filter lists every value its cells hold, whatever the value: kaohe.js counted them in plain
objects, so a cell reading 「constructor」 or 「__proto__」 (a department or a name as a data file has it)
was taken for one the object already had, and was missing from the choices or counted wrong."""

from __future__ import annotations

from pathlib import Path

KAOHE_JS = Path(__file__).resolve().parents[2] / "site_templates" / "assets" / "kaohe.js"
VALUES = ["constructor", "__proto__", "toString", "办公室"]


def test_a_filter_lists_values_named_like_an_objects_own(browser):
    rows = "".join(f"<tr><td>{i}</td><td>{VALUES[i % len(VALUES)]}</td></tr>" for i in range(12))
    page = browser.new_page()
    try:
        page.set_content(f"<article><table class='filterable'><thead><tr><th>编号</th><th data-facet>部门</th></tr></thead>"
                         f"<tbody>{rows}</tbody></table></article>")
        page.add_script_tag(path=str(KAOHE_JS))
        options = page.locator("select option").all_text_contents()
        assert sorted(options) == sorted(["全部", *(f"{v}（3）" for v in VALUES)])
    finally:
        page.close()
