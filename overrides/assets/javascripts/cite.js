/* The cite box (overrides/partials/cite-box.html, one entry per style of journal.citations):
   the online GB/T 7714 form gets the reader's date as its 引用日期, and each copy button
   copies its citation as plain text and as rich text (the italics of APA, Chicago and MLA). A file of the site's own, as the
   Content-Security-Policy requires (no inline script). Without it, Material's clipboard
   copies the plain text. */
(function () {
  "use strict";

  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function fillDates() {
    var date = today();
    document.querySelectorAll(".cite-box .cite-accessed").forEach(function (span) {
      span.textContent = date;
    });
  }

  function copyBySelection(element) {
    var selection = window.getSelection();
    var range = document.createRange();
    range.selectNodeContents(element);
    selection.removeAllRanges();
    selection.addRange(range);
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    selection.removeAllRanges();
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(element) {
    var plain = element.innerText.trim();
    var html = element.innerHTML.trim();
    var clipboard = navigator.clipboard;
    if (clipboard && window.ClipboardItem && clipboard.write) {
      var item = new ClipboardItem({
        "text/plain": new Blob([plain], { type: "text/plain" }),
        "text/html": new Blob([html], { type: "text/html" })
      });
      return clipboard.write([item]).catch(function () {
        return clipboard.writeText(plain);
      }).catch(function () { return copyBySelection(element); });
    }
    if (clipboard && clipboard.writeText) {
      return clipboard.writeText(plain).catch(function () { return copyBySelection(element); });
    }
    return copyBySelection(element);
  }

  // The button's own label (复制 and its lang="en" companion), kept as nodes so that "已复制"
  // can stand in for it and the label come back whole, whatever the clicks in between.
  var labels = new WeakMap();

  function tell(button, message, done) {
    var box = button.closest(".cite-box");
    var status = box && box.querySelector(".cite-status");
    if (status) { status.textContent = message; }
    if (!done) { return; }
    if (!labels.has(button)) { labels.set(button, Array.prototype.slice.call(button.childNodes)); }
    window.clearTimeout(button.citeTimer);
    button.textContent = "已复制";
    button.citeTimer = window.setTimeout(function () {
      button.textContent = "";
      labels.get(button).forEach(function (node) { button.appendChild(node); });
    }, 1500);
  }

  function setUp() {
    fillDates();
    document.querySelectorAll(".cite-box button[data-clipboard-target]").forEach(function (button) {
      button.addEventListener("click", function (event) {
        // Ours, not Material's clipboard handler (which copies plain text only).
        event.stopPropagation();
        event.preventDefault();
        var target = document.querySelector(button.getAttribute("data-clipboard-target"));
        if (!target) { return; }
        fillDates();
        copy(target).then(function () { tell(button, "已复制", true); }, function () { tell(button, "复制失败，请手动选择文字复制", false); });
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
