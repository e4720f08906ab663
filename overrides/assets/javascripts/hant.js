/* 简/繁: a toggle in the header that shows the whole page in Traditional characters as Taiwan
   writes them, remembered across pages (localStorage "journal.script" = "hant").

   The conversion is OpenCC's s2twp, Taiwan's standard with its phrases (为 -> 為, 着 -> 著,
   软件 -> 軟體), by opencc-js 1.4.2 (vendored by tools/vendor-opencc.cjs as vendor/
   opencc-cn2t.js, MIT and Apache-2.0), loaded from the site itself only when a reader wants
   Traditional: no request to another host, and the offline bundle carries it. Quotation marks
   in Chinese text become 「」 and 『』 as in Taiwan; those of Latin text (an English reference in
   the notes, Don’t) stay. Converted: the page's text nodes and its title, aria-label,
   placeholder and title attributes, and text added later (search results, note sheets). Not
   converted: English ([lang^="en"]), code, and the citations in the cite box, which stay in the
   published Simplified form the reader is to cite (the PDF galleys and the RIS/BibTeX files are
   Simplified too). Back to 简 restores the text nodes as they were, not a conversion.

   window.journalSpellings(text) -> Promise of the spellings a search looks for: the text as
   typed and, when it has a Traditional character, its Simplified forms (vendor/opencc-t2cn.js):
   t2s (old forms: 爲 -> 为), that form respelled where s2t does not round-trip (座標 -> 座标 and
   坐标: the index holds the text as published), and tw2sp (Taiwan usage: 軟體 -> 软件, 資訊 ->
   信息). A Taiwan phrase made of characters Simplified shares (人工智慧, 建立) is respelled only
   on a page shown in 繁, where the reader sees it: typed on a 简 page it is a Simplified word.
   vendor/opencc-query.js, the table of Traditional characters and of those Taiwan phrases,
   loads at a reader's first Chinese query; a Simplified query fetches nothing more. */
