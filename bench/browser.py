"""One way to serve a built site and drive Debian's Chromium, for the benchmarks, the search
report and the tests alike (never a browser download; no request leaves the machine)."""

import functools
import http.server
import shutil
import threading
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]


@functools.lru_cache(maxsize=None)
def _handler(directory):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    return functools.partial(Quiet, directory=directory)


def serve(site):
    """The site on an ephemeral 127.0.0.1 port; returns (base URL, server to shut down)."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}", httpd


def launch(playwright):
    """Debian's Chromium, headless, with the flags that keep it off the network."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError("Debian's chromium is not installed: apt-get install chromium chromium-driver")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
