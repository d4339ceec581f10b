"""The Dask executor against a real distributed.LocalCluster on loopback (skipped without dask)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from paperlint.api import CheckOptions
from paperlint.batch.dask_executor import ExecutorError, run_dask
from paperlint.batch.runner import RunSettings
from paperlint.cli import main
from tests.batch.batch_helpers import SPEC, tex_paper, write_papers

# Slow (subprocesses, servers, browsers or big inputs): `pytest -m "not slow"` skips it.
pytestmark = pytest.mark.slow

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    # In-process workers (processes=False) so that the test helpers need no import on the workers,
    # but over TCP on loopback, as a real scheduler is reached.
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, protocol="tcp", host="127.0.0.1",
        dashboard_address=None,
    ) as local:
        yield local


def test_results_stream_back_with_timeouts_and_errors_isolated(
    cluster: Any, tmp_path: Path
) -> None:
    paths = write_papers(tmp_path, ["ok", "slow 3", "raise", "ok"])
    settings = RunSettings(timeout=1, check=SPEC)
    results = list(run_dask(paths, CheckOptions(), scheduler=cluster.scheduler_address,
                            settings=settings))
    assert sorted(r.path for r in results) == sorted(paths)
    errors = {Path(r.path).name: r.error for r in results if r.error}
    assert set(errors) == {"p01.txt", "p02.txt"}
    assert "timed out after 1 s" in errors["p01.txt"]
    assert "ValueError" in errors["p02.txt"]


def test_the_cli_runs_real_papers_on_the_cluster(cluster: Any, tmp_path: Path) -> None:
    for index in range(3):
        (tmp_path / f"s{index}.tex").write_text(tex_paper("We trained on 4 GPUs for a day."),
                                                encoding="utf-8")
    (tmp_path / "broken.pdf").write_bytes(b"no")
    result = CliRunner().invoke(main, [
        "check", str(tmp_path), "--format", "jsonl", "--executor", "dask",
        "--scheduler", cluster.scheduler_address,
    ])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 4 and result.exit_code == 2
    assert [Path(r["path"]).name for r in rows if r["error"]] == ["broken.pdf"]


def test_an_unreachable_scheduler_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("paperlint.batch.dask_executor.CONNECT_TIMEOUT", "2s")
    paths = write_papers(tmp_path, ["ok"])
    with pytest.raises(ExecutorError, match="cannot reach the Dask scheduler"):
        list(run_dask(paths, CheckOptions(), scheduler="tcp://127.0.0.1:9",
                      settings=RunSettings(check=SPEC)))
