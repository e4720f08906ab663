// The offline bundle's search source. Opened from file://, a page may not fetch the website's
// index files, so the offline build writes every record into one script instead
// (search/offline-index.js, by src/journal/search/offline.py), with the query words and the
// thesaurus, loaded with a script tag when a reader first opens search. It answers what the
// website's source answers (search-web.js), from the records' text: the same counts per
// article and tier, ranked by the same code (search-query.js), so the results are the website's.
window.JournalSearch = window.JournalSearch || {}
JournalSearch.sources = JournalSearch.sources || {}
JournalSearch.sources.offline = base => {
  const U = () => JournalSearch.understand
  let index = null
  const load = () => index ??= new Promise((resolve, reject) => {
    const script = document.createElement("script")
    script.src = new URL("offline-index.js", base).href
    script.onload = () => resolve(JournalSearch.offlineIndex)
    script.onerror = () => reject(new Error("search/offline-index.js did not load"))
    document.head.append(script)
  })

  /** {tier: {article key: records holding the piece}}, as the website's index counts them: a
      Chinese piece by its runs of three characters, each anywhere in the record (the listed
      articles' records are then checked for the piece as typed, online and offline alike). */
  async function pieceCounts(piece, whole) {
    const out = { h: {}, a: {}, b: {}, n: {} }
    const runs = piece.han ? JournalSearch.query.lookups(piece) : null
    const unit = { text: piece.text, spellings: [piece.text], whole: whole ? [piece.text] : [] }
    const holds = runs ? r => runs.every(run => r.text.includes(run)) : r => U().find(r.text, [unit]).found.size > 0
    for (const r of await load())
      if (holds(r)) out[r.t][r.a] = (out[r.t][r.a] || 0) + 1
    return out
  }

  const counts = (unit, year) => U().unitCounts(unit, year, pieceCounts)

  async function sizes() {
    const out = new Map()
    for (const r of await load()) out.set(r.a, (out.get(r.a) || 0) + 1)
    return out
  }

  async function records(key, units, each = 1) {
    const mine = (await load()).filter(r => r.a === key), out = new Set(), all = new Set()
    for (const unit of units) {
      const holding = mine.filter(r => U().find(r.text, [unit]).found.size)
      holding.forEach(r => all.add(r))
      let taken = holding.filter(r => out.has(r)).length  // as online: a record taken for an earlier unit counts
      for (const r of holding) { if (taken >= each) break; if (!out.has(r)) { out.add(r); taken++ } }
    }
    const list = [...out].sort((x, y) => x.order - y.order)
    list.more = all.size > out.size
    return list
  }

  async function words() {
    await load()
    const data = JournalSearch.offlineWords
    return { total: data.total, words: new Map(Object.entries(data.words)) }
  }

  const thesaurus = async () => { await load(); return JournalSearch.offlineThesaurus.groups }

  const english = async url => { await load(); return JournalSearch.offlineEnglish?.[url] || null }

  return { load, counts, sizes, records, words, thesaurus, english }
}
