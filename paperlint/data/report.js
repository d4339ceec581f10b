// paperlint organisers' report: sort and filter the papers table. Plain ES5, no dependencies, and
// no markup built from text: rows are only moved or hidden, so paper-derived text stays inert.
(function () {
  "use strict";
  var table = document.getElementById("papers");
  if (!table) { return; }
  var tbody = table.tBodies[0];
  var headers = table.tHead.rows[0].cells;
  var filter = document.getElementById("filter");
  var verdict = document.getElementById("verdict-filter");
  var shown = document.getElementById("shown");

  function key(row, column, type) {
    var raw = row.cells[column].getAttribute("data-sort");
    if (raw === null || raw === "") { return null; }
    return type === "number" ? parseFloat(raw) : raw;
  }

  function sortBy(column) {
    var th = headers[column];
    var type = th.getAttribute("data-type");
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(tbody.rows);
    rows.sort(function (a, b) {
      var x = key(a, column, type);
      var y = key(b, column, type);
      var order = 0;
      if (x === null || y === null) {
        // Papers without a value go last whichever way the column is sorted.
        order = x === y ? 0 : (x === null ? 1 : -1);
        return order || key(a, 0, "number") - key(b, 0, "number");
      }
      if (type === "number") { order = x - y; } else { order = x.localeCompare(y); }
      if (!ascending) { order = -order; }
      return order || key(a, 0, "number") - key(b, 0, "number");
    });
    rows.forEach(function (row) { tbody.appendChild(row); });
    for (var i = 0; i < headers.length; i++) {
      headers[i].setAttribute("aria-sort",
        i === column ? (ascending ? "ascending" : "descending") : "none");
    }
  }

  function applyFilter() {
    var needle = filter.value.trim().toLowerCase();
    var wanted = verdict.value;
    var count = 0;
    var rows = tbody.rows;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var match = (!wanted || row.getAttribute("data-verdict") === wanted) &&
        (!needle || row.textContent.toLowerCase().indexOf(needle) !== -1);
      row.hidden = !match;
      if (match) { count++; }
    }
    shown.textContent = "showing " + count + " of " + rows.length;
  }

  Array.prototype.forEach.call(headers, function (th, column) {
    th.querySelector("button").addEventListener("click", function () { sortBy(column); });
  });
  filter.addEventListener("input", applyFilter);
  verdict.addEventListener("change", applyFilter);
  applyFilter();
}());