(function () {
  "use strict";

  var KEY = "journal.script";
  var script = document.currentScript;
  var base = script ? script.src.replace(/[^/]*$/, "") : "";
  var SKIP = "script, style, noscript, code, pre, textarea, [lang^='en'], .cite-text, .hant-toggle";
  var ATTRIBUTES = ["title", "aria-label", "placeholder"];
  var LANG = "zh-Hant-TW";
  var hantLoading = null;
  var hansLoading = null;
  var tableLoading = null;
  var toHant = null; // characters, words and quotation marks: a whole string (title, attribute)
  var toHantWords = null; // characters and words: a text node, whose marks requote() sets
  var originals = new Map(); // text node -> its Simplified text
  var attributeOriginals = []; // [element, name, Simplified value]
  var observer = null;
  var originalTitle = document.title;
  var originalLang = document.documentElement.lang;

  // Resolves with window.OpenCC as the script left it: a load event follows its script's run
  // at once, so a converter loading at the same time cannot have replaced it yet.
  function loadScript(name) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = base + name;
      tag.addEventListener("load", function () { resolve(window.OpenCC); });
      tag.addEventListener("error", function () { reject(new Error(name + " did not load")); });
      document.head.appendChild(tag);
    });
  }

  // Both converters define window.OpenCC: cn2t has from.cn (to Taiwan), t2cn has to.cn.
  function converter(direction, locale, file) {
    var ready = window.OpenCC && window.OpenCC.Locale[direction][locale];
    return ready ? Promise.resolve(window.OpenCC) : loadScript(file);
  }

  function loadToHant() {
    if (!hantLoading) {
      hantLoading = converter("from", "cn", "vendor/opencc-cn2t.js").then(function (OpenCC) {
        var toTaiwan = OpenCC.Converter({ from: "cn", to: "twp" });
        toHant = function (text) { return chineseQuotes(toTaiwan(text)); };
        toHantWords = toTaiwan;
      }, function (error) { hantLoading = null; throw error; });
    }
    return hantLoading;
  }

  function loadTable() {
    if (!tableLoading) {
      tableLoading = loadScript("vendor/opencc-query.js").then(function () {
        var query = window.JournalOpenCCQuery;
        return { traditional: new Set(query.traditional), respell: query.respell, taiwan: query.taiwan.split("|") };
      }, function (error) { tableLoading = null; throw error; }); // the next query tries again
    }
    return tableLoading;
  }

  function loadToHans(table) {
    if (!hansLoading) {
      hansLoading = converter("to", "cn", "vendor/opencc-t2cn.js").then(function (OpenCC) {
        var toHans = OpenCC.Converter({ from: "t", to: "cn" });
        var fromTaiwan = OpenCC.Converter({ from: "twp", to: "cn" });
        var respell = OpenCC.CustomConverter(table.respell);
        return function (text) { return [toHans(text), respell(toHans(text)), fromTaiwan(text)]; };
      }, function (error) { hansLoading = null; throw error; });
    }
    return hansLoading;
  }

  // Chinese text quotes with 「」 and, inside, 『』 (Taiwan); Latin text keeps “” and ‘’. A pair is
  // Chinese when what it quotes has a Chinese character, or when it touches Chinese on one side,
  // has no letter or digit on the other, and does not end in Latin punctuation (所谓“America
  // First”政策, 共同体 “2+2”对话). An English reference in a Chinese note (参见“Japan-U.S. …,”
  // Ministry…) ends its title with a comma inside the marks; an apostrophe (Don’t) opens no pair.
  // A note marker's text (NOTE) is neither side: “2+2”¹或 reads as “2+2”或.
  var CHINESE = /[\u3000-\u303f\u3400-\u9fff\uf900-\uffef]/;
  var LATIN = /[A-Za-z0-9\u00c0-\u024f]/;
  var NOTE = "\u0000";
  var PAIRS = [["\u201c", "\u201d", "\u300c", "\u300d"], ["\u2018", "\u2019", "\u300e", "\u300f"]];

  function beside(text, i, step) {
    for (var n = 0; n < 8 && text.charAt(i) === NOTE; n++) i += step; // a marker is a few digits
    return text.charAt(i);
  }

  function chinesePair(text, open, close) {
    var content = text.slice(open + 1, close);
    if (CHINESE.test(content)) return true;
    var before = beside(text, open - 1, -1), after = beside(text, close + 1, 1);
    return (CHINESE.test(before) || CHINESE.test(after)) && !LATIN.test(before) && !LATIN.test(after) &&
      !/[,.;:]$/.test(content);
  }

  // Linear: each mark is looked at once, and a pair's content once.
  function chineseQuotes(text) {
    if (!/[\u2018-\u201d]/.test(text)) return text;
    var chars = text.split("");
    PAIRS.forEach(function (pair) {
      var open = -1;
      for (var i = 0; i < chars.length; i++) {
        if (chars[i] === pair[0]) open = i;
        else if (chars[i] === pair[1] && open >= 0) {
          // ’ between two letters is an apostrophe (Don’t), not a closing mark
          if (pair[1] === "\u2019" && /[A-Za-z]/.test(text.charAt(i - 1)) && /[A-Za-z]/.test(text.charAt(i + 1))) continue;
          if (chinesePair(text, open, i)) { chars[open] = pair[2]; chars[i] = pair[3]; }
          open = -1;
        }
      }
    });
    return chars.join("");
  }

  function skipped(element) {
    return !element || (element.closest && element.closest(SKIP));
  }

  // A block's text nodes as one text: a pair of marks may open in one node and close in another
  // (“<mark>战略</mark>收缩”, a link or a note marker inside). Marks are one character each way,
  // so the block's offsets are each node's.
  var BLOCK = "p, li, dd, dt, td, th, h1, h2, h3, h4, h5, h6, blockquote, figcaption, caption, summary, article, nav, div";

  function requote(block) {
    var nodes = [];
    var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) if (!skipped(node.parentElement)) nodes.push(node);
    var text = nodes.map(function (n) {
      return n.parentElement.closest("sup") ? NOTE.repeat(n.nodeValue.length) : n.nodeValue;
    }).join("");
    var quoted = chineseQuotes(text);
    if (quoted === text) return;
    var at = 0;
    nodes.forEach(function (n) {
      var value = quoted.slice(at, at + n.nodeValue.length);
      at += n.nodeValue.length;
      if (value === n.nodeValue || value.indexOf(NOTE) >= 0) return;
      if (!originals.has(n)) originals.set(n, n.nodeValue);
      n.nodeValue = value;
    });
  }

  function convertTree(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var blocks = new Set();
    var node;
    while ((node = walker.nextNode())) {
      if (skipped(node.parentElement)) continue;
      if (/[\u2018-\u201d]/.test(node.nodeValue)) blocks.add(node.parentElement.closest(BLOCK) || node.parentElement);
      if (!/[\u3400-\u9fff]/.test(node.nodeValue)) continue;
      var converted = toHantWords(node.nodeValue);
      if (converted !== node.nodeValue) {
        if (!originals.has(node)) originals.set(node, node.nodeValue);
        node.nodeValue = converted;
      }
    }
    blocks.forEach(requote);
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
    return loadToHant().then(function () {
      document.documentElement.lang = LANG;
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

  window.journalSpellings = function (text) {
    text = String(text);
    if (!/[\u3400-\u9fff\uf900-\ufaff\ud840-\ud87f]/.test(text)) return Promise.resolve([text]);
    return loadTable().then(function (table) {
      var traditional = Array.from(text).some(function (c) { return table.traditional.has(c); });
      var shownInTaiwan = document.documentElement.lang === LANG;
      var taiwanPhrase = shownInTaiwan && table.taiwan.some(function (phrase) { return text.indexOf(phrase) >= 0; });
      if (!traditional && !taiwanPhrase) return [text];
      return loadToHans(table).then(function (simplify) {
        return [text].concat(simplify(text)).filter(function (spelling, i, all) { return all.indexOf(spelling) === i; });
      });
    }).catch(function (error) {
      console.warn("searching as typed:", error); // a converter that did not load must not stop the search
      return [text];
    });
  };

  function start() {
    // English pages (<html lang="en">, en/…): nothing to convert, no toggle, and lang stays "en".
    if (/^en\b/i.test(originalLang)) return;
    var button = addToggle();
    if (stored() === "hant") {
      if (button) button.setAttribute("aria-pressed", "true");
      toTraditional();
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
