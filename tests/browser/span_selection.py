"""Choosing words in the source text with the mouse, as an editor does: a real drag from the
first to the last character (shared by the span and walk-through browser tests)."""

from __future__ import annotations

from playwright.sync_api import Page

# The rectangles of the first and last characters of the ``nth`` occurrence of ``words`` in
# the statement form's source text.
_BOXES = """([words, nth]) => {
  const shown = document.querySelector(".source-context");
  const walker = document.createTreeWalker(shown, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    let at = node.data.indexOf(words);
    while (at >= 0) {
      if (seen++ === nth) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        const first = range.getBoundingClientRect();
        range.setStart(node, at + words.length - 1);
        range.setEnd(node, at + words.length);
        const last = range.getBoundingClientRect();
        return [first.left + 1, first.top + first.height / 2,
                last.right - 1, last.top + last.height / 2];
      }
      at = node.data.indexOf(words, at + 1);
    }
  }
  return null;
}"""


def select_with_mouse(page: Page, words: str, nth: int = 0) -> None:
    """Drag the mouse over the ``nth`` occurrence of ``words`` in the source text."""
    page.locator(".source-context").scroll_into_view_if_needed()
    boxes = page.evaluate(_BOXES, [words, nth])
    assert boxes is not None, f"{words!r} (occurrence {nth}) is not in the source text shown"
    x1, y1, x2, y2 = boxes
    page.mouse.move(x1, y1)
    page.mouse.down()
    page.mouse.move((x1 + x2) / 2, (y1 + y2) / 2, steps=4)
    page.mouse.move(x2, y2, steps=4)
    page.mouse.up()
    assert " ".join(page.evaluate("String(window.getSelection())").split()) == " ".join(
        words.split()
    )
