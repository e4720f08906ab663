// Load the search index when a reader starts to search, not on every page view.
// Material requests search/search_index.json (by XMLHttpRequest) as soon as a page loads,
// and its worker builds the index from it: measured, that is 156 KiB gzip and 0.7 s per
// page view for one issue, 7.6 MiB and 7 s for an archive of 50 (README, "Growth").
// Here the request is sent only once the search box gets focus (click, tap, or Material's
// "/" and "s" shortcuts, which focus it). If Material stops using XMLHttpRequest for the
// index, this does nothing and the index loads eagerly as before: slower, never broken.
(() => {
  const open = XMLHttpRequest.prototype.open
  const send = XMLHttpRequest.prototype.send
  let wanted = false
  const waiting = []
  const start = () => {
    if (wanted) return
    wanted = true
    for (const [request, body] of waiting.splice(0)) send.call(request, body)
  }
  document.addEventListener("focusin", ev => {
    if (ev.target instanceof HTMLInputElement && ev.target.matches(".md-search__input")) start()
  })
  document.addEventListener("change", ev => {
    if (ev.target instanceof HTMLInputElement && ev.target.id === "__search" && ev.target.checked) start()
  })
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.__searchIndex = /(^|\/)search\/search_index\.json(\?|$)/.test(String(url))
    return open.call(this, method, url, ...rest)
  }
  XMLHttpRequest.prototype.send = function (body) {
    if (this.__searchIndex && !wanted) waiting.push([this, body])
    else send.call(this, body)
  }
})()
