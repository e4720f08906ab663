"""The index with and without the allocator setting: same files (filter order aside)."""
import pickle, sys, hashlib
from pathlib import Path
sys.path.insert(0, "src")
from journal.search import engine, records as records_, tokens
arts = pickle.loads(Path("build/pfmem/articles-20.pkl").read_bytes())
keep = sorted({a.issue for a in arts}, reverse=True)[:3]
arts = [a for a in arts if a.issue in keep]
recs = records_.in_order(arts, 4000)
numbers = {a.url: n for n, a in enumerate(records_.article_order(arts))}
def build(conf):
    engine.MALLOC_CONF = ("_RJEM_MALLOC_CONF", conf)
    w = engine.PagefindWriter()
    for o, r in enumerate(recs):
        w.add(r.key(o), tokens.encode(r.text), r.meta(o), filters=r.filters(numbers[r.article.url]))
    return {p.as_posix(): hashlib.sha256(d).hexdigest() for p, d in w.files().items()}
a, b = build(sys.argv[1]), build(sys.argv[2])
same = {k for k in a if b.get(k) == a[k]}
print(len(a), len(b), "same:", len(same), "differ:", sorted(set(a) ^ set(b))[:6])
