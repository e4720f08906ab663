// Load the search index when a reader starts to search, not on every page view: the search
// box (search-ui.js) asks for its source the first time it gets focus, and only then is the
// source's script added (search-web.js on the website, search-offline.js in the offline
// bundle), which fetches the index. A page view costs nothing more than the box itself.
window.JournalSearch = window.JournalSearch || {}
JournalSearch.loadSource = (() => {
  let source = null
  const script = src => new Promise((resolve, reject) => {
    const tag = document.createElement("script")
    tag.src = src
    tag.onload = resolve
    tag.onerror = () => reject(new Error(`${src} did not load`))
    document.head.append(tag)
  })
  /** The source named by the search box: {mode: "web" | "offline", base, scripts}. */
  return ({ mode, base, scripts }) => source ??= script(new URL(`search-${mode}.js`, scripts).href)
    .then(() => {
      const made = JournalSearch.sources[mode](base)
      made.load().catch(() => {})  // start fetching the index now; a failure shows at the first query
      return made
    })
})()
