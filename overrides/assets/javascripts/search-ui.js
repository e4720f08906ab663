// The search dialog in Material's header (overrides/partials/search.html): Material's look and
// keys ("/", "s" or "f" open it, Escape closes it, the arrow keys move through the results,
// Enter opens the first), with the results grouped by article: title, issue and authors, and
// under it the places the query occurs (a section, a footnote, the abstract), each a link
// with a short snippet, the query marked. Everything shown is built with textContent; nothing
// from the index is parsed as HTML.
//
// Results are shown in the order of the records (src/journal/search/records.py: where the query
// occurs, then the newest issue, then print order), a page of articles at a time; each record
// is checked against the query before it is listed (search-query.js), so a candidate the
// engine returned that does not hold the query as typed is never shown.
(() => {
  const root = document.querySelector(".journal-search")
  const toggle = document.getElementById("__search")
  if (!root || !toggle) return
  const input = root.querySelector(".md-search__input")
  const form = root.querySelector("form")
  const status = root.querySelector(".md-search-result__meta")
  const list = root.querySelector(".md-search-result__list")
  const years = root.querySelector(".journal-search__years")
  const more = root.querySelector(".journal-search__more")
  const text = JSON.parse(root.dataset.searchText)
  const base = new URL(root.dataset.searchBase, location.href)
  const settings = { mode: root.dataset.searchMode, base, scripts: new URL(root.dataset.searchScripts, location.href) }
  const siteRoot = new URL("../", base)
  const ARTICLES_PER_PAGE = 10, PLACES_PER_ARTICLE = 3, PARALLEL = 6
  const { pieces: piecesOf, spell, matches, hits } = JournalSearch.query

  let source = null, run = 0, current = null, timer = null
  const ensure = () => source ??= JournalSearch.loadSource(settings)

  // ---- opening and closing, as Material's toggle does ----
  const setOpen = open => {
    if (toggle.checked === open) return
    toggle.checked = open
    toggle.dispatchEvent(new Event("change"))
  }
  toggle.addEventListener("change", () => {
    if (toggle.checked) {
      ensure().catch(() => {})
      setTimeout(() => input.focus(), 0)
    } else if (root.contains(document.activeElement)) {
      document.activeElement.blur()
    }
  })
  input.addEventListener("focus", () => { setOpen(true); ensure().catch(() => {}) })
  root.addEventListener("focusout", ev => {
    if (ev.relatedTarget && !root.contains(ev.relatedTarget)) setOpen(false)
  })
  list.addEventListener("click", ev => { if (ev.target.closest("a")) setOpen(false) })
  form.addEventListener("submit", ev => {
    ev.preventDefault()
    list.querySelector("a")?.click()
  })
  form.addEventListener("reset", () => setTimeout(() => { show(""); input.focus() }, 0))

  const editable = el => el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))
  document.addEventListener("keydown", ev => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.isComposing) return
    if (!toggle.checked) {
      if (["/", "s", "f"].includes(ev.key) && !editable(ev.target)) {
        ev.preventDefault()
        setOpen(true)
        input.focus()
        input.select()
      }
      return
    }
    if (ev.key === "Escape") {
      ev.preventDefault()
      setOpen(false)
    } else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      const stops = [input, ...list.querySelectorAll("a")]
      const at = stops.indexOf(document.activeElement)
      const next = (Math.max(0, at) + stops.length + (ev.key === "ArrowUp" ? -1 : 1)) % stops.length
      stops[next].focus()
      ev.preventDefault()
    }
  })

  // ---- typing ----
  const typed = () => {
    clearTimeout(timer)
    timer = setTimeout(() => show(input.value), 120)
  }
  input.addEventListener("input", ev => { if (!ev.isComposing) typed() })
  input.addEventListener("compositionend", typed)

  // ---- searching ----
  async function show(query, year = null) {
    const id = ++run
    const typed = piecesOf(query)
    list.replaceChildren()
    more.hidden = true
    if (!year) years.replaceChildren()
    years.hidden = !years.childElementCount
    if (!typed.length) {
      current = null
      status.textContent = text.placeholder
      return
    }
    status.textContent = text.initializer
    let answer
    try {
      // A query typed in Traditional is searched in its Simplified spellings too (hant.js).
      const [engine, pieces] = await Promise.all([ensure(), spell(typed, window.journalSpellings)])
      if (id !== run) return
      answer = await engine.search(pieces, year)
      if (id !== run) return
      current = { id, pieces, results: answer.results, next: 0, groups: new Map(), query, year }
      await showMore()
      if (!year && id === run && current.groups.size) showYears(engine, pieces, id, query)
    } catch (error) {
      if (id === run) status.textContent = text.error
      console.error(error)
    }
  }

  async function showMore() {
    const state = current, fresh = []
    more.hidden = true
    while (state.next < state.results.length && fresh.length < ARTICLES_PER_PAGE) {
      const batch = state.results.slice(state.next, state.next + PARALLEL)
      state.next += batch.length
      const records = await Promise.all(batch.map(r => r.load()))
      if (state !== current) return
      for (const record of records) {
        const ranges = matches(record.text, state.pieces)
        if (!ranges) continue  // the engine's candidate does not hold the query as typed
        let group = state.groups.get(record.url)
        if (!group) {
          group = { record, order: record.order, places: [], item: null }
          state.groups.set(record.url, group)
          fresh.push(group)
        }
        group.order = Math.min(group.order, record.order)
        hits(record.text, record.places, ranges).forEach((hit, i) => group.places.push({ ...hit, at: [record.order, i] }))
        // The article's places in reading order (a prefix's answer comes in relevance order).
        group.places.sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1])
        if (group.item) group.item.replaceWith(group.item = item(group))
      }
    }
    fresh.sort((a, b) => a.order - b.order)
    for (const group of fresh) list.append(group.item = item(group))
    const left = state.next < state.results.length
    more.hidden = !left
    const count = state.groups.size
    status.textContent = !count && !left ? text.none
      : (left ? text.some : text.all).replace("#", count)
  }
  more.addEventListener("click", () => current && showMore())

  async function showYears(engine, pieces, id, query) {
    const found = await engine.years(pieces)
    if (id !== run || found.length < 2) return
    const button = (label, year) => {
      const b = document.createElement("button")
      b.type = "button"
      b.className = "journal-search__year"
      b.textContent = label
      b.setAttribute("aria-pressed", String(year === null))
      b.addEventListener("click", () => {
        for (const other of years.children) other.setAttribute("aria-pressed", String(other === b))
        show(query, year)
      })
      return b
    }
    years.replaceChildren(button(text.allYears, null), ...found.map(y => button(y, y)))
    years.hidden = false
  }

  // ---- one article in the list ----
  function element(tag, className, content) {
    const el = document.createElement(tag)
    if (className) el.className = className
    if (content !== undefined) el.textContent = content
    return el
  }

  function link(href, ...children) {
    const a = element("a", "md-search-result__link")
    a.href = href
    const article = element("article", "md-search-result__article md-typeset")
    article.append(...children)
    a.append(article)
    return a
  }

  function item(group) {
    const { record } = group
    const page = new URL(record.url, siteRoot)
    const li = element("li", "md-search-result__item")
    const heading = element("h1", null, record.title)
    const source = element("p", "journal-search__source", [record.issue, record.authors].filter(Boolean).join(" · "))
    const icon = element("div", "md-search-result__icon md-icon")
    li.append(link(page.href, icon, heading, source))
    for (const place of group.places.slice(0, PLACES_PER_ARTICLE)) {
      const p = element("p")
      for (const part of place.parts) p.append(part.mark ? element("mark", null, part.text) : part.text)
      const target = new URL(page)
      target.hash = place.anchor
      li.append(link(target.href, element("h2", null, place.label), p))
    }
    const elsewhere = group.places.length - PLACES_PER_ARTICLE
    if (elsewhere > 0) {  // in an article box, for Material's indentation
      const box = element("article", "md-search-result__article md-typeset")
      box.append(element("p", "journal-search__elsewhere", text.elsewhere.replace("#", elsewhere)))
      li.append(box)
    }
    return li
  }

  // Material's search.css applies to our markup; the few rules of our own are in search-ui.css.
  const style = document.createElement("link")
  style.rel = "stylesheet"
  style.href = new URL("search-ui.css", settings.scripts).href
  document.head.append(style)
})()
