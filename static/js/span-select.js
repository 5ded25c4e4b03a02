// The statement's change form: words selected in the source text (.source-context) become the
// statement's text, and their offsets in the document go to the hidden selection fields, which
// the server checks against the document (statements/admin_corrections.py).
(function () {
  "use strict";
  var chosen = null; // the last range selected inside the source text

  function source() {
    return document.querySelector(".source-context[data-offset]");
  }

  function within(node, range) {
    return node.contains(range.startContainer) && node.contains(range.endContainer);
  }

  // Characters of the shown text before (container, offset).
  function position(shown, container, offset) {
    var before = document.createRange();
    before.setStart(shown, 0);
    before.setEnd(container, offset);
    return before.toString().length;
  }

  document.addEventListener("selectionchange", function () {
    var shown = source();
    var selection = window.getSelection();
    if (!shown || !selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    var range = selection.getRangeAt(0);
    if (within(shown, range)) chosen = range.cloneRange();
  });

  function note(text) {
    var element = document.querySelector(".selection-note");
    if (element) element.textContent = text;
  }

  document.addEventListener("click", function (event) {
    if (!event.target.closest(".use-selection")) return;
    event.preventDefault();
    var shown = source();
    if (!shown || !chosen) {
      note("Select words in the source text above first.");
      return;
    }
    var all = shown.textContent;
    var lead = parseInt(shown.dataset.lead, 10) || 0;
    var trail = all.length - (parseInt(shown.dataset.trail, 10) || 0);
    var from = Math.max(lead, position(shown, chosen.startContainer, chosen.startOffset));
    var to = Math.min(trail, position(shown, chosen.endContainer, chosen.endOffset));
    while (from < to && /\s/.test(all[from])) from++;
    while (to > from && /\s/.test(all[to - 1])) to--;
    if (from >= to) {
      note("Select words in the source text above first.");
      return;
    }
    var offset = parseInt(shown.dataset.offset, 10);
    var words = all.slice(from, to);
    document.getElementById("id_text").value = words;
    document.getElementById("id_selection_start").value = offset + from - lead;
    document.getElementById("id_selection_end").value = offset + to - lead;
    note("The statement's text is now the selected words: save to keep them.");
  });
})();
