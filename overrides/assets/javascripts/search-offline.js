// The offline bundle's search source. Opened from file://, a page may not fetch Pagefind's
// index chunks, so the offline build writes every record into one script instead
// (search/offline-index.js, by src/journal/search/offline.py), loaded with a script tag when a
// reader first opens search, in the same order as the website's index. A query checks every
// record's text with the same rules (search-query.js), so the results are the website's.
window.JournalSearch = window.JournalSearch || {}
JournalSearch.sources = JournalSearch.sources || {}
JournalSearch.sources.offline = base => {
  let index = null
  const load = () => index ??= new Promise((resolve, reject) => {
    const script = document.createElement("script")
    script.src = new URL("offline-index.js", base).href
    script.onload = () => resolve(JournalSearch.offlineIndex)
    script.onerror = () => reject(new Error("search/offline-index.js did not load"))
    document.head.append(script)
  })

  async function search(pieces, year) {
    const records = await load()
    const results = records
      .filter(r => (!year || r.year === year) && JournalSearch.query.matches(r.text, pieces))
      .map(r => ({ load: async () => r }))
    return { results, years: null }
  }

  async function years(pieces) {
    const records = await load()
    const found = new Set(records.filter(r => JournalSearch.query.matches(r.text, pieces)).map(r => r.year))
    return [...found].sort().reverse()
  }

  return { load, search, years }
}
