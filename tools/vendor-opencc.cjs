// `make vendor`: copies the pinned opencc-js (package-lock.json) into the site and writes the
// small table the search box needs to decide whether a query is Traditional
// (overrides/assets/javascripts/vendor/opencc-query.js). tests/reading/test_hant.py runs this
// again into a temporary folder and compares, so the committed files are what this writes.
//
//   node tools/vendor-opencc.cjs [output folder]
//
// - opencc-cn2t.js: s2twp, Taiwan usage with phrases, for the 简/繁 toggle (453 KB gzip; only
//   when a reader asks for 繁; the package's cn2t build, which leaves out the t2s direction).
// - opencc-t2cn.js: t2s and tw2sp for a query typed in Traditional (53 KB gzip; only for such a
//   query).
// - opencc-query.js (loaded on a reader's first Chinese query):
//   traditional: every character t2s changes. A query without one is searched as typed, and
//     nothing more is fetched; with one, opencc-t2cn.js is fetched. (t2s also rewrites some
//     phrases of characters it leaves alone, 一坏 → 一坯: those are valid Simplified, and a
//     query made of them is searched as typed.)
//   respell: what t2s gives back for an s2t phrase that does not round-trip, and the phrase
//     (t2s(s2t("坐标")) is 座标). The text the index holds is Simplified as published, so a query
//     copied from a page shown in 繁 (座標) is searched as both 座标 and 坐标.
//   taiwan: the Taiwan phrases tw2sp reads back (人工智慧 → 人工智能) made only of characters
//     that are not Traditional. Many are also Simplified words (建立, 核心, 程序), so they are
//     respelled only for a reader of the page in 繁, who sees them there.
"use strict"
const fs = require("fs")
const path = require("path")

const ROOT = path.resolve(__dirname, "..")
const PACKAGE = path.join(ROOT, "node_modules", "opencc-js")
const out = path.resolve(process.argv[2] || path.join(ROOT, "overrides", "assets", "javascripts", "vendor"))
const OpenCC = require(PACKAGE)
const version = require(path.join(PACKAGE, "package.json")).version

const toHant = OpenCC.Converter({ from: "cn", to: "t" })
const toHans = OpenCC.Converter({ from: "t", to: "cn" })
const fromTaiwan = OpenCC.Converter({ from: "twp", to: "cn" })
const entries = dict => dict.split("|").map(entry => entry.split(" "))
const [stPhrases] = OpenCC.Locale.from.cn[0]
const [tsPhrases, tsCharacters] = OpenCC.Locale.to.cn[0]

// Every character t2s changes, from the dictionaries t2s reads (and the compatibility
// ideographs it normalizes, U+F900–U+FAFF).
const traditional = new Set()
for (const [source] of [...entries(tsPhrases), ...entries(tsCharacters)])
  for (const c of source) if (toHans(c) !== c) traditional.add(c)
// Taiwan's variants (TWVariantsRev: 衞 → 衛 …), which tw2sp reads back and t2s may not.
for (const dict of OpenCC.Locale.from.twp[0])
  for (const [source] of entries(dict))
    for (const c of source) if (fromTaiwan(c) !== c && toHans(c) !== c) traditional.add(c)
const taiwan = []
for (const [source] of entries(OpenCC.Locale.from.twp[0][0]))
  if (![...source].some(c => traditional.has(c)) && fromTaiwan(source) !== source) taiwan.push(source)
for (let code = 0xf900; code <= 0xfaff; code++) {
  const c = String.fromCodePoint(code)
  if (toHans(c) !== c) traditional.add(c)
}
const respell = []
for (const [simplified] of entries(stPhrases)) {
  const back = toHans(toHant(simplified))
  if (back !== simplified) respell.push(`${back} ${simplified}`)
}

fs.mkdirSync(out, { recursive: true })
fs.copyFileSync(path.join(PACKAGE, "dist", "umd", "cn2t.js"), path.join(out, "opencc-cn2t.js"))
fs.copyFileSync(path.join(PACKAGE, "dist", "umd", "t2cn.js"), path.join(out, "opencc-t2cn.js"))
fs.writeFileSync(path.join(out, "opencc-js.LICENSE.txt"),
  ["LICENSE", "THIRD_PARTY_LICENSES.md", "LICENSES/Apache-2.0.txt"].map(f => fs.readFileSync(path.join(PACKAGE, f))).join(""))
fs.writeFileSync(path.join(out, "opencc-query.js"),
  `/* Written by tools/vendor-opencc.cjs from opencc-js ${version} (MIT; data Apache-2.0): do not edit. */\n` +
  `window.JournalOpenCCQuery = ${JSON.stringify({ traditional: [...traditional].sort().join(""), respell: respell.join("|"), taiwan: taiwan.sort().join("|") })}\n`)
