/* On a narrow screen the filter form folds away behind its "Filters" button, which says how
   many filters are set. Without JavaScript the form simply stays open. */
(function () {
  "use strict";

  var PRESENTATION = { sort: true, stack: true, cursor: true };

  function active(form) {
    var n = 0;
    var seen = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || PRESENTATION[el.name] || el.type === "submit" || el.type === "button") {
        return;
      }
      var set = (el.type === "checkbox" || el.type === "radio") ? el.checked : el.value !== "";
      if (set && !(el.name === "speaker" && seen.speaker)) { n += 1; seen[el.name] = true; }
    });
    return n;
  }

  function setUp(button) {
    var form = document.getElementById(button.getAttribute("aria-controls"));
    if (!form || button.dataset.ready) { return; }
    button.dataset.ready = "1";
    var label = button.textContent;

    function refresh() {
      var n = active(form);
      button.textContent = label + (n ? " (" + n + " set)" : "");
      button.setAttribute("aria-expanded", form.classList.contains("folded") ? "false" : "true");
    }

    form.classList.add("foldable", "folded");
    button.hidden = false;
    button.addEventListener("click", function () {
      form.classList.toggle("folded");
      refresh();
    });
    form.addEventListener("change", refresh);
    refresh();
  }

  function init() {
    document.querySelectorAll("button.filters-toggle[aria-controls]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
