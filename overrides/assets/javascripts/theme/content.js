// Material for MkDocs 9.8.1, partials/javascripts/content.html (MIT licence, (c) Martin Donath),
// moved out of line so the Content-Security-Policy can forbid inline script.
// tests/site/test_csp.py fails if Material's inline script changes.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
