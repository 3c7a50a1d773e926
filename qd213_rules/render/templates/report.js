/* Sorting and filtering only: the page reads the same without it. */
(function () {
  "use strict";
  var lang = document.documentElement.lang || "vi";
  function fold(text) {
    // "Thư" matches "thu": compare without Vietnamese tone marks
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  function value(row, index) {
    var cell = row.cells[index];
    if (!cell) { return ""; }
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }
  function sortBy(table, index, head) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var ascending = head.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(head.parentNode.cells, function (th) { th.removeAttribute("aria-sort"); });
    rows.sort(function (a, b) {
      var x = value(a, index), y = value(b, index);
      var nx = Number(x), ny = Number(y);
      var order = (x !== "" && y !== "" && !isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, lang);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    head.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    if (!table.tHead) { return; }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      th.tabIndex = 0;
      th.addEventListener("click", function () { sortBy(table, index, th); });
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(table, index, th); }
      });
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("input[data-filter]"), function (input) {
    var targets = input.getAttribute("data-filter").split(" ");
    input.parentNode.hidden = false;
    input.addEventListener("input", function () {
      var query = fold(input.value.trim());
      targets.forEach(function (id) {
        var root = document.getElementById(id);
        if (!root) { return; }
        Array.prototype.forEach.call(root.querySelectorAll("[data-text]"), function (item) {
          item.hidden = query !== "" && fold(item.getAttribute("data-text")).indexOf(query) < 0;
        });
      });
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("a[data-print]"), function (link) {
    link.addEventListener("click", function () { setTimeout(function () { window.print(); }, 100); });
  });
}());
