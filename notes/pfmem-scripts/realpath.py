"""The plugin's own path (plugin.write_pagefind_index): build-process allocations and the
Pagefind child's high-water mark (sampled from /proc)."""
import os, pickle, sys, threading, time, tracemalloc
from pathlib import Path
sys.path.insert(0, "src")
from journal.search import records as records_
from journal.search.plugin import write_pagefind_index
issues = int(sys.argv[1]); trace = "--trace" in sys.argv
arts = pickle.loads(Path(sys.argv[2] if len(sys.argv) > 2 and not sys.argv[2].startswith("--") else "build/pfmem/articles-20.pkl").read_bytes())
keep = sorted({a.issue for a in arts}, reverse=True)[:issues]
arts = [a for a in arts if a.issue in keep]
recs = records_.in_order(arts, 4000)
numbers = {a.url: n for n, a in enumerate(records_.article_order(arts))}
hwm = {}
stop = False
def watch():
    me = os.getpid()
    while not stop:
        for pid in os.listdir("/proc"):
            if pid.isdigit():
                try:
                    st = open(f"/proc/{pid}/status").read()
                except OSError:
                    continue
                if f"PPid:\t{me}\n" in st:
                    for line in st.splitlines():
                        if line.startswith("VmHWM"):
                            hwm[pid] = max(hwm.get(pid, 0), int(line.split()[1]) // 1024)
        time.sleep(0.1)
threading.Thread(target=watch, daemon=True).start()
if trace: tracemalloc.start()
t = time.perf_counter()
write_pagefind_index(recs, Path("build/pfmem/realout"), numbers)
secs = time.perf_counter() - t
stop = True
peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else float("nan")
load = open("/proc/loadavg").read().split()[0]
print(f"{issues} issues, {len(recs)} records: Pagefind peak {max(hwm.values())} MiB; build-process allocations {peak:.0f} MiB; {secs:.1f} s; load {load}")
