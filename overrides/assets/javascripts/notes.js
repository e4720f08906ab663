/* Notes in place on touch screens, and the abstract in the reader's language.

   1. On a touch screen (no hover), a tap on a note marker opens the note in a sheet at the
      foot of the screen instead of jumping to the note list: the marker becomes a real
      <button aria-expanded aria-controls>, focus moves into the sheet (without scrolling),
      Esc or the close button or a tap outside closes it and focus returns to the marker; the
      sheet links to the note in the list. With a mouse, Material's hover tooltips stay.
   2. The abstract tab: #abstract-en in the address opens the English abstract; otherwise a
      browser whose first Chinese-or-English language is English gets the English tab.

   An external file (the Content-Security-Policy allows no inline script). */
(function () {
  "use strict";

  var english = /^en\b/i.test(document.documentElement.lang);
  var TEXT = english
    ? { note: "Note ", close: "Close", list: "All notes", dialog: "Note" }
    : { note: "注 ", close: "关闭", list: "在注释列表中查看", dialog: "注释" };

  // ---- 1. notes in place ----------------------------------------------------------------
  var touch = window.matchMedia("(hover: none)");
  var sheet = null;
  var opener = null;

  function noteFor(id) {
    return document.getElementById(id);
  }

  function buildSheet() {
    sheet = document.createElement("div");
    sheet.id = "note-popover";
    sheet.className = "note-popover";
    sheet.setAttribute("role", "dialog");
    sheet.setAttribute("aria-labelledby", "note-popover-title");
    sheet.tabIndex = -1;
    sheet.hidden = true;
    document.body.appendChild(sheet);
    sheet.addEventListener("keydown", function (event) {
      if (event.key === "Escape") close(true);
    });
  }

  function open(button) {
    var id = button.getAttribute("data-note");
    var note = noteFor(id);
    if (!note) return;
    if (!sheet) buildSheet();
    if (opener && opener !== button) opener.setAttribute("aria-expanded", "false");
    opener = button;
    sheet.textContent = "";
    var head = document.createElement("div");
    head.className = "note-popover-head";
    var title = document.createElement("span");
    title.id = "note-popover-title";
    title.textContent = TEXT.note + button.textContent;
    var shut = document.createElement("button");
    shut.type = "button";
    shut.className = "note-popover-close";
    shut.textContent = TEXT.close;
    shut.addEventListener("click", function () { close(true); });
    head.appendChild(title);
    head.appendChild(shut);
    sheet.appendChild(head);
    var body = document.createElement("div");
    Array.prototype.forEach.call(note.childNodes, function (child) {
      var copy = child.cloneNode(true);
      if (copy.querySelectorAll) {
        Array.prototype.forEach.call(copy.querySelectorAll(".footnote-backref, [id]"), function (el) {
          if (el.classList.contains("footnote-backref")) el.remove(); else el.removeAttribute("id");
        });
      }
      body.appendChild(copy);
    });
    sheet.appendChild(body);
    var more = document.createElement("p");
    var link = document.createElement("a");
    link.href = "#" + id;
    link.textContent = TEXT.list;
    link.addEventListener("click", function () { close(false); });
    more.appendChild(link);
    sheet.appendChild(more);
    sheet.hidden = false;
    button.setAttribute("aria-expanded", "true");
    sheet.focus({ preventScroll: true });
  }

  function close(returnFocus) {
    if (!sheet || sheet.hidden) return;
    sheet.hidden = true;
    if (opener) {
      opener.setAttribute("aria-expanded", "false");
      if (returnFocus) opener.focus({ preventScroll: true });
    }
    opener = null;
  }

  function toButtons() {
    buildSheet();
    Array.prototype.forEach.call(document.querySelectorAll("a.footnote-ref"), function (link) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "note-ref";  // not .footnote-ref: Material's tooltips would take it over
      button.textContent = link.textContent;
      button.setAttribute("data-note", decodeURIComponent(link.getAttribute("href").slice(1)));
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-controls", "note-popover");
      button.setAttribute("aria-haspopup", "dialog");
      button.setAttribute("aria-label", TEXT.note + link.textContent);
      button.addEventListener("click", function (event) {
        event.preventDefault();
        if (opener === button && sheet && !sheet.hidden) close(true); else open(button);
      });
      link.replaceWith(button);
    });
    document.addEventListener("pointerdown", function (event) {
      if (!sheet || sheet.hidden) return;
      if (sheet.contains(event.target) || (opener && opener.contains(event.target))) return;
      close(false);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") close(true);
    });
  }

  // ---- 2. the abstract in the reader's language -------------------------------------------
  function prefersEnglish() {
    var languages = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
    for (var i = 0; i < languages.length; i++) {
      if (/^zh\b/i.test(languages[i])) return false;
      if (/^en\b/i.test(languages[i])) return true;
    }
    return false;
  }

  function chooseAbstract() {
    var tab = document.getElementById("abstract-en");
    if (!tab) return;
    var asked = window.location.hash === "#abstract-en";
    if (asked || prefersEnglish()) {
      if (!tab.checked) tab.click();
      if (asked) {
        var set = tab.closest(".article-abstracts");
        if (set) set.scrollIntoView();
      }
    }
  }

  function start() {
    if (touch.matches && document.querySelector(".footnote")) toButtons();
    chooseAbstract();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  window.addEventListener("hashchange", chooseAbstract);
})();
