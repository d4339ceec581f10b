"""The README's and docs/integrations.md's Action and pre-commit snippets work as written.

Action snippets: every input they give exists in action.yml, every output they read is one of its
outputs, upload-sarif reads the file the action writes, and the snippet's inputs run through the
action's steps (tests/test_action.py's runner) on a repository holding the paper it names.
pre-commit snippets: valid for pre-commit's own configuration schema, naming hooks the manifest
defines.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.test_action import _action, run_action

# Slow (subprocesses, servers, browsers or big inputs): `pytest -m "not slow"` skips it.
pytestmark = pytest.mark.slow

yaml = pytest.importorskip("yaml", reason="PyYAML is needed to read the snippets")
OUTPUT = re.compile(r"steps\.([\w-]+)\.outputs\.([\w-]+)")
PAPER = r"""\documentclass{article}
\begin{document}
Our parser was trained for 2 days on 4 NVIDIA V100 GPUs, about 4e19 FLOPs in total.
\end{document}
"""


def _blocks(path: Path, heading: str) -> list[str]:
    """The ```yaml blocks of the section that starts at ``heading`` (up to the next heading of
    the same or a higher level; a "# comment" inside a block is not a heading)."""
    level = len(heading.split(" ", 1)[0])
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(heading)
    blocks: list[str] = []
    current: list[str] | None = None
    for line in lines[start + 1:]:
        if current is not None:
            if line.startswith("```"):
                blocks.append("\n".join(current) + "\n")
                current = None
            else:
                current.append(line)
        elif line == "```yaml":
            current = []
        elif re.match(rf"^#{{1,{level}}} ", line):
            break
    return blocks


def _steps(block: str) -> list[dict[str, Any]]:
    data = yaml.safe_load(block)
    if isinstance(data, list):
        return data
    return [step for job in data["jobs"].values() for step in job["steps"]]


ACTION_SNIPPETS = [
    ("README.md", "### GitHub Actions and code scanning"),
    ("docs/integrations.md", "### Example workflow"),
]


@pytest.mark.parametrize(("file", "heading"), ACTION_SNIPPETS)
def test_action_snippets_use_what_the_action_has(file: str, heading: str, tmp_path: Path) -> None:
    action = _action()
    [block] = _blocks(REPO / file, heading)
    steps = _steps(block)
    ours = [s for s in steps if str(s.get("uses", "")).startswith("paperlint/paperlint@")]
    assert len(ours) == 1, block
    step = ours[0]
    assert set(step.get("with", {})) <= set(action["inputs"]), step
    for other in steps:
        for name, output in OUTPUT.findall(yaml.safe_dump(other)):
            assert name == step["id"] and output in action["outputs"], other
    upload = next(s for s in steps if "upload-sarif" in str(s.get("uses", "")))
    sarif_file = upload["with"]["sarif_file"]
    given = step.get("with", {})
    # upload-sarif reads the file the action wrote: its output, or the same path.
    expected = given.get("sarif-file", action["inputs"]["sarif-file"]["default"])
    assert sarif_file in (f"${{{{ steps.{step['id']}.outputs.sarif-file }}}}", expected)

    # Run it: a repository with the paper where the snippet says.
    workspace = tmp_path / "repo"
    (workspace / ".git").mkdir(parents=True)
    paper = workspace / given.get("working-directory", ".") / given["path"]
    paper.parent.mkdir(parents=True, exist_ok=True)
    paper.write_text(PAPER, encoding="utf-8")
    code, outputs, summary, log = run_action(workspace, tmp_path,
                                             **{k: str(v) for k, v in given.items()})
    assert code == 1 and outputs["exit-code"] == "1", log  # the paper's FLOPs: a warning
    assert "::warning file=" in log and summary.startswith("## paperlint")
    assert (workspace / outputs["sarif-file"]).is_file()
    assert outputs["sarif-file"] == expected


PRECOMMIT_SNIPPETS = [("README.md", "### pre-commit"), ("docs/integrations.md", "## pre-commit")]


@pytest.mark.parametrize(("file", "heading"), PRECOMMIT_SNIPPETS)
def test_pre_commit_snippets_are_valid_configurations(file: str, heading: str) -> None:
    cfgv = pytest.importorskip("cfgv", reason="pre-commit is not installed")
    clientlib = pytest.importorskip("pre_commit.clientlib", reason="pre-commit is not installed")
    hooks = {hook["id"] for hook in clientlib.load_manifest(str(REPO / ".pre-commit-hooks.yaml"))}
    [block] = [b for b in _blocks(REPO / file, heading) if "repo:" in b]
    # The commented-out alternative is part of the snippet too: uncomment it to check it.
    uncommented = re.sub(r"^(\s*)# (- id: )", r"\1\2", block, flags=re.MULTILINE)
    for text in (block, uncommented):
        data = yaml.safe_load(text)
        config = data if isinstance(data, dict) else {"repos": data}
        cfgv.validate(config, clientlib.CONFIG_SCHEMA)
        [repo] = config["repos"]
        assert repo["repo"] == "https://github.com/paperlint/paperlint"
        assert {hook["id"] for hook in repo["hooks"]} <= hooks
