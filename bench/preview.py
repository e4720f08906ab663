"""9. The editor's loop: `make serve` on an archive, a saved correction until it shows.

The server is started as the Makefile starts it (--dirty --no-strict, JOURNAL_PDF=false,
JOURNAL_SEARCH=false, JOURNAL_PREVIEW=true) in a project of N varied issues (bench/scale.py).
After its first build, one sentence of the body of the newest issue's first article is changed
and saved, and the page is fetched over HTTP until it holds the change: the seconds from the
save to that moment, per edit (several edits, a different word each time). Then its abstract,
in the front matter, which the listings print too (they are rebuilt: src/journal/site/preview.py). The first build's time is
printed too (the editor waits for it once per session).
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .report import PY, clean_env, spread

SERVE_ENV = {"JOURNAL_PDF": "false", "JOURNAL_SEARCH": "false", "JOURNAL_PREVIEW": "true"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url, test, timeout):
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        body = fetch(url)
        if body is not None and test(body):
            return time.perf_counter() - start
        time.sleep(0.1)
    raise TimeoutError(f"{url} did not show the change within {timeout} s")


def measure(proj, edits=5, front_matter_edits=2, timeout=600):
    from journal import catalog

    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = dict(clean_env(), SITE_URL=base, **SERVE_ENV)
    server = subprocess.Popen([PY, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--dev-addr", f"127.0.0.1:{port}",
                               "-f", str(proj / "mkdocs.yml")], cwd=proj, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        docs = proj / "docs"
        article = catalog.read_catalog(catalog.pages_on_disk(docs))[0].articles[0]
        url = base + article.src_uri[: -len(".md")] + "/"
        first = wait_for(url, lambda body: "preview-note" in body, timeout)
        page = docs / article.src_uri
        seconds, front_matter_seconds = [], []
        for n in range(edits + front_matter_edits):
            marker = f"（预览更正{time.time_ns()}）"
            lines = page.read_text(encoding="utf-8").split("\n")
            body_start = lines.index("---", 1) + 1  # the line after the front matter's closing '---'
            if n < edits:  # a sentence of the body: what a reader's correction usually is
                i = next(i for i, line in enumerate(lines) if i > body_start and len(line) > 60 and "。" in line
                         and not line.startswith(("[^", "#")))
            else:  # the abstract, in the front matter: the listings that print it are rebuilt too
                i = next(i for i, line in enumerate(lines[:body_start]) if line.startswith("abstract:") and "。" in line)
            lines[i] = lines[i].replace("。", marker + "。", 1)
            page.write_text("\n".join(lines), encoding="utf-8")
            took = wait_for(url, lambda body, m=marker: m in body, timeout)
            (seconds if n < edits else front_matter_seconds).append(took)
        return {"first_build_s": first, "edit_s": seconds, "front_matter_edit_s": front_matter_seconds}
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the server we started, and only it
        server.wait(timeout=30)


def main(argv=None):
    """`python -m bench.preview PROJECT`: a project folder made by bench/scale.py's make_archive."""
    proj = Path(argv[0] if argv else sys.argv[1])
    result = measure(proj)
    print(f"  make serve: first build {result['first_build_s']:.1f} s; a saved correction to the body shown after "
          f"{spread(result['edit_s'])}; to the front matter (the abstract) after {spread(result['front_matter_edit_s'])}"
          f" (load average {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
