"""MkDocs hook: exact Chinese search for Material for MkDocs' built-in search.

* search_index.json: written as UTF-8, with a separator that also splits on
  CJK/ASCII punctuation and quotes/brackets, and an empty lunr pipeline (no
  stemmer, so index terms == query terms).
* search worker: the query handling of Search.search() is replaced by
  zh_search_worker.js (all pieces required, Han runs segmented against the
  index vocabulary, contiguity check, no trailing-wildcard truncation).

Everything this relies on in Material is pinned by SHA-256 and checked before
the build starts; any Material upgrade fails the build until re-verified.
"""

import hashlib
import json
import logging
import os
from pathlib import Path

import material
from material.plugins.search import plugin as material_search
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.zh_search")

MATERIAL = Path(material.__file__).parent
WORKER = "assets/javascripts/workers/search.a7633da7.min.js"
PINNED = {  # file (relative to the material package) -> sha256
    "templates/" + WORKER:
        "da1b3df5e5f00cc73083c9e21ff0ec28bde85cd247057bdd05b7a167e5903bd4",
    "plugins/search/plugin.py":
        "cc8a3ac0a8862662d11e87fefcdaa4a42d9ebd70a7943fa921c1c80e2661730b",
}
PATCH_FROM = (
    'search(e){if(e=e.replace(new RegExp("\\\\p{sc=Han}+","gu"),'
    's=>[...fe(s,this.index.invertedIndex)].join("* ")),e=ce(e),!e)'
    'return{items:[]};let r=le(e).filter(s=>s.presence!=='
    'lunr.Query.presence.PROHIBITED),n=this.index.search(e).reduce('
)
PATCH_TO = (
    'search(e){let __zhP=self.__zhSearch.plan(e,this.index);'
    'if(!__zhP)return{items:[]};'
    'let r=__zhP.annotate,n=__zhP.run(this.index,this.map).reduce('
)
# lunr separator (JS RegExp source, compiled without flags by the worker)
SEPARATOR = (
    r"[\s\u200b\u3000\-\u2010-\u2015、。，．？！；：:;,!?"
    r"“”‘’\"'()（）\[\]【】《》〈〉「」『』〔〕{}<>/\\|…·・*~^]+"
    r"|\.(?!\w)|&(?:amp|lt|gt|quot|#39);"
)
PRELUDE = (Path(__file__).parent / "zh_search_worker.js").read_text("utf-8")


def _fail(msg):
    raise PluginError(f"zh_search hook: {msg} -- re-verify build_tools/zh_search.py "
                      f"against Material {material.__version__} before upgrading.")


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def on_config(config):
    for rel, digest in PINNED.items():
        path = MATERIAL / rel
        if not path.is_file():
            _fail(f"{rel} not found in Material")
        if _sha(path) != digest:
            _fail(f"{rel} changed (sha256 {_sha(path)})")
    if material_search.jieba is None:
        _fail("jieba is not importable, Material would not segment Chinese")
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if not isinstance(plugin, material_search.SearchPlugin) or not plugin.config.enabled:
        _fail("Material's search plugin is not enabled")
    return config


@event_priority(-50)  # after the search plugin (0) writes the index, before the offline plugin (-100) inlines it
def on_post_build(config):
    site = Path(config.site_dir)

    # 1. search index: separator, pipeline, UTF-8
    index_path = site / "search" / "search_index.json"
    data = json.loads(index_path.read_text("utf-8"))
    if set(data) != {"config", "docs"} or not {"separator", "pipeline"} <= set(data["config"]):
        _fail(f"unexpected search_index.json layout: {sorted(data)}")
    data["config"]["separator"] = SEPARATOR
    data["config"]["pipeline"] = []
    index_path.write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")

    # 2. worker: always patch the pristine (hash-verified) copy from Material
    source = (MATERIAL / "templates" / WORKER).read_text("utf-8")
    if source.count(PATCH_FROM) != 1:
        _fail("patch anchor not found exactly once in the search worker")
    worker_path = site / WORKER
    if not worker_path.is_file():
        _fail(f"{WORKER} was not copied to the site")
    worker_path.write_text(PRELUDE + source.replace(PATCH_FROM, PATCH_TO), "utf-8")
    log.info("zh_search: patched search worker, index %d KiB",
             os.path.getsize(index_path) // 1024)
