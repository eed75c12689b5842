/* Kaohe tables: click a header to sort, type to filter. Chinese text sorts by strokes
   (笔画, the order of a 公示) or pinyin, using the browser's own collation; numbers sort as numbers.
   Works without this script too: tables are plain HTML in a sensible order. No network use. */
(function () {
  "use strict";
  var collators = {
    stroke: new Intl.Collator("zh-u-co-stroke", { numeric: true }),
    pinyin: new Intl.Collator("zh-u-co-pinyin", { numeric: true })
  };
  var mode = "stroke";

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    // data-stroke: the server's 姓氏笔画 key (mainland stroke counts), used in stroke mode
    if (mode === "stroke" && cell.hasAttribute("data-stroke")) return cell.getAttribute("data-stroke");
    return (cell.getAttribute("data-sort") || cell.textContent || "").trim();
  }

  function asNumber(text) {
    if (!/^[+-]?\d+(\.\d+)?%?$/.test(text)) return null;
    return parseFloat(text);
  }

  function sortTable(table, index, descending) {
    var body = table.tBodies[0];
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, i) { if (!row.hasAttribute("data-order")) row.setAttribute("data-order", i); });
    rows.sort(function (a, b) {
      var x = cellValue(a, index), y = cellValue(b, index);
      var nx = asNumber(x), ny = asNumber(y), result;
      if (nx !== null && ny !== null) result = nx - ny;
      else if (nx !== null) result = -1;
      else if (ny !== null) result = 1;
      else result = collators[mode].compare(x, y);
      if (result === 0) result = a.getAttribute("data-order") - b.getAttribute("data-order");
      return descending ? -result : result;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function makeSortable(table) {
    var head = table.tHead;
    if (!head || !head.rows.length) return;
    Array.prototype.forEach.call(head.rows[0].cells, function (th, index) {
      th.classList.add("kaohe-sortable");
      th.setAttribute("role", "button");
      th.setAttribute("tabindex", "0");
      th.title = "点击排序";
      function activate() {
        var descending = th.classList.contains("kaohe-sorted-asc");
        Array.prototype.forEach.call(head.rows[0].cells, function (other) {
          other.classList.remove("kaohe-sorted-asc", "kaohe-sorted-desc");
          other.removeAttribute("aria-sort");
        });
        th.classList.add(descending ? "kaohe-sorted-desc" : "kaohe-sorted-asc");
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        sortTable(table, index, descending);
      }
      th.addEventListener("click", activate);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); activate(); } });
    });
  }

  function addTools(table) {
    var tools = document.createElement("div");
    tools.className = "kaohe-table-tools";
    var filterable = table.classList.contains("filterable");
    if (filterable) {
      var input = document.createElement("input");
      input.type = "search";
      input.placeholder = "筛选：输入姓名、部门、等次…";
      input.setAttribute("aria-label", "筛选表格");
      input.addEventListener("input", function () {
        var needle = input.value.trim();
        Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
          row.style.display = !needle || row.textContent.indexOf(needle) !== -1 ? "" : "none";
        });
      });
      tools.appendChild(input);
    }
    var label = document.createElement("label");
    label.textContent = "中文排序：";
    var select = document.createElement("select");
    [["stroke", "按笔画"], ["pinyin", "按拼音"]].forEach(function (o) {
      var option = document.createElement("option");
      option.value = o[0];
      option.textContent = o[1];
      select.appendChild(option);
    });
    select.addEventListener("change", function () { mode = select.value; });
    label.appendChild(select);
    tools.appendChild(label);
    table.parentNode.insertBefore(tools, table);
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

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
      if (table.getAttribute("data-kaohe-ready")) return;
      table.setAttribute("data-kaohe-ready", "1");
      makeSortable(table);
      addTools(table);
    });
    openLinkedDetails();
  }

  window.addEventListener("hashchange", openLinkedDetails);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
