// paperlint organisers' report: sort, filter (text, verdict, rule code) and export the papers
// table. Plain ES5, no dependencies, and no markup built from text: rows are only moved or hidden,
// and the CSV is built from each row's data-export values, so paper-derived text stays inert.
(function () {
  "use strict";
  var table = document.getElementById("papers");
  if (!table) { return; }
  var tbody = table.tBodies[0];
  var headers = table.tHead.rows[0].cells;
  var filter = document.getElementById("filter");
  var verdict = document.getElementById("verdict-filter");
  var rule = document.getElementById("rule-filter");
  var exporter = document.getElementById("export-csv");
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
    var code = rule.value;
    var count = 0;
    var rows = tbody.rows;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var codes = (row.getAttribute("data-codes") || "").split(" ");
      var match = (!wanted || row.getAttribute("data-verdict") === wanted) &&
        (!code || codes.indexOf(code) !== -1) &&
        (!needle || row.textContent.toLowerCase().indexOf(needle) !== -1);
      row.hidden = !match;
      if (match) { count++; }
    }
    shown.textContent = "showing " + count + " of " + rows.length;
  }

  // A cell a spreadsheet would run as a formula gets a leading quote (OWASP's advice on CSV
  // injection), as paperlint's own --format csv does; every cell is quoted.
  function csvCell(value) {
    var text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) { text = "'" + text; }
    return '"' + text.replace(/"/g, '""') + '"';
  }

  function exportCsv() {
    var columns = JSON.parse(exporter.getAttribute("data-columns"));
    var lines = [columns.map(csvCell).join(",")];
    Array.prototype.forEach.call(tbody.rows, function (row) {
      if (row.hidden) { return; }
      lines.push(JSON.parse(row.getAttribute("data-export")).map(csvCell).join(","));
    });
    var blob = new Blob([lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "paperlint-submissions.csv";
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
  }

  Array.prototype.forEach.call(headers, function (th, column) {
    th.querySelector("button").addEventListener("click", function () { sortBy(column); });
  });
  Array.prototype.forEach.call(document.querySelectorAll("#rules .rule-code"), function (button) {
    button.addEventListener("click", function () {
      rule.value = button.getAttribute("data-code");
      applyFilter();
      table.scrollIntoView();
    });
  });
  filter.addEventListener("input", applyFilter);
  verdict.addEventListener("change", applyFilter);
  rule.addEventListener("change", applyFilter);
  exporter.addEventListener("click", exportCsv);
  applyFilter();
}());
