"""Issue 14: comparison pages (internal only) and the filed forms, on a copy of two demo agencies."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import openpyxl
import pytest

from generator.core.problems import Problems
from generator.site.generate import generate
from tests.web.util import copy_demo_part


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    root = copy_demo_part(tmp_path_factory.mktemp("p"), ("yunxi-czj", "baiyang-fgw"))
    return {audience: generate(root, audience, Problems()) for audience in ("public", "internal")}


def cells(html: str) -> list[list[str]]:
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S)
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S)] for r in rows]


def test_public_edition_has_no_comparison_or_form(editions):
    files = editions["public"].files
    assert not [p for p in files if p.startswith(("compare/", "forms/")) or "/compare/" in p or "汇总表" in p]


def test_year_comparison_counts_shares_and_change(editions):
    g = editions["internal"]
    text = g.files["compare/yunxi-czj/2025.md"].decode()
    q1 = text.split("## 2025年第一季度")[1].split("## ")[0]
    rows = {r[0]: r for r in cells(q1) if r}
    periods = {p.key: p for p in g.periods}
    now, before = periods["yunxi-czj/s003-p2/2025/Q1"], periods["yunxi-czj/s003-p2/2024/Q1"]
    for department in ("办公室", "预算股", "全单位"):
        def count(period, grade, department=department):
            return sum(1 for p in period.people if (department == "全单位" or p.person.department == department)
                       and p.status == "graded" and p.grade == grade)
        members = [p for p in now.people if department == "全单位" or p.person.department == department]
        old = [p for p in before.people if department == "全单位" or p.person.department == department]
        row = rows[department]
        assert row[1] == str(len(members))
        good, good_before = count(now, "好"), count(before, "好")
        points = (Decimal(good) / len(members) - Decimal(good_before) / len(old)) * 100
        shown = row[2]  # "7 · 25%<br><small>-14.3</small>" flattened
        assert shown.startswith(f"{good} · ")
        change = shown.split("%")[-1]
        assert Decimal(change) == points.quantize(Decimal("0.1")), (department, shown, points)


def test_department_across_years_and_downloads(editions):
    files = editions["internal"].files
    page = files["compare/yunxi-czj/bangongshi.md"].decode()
    assert "# 云溪县财政局 · 办公室 · 历年对比" in page and ">2024年<" in page and ">2025年<" in page
    assert "<svg" in page and "<table" in page  # the chart and its numbers
    assert "departments/yunxi-czj/bangongshi/2025/" in page or "../../../departments/yunxi-czj/bangongshi/2025/" in page
    xlsx = next(v for k, v in files.items() if k.startswith("downloads/yunxi-czj/compare/") and "办公室历年对比" in k and k.endswith(".xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    assert "云溪县财政局" in sheet["A1"].value and sheet.freeze_panes == "A3" and sheet.auto_filter.ref
    headers = [c.value for c in sheet[2]]
    share = sheet.cell(3, headers.index("好占比") + 1)
    assert isinstance(sheet["C3"].value, int) and share.number_format.endswith("%") and isinstance(share.value, (int, float))


def test_quarterly_summary_form(editions):
    g = editions["internal"]
    files = g.files
    page = files["forms/yunxi-czj/s003-p2/2025-pingshi-huizongbiao.md"].decode()
    assert "公务员平时考核结果汇总表" in page and "（2025年度）" in page and "单位（盖章）：云溪县财政局" in page and "填报时间" in page
    table = cells(page)
    assert table[0] == ["考核周期", "考核为好等次人数", "好等次人数占实际参加考核总人数比例", "考核为好等次人员名单",
                        "因派驻、挂职等原因在接收单位考核为好等次人员名单", "评定为一般、较差等次、未定等次人员名单"]
    assert [r[0] for r in table[1:]] == ["第一季度", "第二季度", "第三季度", "第四季度"]
    q1 = next(p for p in g.periods if p.key == "yunxi-czj/s003-p2/2025/Q1")
    good = sorted(p.person.name for p in q1.people if p.grade == "好" and p.status == "graded")
    base = next(u.base for u in q1.quotas if u.scope == "全单位" and u.grade == "好")
    assert table[1][1] == str(len(good)) and sorted(table[1][3].split("、")) == good
    assert Decimal(table[1][2].rstrip("%")) == (Decimal(len(good)) / base * 100).quantize(Decimal("0.1"))
    xlsx = next(v for k, v in files.items() if k.endswith("云溪县财政局-平时考核实施方案（篇二）-2025年度-平时考核结果汇总表.xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    assert sheet["A1"].value == "公务员平时考核结果汇总表" and sheet["B5"].value == len(good)
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4 and "&P" in sheet.oddFooter.center.text


def test_quarterly_summary_heads_count_as_its_rows_do(editions):
    """实际参加考核总人数 counted only people graded at least once: 邱德洋, on probation all 2024
    (参加平时考核、不确定等次，计入总人数, and counted in each quarter's denominator), was left out of it:
    the form said 28 over rows whose 28 included him, and a 组织部 adding the year up got 29."""
    g = editions["internal"]
    for year in (2024, 2025):
        page = g.files[f"forms/yunxi-czj/s003-p2/{year}-pingshi-huizongbiao.md"].decode()
        quarters = [p for p in g.periods if p.agency == "yunxi-czj" and p.year == year and p.label in ("Q1", "Q2", "Q3", "Q4")]
        counted = set()
        for period in quarters:
            use = next(u for u in period.quotas if u.scope == "全单位" and u.grade == "好")
            members = {p.id for p in period.people if p.status == "graded" or not p.outside_base}
            assert len(members) == use.base  # the quota's base: everyone but those a rule keeps out of it
            counted |= members
        everyone = {p.id for period in quarters for p in period.people}
        assert f"实际参加考核总人数：{len(counted)}" in page and f"单位应参加考核总人数：{len(everyone)}" in page


def test_yearly_register_form(editions):
    g = editions["internal"]
    page = g.files["forms/baiyang-fgw/s003-p7/2024-niandu-dengji-huizongbiao.md"].decode()
    assert "白杨县发展和改革委员会2024年度考核情况登记汇总表" in page
    table = cells(page)
    assert table[0] == ["序号", "姓名", "平时考核定等", "平时考核优秀率", "年终考核测评优秀率", "年度考核优秀率", "年度考核定等建议", "绩效奖励级差建议"]
    assert table[1] == ["第一季度", "第二季度", "第三季度"]
    periods = {p.key: p for p in g.periods}
    yearly = periods["baiyang-fgw/s003-p7/2024/Y"]
    first = sorted(yearly.people, key=lambda p: p.person.row)[0]
    row = table[2]
    quarters = [periods[f"baiyang-fgw/s003-p7/2024/{q}"].person(first.id).shown_grade for q in ("Q1", "Q2", "Q3")]
    assert row[:5] == ["1", first.person.name, *quarters]
    regular = Decimal(quarters.count("优秀")) / 3
    vote = Decimal(str(first.person.values["年终测评优秀票数"])) / Decimal(str(first.person.values["参加测评总人数"]))
    assert Decimal(row[5].rstrip("%")) == (regular * 100).quantize(Decimal("0.01"))
    assert Decimal(row[6].rstrip("%")) == (vote * 100).quantize(Decimal("0.01"))
    assert Decimal(row[7].rstrip("%")) == first.total * 100 and row[8] == first.shown_grade


def test_internal_comparisons_forms_and_downloads_are_byte_identical(editions):
    first = editions["internal"]
    again = generate(first.project.root, "internal", Problems()).files
    ours = [k for k in first.files if k.startswith(("compare/", "forms/", "downloads/"))]
    assert len(ours) > 50 and [k for k in ours if first.files[k] != again[k]] == []


def test_a_comparison_too_large_for_one_page_lists_its_periods_each_on_a_page(editions, monkeypatch):
    """A unit with many departments: the year page would pass COMPARE_PAGE_BYTES, so it lists its periods
    and each period's chart and table is on a page of its own below it, with the same numbers, a way
    back, and the year's one download."""
    from generator.site import pages_compare

    whole = editions["internal"]
    monkeypatch.setattr(pages_compare, "COMPARE_PAGE_BYTES", 3_000)
    pages, _ = pages_compare.build_compare(whole.ctx)
    split = {p.path: p.text for p in pages}
    year = split["compare/yunxi-czj/2025.md"]
    titles = re.findall(r"^## (.+)$", whole.files["compare/yunxi-czj/2025.md"].decode(), re.M)
    links = re.findall(r'^- <a href="([^"]+)">(.+?)</a>$', year, re.M)
    assert len(links) == len(titles) > 1 and "<table" not in year
    for n, (url, title) in enumerate(links, start=1):
        assert url == f"{n}/" and f"compare/yunxi-czj/2025/{n}.md" in split and title.split(" · ")[0] in titles[n - 1]
        part = split[f"compare/yunxi-czj/2025/{n}.md"]
        assert re.findall(r"^## (.+)$", part, re.M) == [titles[n - 1]]
        assert '<a href="../">' in part and "下载本页数据" in part  # back to the year page; the year's download
        # the same chart and table as on the whole page; links to the same department pages, from one level deeper
        block = whole.files["compare/yunxi-czj/2025.md"].decode().split(f"## {titles[n - 1]}\n")[1].split("\n## ")[0]
        assert re.sub(r'href="[^"]*"', "", block).strip() in re.sub(r'href="[^"]*"', "", part)
        deeper = ["../" + u for u in re.findall(r'href="(\.\./\.\./\.\./departments/[^"]+)"', block)]
        assert deeper and deeper == re.findall(r'href="(\.\./\.\./\.\./\.\./departments/[^"]+)"', part)
    unsplit = dict(editions["internal"].files)
    assert not any(k.startswith("compare/yunxi-czj/2025/") for k in unsplit)  # the demo's pages are small enough


def test_yearly_register_shows_the_rates_the_scheme_computed(tmp_path):
    """平时考核优秀率 on the register was the form's own count of 优秀 over the quarters the scheme
    assesses, whatever the scheme's formula: a scheme dividing by the quarters a person took part in
    (次数("优秀") / 期数()) graded 陶辉雪 (joined in Q2, 优秀 twice) on 100%, and the form filed beside that
    grade said 66.67%. The quarter she was not in was a blank cell, which the page asks the office to
    fill in by hand; it says 未参加."""
    root = copy_demo_part(tmp_path, ("baiyang-fgw",))
    scheme = root / "schemes/s003-p7.yaml"
    text = scheme.read_text(encoding="utf-8")
    assert 'expr: 次数("优秀") / 3' in text
    scheme.write_text(text.replace('expr: 次数("优秀") / 3', 'expr: 次数("优秀") / 期数()'), encoding="utf-8")
    g = generate(root, "internal", Problems())
    yearly = next(p for p in g.periods if p.key == "baiyang-fgw/s003-p7/2025/Y")
    table = cells(g.files["forms/baiyang-fgw/s003-p7/2025-niandu-dengji-huizongbiao.md"].decode())
    rows = {r[1]: r for r in table[2:]}
    for person in yearly.people:
        values = {name: person.item_value_map()[code] for code, name in person.item_name_map().items()}
        row = rows[person.person.name]
        assert Decimal(row[5].rstrip("%")) == (values["平时考核优秀率"] * 100).quantize(Decimal("0.01")), row
        assert Decimal(row[6].rstrip("%")) == (values["年终考核测评优秀率"] * 100).quantize(Decimal("0.01")), row
    assert rows["陶辉雪"][2:6] == ["未参加", "优秀", "优秀", "100.00%"]


def test_a_form_with_a_quarter_not_in_yet_says_so(tmp_path):
    """A year whose 第三季度 sheet is not in yet (the check warns, rollup-period-absent): the register's
    第三季度 column was blank for everyone, and the page asks the office to fill blank cells in by hand;
    the rates were those of two quarters. Now each such cell says 尚无成绩 and the page says the form is
    not complete and what to do (in the XLSX too: the cells say it)."""
    root = copy_demo_part(tmp_path, ("baiyang-fgw", "yunxi-czj"))
    for name in ("Q3.csv", "Q3.notice.yaml"):
        (root / "content/baiyang-fgw/s003-p7/2025" / name).unlink()
    for name in ("Q3.csv", "Q3.notice.yaml", "年度.xlsx", "Y.notice.yaml"):  # the quarters so far, no year yet
        (root / "content/yunxi-czj/s003-p2/2025" / name).unlink()
    problems = Problems()
    g = generate(root, "internal", problems)
    assert not problems.has_errors()
    quarterly = g.files["forms/yunxi-czj/s003-p2/2025-pingshi-huizongbiao.md"].decode()
    assert cells(quarterly)[3] == ["第三季度", "尚无成绩", "", "", "", ""] and "第三季度的成绩表还没有放入" in quarterly
    page = g.files["forms/baiyang-fgw/s003-p7/2025-niandu-dengji-huizongbiao.md"].decode()
    table = cells(page)
    assert {r[4] for r in table[2:]} == {"尚无成绩"} and len(table) > 10
    assert "本表还不完整" in page and "第三季度的成绩表还没有放入" in page
    assert '<p class="kaohe-form-draft">草稿：本表还不完整，请勿报送</p>' in page.split('<div class="kaohe-form"')[1]  # printed too
    assert "本表还不完整" not in g.files["forms/baiyang-fgw/s003-p7/2024-niandu-dengji-huizongbiao.md"].decode()
    xlsx = next(v for k, v in g.files.items() if k.endswith("2025年度-年度考核情况登记汇总表.xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    assert sheet["E6"].value == "尚无成绩" and sheet["B6"].value == table[2][1]
    assert sheet.oddHeader.center.text.startswith("草稿：本表还不完整，请勿报送")  # printed from Excel too, on every page
    settled = next(v for k, v in g.files.items() if k.endswith("2024年度-年度考核情况登记汇总表.xlsx"))
    assert openpyxl.load_workbook(io.BytesIO(settled)).active.oddHeader.center.text is None


def test_forms_end_with_the_lines_the_office_signs(editions):
    """An office sends a form with 填表人, 审核人 and a telephone number written under it: neither the page
    nor the workbook had those lines, so every office added them by hand before stamping."""
    files = editions["internal"].files
    for page_path, suffix in [("forms/yunxi-czj/s003-p2/2025-pingshi-huizongbiao.md", "2025年度-平时考核结果汇总表.xlsx"),
                              ("forms/baiyang-fgw/s003-p7/2024-niandu-dengji-huizongbiao.md", "2024年度-年度考核情况登记汇总表.xlsx")]:
        page = files[page_path].decode()
        signed = page.split('class="kaohe-form-meta kaohe-form-signed"')[1].split("</p>")[0]
        assert [re.sub(r"<[^>]+>", "", part) for part in re.findall(r"<span>(.*?)</span></span>", signed)] == ["填表人：", "审核人：", "联系电话："]
        assert page.index("kaohe-form-note") < page.index("kaohe-form-signed") < page.index("</div>", page.index("kaohe-form-signed"))
        sheet = openpyxl.load_workbook(io.BytesIO(next(v for k, v in files.items() if k.endswith(suffix)))).active
        last = sheet.max_row
        assert re.fullmatch(r"填表人：　+　　审核人：　+　　联系电话：　+", sheet.cell(last, 1).value)
        assert "本" in sheet.cell(last - 1, 1).value or "备注" in sheet.cell(last - 1, 1).value  # the note above it
        assert f"A{last}:" in " ".join(str(r) for r in sheet.merged_cells.ranges)


def test_a_form_with_a_tie_still_open_says_it_is_not_final(tmp_path):
    """Without the committee's decision on a tie at the quota line (the check warns, tie-at-quota-line),
    the quarterly summary counted 10 好 and filed both tied people under 未定等次, and the register
    printed 优秀（并列待定） as a 定等建议: forms that looked ready to stamp. Now the page says which
    period waits for which people, and not to file it yet."""
    root = copy_demo_part(tmp_path, ("baiyang-fgw", "yunxi-czj"))
    (root / "content/yunxi-czj/s003-p2/2024/Q2.decisions.csv").unlink()
    (root / "content/baiyang-fgw/s003-p7/2024/Y.decisions.csv").unlink()
    g = generate(root, "internal", Problems())
    quarterly = g.files["forms/yunxi-czj/s003-p2/2024-pingshi-huizongbiao.md"].decode()
    register = g.files["forms/baiyang-fgw/s003-p7/2024-niandu-dengji-huizongbiao.md"].decode()
    assert "本表还不完整" in quarterly and "第二季度：龙超刚、罗琳芳名额线上并列，待领导小组决定" in quarterly
    assert "本表还不完整" in register and "年度考核：何娟俊、夏宁名额线上并列，待领导小组决定" in register
    assert "名额线上并列" not in g.files["forms/yunxi-czj/s003-p2/2025-pingshi-huizongbiao.md"].decode()


def test_a_form_over_a_notice_not_ended_says_it_is_not_final(editions):
    """The demo is built on 2025-04-10: the 2025 summary held 第一季度 while its 公示 ran to 4月15日 (an
    objection may still change a grade) and quarters whose 公示 had not begun, on a page that read as
    ready to stamp. Each such period is named with the day its 公示 ends; 2024's form, all 公示 over, is not."""
    g = editions["internal"]
    assert g.ctx.today.isoformat() == "2025-04-10"
    page = g.files["forms/yunxi-czj/s003-p2/2025-pingshi-huizongbiao.md"].decode()
    warning = page.split('class="admonition warning kaohe-noprint"')[1].split("</div>")[0]
    assert "2025年第一季度：正在公示，2025年4月15日结束（按生成本站的日期 2025-04-10）" in warning
    assert "2025年第二季度：公示尚未开始，2025年7月15日结束" in warning
    assert "admonition" not in g.files["forms/yunxi-czj/s003-p2/2024-pingshi-huizongbiao.md"].decode()
    assert "admonition" not in g.files["forms/baiyang-fgw/s003-p7/2024-niandu-dengji-huizongbiao.md"].decode()


def test_comparison_says_the_quota_base_where_the_notice_counts_fewer(editions):
    """2024年度 of 云溪县财政局: the 优秀 quota counts 参加考核并确定等次 (27), the list has 28 (邱德洋,
    不确定等次). The comparison's 优秀 share was over 28 under a legend saying 占参加考核人数, beside a
    quota counted over 27 people: a leader checking the share against the quota read the wrong
    one. The legend now says what the share is over, and the block gives the quota's base and share."""
    g = editions["internal"]
    year = next(p for p in g.periods if p.key == "yunxi-czj/s003-p2/2024/Y")
    use = next(u for u in year.quotas if u.scope == "全单位" and u.grade == "优秀")
    excellent = sum(1 for p in year.people if p.status == "graded" and p.grade == "优秀")
    assert (use.base, len(year.people)) == (27, 28)
    page = g.files["compare/yunxi-czj/2024.md"].decode()
    block = page.split("## 2024年度")[1].split("\n## ")[0].replace("\\.", ".")  # the Markdown escape of a dot
    share = (Decimal(excellent) * 100 / 27).quantize(Decimal("0.1"), rounding="ROUND_HALF_UP")
    assert (f"名额基数：全单位「优秀」名额的基数是参加考核并确定等次的 27 人（名额按此算出），「优秀」{excellent} 人占其 {share}%；"
            "本表占比按名单上的全部 28 人计算（含不确定等次）。") in block
    assert "名额基数" not in page.split("## 2024年第一季度")[1].split("\n## ")[0]  # base all: the list's 28
    assert "占名单上的全部人数" in page and "占参加考核人数" not in page


def test_a_scheme_revised_mid_year_leaves_its_quarters_to_the_new_one_not_missing(tmp_path):
    """云溪 2025: 第一、二季度 under s003-p2, 第三季度 under s003-p2-2026 (previous: s003-p2). The old
    scheme's summary said 第三季度 尚无成绩 and told the office to put its sheet in the folder, which is
    where it already was, under the new scheme. The row now says which scheme assessed it and the page
    that the year's form has to join the two."""
    root = copy_demo_part(tmp_path, ("yunxi-czj",))
    old, new = root / "content/yunxi-czj/s003-p2/2025", root / "content/yunxi-czj/s003-p2-2026/2025"
    new.mkdir(parents=True)
    for name in ("Q3.csv", "Q3.notice.yaml"):
        (old / name).rename(new / name)
    for name in ("年度.xlsx", "Y.notice.yaml"):
        (old / name).unlink()
    problems = Problems()
    g = generate(root, "internal", problems)
    assert {p.key for p in g.periods if p.year == 2025} >= {"yunxi-czj/s003-p2/2025/Q2", "yunxi-czj/s003-p2-2026/2025/Q3"}
    page = g.files["forms/yunxi-czj/s003-p2/2025-pingshi-huizongbiao.md"].decode()
    table = cells(page)
    title = g.ctx.project.schemes["s003-p2-2026"].title
    assert table[3][:2] == ["第三季度", f"按《{title}》考核"] and "尚无成绩" not in page
    assert f"第三季度按《{title}》考核，不在本表中" in page and "成绩表还没有放入" not in page


def test_two_people_of_one_name_are_told_apart_on_the_form(tmp_path):
    """Two people named 张勇 in one quarter, one 好 (预算股) and one 较差 (国库股): the summary said 张勇
    among the 好 and 张勇（较差） below, and the 组织部 could not tell who was which."""
    root = copy_demo_part(tmp_path, ("yunxi-czj",))
    sheet = root / "content/yunxi-czj/s003-p2/2024/Q2.csv"
    text = sheet.read_text(encoding="utf-8-sig")
    assert ",0018,方英,国库股," in text
    sheet.write_text(text.replace(",0018,方英,国库股,", ",0018,张勇,国库股,"), encoding="utf-8-sig")
    g = generate(root, "internal", Problems())
    row = cells(g.files["forms/yunxi-czj/s003-p2/2024-pingshi-huizongbiao.md"].decode())[2]
    assert row[0] == "第二季度" and "张勇（预算股）" in row[3].split("、") and "张勇（国库股）（较差）" in row[5].split("、")
    assert "张勇" not in row[3].split("、") and "孟华志" in row[3].split("、")  # a name nobody shares stays as it is


def test_two_people_of_one_name_are_told_apart_on_the_register(tmp_path):
    root = copy_demo_part(tmp_path, ("baiyang-fgw",))
    sheet = root / "content/baiyang-fgw/s003-p7/2024/Y.csv"
    text = sheet.read_text(encoding="utf-8-sig")
    assert "2,7002,姚芳强,规划科," in text
    sheet.write_text(text.replace("2,7002,姚芳强,规划科,", "2,7002,江德,规划科,"), encoding="utf-8-sig")
    g = generate(root, "internal", Problems())
    names = [r[1] for r in cells(g.files["forms/baiyang-fgw/s003-p7/2024-niandu-dengji-huizongbiao.md"].decode())[2:]]
    assert names[:2] == ["江德（办公室）", "江德（规划科）"] and "何娟俊" in names


def test_the_forms_index_says_which_forms_are_drafts(editions):
    """The demo is built on 2025-04-10: its 2025 forms hold quarters whose 公示 has not ended, its 2024
    forms are settled. The index listed them alike."""
    rows = {(r[2], r[3]): r[4] for r in cells(editions["internal"].files["forms/index.md"].decode())[1:]}
    assert rows[("2024", "平时考核结果汇总表")] == "可报送" and rows[("2024", "年度考核情况登记汇总表")] == "可报送"
    assert rows[("2025", "平时考核结果汇总表")].startswith("草稿")
