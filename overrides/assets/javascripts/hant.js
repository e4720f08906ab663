/* 简/繁: a toggle in the header that shows the whole page in Traditional characters,
   remembered across pages (localStorage "journal.script" = "hant").

   The conversion is OpenCC's character-and-phrase conversion s2t (opencc-js 1.4.2, vendored
   as vendor/opencc-full.js, MIT and Apache-2.0), loaded from the site itself only when a
   reader wants Traditional or a script asks for journalToSimplified: no request to another
   host, and the offline bundle carries it. s2t round-trips (t2cn gives back the published
   text); s2twp, which changes vocabulary, would not. Converted: the page's text nodes and its
   title, aria-label, placeholder and title attributes, and text added later (search
   results, note sheets). Not converted: English ([lang^="en"]), code, and the citations in the
   cite box, which stay in the published Simplified form the reader is to cite (the PDF
   galleys and the RIS/BibTeX files are Simplified too).

   window.journalToSimplified(text): Traditional -> Simplified, synchronous; returns the text
   unchanged until the converter has loaded (journalToSimplified.ready() resolves when it
   has), so a search box can accept queries typed in either script. */
(function () {
  "use strict";

  var KEY = "journal.script";
  var script = document.currentScript;
  var base = script ? script.src.replace(/[^/]*$/, "") : "";
  var SKIP = "script, style, noscript, code, pre, textarea, [lang^='en'], .cite-text, .hant-toggle";
  var ATTRIBUTES = ["title", "aria-label", "placeholder"];
  var loading = null;
  var toHant = null;
  var toHans = null;
  var originals = new Map(); // text node -> its Simplified text
  var attributeOriginals = []; // [element, name, Simplified value]
  var observer = null;
  var originalTitle = document.title;
  var originalLang = document.documentElement.lang;

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        function ready() {
          toHant = window.OpenCC.Converter({ from: "cn", to: "t" });
          toHans = window.OpenCC.Converter({ from: "t", to: "cn" });
          resolve();
        }
        if (window.OpenCC) return ready();
        var tag = document.createElement("script");
        tag.src = base + "vendor/opencc-full.js";
        tag.addEventListener("load", ready);
        tag.addEventListener("error", reject);
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function skipped(element) {
    return !element || (element.closest && element.closest(SKIP));
  }

  function convertTree(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      if (!/[\u3400-\u9fff]/.test(node.nodeValue) || skipped(node.parentElement)) continue;
      var converted = toHant(node.nodeValue);
      if (converted !== node.nodeValue) {
        if (!originals.has(node)) originals.set(node, node.nodeValue);
        node.nodeValue = converted;
      }
    }
    var elements = root.querySelectorAll ? root.querySelectorAll("[title], [aria-label], [placeholder]") : [];
    Array.prototype.forEach.call(elements, function (element) {
      if (skipped(element)) return;
      ATTRIBUTES.forEach(function (name) {
        var value = element.getAttribute(name);
        if (!value || !/[\u3400-\u9fff]/.test(value)) return;
        var converted = toHant(value);
        if (converted !== value) {
          attributeOriginals.push([element, name, value]);
          element.setAttribute(name, converted);
        }
      });
    });
  }

  function toTraditional() {
    return load().then(function () {
      document.documentElement.lang = "zh-Hant";
      document.title = toHant(originalTitle);
      convertTree(document.body);
      if (!observer) {
        observer = new MutationObserver(function (records) {
          records.forEach(function (record) {
            Array.prototype.forEach.call(record.addedNodes, function (added) {
              if (added.nodeType === 1) convertTree(added);
              else if (added.nodeType === 3 && added.parentNode) convertTree(added.parentNode);
            });
          });
        });
      }
      observer.observe(document.body, { childList: true, subtree: true });
    });
  }

  function toSimplified() {
    if (observer) observer.disconnect();
    originals.forEach(function (text, node) { node.nodeValue = text; });
    originals.clear();
    attributeOriginals.forEach(function (entry) { entry[0].setAttribute(entry[1], entry[2]); });
    attributeOriginals = [];
    document.title = originalTitle;
    document.documentElement.lang = originalLang;
  }

  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (error) { return null; }
  }

  function store(value) {
    try { window.localStorage.setItem(KEY, value); } catch (error) { /* private mode: this page only */ }
  }

  function addToggle() {
    var header = document.querySelector(".md-header__inner");
    if (!header) return null;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "hant-toggle";
    button.textContent = "繁";
    button.setAttribute("aria-pressed", "false");
    button.setAttribute("aria-label", "繁體字 Traditional characters");
    button.title = "以繁體字顯示 Show in Traditional characters";
    var anchor = header.querySelector(".md-search") || header.querySelector(".md-header__source");
    header.insertBefore(button, anchor);
    button.addEventListener("click", function () {
      var on = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", String(on));
      store(on ? "hant" : "hans");
      if (on) toTraditional(); else toSimplified();
    });
    return button;
  }

  window.journalToSimplified = function (text) {
    if (toHans) return toHans(String(text));
    load();
    return String(text);
  };
  window.journalToSimplified.ready = load;

  function start() {
    var button = addToggle();
    if (stored() === "hant") {
      if (button) button.setAttribute("aria-pressed", "true");
      toTraditional();
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
