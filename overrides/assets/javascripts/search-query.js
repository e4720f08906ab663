// What a query means, the same for the website (Pagefind) and the offline bundle (a script
// index): the query cut into pieces; the words the engine is asked for; whether a record's text
// holds every piece; and the snippets a result shows. src/journal/search/tokens.py is the
// index side of the same rules (tests/search/test_tokens.py checks the two agree).
//
// - Every piece is required. Pieces are the query split at spaces and punctuation, then into
//   runs of Chinese characters and other runs ("北极AUKUS" → 北极, aukus).
// - A Chinese run matches only where it occurs as typed: the engine is asked for the phrase of
//   its overlapping character pairs, and the text is checked before a record is listed.
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
  const GRAM = 2
  const SPACE = "\ue000", NEWLINE = "\ue001"

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

  // A Chinese character as the index writes it (tokens.py): its code point, base 36, 4 digits.
  const code = c => c.codePointAt(0).toString(36).padStart(4, "0")
  const MARK = "_"

  /** What the engine is asked for a piece: a phrase of pairs, or a word prefix. */
  function engineQuery(piece) {
    const chars = [...piece.text]
    if (piece.han && chars.length >= GRAM)
      return { exact: true, words: chars.slice(0, -1).map((c, i) => MARK + code(c) + code(chars[i + 1])) }
    return { exact: false, words: [piece.han ? MARK + code(chars[0]) : piece.text.replace(NOT_ALNUM, "")] }
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

  /** The record's text from what the engine stored (tokens.encode in reverse). */
  function decode(content) {
    let out = ""
    for (const word of content.split(" ")) {
      if (word === SPACE) out += " "
      else if (word === NEWLINE) out += "\n"
      else if (word.startsWith(MARK) && (word.length === 1 + 4 || word.length === 1 + 4 * GRAM))
        out += String.fromCodePoint(parseInt(word.slice(1, 5), 36))  // a pair stands for its first character
      else out += word
    }
    return out
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

  return { pieces, spell, spellingsOf, engineQuery, matches, decode, snippet, hits, lower }
})()
