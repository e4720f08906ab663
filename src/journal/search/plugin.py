"""The `zh-search` MkDocs plugin: exact Chinese search for Material for MkDocs' built-in search.

Material's search plugin does the indexing, configured in mkdocs.yml (`lang: zh` for jieba,
`separator` that also splits on CJK and ASCII punctuation, `pipeline: []` so there is no
stemmer and index terms equal query terms). This plugin adds the two things config cannot:

* search_index.json is rewritten as UTF-8 (Material writes \\u escapes: 6 bytes a character);
* the search worker's query handling, Search.search(), is replaced by worker.js (all pieces
  required, Han runs segmented against the index vocabulary, contiguity check, no
  trailing-wildcard truncation).

Everything this relies on in Material is pinned by SHA-256 and checked before the build
starts; any Material upgrade fails the build until re-verified.
"""

import hashlib
import json
import logging
import os
from pathlib import Path

import material
from material.plugins.search import plugin as material_search
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from .config import ZhSearchConfig

log = logging.getLogger("mkdocs.plugins.zh_search")

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
PRELUDE = (Path(__file__).parent / "worker.js").read_text("utf-8")


def _fail(msg):
    raise PluginError(f"zh-search plugin: {msg} -- re-verify journal/search/plugin.py "
                      f"against Material {material.__version__} before upgrading.")


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


class ZhSearchPlugin(BasePlugin[ZhSearchConfig]):
    def on_config(self, config):
        if not self.config.enabled:
            return config
        for rel, digest in PINNED.items():
            path = MATERIAL / rel
            if not path.is_file():
                _fail(f"{rel} not found in Material")
            if _sha(path) != digest:
                _fail(f"{rel} changed (sha256 {_sha(path)})")
        if material_search.jieba is None:
            _fail("jieba is not importable, Material would not segment Chinese")
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if not isinstance(search, material_search.SearchPlugin) or not search.config.enabled:
            _fail("Material's search plugin is not enabled")
        if search.config.pipeline != [] or not search.config.separator:
            _fail("Material's search needs `pipeline: []` and a `separator` in mkdocs.yml")
        return config

    @event_priority(-50)  # after the search plugin (0) writes the index, before the offline plugin (-100) inlines it
    def on_post_build(self, config):
        if not self.config.enabled:
            return
        site = Path(config.site_dir)
        rewrite_index_as_utf8(site / "search" / "search_index.json")
        patch_worker(site / WORKER)


def rewrite_index_as_utf8(index_path):
    data = json.loads(index_path.read_text("utf-8"))
    if set(data) != {"config", "docs"} or not {"separator", "pipeline"} <= set(data["config"]):
        _fail(f"unexpected search_index.json layout: {sorted(data)}")
    index_path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
    log.info("zh-search: index %d KiB", os.path.getsize(index_path) // 1024)


def patch_worker(worker_path):
    """Always patch the pristine (hash-verified) copy from Material."""
    source = (MATERIAL / "templates" / WORKER).read_text("utf-8")
    if source.count(PATCH_FROM) != 1:
        _fail("patch anchor not found exactly once in the search worker")
    if not worker_path.is_file():
        _fail(f"{WORKER} was not copied to the site")
    worker_path.write_text(PRELUDE + source.replace(PATCH_FROM, PATCH_TO), "utf-8")
