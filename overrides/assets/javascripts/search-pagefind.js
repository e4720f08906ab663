// The website's search source: Pagefind (src/journal/search/engine.py writes its index into
// search/pagefind/). Loaded by lazy-search-index.js when a reader first opens search; Pagefind
// then fetches its entry, its page list and WebAssembly (in a worker), and for each query only
// the index chunks of the words asked for, and a record's text only when it is shown.
//
// Each piece of the query is its own Pagefind search (a phrase of pairs for Chinese, a prefix
// for other words); a record is a candidate when every piece found it. Pagefind returns the
// records of a phrase in the index's order (records.py: where the query occurs, then the
// newest issue), prefixes by its relevance score; search-ui.js sorts what it shows.
window.JournalSearch = window.JournalSearch || {}
JournalSearch.sources = JournalSearch.sources || {}
JournalSearch.sources.pagefind = base => {
  let engine = null
  const load = () => engine ??= import(new URL("pagefind/pagefind.js", base).href).then(async pagefind => {
    await pagefind.options({ excerptLength: 0 })
    await pagefind.init()
    return pagefind
  })

  const term = piece => {
    const q = JournalSearch.query.engineQuery(piece)
    return q.exact ? `"${q.words.join(" ")}"` : q.words[0]
  }

  /** One piece's answer: the results of each spelling, in order, each record once; and the
      years with their counts (a record found by two spellings may count twice). */
  async function find(pagefind, piece, options) {
    const spellings = JournalSearch.query.spellingsOf(piece)
    const answers = await Promise.all(spellings.map(text => pagefind.search(term({ ...piece, text }), options)))
    const seen = new Set(), results = [], years = {}
    for (const answer of answers) {
      for (const r of answer.results) if (!seen.has(r.id) && seen.add(r.id)) results.push(r)
      for (const [year, n] of Object.entries(answer.filters?.year || {})) years[year] = (years[year] || 0) + n
    }
    return { results, years }
  }

  function record(fragment) {
    const meta = fragment.meta
    return {
      order: Number(meta.order), tier: meta.tier, url: meta.url, title: meta.title, authors: meta.authors,
      issue: meta.issue, year: meta.year, places: JSON.parse(meta.places),
      text: JournalSearch.query.decode(fragment.content),
    }
  }

  /** {results: [{load(): Promise<record>}], years: ["2026", ...] or null} */
  async function search(pieces, year) {
    const pagefind = await load()
    const filters = year ? { year } : {}
    const answers = await Promise.all(pieces.map(p => find(pagefind, p, { filters })))
    // Intersect, in the order of a phrase's answer if there is one (the index's order).
    const lists = answers.map(a => a.results)
    const lead = pieces.findIndex(p => JournalSearch.query.engineQuery(p).exact)
    const ordered = lists[lead === -1 ? 0 : lead] || []
    const others = lists.map(list => new Set(list.map(r => r.id)))
    const results = ordered.filter(r => others.every(ids => ids.has(r.id)))
      .map(r => ({ load: () => r.data().then(record) }))
    return { results, years: null }
  }

  /** The years the rarest piece occurs in, newest first (loads Pagefind's year filter). */
  async function years(pieces) {
    const pagefind = await load()
    await pagefind.filters()
    const answers = await Promise.all(pieces.map(p => find(pagefind, p)))
    const rarest = answers.reduce((a, b) => (b.results.length < a.results.length ? b : a))
    return Object.entries(rarest.years).filter(([, n]) => n > 0).map(([y]) => y).sort().reverse()
  }

  return { load, search, years }
}
