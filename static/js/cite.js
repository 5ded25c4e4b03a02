// The "cite" button of a statement card: copies a citation of the statement (speaker, role,
// when said, outlet, title, the source's URL (the original article, else its page here), then
// this statement's own URL, both made absolute).
// Where the clipboard cannot be written (no permission, not a secure context), the citation is
// shown in a text box, selected, to copy by hand.
(function () {
  "use strict";
  function absolute(button, name) {
    return new URL(button.getAttribute(name), window.location.href).href;
  }
  function citation(button) {
    return button.getAttribute("data-citation") +
      " Source: " + absolute(button, "data-source") +
      " Statement: " + absolute(button, "data-href");
  }
  function showBox(button, text) {
    var box = button.parentNode.querySelector("textarea.citation");
    if (!box) {
      box = document.createElement("textarea");
      box.className = "citation";
      box.readOnly = true;
      box.rows = 3;
      box.setAttribute("aria-label", "Citation: copy it from here");
      button.parentNode.insertBefore(box, button.nextSibling);
    }
    box.value = text;
    box.focus();
    box.select();
  }
  function done(button) {
    button.textContent = "copied";
    button.classList.add("copied");
    window.setTimeout(function () {
      button.textContent = "cite";
      button.classList.remove("copied");
    }, 2000);
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button.cite") : null;
    if (!button) {
      return;
    }
    var text = citation(button);
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () {
        done(button);
      }, function () {
        showBox(button, text);
      });
    } else {
      showBox(button, text);
    }
  });
})();
