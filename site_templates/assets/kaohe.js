/* Kaohe tables and 公示 states. No network use; the site works without this script too: tables are
   plain HTML in a sensible order and each 公示 shows the state computed when the site was built.
   - Sorting: a button in each header. Names sort in 姓氏笔画 order by the server's key (data-stroke:
     the key, compared as plain strings, so the order is the 公示's; in results and members tables the
     name's place in that order, a number) or by pinyin; numbers as numbers; a cell's
     data-sort (the grade's rank in the scheme's grade order, from the header's data-ranks) before its text.
   - Filtering: exact-value choices with counts for columns such as 部门 and 等次 (好 does not match
     较好), a text box for names and IDs, and a count of the rows shown.
   - 公示 states: from the dates and the working days of the 公示期, on the reader's own day. */
(function () {
  "use strict";
  var pinyin = new Intl.Collator("zh-u-co-pinyin", { numeric: true });
  var general = new Intl.Collator("zh-u-co-stroke", { numeric: true });
  var mode = "stroke";

  function text(cell) { return cell ? (cell.textContent || "").trim() : ""; }

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    if (mode === "stroke" && cell.hasAttribute("data-stroke")) return cell.getAttribute("data-stroke");
    return (cell.getAttribute("data-sort") || text(cell)).trim();
  }

  function asNumber(value) {
    if (!/^[+-]?\d+(\.\d+)?%?$/.test(value)) return null;
    return parseFloat(value);
  }

  function compare(a, b, index) {
    var x = cellValue(a, index), y = cellValue(b, index);
    var nx = asNumber(x), ny = asNumber(y);
    if (nx !== null && ny !== null) return nx - ny;
    if (nx !== null) return -1;
    if (ny !== null) return 1;
    var strokeKeys = mode === "stroke" && a.cells[index] && a.cells[index].hasAttribute("data-stroke");
    if (strokeKeys) return x < y ? -1 : x > y ? 1 : 0;
    return (mode === "pinyin" ? pinyin : general).compare(x, y);
  }

  function sortTable(table, index, descending) {
    var body = table.tBodies[0];
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, i) { if (!row.hasAttribute("data-order")) row.setAttribute("data-order", i); });
    rows.sort(function (a, b) {
      var result = compare(a, b, index);
      if (result === 0) return a.getAttribute("data-order") - b.getAttribute("data-order");
      return descending ? -result : result;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function headers(table) { return table.tHead && table.tHead.rows.length ? table.tHead.rows[0].cells : []; }

  function makeSortable(table) {
    Array.prototype.forEach.call(headers(table), function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kaohe-sort";
      button.title = "按此列排序";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      th.classList.add("kaohe-sortable");
      button.addEventListener("click", function () {
        var descending = th.getAttribute("aria-sort") === "ascending";
        Array.prototype.forEach.call(headers(table), function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        sortTable(table, index, descending);
      });
      // the whole header cell sorts, not only the button's line (headers of a row differ in height)
      th.addEventListener("click", function (e) { if (!button.contains(e.target)) button.click(); });
    });
  }

  function resort(table) {
    Array.prototype.forEach.call(headers(table), function (th, index) {
      var state = th.getAttribute("aria-sort");
      if (state) sortTable(table, index, state === "descending");
    });
  }

  // Columns offered as exact-value choices: marked data-facet, or few distinct words in a longer table.
  function facetColumns(table) {
    var rows = table.tBodies[0] ? table.tBodies[0].rows : [];
    var out = [];
    Array.prototype.forEach.call(headers(table), function (th, index) {
      // no prototype: a cell reading 「constructor」 or 「__proto__」 is a value like any other
      var values = Object.create(null), distinct = 0, numeric = 0;
      Array.prototype.forEach.call(rows, function (row) {
        var value = text(row.cells[index]);
        if (asNumber(value) !== null || value.length > 12) numeric++;  // numbers and sentences are no choices
        if (!(value in values)) { values[value] = 0; distinct++; }
        values[value]++;
      });
      var auto = rows.length >= 8 && numeric === 0 && distinct >= 2 && distinct <= 12 && distinct * 2 <= rows.length;
      if (th.hasAttribute("data-facet") || auto) out.push({ index: index, name: text(th), values: values });
    });
    return out;
  }

  function addTools(table) {
    var tools = document.createElement("div");
    tools.className = "kaohe-table-tools";
    var body = table.tBodies[0];
    var facets = [], input = null, count = null;

    function apply() {
      var needle = input ? input.value.trim() : "", shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var ok = !needle || row.textContent.indexOf(needle) !== -1;
        facets.forEach(function (f) { if (f.select.value && text(row.cells[f.index]) !== f.select.value) ok = false; });
        row.style.display = ok ? "" : "none";
        if (ok) shown++;
      });
      var unit = table.classList.contains("kaohe-notice-list") ? " 人" : " 行";  // a 公示's rows are people
      if (count) count.textContent = shown === body.rows.length ? "共 " + shown + unit : "显示 " + shown + unit + "，共 " + body.rows.length + unit;
    }

    if (table.classList.contains("filterable") && body) {
      facetColumns(table).forEach(function (f) {
        var label = document.createElement("label");
        label.textContent = f.name + "：";
        var select = document.createElement("select");
        var all = document.createElement("option");
        all.value = "";
        all.textContent = "全部";
        select.appendChild(all);
        var ranked = Array.prototype.map.call(body.rows, function (row) { return row.cells[f.index]; });
        var seen = Object.create(null);
        ranked.sort(function (a, b) {
          var x = (a && a.getAttribute("data-sort")) || text(a), y = (b && b.getAttribute("data-sort")) || text(b);
          var nx = asNumber(x), ny = asNumber(y);
          return nx !== null && ny !== null ? nx - ny : general.compare(x, y);
        }).forEach(function (cell) {
          var value = text(cell);
          if (seen[value]) return;
          seen[value] = true;
          var option = document.createElement("option");
          option.value = value;
          option.textContent = (value || "（空）") + "（" + f.values[value] + "）";
          select.appendChild(option);
        });
        select.addEventListener("change", apply);
        label.appendChild(select);
        tools.appendChild(label);
        facets.push({ index: f.index, select: select });
      });
      input = document.createElement("input");
      input.type = "search";
      var heads = table.tHead ? Array.prototype.map.call(table.tHead.rows[0].cells, function (c) { return c.textContent.trim(); }) : [];
      // a list of 公示 has no names to find, a 公示's list no IDs
      input.placeholder = heads.indexOf("姓名") === -1 ? "在表中查找…" : heads.indexOf("编号") === -1 ? "查找姓名…" : "查找姓名、编号…";
      input.setAttribute("aria-label", "在表中查找");
      input.addEventListener("input", apply);
      tools.appendChild(input);
    }
    var strokeColumns = Array.prototype.filter.call(headers(table), function (th, index) {
      return body && body.rows.length && body.rows[0].cells[index] && body.rows[0].cells[index].hasAttribute("data-stroke");
    }).map(function (th) { return text(th); });
    if (strokeColumns.length) {
      var label = document.createElement("label");
      // names the column it orders: a list of departments has no 姓名
      label.textContent = (strokeColumns.indexOf("姓名") !== -1 ? "姓名" : strokeColumns[0]) + "排序：";
      var select = document.createElement("select");
      [["stroke", "按姓氏笔画"], ["pinyin", "按拼音"]].forEach(function (o) {
        var option = document.createElement("option");
        option.value = o[0];
        option.textContent = o[1];
        select.appendChild(option);
      });
      select.addEventListener("change", function () {
        mode = select.value;
        document.querySelectorAll("table.sortable").forEach(resort);
        document.querySelectorAll(".kaohe-table-tools select.kaohe-mode").forEach(function (s) { s.value = mode; });
      });
      select.className = "kaohe-mode";
      label.appendChild(select);
      tools.appendChild(label);
    }
    if (body && table.classList.contains("filterable")) {
      count = document.createElement("span");
      count.className = "kaohe-count";
      count.setAttribute("aria-live", "polite");
      tools.appendChild(count);
      apply();
    }
    if (!tools.childNodes.length) return;
    var anchor = table.parentNode.classList.contains("kaohe-wide") ? table.parentNode : table;
    anchor.parentNode.insertBefore(tools, anchor);
  }

  // ---- 公示 states on the reader's day
  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  function updateStates() {
    var day = today();
    Array.prototype.forEach.call(document.querySelectorAll("[data-kaohe-start][data-kaohe-end]"), function (el) {
      var start = el.getAttribute("data-kaohe-start"), end = el.getAttribute("data-kaohe-end");
      var left = (el.getAttribute("data-kaohe-workdays") || "").split(" ").filter(function (d) { return d && d >= day; }).length;
      var state = day < start ? "未开始" : day <= end ? "公示中" : "已结束";
      var format = el.getAttribute("data-kaohe-format");
      if (format === "card") el.textContent = state === "公示中" ? "公示中 · 还剩 " + left + " 个工作日" : state;
      else if (format === "notice") el.textContent = state === "公示中" ? state + "（还剩 " + left + " 个工作日）" : state;
      else el.textContent = state;
      if (format === "card" && el.parentNode.classList) el.parentNode.classList.toggle("ended", state !== "公示中");
      if (format === "notice") {
        el.classList.remove("state-open", "state-closed", "state-pending");
        el.classList.add(state === "公示中" ? "state-open" : state === "已结束" ? "state-closed" : "state-pending");
      }
      // a page built before its 公示 began holds no names: while it runs a rebuilt site may bring them,
      // once it has ended refreshing will not (the list is asked of the issuer)
      if (state !== "未开始") {
        Array.prototype.forEach.call(document.querySelectorAll("[data-kaohe-pending]"), function (note) {
          note.innerHTML = state === "公示中"
            ? "<strong>公示期已开始。</strong>本页的名单尚未更新，请稍后刷新，或向发布单位询问。"
            : "<strong>公示期已结束。</strong>本页生成于公示开始之前，没有载入名单；名单请向发布单位查询。";
        });
      }
    });
    // The home page's 正在公示 was true on the build day; on a later day its cards may all have ended.
    // Not 最近结束: a 公示 not yet begun on the build day (listed below the cards) may have ended since.
    var heading = document.getElementById("open");
    if (heading && document.querySelector("a.kaohe-card") && !document.querySelector("a.kaohe-card.open:not(.ended)")
        && heading.firstChild && heading.firstChild.nodeType === 3) heading.firstChild.nodeValue = "已结束的公示";
  }

  // A results table links each name to one period's derivation on the person's page
  // (#s003-p2-2025-Q1, a closed <details>): open it, so the link shows what it promises.
  function openLinkedDetails() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    var target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS" && !target.open) {
      target.open = true;
      target.scrollIntoView();
    }
  }

  // A person's derivations but the newest travel packed in the page (generator/site/packed_text.py,
  // unpacked by kaohe-inflate.js), each as [address, summary, text, its results row's url], earlier
  // years' first. Each box of derivations says which it holds (data-first, data-count): their
  // <details> are made in it, in order, before the newest (written as HTML), as person.md.j2 writes
  // that one: summary and text as text (never read as HTML), a link to the results row (a relative
  // url only); before a linked one opens and before anything prints. A box whose derivations cannot
  // all be made (data that cannot be unpacked, a record of the wrong shape) says so (kaohe.css).
  var ROW_LINK = "在本期成绩表中查看";  // pages_people.ROW_LINK
  function derivationOf(record) {
    if (!Array.isArray(record) || record.length !== 4 || !record.every(function (s) { return typeof s === "string"; })) return null;
    // only a relative link within the site: no scheme, not from the root or another host, judged as the
    // browser reads it (tabs and line breaks anywhere dropped: java<tab>script: is javascript:)
    var url = record[3].replace(/[\t\n\r]/g, "").trim();
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.charAt(0) === "/" || url.charAt(0) === "\\") return null;
    var details = document.createElement("details"), summary = document.createElement("summary");
    var row = document.createElement("p"), link = document.createElement("a"), pre = document.createElement("pre");
    details.id = record[0];
    summary.textContent = record[1];
    link.setAttribute("href", url);
    link.textContent = ROW_LINK;
    row.appendChild(link);
    pre.textContent = record[2];
    details.appendChild(summary);
    details.appendChild(row);
    details.appendChild(pre);
    return details;
  }

  function unpackDerivations() {
    var boxes = document.querySelectorAll(".kaohe-derivations[data-count]");
    if (!boxes.length) return;
    var source = document.querySelector("div.kaohe-packed[data-texts]"), records = null;
    if (source) {
      try { records = window.kaoheUnpack(source.getAttribute("data-texts"), Number(source.getAttribute("data-size"))); } catch (e) { records = null; }
      source.removeAttribute("data-texts");
    }
    Array.prototype.forEach.call(boxes, function (box) {
      var first = Number(box.getAttribute("data-first")), count = Number(box.getAttribute("data-count")), made = [];
      for (var i = first; records && i < first + count; i++) {
        var details = i < records.length ? derivationOf(records[i]) : null;
        if (!details || document.getElementById(details.id)) break;
        made.push(details);
      }
      if (!records || made.length !== count || !(count > 0)) {
        box.classList.add("kaohe-unpack-failed");
        return;
      }
      var newest = box.firstElementChild;
      made.forEach(function (d) { box.insertBefore(d, newest); });
      box.removeAttribute("data-first");
      box.removeAttribute("data-count");
    });
  }

  // A grade column's header lists the scheme's grades, best first (data-ranks, JSON): each cell gets
  // its rank as data-sort: 1 for the best, statuses (免考核, 并列待定…) after every grade.
  function rankGrades(table) {
    var body = table.tBodies[0];
    Array.prototype.forEach.call(headers(table), function (th, index) {
      var order = null;
      try { order = JSON.parse(th.getAttribute("data-ranks")); } catch (e) { order = null; }
      if (!Array.isArray(order) || !body) return;
      Array.prototype.forEach.call(body.rows, function (row) {
        var cell = row.cells[index];
        if (!cell || cell.hasAttribute("data-sort")) return;
        var at = order.indexOf(text(cell));
        cell.setAttribute("data-sort", String(at < 0 ? order.length + 1 : at + 1));
      });
    });
  }

  // ---- Opened from a folder (file://), as an office may open index.html on a shared drive: a link to
  // a page is its folder (notices/), which a browser shows as a file listing rather than the page,
  // so each such link is pointed at the folder's index.html; and the theme's search cannot run there
  // (the browser forbids its worker on file://), so every page says so and where search works.
  var FOLDER_NOTE = "<strong>本网站是从文件夹直接打开的。</strong>各页可以浏览，但不能搜索。"
    + "要搜索，请用单位内网上的网址打开本网站，或向发布单位询问。";
  function fromFolder() {
    if (location.protocol !== "file:") return;
    document.documentElement.classList.add("kaohe-from-folder");  // kaohe.css: no search button that never answers
    Array.prototype.forEach.call(document.querySelectorAll("a[href]"), function (a) {
      var href = a.getAttribute("href"), at = href.search(/[?#]/);
      var path = at < 0 ? href : href.slice(0, at), rest = at < 0 ? "" : href.slice(at);
      if (!path || /^[a-z][a-z0-9+.-]*:/i.test(path)) return;  // an anchor on this page, or another scheme
      if (path === "." || path === ".." || /\/(\.\.?)$/.test(path)) path += "/";
      if (path.charAt(path.length - 1) === "/") a.setAttribute("href", path + "index.html" + rest);
    });
    var content = document.querySelector(".md-content__inner");
    if (content && !document.querySelector(".kaohe-folder-note")) {
      var note = document.createElement("div");
      note.className = "kaohe-folder-note kaohe-noprint";
      note.setAttribute("role", "note");
      note.innerHTML = FOLDER_NOTE;
      content.insertBefore(note, content.firstChild);
    }
  }

  // The theme's skip link (跳转至) leads to the first heading of the page's table of contents; a 公示 and
  // a filed form write their heading as HTML and have none, so a keyboard went through the header and
  // its tabs first. Those pages get the same link, to their heading.
  function skipLink() {
    var holder = document.querySelector('[data-md-component="skip"]');
    var heading = document.querySelector("article h1");
    if (!holder || holder.querySelector("a") || !heading) return;
    if (!heading.id) heading.id = "kaohe-main";
    var link = document.createElement("a");
    link.className = "md-skip";
    link.href = "#" + heading.id;
    link.textContent = "跳转至";
    holder.appendChild(link);
  }

  function init() {
    skipLink();
    unpackDerivations();
    // the reader's day's states first: a table's 状态/公示 choices are made from the words its cells show
    updateStates();
    // a long 公示's list is filterable only: a reader finds a name in it, its order is the notice's own
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable, table.filterable"), function (table) {
      if (table.getAttribute("data-kaohe-ready")) return;
      table.setAttribute("data-kaohe-ready", "1");
      if (table.classList.contains("sortable")) {
        rankGrades(table);
        makeSortable(table);
      }
      addTools(table);
    });
    openLinkedDetails();
    fromFolder();
  }

  // Print: every derivation on a person's page opens (browsers without ::details-content print a
  // closed <details> as its summary only) and closes again afterwards. A browser without CSS page
  // margin boxes gets a repeated fixed 内部资料 mark instead of the one in the page margin (kaohe.css).
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    openedForPrint = Array.prototype.filter.call(document.querySelectorAll(".kaohe-derivations > details"), function (d) { return !d.open; });
    openedForPrint.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (d) { d.open = false; });
    openedForPrint = [];
  });
  if (!("CSSMarginRule" in window)) document.documentElement.classList.add("kaohe-no-margin-boxes");

  window.addEventListener("hashchange", openLinkedDetails);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
  // material's instant navigation replaces the page without a load event
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
})();
