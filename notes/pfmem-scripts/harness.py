"""Feed the records of the newest N issues to `pagefind --service`; sample its memory."""
import argparse, base64, json, pickle, subprocess, sys, threading, time
from pathlib import Path
sys.path.insert(0, "src")
import pagefind_bin
from journal.search import records as records_, tokens
from journal.search.plugin import PAGEFIND_FILES

def status(pid):
    out = {}
    try:
        for line in open(f"/proc/{pid}/status"):
            k, _, v = line.partition(":")
            if k in ("VmRSS", "VmHWM"):
                out[k] = int(v.split()[0]) // 1024
    except FileNotFoundError:
        pass
    return out

def run(messages, label):
    binary = pagefind_bin.get_executable()
    p = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    answers, marks = [], {}
    n_add = sum(1 for m in messages if m["type"] == "AddRecord")
    def reader():
        buf = bytearray(); start = 0
        while len(answers) < len(messages):
            chunk = p.stdout.read1(1 << 20)
            if not chunk: return
            buf += chunk
            while (end := buf.find(b",", start)) != -1:
                a = json.loads(base64.b64decode(buf[start:end])); answers.append(a); start = end + 1
                if len(answers) == n_add + 1:
                    marks["added"] = status(p.pid)
    t = threading.Thread(target=reader); t.start()
    samples = []
    stop = False
    def sampler():
        while not stop:
            s = status(p.pid)
            if s: samples.append((time.perf_counter(), len(answers), s.get("VmRSS", 0)))
            time.sleep(0.05)
    st = threading.Thread(target=sampler); st.start()
    t0 = time.perf_counter()
    for i, m in enumerate(messages):
        p.stdin.write(base64.b64encode(json.dumps({"message_id": i, "payload": m}).encode()) + b",")
    p.stdin.flush()
    t.join()
    hwm = status(p.pid).get("VmHWM")
    p.stdin.close(); p.wait(60); stop = True; st.join()
    secs = time.perf_counter() - t0
    added = marks.get("added", {}).get("VmRSS")
    last = answers[-1]["payload"]
    size = 0
    if last["type"] == "GetFiles":
        size = sum(len(base64.b64decode(f["content"])) for f in last["files"])
    errs = [a for a in answers if a["payload"]["type"] == "Error"]
    import os
    if os.environ.get("SERIES"):
        t0s = samples[0][0]
        print(" ".join(f"{t - t0s:.1f}s:{n}:{rss}" for t, n, rss in samples[::max(1, len(samples)//60)]), file=sys.stderr)
    return {"label": label, "peak_MiB": hwm, "after_adds_MiB": added, "secs": round(secs, 1), "index_bytes": size, "errors": len(errs)}

REMAP = {}
def messages_for(articles, issues, size, mode="base", get=True, outdir=None, meta=True, filters=True):
    keep = sorted({a.issue for a in articles}, reverse=True)[:issues]
    arts = [a for a in articles if a.issue in keep]
    recs = records_.in_order(arts, size)
    numbers = {a.url: n for n, a in enumerate(records_.article_order(arts))}
    msgs = [{"type": "NewIndex", "config": {"force_language": "zh"}}]
    chars = 0
    for order, r in enumerate(recs):
        text = r.text; chars += len(text)
        if mode == "base":
            content = tokens.encode(text)
        elif mode == "words_only":  # index words only, no punctuation/space words
            content = " ".join(tokens.index_words(text))
        elif mode == "distinct":  # each index word once: no repeated positions
            content = " ".join(dict.fromkeys(tokens.index_words(text)))
        elif mode == "plain":  # the text as it is (Pagefind's own handling)
            content = text
        elif mode == "short":  # pairs as 5 ascii chars (fake: hash to base36) to test key length
            content = " ".join(w if not w.startswith("_") else "_" + w[1:][:4] for w in tokens.encode(text).split(" "))
        elif mode == "tiny":  # a few words: what the number of records costs alone
            content = f"alpha beta r{order}"
        elif mode == "k7":  # pairs as "_" + 3 base-36 digits per character (BMP): 7 bytes
            def c3(ch):
                n = ord(ch)
                n = n - 0x3400 if 0x3400 <= n <= 0x9fff else (27648 + n - 0xf900 if 0xf900 <= n <= 0xfaff else 28160)
                out = ""
                for _ in range(3):
                    n, d = divmod(n, 36); out = tokens.DIGITS[d] + out
                return out
            out = []
            for w in tokens.encode(text).split(" "):
                if w.startswith("_") and len(w) in (5, 9):
                    w = "_" + "".join(c3(chr(int(w[i:i + 4], 36))) for i in range(1, len(w), 4))
                out.append(w)
            content = " ".join(out)
        elif mode == "display":  # the same tokens, none indexable (non-alphanumeric): fragments only
            content = " ".join("~" * len(w) if any(c.isalnum() for c in w) else w for w in tokens.encode(text).split(" ")) + " zzrecord"
        elif mode.startswith("shard"):  # words of one of K shards indexed, others a non-indexed placeholder
            import zlib
            k = int(mode[5:])
            content = " ".join(w if not any(c.isalnum() for c in w) or zlib.crc32(w.lower().encode()) % k == 0 else "~" for w in tokens.encode(text).split(" "))
        elif mode == "remap":  # same words and positions, shorter keys
            out = []
            for w in tokens.encode(text).split(" "):
                if w.startswith("_"):
                    if w not in REMAP:
                        n, c = len(REMAP) + 1, ""
                        while n: n, d = divmod(n, 36); c = tokens.DIGITS[d] + c
                        REMAP[w] = "_" + c
                    w = REMAP[w]
                out.append(w)
            content = " ".join(out)
        m = {"type": "AddRecord", "index_id": 0, "url": r.key(order), "content": content, "language": "zh",
             "meta": r.meta(order) if meta else {"o": str(order)}, "filters": r.filters(numbers[r.article.url]) if filters else None, "sort": None}
        msgs.append(m)
    if get:
        msgs.append({"type": "GetFiles", "index_id": 0})
    else:
        msgs.append({"type": "WriteFiles", "index_id": 0, "output_path": str(outdir)})
    global ENTRIES
    ENTRIES = sum(len(set(tokens.index_words(r.text))) for r in recs)
    return msgs, len(recs), chars

if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", default="build/pfmem/articles-20.pkl")
    ap.add_argument("--issues", type=int, default=5)
    ap.add_argument("--size", type=int, default=4000)
    ap.add_argument("--mode", default="base")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--nometa", action="store_true")
    ap.add_argument("--nofilters", action="store_true")
    a = ap.parse_args()
    arts = pickle.loads(Path(a.articles).read_bytes())
    msgs, n, chars = messages_for(arts, a.issues, a.size, a.mode, get=not a.write, outdir=Path("build/pfmem/out").resolve(), meta=not a.nometa, filters=not a.nofilters)
    content = sum(len(m.get("content", "")) for m in msgs)
    r = run(msgs, f"{a.issues}i size={a.size} mode={a.mode} {'write' if a.write else 'get'}{' nometa' if a.nometa else ''}{' nofilters' if a.nofilters else ''}")
    r.update(entries=ENTRIES, records=n, chars=chars, content_MB=round(content / 1e6, 1))
    with open("/proc/loadavg") as f: r["load"] = f.read().split()[0]
    print(json.dumps(r))
