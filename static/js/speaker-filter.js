// The speaker filter's search box (templates/statements/_filters.html). htmx fetches the
// matching speakers into #speaker-options as links; choosing one here ticks a checkbox named
// "speaker" in the filter form instead of following the link, and the form's own change
// trigger refreshes the results. Keyboard: Down from the box into the matches, Up/Down
// between them, Enter to add one, Escape back to the box.
(function () {
  "use strict";

  function setUp() {
    var box = document.getElementById("speaker-find");
    var options = document.getElementById("speaker-options");
    var selected = document.getElementById("speaker-selected");
    if (!box || !options || !selected || box.dataset.ready) {
      return;
    }
    box.dataset.ready = "1";

    function links() {
      return Array.prototype.slice.call(options.querySelectorAll("a.finder-option"));
    }

    function announce(text) {
      var status = options.querySelector("[role=status]");
      if (!status) {
        status = document.createElement("p");
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        options.appendChild(status);
      }
      status.textContent = text;
    }

    function choose(link) {
      var slug = link.dataset.slug;
      var name = link.dataset.name;
      var existing = null;
      selected.querySelectorAll("input[name=speaker]").forEach(function (input) {
        if (input.value === slug) {
          existing = input;
        }
      });
      var input = existing;
      if (!input) {
        var label = document.createElement("label");
        label.className = "choice";
        input = document.createElement("input");
        input.type = "checkbox";
        input.name = "speaker";
        input.value = slug;
        label.appendChild(input);
        label.appendChild(document.createTextNode(" " + name));
        selected.appendChild(label);
      }
      input.checked = true;
      box.value = "";
      options.textContent = "";
      announce(name + " added to the filter.");
      box.focus();
      // The filter form refreshes the results on a change that bubbles up to it.
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    // The box is no filter: its changes must not reach the filter form's trigger.
    box.addEventListener("change", function (event) {
      event.stopPropagation();
    });

    box.addEventListener("keydown", function (event) {
      var found = links();
      if (event.key === "ArrowDown" && found.length) {
        event.preventDefault();
        found[0].focus();
      } else if (event.key === "Enter") {
        // Enter picks the only match, and never submits the page.
        event.preventDefault();
        if (found.length === 1) {
          choose(found[0]);
        } else if (found.length) {
          found[0].focus();
        }
      } else if (event.key === "Escape") {
        // Closes the matches; the browser's own clearing of a search box would fetch them
        // again (an empty box lists everyone).
        event.preventDefault();
        box.value = "";
        options.textContent = "";
      }
    });

    options.addEventListener("click", function (event) {
      var link = event.target.closest("a.finder-option");
      if (link) {
        event.preventDefault();
        choose(link);
      }
    });

    options.addEventListener("keydown", function (event) {
      var found = links();
      var at = found.indexOf(document.activeElement);
      if (at < 0) {
        return;
      }
      if (event.key === "ArrowDown") {
        event.preventDefault();
        found[Math.min(at + 1, found.length - 1)].focus();
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (at === 0) {
          box.focus();
        } else {
          found[at - 1].focus();
        }
      } else if (event.key === "Escape") {
        event.preventDefault();
        options.textContent = "";
        box.focus();
      } else if (event.key === " ") {
        event.preventDefault();
        choose(found[at]);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
  // A page restored by htmx (Back, Forward) brings a new form.
  document.addEventListener("htmx:load", setUp);
})();
