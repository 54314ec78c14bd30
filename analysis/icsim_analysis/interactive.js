// The report's one script (fixed text, never built from outputs): filter buttons hide or show
// the rows of a trust, specialty, quintile or place in every table; each table's data can be
// downloaded as CSV; values show their unrounded figures on hover (title attributes).
(function () {
  "use strict";
  var hidden = {};  // "kind|entity" -> true
  function key(kind, entity) { return kind + "|" + entity; }
  function apply() {
    var rows = document.querySelectorAll("tr[data-kind]");
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      r.classList.toggle("hidden", !!hidden[key(r.getAttribute("data-kind"), r.getAttribute("data-entity"))]);
    }
    var visible = document.querySelectorAll("tr[data-kind]:not(.hidden)").length;
    document.body.setAttribute("data-visible-rows", String(visible));
  }
  var buttons = document.querySelectorAll("#filters button");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener("click", function (ev) {
      var b = ev.currentTarget, k = key(b.getAttribute("data-kind"), b.getAttribute("data-entity"));
      hidden[k] = !hidden[k];
      b.classList.toggle("off", hidden[k]);
      apply();
    });
  }
  function csv(table) {
    var out = [];
    var rows = table.querySelectorAll("tr");
    for (var i = 0; i < rows.length; i++) {
      if (rows[i].classList.contains("hidden")) continue;
      var cells = rows[i].querySelectorAll("th, td"), line = [];
      for (var j = 0; j < cells.length; j++) {
        var t = cells[j].textContent.replace(/\s+/g, " ").trim();
        line.push(/[",\n]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t);
      }
      out.push(line.join(","));
    }
    return out.join("\n") + "\n";
  }
  var downloads = document.querySelectorAll("button.download");
  for (var d = 0; d < downloads.length; d++) {
    downloads[d].addEventListener("click", function (ev) {
      var id = ev.currentTarget.getAttribute("data-table");
      var text = csv(document.getElementById(id));
      var a = document.createElement("a");
      a.href = "data:text/csv;charset=utf-8," + encodeURIComponent(text);
      a.download = id + ".csv";
      document.body.setAttribute("data-last-download", id);
      document.body.setAttribute("data-last-download-text", text);
      document.body.appendChild(a);
      a.click();
      a.remove();
    });
  }
  apply();
})();
