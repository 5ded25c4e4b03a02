// The review queue's keys: v verify, r reject, e edit (focus the speaker field), s save,
// n or j next, k previous, Escape leaves a field. Keys typed into a field are the field's.
(function () {
  "use strict";
  var KEYS = { v: "v", r: "r", s: "s", n: "n", j: "n", k: "k" };

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function press(key) {
    var panel = document.getElementById("review-panel");
    var control = panel && panel.querySelector('[data-key="' + key + '"]');
    if (!control) return false;
    if (control.tagName === "BUTTON") {
      control.form.requestSubmit(control);
    } else {
      control.click();
    }
    return true;
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (document.querySelector(".htmx-request, .htmx-settling")) return; // one action at a time
    if (typing(event.target)) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    var key = event.key.toLowerCase();
    if (key === "e") {
      var field = document.getElementById("review-speaker");
      if (field) {
        event.preventDefault();
        field.focus();
        field.select();
      }
      return;
    }
    if (KEYS[key] && press(KEYS[key])) event.preventDefault();
  });
})();
