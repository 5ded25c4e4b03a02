// Keeps the filter form (form#filters) in step with the address bar: after Back or Forward
// (htmx restores a page from its history, or the browser from its cache) the form shows the
// filters of the results on screen, so that the next change keeps them rather than dropping
// them. The URL's query string is the truth; every field is set from it.
(function () {
  "use strict";
  function sync() {
    var form = document.getElementById("filters");
    if (!form) {
      return;
    }
    var params = new URLSearchParams(window.location.search);
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) {
        return;
      }
      var values = params.getAll(el.name);
      if (el.type === "checkbox" || el.type === "radio") {
        // A speaker box is ticked by its value; an on/off box by any non-empty value.
        el.checked = el.name === "speaker" || el.type === "radio"
          ? values.indexOf(el.value) !== -1
          : values.some(function (v) { return v !== ""; });
      } else if (el.tagName === "SELECT") {
        var wanted = values.length ? values[0] : "";
        var found = Array.prototype.some.call(el.options, function (o) { return o.value === wanted; });
        el.value = found ? wanted : "";
      } else if (el.tagName === "INPUT" && el.type !== "submit" && el.type !== "button") {
        el.value = values.length ? values[0] : "";
      }
    });
    var details = form.querySelector("details.speakers-filter");
    if (details && params.getAll("speaker").length) {
      details.open = true;
    }
  }
  document.addEventListener("htmx:historyRestore", sync);
  window.addEventListener("popstate", function () {
    // After htmx has put the restored page in place.
    window.setTimeout(sync, 0);
  });
  window.addEventListener("pageshow", sync);
  sync();
})();
