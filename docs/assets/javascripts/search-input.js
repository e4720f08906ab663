// Material only re-queries on "keyup"; also react to input without a key
// (mouse paste, drag & drop, some IMEs/voice input).
document.addEventListener("input", ev => {
  const el = ev.target
  if (el instanceof HTMLInputElement && el.matches(".md-search__input") && !ev.isComposing)
    el.dispatchEvent(new KeyboardEvent("keyup"))
}, true)
