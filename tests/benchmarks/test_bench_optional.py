"""benchmarks.optional: others' sub-benchmarks are called when present, skipped otherwise."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.optional import call_optional


@pytest.fixture
def module_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    for name in [n for n in sys.modules if n.startswith("bench_probe_")]:
        del sys.modules[name]


def write(directory: Path, name: str, body: str) -> str:
    (directory / f"{name}.py").write_text(body, encoding="utf-8")
    return name


def test_missing_module_is_skipped_with_the_reason() -> None:
    outcome = call_optional("benchmarks.no_such_module_here", ("run",))
    assert outcome.data is None and "does not exist yet" in (outcome.skipped or "")
    assert outcome.to_dict() == {"skipped": outcome.skipped}


def test_only_accepted_keyword_arguments_are_passed(module_dir: Path) -> None:
    name = write(module_dir, "bench_probe_a", "def run(runs):\n    return {'runs': runs}\n")
    outcome = call_optional(name, ("run",), runs=3, corpus_dir=Path("x"))
    assert outcome.data == {"runs": 3}


def test_var_keyword_functions_get_everything(module_dir: Path) -> None:
    name = write(module_dir, "bench_probe_b", "def measure(**kw):\n    return dict(kw)\n")
    assert call_optional(name, ("run", "measure"), runs=2, quick=True).data == {"runs": 2,
                                                                                   "quick": True}


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("def run():\n    raise ValueError('half built')\n", "raised ValueError('half built')"),
        ("def run():\n    raise SystemExit(3)\n", "raised SystemExit(3)"),
        ("def run():\n    return [1, 2]\n", "returned list, not a dict"),
        ("x = 1\n", "defines none of run"),
        ("import no_such_dependency_xyz\n", "cannot import"),
    ],
)
def test_broken_sub_benchmarks_are_skipped_not_raised(module_dir: Path, body: str,
                                                     reason: str) -> None:
    name = write(module_dir, f"bench_probe_{abs(hash(body)) % 10**8}", body)
    outcome = call_optional(name, ("run",))
    assert outcome.data is None
    assert reason in (outcome.skipped or "")
