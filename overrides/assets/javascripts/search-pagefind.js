// The website's search source: Pagefind's browser code over the index that
// src/journal/search/pagefind_index.py writes into search/pagefind/ in Pagefind's format.
// Loaded by lazy-search-index.js when a reader first opens search; Pagefind then fetches its
// entry, its page list, its two small filters and WebAssembly (in a worker), and for each query only the index chunks of the words asked for, and a record's text only
// when it is shown.
//
// Which articles hold a term, and how many of their records in each tier, comes from
// Pagefind's filter counts, without fetching a record: every record carries the filters `a`
// (its article: "year.number") and `t` (its tier: h, a, b, n; records.py). One search per
// spelling of a term and tier; search-query.js (JournalSearch.understand.rank) ranks the
// articles. A listed article's records are then found with a search filtered to it, and
// fetched. The query's words (search/words/NN.json, vocab.py) and the thesaurus
// (search/thesaurus.json) load with the first query, a shard per distinct character; on the
// English pages, the English heads of the results' issues (search/en/YYYY-NN.json).
window.JournalSearch = window.JournalSearch || {}
JournalSearch.sources = JournalSearch.sources || {}
JournalSearch.sources.pagefind = base => {
  const Q = JournalSearch.query
  const TIERS = ["h", "a", "b", "n"]
  let engine = null, totals = null, groups = null, meta = null
  const shards = new Map(), cache = new Map()
  const load = () => engine ??= import(new URL("pagefind/pagefind.js", base).href).then(async pagefind => {
    await pagefind.options({ excerptLength: 0 })
    await pagefind.init()
    return pagefind
  })
  const json = path => fetch(new URL(path, base)).then(r => { if (!r.ok) throw new Error(`${path}: ${r.status}`); return r.json() })
  const filters = () => totals ??= load().then(pagefind => pagefind.filters())

  // A whole Latin word (a thesaurus name) is asked as a one-word phrase, which Pagefind matches
  // only as the whole word; other Latin pieces are prefixes; Chinese, phrases of pairs.
  const termOf = (piece, whole) => {
    if (whole && !piece.han) return `"${piece.text.replace(/[^\p{Alphabetic}\p{N}]/gu, "")}"`
    const q = Q.engineQuery(piece)
    return q.exact ? `"${q.words.join(" ")}"` : q.words[0]
  }

  /** Pagefind's answer for one piece in one tier (or one article), kept for the session. */
  function ask(piece, whole, options, id) {
    if (!cache.has(id)) cache.set(id, load().then(async pagefind => { await filters(); return pagefind.search(termOf(piece, whole), options) }))
    return cache.get(id)
  }

  /** {tier: {article key: records holding the piece}}, from Pagefind's filter counts. */
  async function pieceCounts(piece, whole) {
    const answers = await Promise.all(TIERS.map(t => ask(piece, whole, { filters: { t } }, `${t}|${whole}|${piece.text}`)))
    return Object.fromEntries(TIERS.map((t, i) => [t, answers[i].filters?.a || {}]))
  }

  const counts = (unit, year) => JournalSearch.understand.unitCounts(unit, year, pieceCounts)

  async function sizes() {
    const all = await filters()
    return new Map(Object.entries(all.a || {}))
  }

  function record(fragment) {
    const m = fragment.meta
    return {
      order: Number(m.order), tier: m.tier, url: m.url, title: m.title, authors: m.authors,
      issue: m.issue, year: m.year, places: JSON.parse(m.places), text: fragment.content,
    }
  }

  /** The article's records that hold each of `units` (`each` per unit, counting those already
      taken for an earlier unit), fetched, in reading order: every term has a record among
      them, so the text can be checked. The candidates that hold most units are taken first
      (the head record often holds every term, and one record is one fetch). A candidate
      counts for a unit only when its text holds it: Pagefind answers a several-word name
      (Belt and Road) by its words, anywhere in the record, and 2+2 where 22 starts a word;
      while a unit has no such record, a few more of its candidates are fetched (RETRIES),
      so an article is not dropped because its first candidate was not the one.
      `more`: whether the article has other candidates (fetched when the reader opens them). */
  const RETRIES = 2
  async function records(key, units, each = 1) {
    const U = JournalSearch.understand
    const lists = []
    for (const unit of units) {
      const found = new Map()
      for (const spelling of unit.spellings) {
        const pieces = Q.pieces(spelling)
        if (!pieces.length) continue
        const whole = unit.whole?.includes(spelling)
        const answer = await ask(pieces[0], whole, { filters: { a: key } }, `${key}|${whole}|${pieces[0].text}`)
        for (const r of answer.results) found.set(r.id, r)
      }
      lists.push([...found.values()])
    }
    const votes = new Map()
    for (const list of lists) for (const r of list) votes.set(r.id, (votes.get(r.id) || 0) + 1)
    for (const list of lists) list.sort((x, y) => votes.get(y.id) - votes.get(x.id))  // stable: Pagefind's order within
    const fetched = new Map(), done = new Map(), tried = lists.map(() => 0)
    const holds = (id, unit) => U.find(done.get(id).text, [unit]).found.size > 0
    for (;;) {  // each round: every unit short of `each` records takes its next candidates
      const round = new Set()
      units.forEach((unit, u) => {
        // a record fetched in this round counts until its text is there; an earlier one if it holds the unit
        let need = each - lists[u].filter(r => round.has(r.id) || (done.has(r.id) && holds(r.id, unit))).length
        // Past the first `each`, at most RETRIES more: an article whose candidates lack the
        // unit is not worth fetching all of them.
        const limit = Math.min(lists[u].length, each + RETRIES)
        while (need > 0 && tried[u] < limit) {
          const r = lists[u][tried[u]++]
          if (fetched.has(r.id)) continue
          fetched.set(r.id, r.data().then(record))
          round.add(r.id)
          need--
        }
      })
      if (!round.size) break
      for (const id of round) done.set(id, await fetched.get(id))
    }
    const loaded = [...done.keys()].filter(id => units.some(unit => holds(id, unit))).map(id => done.get(id))
    loaded.sort((x, y) => x.order - y.order)
    loaded.more = new Set(lists.flat().map(r => r.id)).size > fetched.size
    return loaded
  }

  async function words(chars) {
    meta ??= json("words/meta.json")
    const { total, shards: count } = await meta
    const numbers = [...new Set(chars.map(c => c.codePointAt(0) % count))]
    const parts = await Promise.all(numbers.map(n => {
      if (!shards.has(n)) shards.set(n, json(`words/${n}.json`).catch(() => ({})))
      return shards.get(n)
    }))
    const map = new Map()
    for (const part of parts) for (const [w, f] of Object.entries(part)) map.set(w, f)
    return { total, words: map }
  }

  const thesaurus = async () => (groups ??= json("thesaurus.json").then(d => d.groups).catch(() => []))

  /** [English title, pinyin names, "2026, No. 2"] of the article at `url` (records.py
      english_heads: one small file per issue, fetched on the English pages only), or null. */
  const heads = new Map()
  async function english(url) {
    const issue = url.split("/").slice(0, 2).join("-")
    if (!heads.has(issue)) heads.set(issue, json(`en/${issue}.json`).catch(() => ({})))
    return (await heads.get(issue))[url] || null
  }

  return { load, counts, sizes, records, words, thesaurus, english }
}
