// Keeps what an editor typed into the upload form in this tab's sessionStorage until the
// server has accepted it, so that no failure (a database outage, an expired sign-in or CSRF
// token, a lost connection) empties the form for good.
//
// - On the upload form (form[data-keep-draft]): every change is saved; on load, fields the
//   server sent back empty are refilled from the draft, and a note says so.
// - On the page an accepted upload leads to (body[data-view] is ingest:document or
//   ingest:fetch) the draft is dropped. Error pages carry no view name and keep it.
(function () {
  "use strict";
  var KEY = "ctwatch:upload-draft";
  var ACCEPTED = ["ingest:document", "ingest:fetch"];
  var store;
  try {
    store = window.sessionStorage;
    store.getItem(KEY);
  } catch (error) {
    return; // storage disabled: the form works as before
  }
  if (ACCEPTED.indexOf(document.body.getAttribute("data-view")) !== -1) {
    store.removeItem(KEY);
    return;
  }
  var form = document.querySelector("form[data-keep-draft]");
  if (!form) {
    return;
  }
  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.type !== "file" &&
        el.type !== "hidden" && el.type !== "submit" && el.type !== "button";
    });
  }
  function save() {
    var draft = {};
    fields().forEach(function (el) {
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) {
        return;
      }
      draft[el.name] = el.value;
    });
    try {
      store.setItem(KEY, JSON.stringify(draft));
    } catch (error) {
      // over quota: keep what was saved before
    }
  }
  var saved = null;
  try {
    saved = JSON.parse(store.getItem(KEY) || "null");
  } catch (error) {
    saved = null;
  }
  var restored = false;
  if (saved) {
    fields().forEach(function (el) {
      if (!(el.name in saved)) {
        return;
      }
      if (el.type === "radio" || el.type === "checkbox") {
        return; // choices keep what the server rendered
      }
      if (!el.value && saved[el.name]) {
        el.value = saved[el.name];
        restored = restored || el.tagName === "TEXTAREA" || el.name === "url";
      }
    });
  }
  var note = form.querySelector("[data-draft-note]");
  if (restored && note) {
    note.hidden = false;
  }
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  form.addEventListener("submit", save);
})();
