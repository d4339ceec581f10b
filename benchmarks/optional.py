"""Calling the benchmark modules other engineers own, whatever state they are in.

The harness runs end to end while the rest of paperlint is still being built: a sub-benchmark that
does not exist yet, fails to import or raises is reported as skipped (with the reason) and the run
goes on. Each is called with only the keyword arguments its signature accepts, so an owner can add
or leave out ``runs``/``corpus_dir`` without breaking the harness.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import traceback
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Outcome:
    """What calling an optional benchmark gave: its dict, or why there is none."""

    name: str
    data: dict[str, Any] | None
    skipped: str | None = None  # the reason, when data is None

    def to_dict(self) -> dict[str, Any]:
        if self.data is not None:
            return self.data
        return {"skipped": self.skipped}


def call_optional(module_name: str, function_names: tuple[str, ...], **kwargs: Any) -> Outcome:
    """Import ``module_name`` and call the first of ``function_names`` it defines.

    Arguments not in the function's signature are dropped (unless it takes ``**kwargs``); positional
    parameters are filled by name as well."""
    try:
        if importlib.util.find_spec(module_name) is None:
            return Outcome(module_name, None, f"{module_name} does not exist yet")
        module = importlib.import_module(module_name)
    except (Exception, SystemExit) as error:  # an owner's work in progress must not stop the run
        return Outcome(module_name, None, f"cannot import {module_name}: {error!r}")
    found = [getattr(module, n) for n in function_names if callable(getattr(module, n, None))]
    if not found:
        names = ", ".join(function_names)
        return Outcome(module_name, None, f"{module_name} defines none of {names}")
    function = found[0]
    try:
        parameters = inspect.signature(function).parameters
        takes_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())
        accepted = {k: v for k, v in kwargs.items() if takes_any or k in parameters}
        result = function(**accepted)
    except (Exception, SystemExit) as error:
        last = traceback.extract_tb(error.__traceback__)[-1]
        where = f"{last.filename.rsplit('/', 1)[-1]}:{last.lineno}"
        return Outcome(module_name, None, f"{function.__name__} raised {error!r} at {where}")
    if not isinstance(result, dict):
        return Outcome(module_name, None, f"{function.__name__} returned {type(result).__name__}, "
                                          "not a dict")
    return Outcome(module_name, result)


def run_script(module_name: str, args: list[str], timeout: float, cwd: str) -> Outcome:
    """Fallback for a sub-benchmark that only has a command line: run ``python -m module args`` and
    keep what it printed (``output``) and its exit status. The figures are then read from the text
    by the caller; a timeout or a crash is a skip with its reason."""
    import subprocess
    import sys

    if importlib.util.find_spec(module_name) is None:
        return Outcome(module_name, None, f"{module_name} does not exist yet")
    argv = [sys.executable, "-m", module_name, *args]
    try:
        done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                              check=False)
    except subprocess.TimeoutExpired:
        return Outcome(module_name, None, f"{' '.join(argv[1:])} took longer than {timeout:g} s")
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["no message"])[-1]
        return Outcome(module_name, None, f"exit {done.returncode}: {tail}")
    return Outcome(module_name, {"command": " ".join(["python", *argv[1:]]),
                                 "output": done.stdout})
