"""One way to serve a built site and drive Debian's Chromium, for the benchmarks, the search
report and the tests alike (never a browser download; no request leaves the machine).

- `serve(site)`: the site on an ephemeral 127.0.0.1 port, in a thread; returns (base URL,
  server). The server records every request in `server.requests` as (path, status, bytes
  sent), so a benchmark can see what a page cost: `mark = len(server.requests)`, load the
  page, then `server.requests[mark:]`.
- `served(site)`: the same as a `with` block that stops the server at the end.
- `launch(playwright)`: headless Chromium with `CHROMIUM_ARGS` (Lighthouse starts its own
  Chromium with the same flags: bench/lighthouse.py).
"""

import contextlib
import functools
import http.server
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]


@functools.lru_cache(maxsize=None)
def _handler(directory):
    class Recording(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def log_request(self, code="-", size="-"):
            code = int(code) if isinstance(code, int) else 0  # HTTPStatus is an int
            sent = 0
            if code == 200:  # the body's size: the file, or a folder's index.html
                path = Path(self.translate_path(self.path))
                path = path / "index.html" if path.is_dir() else path
                sent = path.stat().st_size if path.is_file() else 0
            self.server.requests.append((urlparse(self.path).path, code, sent))

    return functools.partial(Recording, directory=directory)


def serve(site):
    """The site on an ephemeral 127.0.0.1 port; returns (base URL, server to shut down)."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(str(site)))
    httpd.requests = []  # (path, status, bytes sent), appended by the handler threads
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}", httpd


@contextlib.contextmanager
def served(site):
    """`with served(site) as (base_url, server):` ... the server is stopped afterwards."""
    base_url, httpd = serve(site)
    try:
        yield base_url, httpd
    finally:
        httpd.shutdown()
        httpd.server_close()


def launch(playwright):
    """Debian's Chromium, headless, with the flags that keep it off the network."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError("Debian's chromium is not installed: apt-get install chromium chromium-driver")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
