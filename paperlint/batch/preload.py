"""Imported by the batch runner's forkserver: warms paperlint up once for every worker.

Importing this module builds the per-process state (the spaCy pipeline, the rule files) in the
forkserver, so that each worker forked from it starts warm and shares those pages copy-on-write
instead of building its own. The side effect on import is the point of the module.
"""

from __future__ import annotations

from paperlint.batch.worker import warm_up

warm_up()
