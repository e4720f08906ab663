/* zh-search: prepended to Material's search worker by build_tools/zh_search.py,
 * which also patches Search.search() to call __zhSearch.plan() instead of
 * Material's own Chinese segmentation + query transform. Semantics:
 *  - every query piece is required (AND); pieces = query split by the index
 *    separator, then into Han runs and non-Han runs (like the build does);
 *  - a Han run must occur contiguously in the section (substring match, as
 *    with Ctrl-F); non-Han pieces match as word prefixes ("dispute" finds
 *    "disputes"); nothing is truncated or stemmed.
 * Ranking/highlighting come from lunr when the run can be segmented into index
 * tokens (jieba's), otherwise they are synthesised from the tokens covering
 * each occurrence of the run (e.g. "经济" inside the token "经济走廊"). */
self.__zhSearch = (() => {
  const HAN = /\p{sc=Han}/u
  const HAN_RUN = /(\p{sc=Han}+)/u
  const GAP = "(?:<[^>]*>|[\\u200b\\s])*"   /* markup/segmentation between chars */
  const cache = new WeakMap()               /* lunr.Index -> { vocab, text } */

  function state(index) {
    let s = cache.get(index)
    if (!s) {
      s = { vocab: new Set(), text: new Map() }
      for (const key of Object.keys(index.invertedIndex))
        if (HAN.test(key)) s.vocab.add(key)
      cache.set(index, s)
    }
    return s
  }

  /* Plain text of a section: no markup, no segmentation, lower case */
  function plain(s, doc) {
    let t = s.text.get(doc.location)
    if (t === undefined) {
      t = [doc.title, doc.text, ...(doc.tags || [])].join("\n")
        .replace(/<[^>]*>/g, "").replace(/\u200b/g, "")
        .replace(/(\p{sc=Han})\s+(?=\p{sc=Han})/gu, "$1").toLowerCase()
      s.text.set(doc.location, t)
    }
    return t
  }

  /* Segment a Han run into the fewest index tokens (undefined if impossible) */
  function segment(run, vocab) {
    const best = [[]]
    for (let i = 0; i < run.length; i++)
      if (best[i])
        for (let j = i + 1; j <= run.length; j++)
          if (vocab.has(run.slice(i, j)) &&
              (!best[j] || best[j].length > best[i].length + 1))
            best[j] = [...best[i], run.slice(i, j)]
    return best[run.length]
  }

  function plan(query, index) {
    const s = state(index)
    const W = lunr.Query.wildcard
    const latin = [], han = [], phrases = []
    let exact = true
    const separator = new RegExp(lunr.tokenizer.separator.source, "g")
    for (const piece of query.toLowerCase().split(separator))
      for (let part of (piece || "").split(HAN_RUN)) {
        if (HAN.test(part)) {
          phrases.push(part)
          const tokens = segment(part, s.vocab)
          if (tokens) han.push(...tokens.map(term => ({ term, wildcard: W.NONE })))
          else exact = false
        } else if ((part = part.replace(/^\++/, ""))) {
          latin.push({ term: part, wildcard: W.TRAILING })
        }
      }
    if (!latin.length && !phrases.length)
      return undefined

    const query_ = clauses => index.query(q => {
      for (const c of clauses)
        q.term(c.term, {
          presence: lunr.Query.presence.REQUIRED,
          wildcard: c.wildcard,
          usePipeline: false               /* index has no pipeline either */
        })
    })
    const contains = doc => {
      const t = plain(s, doc)
      return phrases.every(p => t.includes(p))
    }

    /* Synthesise a lunr result from the tokens around each occurrence */
    const patterns = phrases.map(p => new RegExp([...p].join(GAP), "gu"))
    function synthesise(doc, score) {
      const md = new lunr.MatchData(), seen = new Set()
      let hits = 0
      for (const field of index.fields) {
        const value = doc[field]
        if (typeof value !== "string") continue
        for (const re of patterns)
          for (const m of value.matchAll(re)) {
            if (++hits > 50) break
            let a = m.index, b = m.index + m[0].length
            while (a > 0 && HAN.test(value[a - 1])) a--
            while (b < value.length && HAN.test(value[b])) b++
            for (const term of value.slice(a, b).split(/(?:<[^>]*>|[\u200b\s])+/)) {
              const meta = index.invertedIndex[term]?.[field]?.[doc.location]
              if (meta && !seen.has(term + "\n" + field)) {
                seen.add(term + "\n" + field)
                md.add(term, field, meta)
              }
            }
          }
      }
      return seen.size
        ? { ref: doc.location, score: score * hits / (hits + 1), matchData: md }
        : undefined
    }

    return {
      /* For Material's "missing terms" annotation: all results contain all
       * pieces; "" matches every term, so Han runs never show as missing */
      annotate: [
        ...latin.map(c => ({ term: c.term, presence: lunr.Query.presence.REQUIRED })),
        ...(phrases.length ? [{ term: "", presence: lunr.Query.presence.REQUIRED }] : [])
      ],
      run(index, map) {
        const results = exact
          ? query_([...latin, ...han]).filter(r => map.has(r.ref) && contains(map.get(r.ref)))
          : []
        if (!phrases.length)
          return results

        /* Sections containing every run but not found via index tokens */
        const found = new Set(results.map(r => r.ref))
        const allowed = latin.length && new Set(query_(latin).map(r => r.ref))
        const floor = results.length ? results[results.length - 1].score : 1
        for (const [ref, doc] of map)
          if (!found.has(ref) && (!allowed || allowed.has(ref)) && contains(doc)) {
            const r = synthesise(doc, floor)
            if (r) results.push(r)
          }
        return results.sort((a, b) => b.score - a.score)
      }
    }
  }

  return { plan }
})();
