// What a query means, the same for the website (its index in files) and the offline bundle (a
// script index): the query cut into pieces; the terms the index is asked for; whether a
// record's text holds every piece; and the snippets a result shows. src/journal/search/tokens.py
// is the index side of the same rules (tests/search/test_tokens.py checks the two agree).
//
// - Every piece is required. Pieces are the query split at spaces and punctuation, then into
//   runs of Chinese characters and other runs ("北极AUKUS" → 北极, aukus).
// - A Chinese run matches only where it occurs as typed: the index is asked for the records
//   holding all its runs of three neighbouring characters, and the text is checked before a
//   record is listed.
// - Another piece matches where a word starts with it: "dispute" finds "disputes", "2+2"
//   finds “2+2”, "5es" finds 5Es.
// - A Chinese piece typed in Traditional matches any of its spellings (hant.js:
//   journalSpellings): 美國 finds 美国, and 座標 finds 座标 and 坐标.
window.JournalSearch = window.JournalSearch || {}
JournalSearch.query = (() => {
  const HAN = "\\u3007\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}"
  const HAN_RUNS = new RegExp(`([${HAN}]+)`, "u")
  const IS_HAN = new RegExp(`^[${HAN}]+$`, "u")
  const SEPARATOR = /[\s\u3000\u2010-\u2015、。，．？！；：:;,!?“”‘’"'()（）[\]【】《》〈〉「」『』〔〕{}<>/\\|…·・*~^-]+|\.(?!\w)/u
  const NOT_ALNUM = /[^\p{Alphabetic}\p{N}]/gu
  const ALNUM = /[\p{Alphabetic}\p{N}]/u
  const HAN_CHAR = new RegExp(`[${HAN}]`, "u")
  // A letter or digit of a word; Chinese characters are not (与AUKUS: AUKUS starts a word).
  const inWord = c => c !== undefined && ALNUM.test(c) && !HAN_CHAR.test(c)

  // Lower case that keeps every offset (a few capitals lower to two characters; those stay).
  const lower = text => text.replace(/\p{Lu}/gu, c => { const l = c.toLowerCase(); return l.length === c.length ? l : c })

  /** The pieces of a query: [{han: bool, text}]; [] when it has nothing to search for. */
  function pieces(query) {
    const out = []
    for (const part of lower(query.normalize("NFC")).split(SEPARATOR))
      for (const run of part.split(HAN_RUNS)) {
        if (!run) continue
        if (IS_HAN.test(run)) out.push({ han: true, text: run })
        else if (run.replace(NOT_ALNUM, "")) out.push({ han: false, text: run })
      }
    const seen = new Set()
    return out.filter(p => !seen.has(p.text) && seen.add(p.text))
  }

  /** The pieces with the spellings each matches: {han, text, spellings: [text, ...]}.
      `spellings(text)` resolves to the spellings of a Chinese run (hant.js); without it, as typed. */
  async function spell(queryPieces, spellings) {
    return Promise.all(queryPieces.map(async piece => ({
      ...piece,
      spellings: piece.han && spellings ? await spellings(piece.text) : [piece.text],
    })))
  }

  const spellingsOf = piece => piece.spellings ?? [piece.text]

  /** The index terms (tokens.py) a record must hold to hold `piece`: a Chinese run's runs of
      three neighbouring characters (two or one characters: the piece itself); a Latin piece's
      letters and digits in lower case without accents, as a word's start, or with `whole` (a
      thesaurus name) as the word itself ("ai ": not "aims"). Lowered again once the accents
      are gone: İ keeps its case in `lower` (its lower case is two characters), then is I. */
  function lookups(piece, whole = false) {
    const chars = [...piece.text], n = Math.min(chars.length, 3)
    if (piece.han) return chars.slice(0, chars.length - n + 1).map((_, i) => chars.slice(i, i + n).join(""))
    const word = lower(piece.text).normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(NOT_ALNUM, "")
    return word ? [whole ? word + " " : word] : []
  }

  /** Every place each piece occurs in `text`, as [start, end] sorted; null if one is missing. */
  function matches(text, queryPieces) {
    const haystack = lower(text), found = []
    for (const piece of queryPieces) {
      let any = false
      for (const spelling of spellingsOf(piece)) {
        let at = haystack.indexOf(spelling)
        while (at !== -1) {
          // Not a word's inside: "aukus" does not match "xaukus", nor "2+2" "12+2".
          if (piece.han || !inWord(String.fromCodePoint(haystack.codePointAt(at - 1) ?? 32))) {
            found.push([at, at + spelling.length])
            any = true
          }
          at = haystack.indexOf(spelling, at + 1)
        }
      }
      if (!any) return null
    }
    return found.sort((a, b) => a[0] - b[0])
  }

  /** A short line around a match: [{text, mark}] parts, cut at the paragraph, "…" where cut.
      It centres on the longest piece's first match ("Belt and Road": on "Belt", not "and"). */
  function snippet(text, from, to, ranges, before = 24, after = 72) {
    const inside = ranges.filter(([s]) => s >= from && s < to)
    if (!inside.length) return []
    const longest = Math.max(...inside.map(([s, e]) => e - s))
    const first = inside.find(([s, e]) => e - s === longest)
    let start = Math.max(from, first[0] - before), end = Math.min(to, first[0] + after)
    const lineStart = text.lastIndexOf("\n", first[0] - 1) + 1
    const lineEnd = text.indexOf("\n", first[0]) === -1 ? to : text.indexOf("\n", first[0])
    start = Math.max(start, lineStart)
    end = Math.min(end, lineEnd)
    for (const [s, e] of ranges) {  // never cut a match in two
      if (s < start && e > start) start = Math.max(lineStart, s)
      if (s < end && e > end) end = Math.min(lineEnd, e)
    }
    const parts = []
    if (start > lineStart) parts.push({ text: "…", mark: false })
    let at = start
    for (const [s, e] of ranges) {
      if (e <= at || s >= end) continue
      if (s > at) parts.push({ text: text.slice(at, s), mark: false })
      parts.push({ text: text.slice(Math.max(s, at), Math.min(e, end)), mark: true })
      at = Math.min(e, end)
    }
    if (at < end) parts.push({ text: text.slice(at, end), mark: false })
    if (end < lineEnd) parts.push({ text: "…", mark: false })
    return parts
  }

  /** The places of a record that hold a match, each with its snippet.
      `places`: [[offset, anchor, label]] in text order (records.py). */
  function hits(text, places, ranges) {
    const out = []
    places.forEach(([offset, anchor, label], i) => {
      const end = i + 1 < places.length ? places[i + 1][0] - 1 : text.length
      if (ranges.some(([s]) => s >= offset && s < end))
        out.push({ anchor, label, parts: snippet(text, offset, end, ranges) })
    })
    return out
  }

  return { pieces, spell, spellingsOf, lookups, matches, snippet, hits, lower }
})()

// ---- Query understanding and ranking (issue 17), the same online and offline ----
// A query's *terms*: each Chinese run cut into words as jieba cuts it (segment: jieba's route
// of highest probability, over the words the archive holds, src/journal/search/vocab.py), each
// Latin word as typed; a term that is a thesaurus name also matches the group's other names.
// An article is listed when it holds every term (anywhere in it, not in one record); articles
// that hold every piece as typed come first ("exact"); when no article holds every term, the
// articles that hold most of them, each with what it lacks. Within a group: BM25 over the
// number of the article's records holding a term in each tier (head 3, abstract 2, body 1,
// notes 0.5), then the newest issue and print order (the article's number).
JournalSearch.understand = (() => {
  const Q = JournalSearch.query
  // Words a query may hold that say nothing about what is sought (dropped when others remain).
  // "s": the possessive of China's, which the query splits at its apostrophe.
  const STOP = new Set("的 了 和 与 及 或 在 对 是 之 等 也 为 于 以 而 其 the of and in on a an to for with by s".split(" "))
  const HAN_CHAR = /[\u3007\u3400-\u9fff\uf900-\ufaff]/u
  const key = name => name.toLowerCase().split(/\s+/).filter(Boolean).join(" ")

  /** jieba's cut without HMM over `words` (Map word -> frequency), `total` its denominator;
      then runs of single characters joined again (a name the archive does not hold as a word
      is searched as typed, not as scattered characters). Same as vocab.segment in Python. */
  function segment(run, words, total) {
    const chars = [...run], n = chars.length, logTotal = Math.log(total)
    const route = new Array(n + 1).fill(null).map(() => [0, 0])
    for (let i = n - 1; i >= 0; i--) {
      let best = null
      for (let j = i + 1; j <= n; j++) {
        const word = chars.slice(i, j).join("")
        if (j !== i + 1 && !words.has(word)) continue
        const score = Math.log(words.get(word) || 1) - logTotal + route[j][0]
        if (!best || score > best[0] || (score === best[0] && j - 1 > best[1])) best = [score, j - 1]
      }
      route[i] = best
    }
    const out = []
    for (let i = 0; i < n;) { const j = route[i][1] + 1; out.push(chars.slice(i, j).join("")); i = j }
    return out
  }

  /** Single characters next to each other become one run again (stop words stay apart). */
  function joinSingles(words) {
    const out = []
    for (const w of words) {
      const last = out[out.length - 1]
      if (last && [...w].length === 1 && !STOP.has(w) && last.single) { last.text += w; continue }
      out.push({ text: w, single: [...w].length === 1 && !STOP.has(w) })
    }
    return out.map(w => w.text)
  }

  /** The query understood: {typed: pieces as typed, terms: [{text, han, spellings, alts}],
      expanded: [[text, alts]], split: bool}. `source.words(chars)` resolves to {total, words:
      Map}; `source.thesaurus()` to [[names]]; `spellings(text)` to a run's spellings (hant.js). */
  async function understand(query, source, spellings) {
    const typed = await Q.spell(Q.pieces(query), spellings)
    const groups = await source.thesaurus()
    const names = new Map()
    for (const group of groups) for (const name of group) names.set(key(name), group)
    const alts = text => (names.get(key(text)) || []).filter(n => key(n) !== key(text))
    const hanText = typed.filter(p => p.han && p.spellings.length === 1).map(p => p.text).join("")
    const dict = hanText ? await source.words([...new Set(hanText)]) : { total: 1, words: new Map() }
    const terms = [], exact = []
    // A Latin name of the thesaurus (AI, SCO, typed or found) matches whole words only: "ai" is
    // not the start of "aims"; a word typed that is no name stays a prefix ("dispute" finds "disputes").
    const latinNames = list => list.filter(n => !HAN_CHAR.test(n)).map(n => n.toLowerCase())
    const unit = (text, han, extra = []) => {
      const others = alts(text)
      const spellings = [...new Set([text, ...extra, ...others.map(o => o.toLowerCase())])]
      const whole = others.length || names.has(key(text)) ? latinNames([text, ...others]) : []
      return { text, han, alts: others, spellings, whole }
    }
    // A piece as typed (its Traditional spellings, not the thesaurus's other names): the "exact" group.
    const asTyped = (text, han, extra = []) => ({ text, han, alts: [], spellings: [...new Set([text, ...extra])],
      whole: names.has(key(text)) ? latinNames([text]) : [] })
    const add = (text, han, extra = []) => { if (!terms.some(t => t.text === text)) terms.push(unit(text, han, extra)) }
    for (let i = 0; i < typed.length; i++) {
      const piece = typed[i]
      if (!piece.han) {  // Latin: the longest run of typed words that is a thesaurus name, else the word
        let taken = false
        for (let j = Math.min(typed.length, i + 6); j > i + 1; j--) {
          const words = typed.slice(i, j)
          if (words.some(w => w.han)) continue
          const text = words.map(w => w.text).join(" ")
          if (names.has(key(text))) { add(text, false); exact.push(asTyped(text, false)); i = j - 1; taken = true; break }
        }
        if (!taken) { add(piece.text, false); exact.push(asTyped(piece.text, false)) }
      } else if (piece.spellings.length > 1 || names.has(key(piece.text))) {
        add(piece.text, true, piece.spellings.slice(1))  // Traditional, or a name: as typed
        exact.push(asTyped(piece.text, true, piece.spellings.slice(1)))
      } else {
        for (const word of joinSingles(segment(piece.text, dict.words, dict.total))) add(word, true)
        exact.push(asTyped(piece.text, true))
      }
    }
    const meaningful = terms.filter(t => !STOP.has(t.text))
    const kept = meaningful.length ? meaningful : terms
    const typedKept = exact.filter(t => !STOP.has(t.text)).length ? exact.filter(t => !STOP.has(t.text)) : exact
    return {
      typed: typedKept, terms: kept,
      expanded: kept.filter(t => t.alts.length).map(t => [t.text, t.alts]),
      split: kept.length !== typedKept.length || kept.some((t, i) => t.text !== typedKept[i].text || t.alts.length),
    }
  }

  // Enough articles for a first page: a term's costlier other names are not asked once its
  // cheaper spellings have found this many (DESIGN.md, "What a first search costs").
  const ENOUGH = 10

  /** How many index terms (a file each) a spelling costs: a Chinese run of n characters
      n − 2 runs of three, a Latin word one (small words of a several-word name are not asked). */
  function cost(spelling) {
    const all = Q.pieces(spelling)
    const pieces = all.length > 1 ? all.filter(p => !STOP.has(p.text)) : all
    return pieces.reduce((n, p) => n + (p.han ? Math.max(1, [...p.text].length - 2) : 1), 0)
  }

  /** A term's counts from its pieces' counts, online and offline alike: a spelling of several
      pieces (Belt and Road, 生成式AI) counts, in each tier, the smallest of its pieces' counts;
      spellings are united (the largest count). `pieceCounts(piece, whole)` resolves to
      {tier: {article key: records}}. Each article's counts carry `via`: the spellings found
      in it (its records are fetched for those only).
      The spellings that cost no more than the term as typed are asked at once; a costlier
      other name (United Nations Convention on the Law of the Sea for 海洋法公约) only while
      fewer than ENOUGH articles are found: it is what makes a first search expensive. */
  async function unitCounts(unit, year, pieceCounts) {
    const TIERS = ["h", "a", "b", "n"], out = new Map()
    // A spelling that holds another of the unit's spellings finds nothing more (联合国海洋法公约
    // holds 海洋法公约): not asked for. Small words of a several-word name (of, the) are not
    // asked for either; the fetched records are checked for the whole name.
    const spellings = unit.spellings.filter(s => !unit.spellings.some(o => o !== s && s.includes(o)))
    const ask = async spelling => {
      const all = Q.pieces(spelling)
      const pieces = all.length > 1 ? all.filter(p => !STOP.has(p.text)) : all
      if (!pieces.length) return
      const whole = unit.whole?.includes(spelling)
      const answers = await Promise.all(pieces.map(p => pieceCounts(p, whole)))
      for (const t of TIERS) {
        const maps = answers.map(a => a[t] || {})
        for (const k of Object.keys(maps[0])) {
          if (!maps.every(m => m[k] > 0) || (year && !k.startsWith(`${year}.`))) continue
          const c = out.get(k) || { h: 0, a: 0, b: 0, n: 0, via: new Set() }
          c[t] = Math.max(c[t], Math.min(...maps.map(m => m[k])))
          c.via.add(spelling)
          out.set(k, c)
        }
      }
    }
    const limit = cost(unit.text)
    const later = spellings.filter(s => cost(s) > limit).sort((x, y) => cost(x) - cost(y))
    await Promise.all(spellings.filter(s => !later.includes(s)).map(ask))
    out.skipped = []  // not asked: the dialog does not say it searched them
    for (const spelling of later) if (out.size < ENOUGH) await ask(spelling); else out.skipped.push(spelling)
    return out
  }

  /** Whether some article holds every term (else no article can hold the query as typed). */
  const together = termCounts => termCounts.length > 0 && [...termCounts[0].keys()].some(k => termCounts.every(m => {
    const c = m.get(k); return c && (c.h || c.a || c.b || c.n)
  }))

  /** The units whose records are fetched for an article: each term by the spellings found in
      it, and the pieces as typed only for an article that holds them all ("exact"). */
  function unitsFor(article, meaning, termCounts, typedCounts) {
    const only = (unit, counts) => {
      const via = counts.get(article.key)?.via
      return via?.size ? { ...unit, spellings: unit.spellings.filter(s => via.has(s)) } : null
    }
    const out = meaning.terms.map((t, i) => only(t, termCounts[i]))
    if (article.group === "exact")
      meaning.typed.forEach((t, i) => { if (!meaning.terms.some(x => x.text === t.text)) out.push(only(t, typedCounts[i])) })
    return out.filter(Boolean)
  }

  const WEIGHT = { h: 3, a: 2, b: 1, n: 0.5 }, K1 = 1.2, B = 0.75, CUT = 0.75

  /** Articles in the order they are listed: [{key, group: "exact"|"all"|"partial", missing,
      score}], and as `.rest` those far below the best of their group. `termCounts[i]` / `typedCounts[i]`: Map article key -> {h, a, b, n} record
      counts for terms[i] / typed[i]; `sizes`: Map article key -> its number of records. */
  function rank(meaning, termCounts, typedCounts, sizes) {
    const articles = new Set()
    termCounts.forEach(m => m.forEach((_, k) => articles.add(k)))
    const N = Math.max(sizes.size, articles.size, 1)
    const avg = sizes.size ? [...sizes.values()].reduce((a, b) => a + b, 0) / sizes.size : 1
    const idf = termCounts.map(m => Math.log(1 + (N - m.size + 0.5) / (m.size + 0.5)))
    const has = (m, k) => { const c = m.get(k); return c && (c.h || c.a || c.b || c.n) }
    const out = []
    for (const k of articles) {
      let score = 0
      const missing = []
      meaning.terms.forEach((term, i) => {
        const c = termCounts[i].get(k)
        if (!has(termCounts[i], k)) { missing.push(term.text); return }
        const tf = WEIGHT.h * c.h + WEIGHT.a * c.a + WEIGHT.b * c.b + WEIGHT.n * c.n
        const len = sizes.get(k) || avg
        score += idf[i] * tf * (K1 + 1) / (tf + K1 * (1 - B + B * len / avg))
      })
      const exact = !missing.length && typedCounts.every(m => has(m, k))
      out.push({ key: k, group: exact ? "exact" : missing.length ? "partial" : "all", missing, score, found: meaning.terms.length - missing.length })
    }
    const full = out.filter(a => a.group !== "partial")
    let listed = full
    if (!full.length) {  // nobody has every term: those with most of them
      const most = Math.max(0, ...out.map(a => a.found))
      listed = most ? out.filter(a => a.found === most) : []
    }
    // Beyond the exact group, an article far below the best of its group is noise (a common
    // word of the query found everywhere): not listed (DESIGN.md, measured on the query set).
    // They are kept apart (`rest`): the dialog offers them behind a button.
    const rest = []
    for (const group of ["all", "partial"]) {
      const best = Math.max(0, ...listed.filter(a => a.group === group).map(a => a.score))
      rest.push(...listed.filter(a => a.group === group && a.score < CUT * best))
      listed = listed.filter(a => a.group !== group || a.score >= CUT * best)
    }
    const order = { exact: 0, all: 1, partial: 2 }
    const number = k => Number(k.split(".")[1])
    const sort = list => list.sort((x, y) => order[x.group] - order[y.group] || y.score - x.score || number(x.key) - number(y.key))
    const ranked = sort(listed)
    ranked.rest = sort(rest)
    return ranked
  }

  /** Every match of any term (or typed piece) in `text`: {ranges, found: Set of texts}. */
  function find(text, units) {
    const haystack = Q.lower(text), ranges = [], found = new Set()
    for (const unit of units) for (const spelling of unit.spellings) {
      let at = haystack.indexOf(spelling)
      while (at !== -1) {
        const before = String.fromCodePoint(haystack.codePointAt(at - 1) ?? 32)
        const after = haystack[at + spelling.length] ?? " "
        const wordEnd = !unit.whole?.includes(spelling) || !/[\p{Alphabetic}\p{N}]/u.test(after) || HAN_CHAR.test(after)
        if (wordEnd && (HAN_CHAR.test(spelling[0]) || !/[\p{Alphabetic}\p{N}]/u.test(before) || HAN_CHAR.test(before))) {
          ranges.push([at, at + spelling.length]); found.add(unit.text)
        }
        at = haystack.indexOf(spelling, at + 1)
      }
    }
    ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1])
    const merged = []
    for (const r of ranges) {
      const last = merged[merged.length - 1]
      if (last && r[0] < last[1]) last[1] = Math.max(last[1], r[1]); else merged.push([...r])
    }
    return { ranges: merged, found }
  }

  /** What would help when some terms are missing: the words of a missing Chinese term as
      separate words ("加空格"), and the other spelling of a Latin word (-ise/-ize, -our/-or). */
  function hints(meaning, missing, dict) {
    const out = []
    for (const text of missing) {
      const term = meaning.terms.find(t => t.text === text)
      if (term?.han && [...text].length >= 3 && dict) {
        const words = new Map(dict.words); words.delete(text)
        const parts = segment(text, words, dict.total)
        if (parts.length > 1) out.push({ kind: "space", text: parts.join(" ") })
      } else if (term && !term.han) {
        const other = text.replace(/is(e|ing|ation)/, "iz$1") !== text ? text.replace(/is(e|ing|ation)/, "iz$1")
          : text.replace(/iz(e|ing|ation)/, "is$1") !== text ? text.replace(/iz(e|ing|ation)/, "is$1")
          : text.replace(/our\b/, "or") !== text ? text.replace(/our\b/, "or") : null
        if (other) out.push({ kind: "spelling", text: other })
      }
    }
    return out
  }

  return { segment, joinSingles, understand, unitCounts, together, unitsFor, rank, find, hints, key, STOP, ENOUGH }
})()
