// The website's search source: the index src/journal/search/index_files.py writes into
// search/index/, fetched a small file at a time. Loaded by lazy-search-index.js when a reader
// first opens search; it then fetches the index's entry (its name, how many term files it has,
// how many records each article has in each tier: ~6 KB gzip at 300 issues), and for each query
// only the term files of the terms asked (tokens.py: a Chinese run's runs of three characters, a Latin word's
// start), a few KB each, and a record's own file only when the record is shown.
//
// Which articles hold a term, and how many of their records in each tier, comes from the term
// files alone: records are numbered in result order (tier, then article), so a record's number
// says its article and tier. search-query.js (JournalSearch.understand.rank) ranks the articles.
// A listed article's records holding the query's terms are then fetched and checked. The query's
// words (search/words/NN.json, vocab.py) and the thesaurus (search/thesaurus.json) load with the
// first query, a shard per distinct character; on the English pages, the English heads of the
// results' issues (search/en/YYYY-NN.json).
window.JournalSearch = window.JournalSearch || {}
JournalSearch.sources = JournalSearch.sources || {}
JournalSearch.sources.web = base => {
  const Q = JournalSearch.query
  const TIERS = ["h", "a", "b", "n"]
  const json = (path, init) => fetch(new URL(path, base), init).then(r => { if (!r.ok) throw new Error(`${path}: ${r.status}`); return r.json() })
  /** `map`'s promise for `key`, made by `make` once; forgotten if it fails, so a later query tries again. */
  const once = (map, key, make) => {
    if (!map.has(key)) map.set(key, make().catch(error => { map.delete(key); throw error }))
    return map.get(key)
  }
  let groups = null
  const entries = new Map(), files = new Map(), lists = new Map(), shards = new Map(), heads = new Map(), fetched = new Map()

  /** The entry, read into each record's article and tier: {name, shards, keys (article number ->
      "year.number"), article / tier (record -> number), sizes (key -> records), number (key -> number)}. */
  // Always asked of the server (no-cache: a 304 if unchanged): an entry kept from before a deploy
  // would name files the deploy removed.
  const load = () => once(entries, "", () => json("index/index.json", { cache: "no-cache" }).then(e => {
    const keys = []
    for (const [year, count] of e.years) for (let i = 0; i < count; i++) keys.push(`${year}.${keys.length}`)
    const article = new Int32Array(e.records), tier = new Uint8Array(e.records), sizes = new Map()
    let r = 0
    TIERS.forEach((t, ti) => e.tiers[t].forEach((count, a) => {
      for (let i = 0; i < count; i++, r++) { article[r] = a; tier[r] = ti }
      if (count) sizes.set(keys[a], (sizes.get(keys[a]) || 0) + count)
    }))
    return { name: e.name, shards: e.shards, keys, article, tier, sizes, number: new Map(keys.map((k, i) => [k, i])) }
  }))

  /** Which term file holds `term`: the CRC-32 of its UTF-8, as tokens.shard. */
  const CRC = Array.from({ length: 256 }, (_, n) => {
    for (let k = 0; k < 8; k++) n = n & 1 ? 0xedb88320 ^ (n >>> 1) : n >>> 1
    return n >>> 0
  })
  const utf8 = new TextEncoder()
  const shard = (term, count) => {
    let c = 0xffffffff
    for (const byte of utf8.encode(term)) c = CRC[(c ^ byte) & 0xff] ^ (c >>> 8)
    return ((c ^ 0xffffffff) >>> 0) & (count - 1)
  }

  /** The records holding `term`, ascending; the term's file is fetched once a session. */
  function list(term) {
    return once(lists, term, () => load().then(async e => {
      const k = shard(term, e.shards)
      const file = await once(files, k, () => json(`index/${e.name}/t/${k}.json`))
      const steps = Object.hasOwn(file, term) ? file[term] : []  // not "constructor" of every object
      let at = 0
      return steps.map(step => (at += step))
    }))
  }

  /** The records holding every term of `piece` (a Chinese run: all its runs of three characters, anywhere in the
      record: the text is checked once it is fetched). */
  async function holding(piece, whole) {
    const terms = Q.lookups(piece, whole)
    if (!terms.length) return []
    const all = (await Promise.all(terms.map(list))).sort((x, y) => x.length - y.length)
    return all.slice(1).reduce((out, other) => { const set = new Set(other); return out.filter(r => set.has(r)) }, all[0])
  }

  /** {tier: {article key: records holding the piece}}. */
  async function pieceCounts(piece, whole) {
    const e = await load(), out = { h: {}, a: {}, b: {}, n: {} }
    for (const r of await holding(piece, whole)) {
      const counts = out[TIERS[e.tier[r]]], k = e.keys[e.article[r]]
      counts[k] = (counts[k] || 0) + 1
    }
    return out
  }

  const counts = (unit, year) => JournalSearch.understand.unitCounts(unit, year, pieceCounts)

  const sizes = async () => (await load()).sizes

  /** Record `n` as a result shows it (its own file). */
  function record(n) {
    return once(fetched, n, () => load().then(e => json(`index/${e.name}/r/${n}.json`)).then(r => ({
      order: n, tier: r.tier, url: r.url, title: r.title, authors: r.authors, issue: r.issue, year: r.year,
      places: r.places, text: r.text,
    })))
  }

  /** The article's records that hold each of `units` (`each` per unit, counting those already
      taken for an earlier unit), fetched, in reading order: every term has a record among
      them, so the text can be checked. The candidates that hold most units are taken first
      (the head record often holds every term, and one record is one fetch). A candidate
      counts for a unit only when its text holds it (a Chinese piece's runs of three may stand apart;
      2+2 is held as 22 where 22 starts a word); while a unit has no such record, a few more of
      its candidates are fetched (RETRIES), so an article is not dropped because its first
      candidate was not the one. `more`: whether the article has other candidates (fetched
      when the reader opens them). */
  const RETRIES = 2
  async function records(key, units, each = 1) {
    const U = JournalSearch.understand
    const e = await load(), mine = e.number.get(key)
    const lists = []
    for (const unit of units) {
      const found = new Set()
      for (const spelling of unit.spellings) {
        const all = Q.pieces(spelling)
        const pieces = all.length > 1 ? all.filter(p => !U.STOP.has(p.text)) : all
        if (!pieces.length) continue
        const whole = unit.whole?.includes(spelling)
        const sets = await Promise.all(pieces.map(p => holding(p, whole)))
        const rest = sets.slice(1).map(s => new Set(s))
        for (const r of sets[0]) if (e.article[r] === mine && rest.every(s => s.has(r))) found.add(r)
      }
      lists.push([...found].sort((x, y) => x - y))
    }
    const votes = new Map()
    for (const list of lists) for (const r of list) votes.set(r, (votes.get(r) || 0) + 1)
    for (const list of lists) list.sort((x, y) => votes.get(y) - votes.get(x))  // stable: reading order within
    const asked = new Set(), done = new Map(), tried = lists.map(() => 0)
    const holds = (r, unit) => U.find(done.get(r).text, [unit]).found.size > 0
    for (;;) {  // each round: every unit short of `each` records takes its next candidates
      const round = new Set()
      units.forEach((unit, u) => {
        // a record fetched in this round counts until its text is there; an earlier one if it holds the unit
        let need = each - lists[u].filter(r => round.has(r) || (done.has(r) && holds(r, unit))).length
        // Past the first `each`, at most RETRIES more: an article whose candidates lack the
        // unit is not worth fetching all of them.
        const limit = Math.min(lists[u].length, each + RETRIES)
        while (need > 0 && tried[u] < limit) {
          const r = lists[u][tried[u]++]
          if (asked.has(r)) continue
          asked.add(r)
          round.add(r)
          need--
        }
      })
      if (!round.size) break
      const loading = [...round].map(r => [r, record(r)])  // fetched at once, not one after another
      for (const [r, pending] of loading) done.set(r, await pending)
    }
    const loaded = [...done.keys()].filter(r => units.some(unit => holds(r, unit))).map(r => done.get(r))
    loaded.sort((x, y) => x.order - y.order)
    loaded.more = new Set(lists.flat()).size > asked.size
    return loaded
  }

  async function words(chars) {
    const { total, shards: count } = await once(entries, "words", () => json("words/meta.json"))
    const numbers = [...new Set(chars.map(c => c.codePointAt(0) % count))]
    // A shard no word of the archive falls in is not written: none of its words, then.
    const parts = await Promise.all(numbers.map(n => once(shards, n, () => json(`words/${n}.json`).catch(() => ({})))))
    const map = new Map()
    for (const part of parts) for (const [w, f] of Object.entries(part)) map.set(w, f)  // own keys only
    return { total, words: map }
  }

  const thesaurus = async () => (groups ??= json("thesaurus.json").then(d => d.groups).catch(() => []))

  /** [English title, pinyin names, "2026, No. 2"] of the article at `url` (records.py
      english_heads: one small file per issue, fetched on the English pages only), or null. */
  async function english(url) {
    const issue = url.split("/").slice(0, 2).join("-")
    if (!heads.has(issue)) heads.set(issue, json(`en/${issue}.json`).catch(() => ({})))
    return (await heads.get(issue))[url] || null
  }

  return { load, counts, sizes, records, words, thesaurus, english }
}
