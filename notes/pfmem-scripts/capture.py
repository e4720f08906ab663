"""Build a project once (no PDFs) and pickle the articles zh-search read."""
import os, pickle, sys
from pathlib import Path
os.environ["JOURNAL_PDF"] = "false"
proj, out = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
os.chdir(proj)
from journal.search import plugin
def capture(self, config):
    out.write_bytes(pickle.dumps(self.articles))
    print("articles", len(self.articles))
plugin.ZhSearchPlugin.on_post_build = capture
from mkdocs.config import load_config
from mkdocs.commands.build import build
cfg = load_config(str(proj / "mkdocs.yml"), site_dir=str(proj / "site"))
cfg.plugins.on_startup(command="build", dirty=False)
build(cfg)
