// The search dialog in Material's header (overrides/partials/search.html): Material's look and
// keys ("/", "s" or "f" open it, Escape closes it, the arrow keys move through the results,
// Enter opens the first), with the results grouped by article: title, issue and authors (on
// the English pages the English title, issue and pinyin names, our labels in English), and
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
  const notes = root.querySelector(".journal-search__notes")
  // The dialog speaks the page's language: English on the English pages (/en/…).
  const texts = JSON.parse(root.dataset.searchText)
  const english = /^en\b/.test(document.documentElement.lang) || /(^|\/)en\//.test(location.pathname)
  const text = english ? texts.en : texts.zh
  if (english) {
    input.placeholder = text.search
    input.setAttribute("aria-label", text.search)
    root.setAttribute("aria-label", text.search)
    more.textContent = text.more
    years.setAttribute("aria-label", text.years)
    status.textContent = text.placeholder
  }
  const base = new URL(root.dataset.searchBase, location.href)
  const settings = { mode: root.dataset.searchMode, base, scripts: new URL(root.dataset.searchScripts, location.href) }
  const siteRoot = new URL("../", base)
  const ARTICLES_PER_PAGE = 10, PLACES_PER_ARTICLE = 3
  const { pieces: piecesOf, hits } = JournalSearch.query
  const U = JournalSearch.understand

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
  // The query is understood (search-query.js: words, other names), the source counts each
  // term's records per article and tier, the articles are ranked, and a page of them is shown:
  // for each, its best passages (the places holding the most terms), the others behind
  // "另有 N 处", each a link.
  async function show(query, year = null) {
    const id = ++run
    current = null  // an earlier query still loading its records must not add them to this list
    list.replaceChildren()
    notes.replaceChildren()
    more.hidden = true
    if (!year) years.replaceChildren()
    years.hidden = !years.childElementCount
    if (!piecesOf(query).length) {
      current = null
      status.textContent = text.placeholder
      return
    }
    status.textContent = text.initializer
    try {
      const engine = await ensure()
      const meaning = await U.understand(query, engine, window.journalSpellings)
      if (id !== run) return
      const [termCounts, sizes] = await Promise.all([Promise.all(meaning.terms.map(t => engine.counts(t, year))), engine.sizes()])
      if (id !== run) return
      // The query as typed is asked only when some article holds every term: its runs of characters across
      // the words' boundaries are terms of their own (a file each), wasted when it cannot match.
      const typedCounts = !meaning.split ? termCounts : U.together(termCounts)
        ? await Promise.all(meaning.typed.map(t => engine.counts(t, year))) : meaning.typed.map(() => new Map())
      if (id !== run) return
      const ranked = U.rank(meaning, termCounts, typedCounts, sizes)
      // "Also searched for": the other names asked for (a costly one is not once enough is found).
      meaning.expanded = meaning.terms.map((t, i) => [t.text, t.alts.filter(a => !termCounts[i].skipped?.includes(a.toLowerCase()))])
        .filter(([, alts]) => alts.length)
      current = { id, meaning, ranked, next: 0, query, year, termCounts, typedCounts }
      explain(meaning, ranked, engine, id)
      await showMore()
      if (!year && id === run && ranked.length) showYears(ranked, query)
    } catch (error) {
      if (id === run) status.textContent = text.error
      console.error(error)
    }
  }

  /** 也搜索了：…; and when some terms are missing everywhere, what would help. */
  async function explain(meaning, ranked, engine, id) {
    const lines = []
    if (meaning.expanded.length)
      lines.push(text.expanded + meaning.expanded.map(([t, alts]) => `${t} → ${alts.join(text.comma)}`).join(text.semicolon))
    const missing = ranked.length && ranked[0].group === "partial" ? ranked[0].missing : ranked.length ? [] : meaning.terms.map(t => t.text)
    if (missing.length) {
      const han = meaning.terms.filter(t => t.han).map(t => t.text).join("")
      const dict = han ? await engine.words([...new Set(han)]) : null
      for (const hint of U.hints(meaning, missing, dict)) lines.push((hint.kind === "space" ? text.hintSpace : text.hintSpelling).replace("#", hint.text))
    }
    if (id === run) notes.replaceChildren(...lines.map(line => element("p", "journal-search__note", line)))
  }

  async function showMore() {
    const state = current
    more.hidden = true
    const batch = state.ranked.slice(state.next, state.next + ARTICLES_PER_PAGE)
    state.next += batch.length
    const engine = await ensure()
    // The first article's records first, alone: the first result does not share the line
    // with the page's others (at 50 issues they were up to 90 KiB of the first search); then
    // the others in parallel, each shown in order as soon as it is there. Only the spellings
    // found in the article are asked for. On the English pages, each article's English head
    // (its issue's small file) as well.
    const load = article => {
      const mine = U.unitsFor(article, state.meaning, state.termCounts, state.typedCounts)
      return engine.records(article.key, mine).then(async records => ({
        article, records, mine, head: english && records.length ? await engine.english(records[0].url) : null,
      }))
    }
    const first = batch.length ? load(batch[0]) : null
    const after = first?.catch(() => {})
    const loading = batch.map((article, i) => i === 0 ? first : after.then(() => load(article)))
    let group = state.shownGroup
    const show = ({ article, records, mine, head }) => {
      if (article.group !== group) {  // a line before each group but the exact one when it comes first
        if (article.group !== "exact" || group) list.append(element("li", "journal-search__group", text[`group_${article.group}`]))
        group = article.group
      }
      list.append(item(article, records, state.meaning, mine, head))
      status.textContent = (state.ranked[0].group === "partial" ? text.partial : text.all).replace("#", state.ranked.length - (state.dropped || 0))
    }
    // An article counted "exact" holds every run of three characters of each piece typed, in
    // one record; if its records do not hold the pieces as typed, it is shown with the articles
    // that hold every word, after this page's exact ones (a later page's exact ones get their
    // own line again).
    const demoted = []
    for (const pending of loading) {
      const loaded = await pending
      const { article, records } = loaded
      if (state !== current || state.id !== run) return
      // Counts are per piece (Belt and Road counts where each word is; 2+2 where 22 starts a
      // word): the records of each term must hold it as asked, or the article is not listed.
      const held = records.map(r => r.text).join("\n")
      const { found } = U.find(held, state.meaning.terms)
      if (!records.length || (article.group !== "partial" && state.meaning.terms.some(t => !found.has(t.text)))) {
        state.dropped = (state.dropped || 0) + 1
        continue
      }
      if (article.group === "exact" && state.meaning.typed.some(t => !U.find(held, [t]).found.size)) {
        article.group = "all"
        demoted.push(loaded)
        continue
      }
      if (article.group !== "exact") demoted.splice(0).forEach(show)
      show(loaded)
    }
    demoted.splice(0).forEach(show)
    state.shownGroup = group
    more.hidden = state.next >= state.ranked.length
    if (more.hidden && state.ranked.rest?.length) {  // the articles ranked far below: on request
      const li = element("li", "journal-search__group")
      const button = element("button", "journal-search__rest", text.rest.replace("#", state.ranked.rest.length))
      button.type = "button"
      button.addEventListener("click", () => {
        li.remove()
        state.ranked.push(...state.ranked.rest)
        state.ranked.rest = []
        showMore()
      })
      li.append(button)
      list.append(li)
    }
    const count = state.ranked.length - (state.dropped || 0)
    status.textContent = !count ? text.none : (state.ranked[0].group === "partial" ? text.partial : text.all).replace("#", count)
  }
  more.addEventListener("click", () => current && showMore())

  function showYears(ranked, query) {
    const found = [...new Set(ranked.map(a => a.key.split(".")[0]))].sort().reverse()
    if (found.length < 2) return
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

  /** The article's places holding a term, best first: most distinct terms, then the head and
      abstract before the body, then reading order. */
  function passages(records, meaning) {
    const out = []
    for (const record of records) {
      const { ranges } = U.find(record.text, meaning.terms.concat(meaning.typed))
      hits(record.text, record.places, ranges).forEach((hit, i) => {
        const words = hit.parts.filter(p => p.mark).map(p => p.text.toLowerCase())
        const distinct = meaning.terms.filter(t => t.spellings.some(s => words.some(w => w.includes(s) || s.includes(w)))).length
        out.push({ ...hit, distinct, at: [record.order, i] })
      })
    }
    return out.sort((a, b) => b.distinct - a.distinct || a.at[0] - b.at[0] || a.at[1] - b.at[1])
  }

  function place(page, hit) {
    const p = element("p")
    for (const part of hit.parts) p.append(part.mark ? element("mark", null, part.text) : part.text)
    const target = new URL(page)
    target.hash = hit.anchor
    return link(target.href, element("h2", null, label(hit)), p)
  }

  /** A place's name: a section's heading as printed; on the English pages, the places we name
      (head fields, abstracts, 引言: anchor ""; notes: fn:N) in English (page_text.LABELS_EN). */
  function label(hit) {
    if (!english) return hit.label
    if (hit.anchor.startsWith("fn:")) return text.note.replace("#", hit.anchor.slice(3))
    return hit.anchor === "" ? text.labels[hit.label] ?? hit.label : hit.label
  }

  function item(article, records, meaning, units, headEn) {
    const record = records[0]
    const page = new URL(record.url, siteRoot)
    const li = element("li", "md-search-result__item")
    li.dataset.group = article.group
    li.dataset.score = article.score.toFixed(2)
    // On the English pages: the English title, the issue as the English contents name it, the
    // authors' pinyin names (the Chinese where an article has none: records.english_heads).
    const [titleEn, authorsEn, issueEn] = headEn || []
    const title = titleEn || record.title
    const issue = issueEn ? text.issue.replace("#", issueEn) : record.issue
    const authors = authorsEn || record.authors
    const heading = element("h1", null, title)
    const source = element("p", "journal-search__source", [issue, authors].filter(Boolean).join(" · "))
    const icon = element("div", "md-search-result__icon md-icon")
    const head = [icon, heading, source]
    if (article.missing.length) head.push(element("p", "journal-search__missing", text.missing + article.missing.join(text.comma)))
    li.append(link(page.href, ...head))
    const found = passages(records, meaning)
    for (const hit of found.slice(0, PLACES_PER_ARTICLE)) li.append(place(page, hit))
    const elsewhere = found.length - PLACES_PER_ARTICLE
    if (elsewhere > 0 || records.more) {  // a button that opens the other places, each a link
      const box = element("article", "md-search-result__article md-typeset")
      const label = records.more ? text.elsewhereMore : text.elsewhere.replace("#", elsewhere)
      const button = element("button", "journal-search__elsewhere", label)
      button.type = "button"
      button.setAttribute("aria-expanded", "false")
      button.addEventListener("click", async () => {
        // The article's other records are fetched now (one per word was enough to list it).
        const all = records.more ? passages(await (await ensure()).records(article.key, units, 50), meaning) : found
        const shown = new Set(found.slice(0, PLACES_PER_ARTICLE).map(h => `${h.anchor}|${h.label}|${h.at[0]}`))
        const rest = all.filter(h => !shown.has(`${h.anchor}|${h.label}|${h.at[0]}`)).map(hit => place(page, hit))
        box.replaceWith(...rest)
        rest[0]?.focus()
      })
      box.append(button)
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
