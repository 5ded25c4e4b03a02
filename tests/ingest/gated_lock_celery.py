"""The project's Celery app for race tests: extraction held at one gate, as in
``gated_celery``, and the document's replacement held at a second one while it holds the
document's lock.

Inside its transaction, after locking the document and writing the new run's statements, the
pipeline clusters them; there each worker process leaves ``locked-<pid>`` beside the file named
by INGEST_TEST_LOCK_GATE and waits until that file exists. A test can so act while a
re-extraction holds the lock, with real PostgreSQL locks and a real worker.
"""

import os
import time
from pathlib import Path

from celery.signals import worker_process_init

from tests.ingest.gated_celery import app

__all__ = ["app"]


@worker_process_init.connect
def _hold_the_replacement_under_the_lock(**kwargs) -> None:
    import ingest.storing

    gate = Path(os.environ["INGEST_TEST_LOCK_GATE"])
    cluster = ingest.storing.statements_cluster

    def gated(**arguments):
        (gate.parent / f"locked-{os.getpid()}").touch()
        while not gate.exists():
            time.sleep(0.02)
        return cluster(**arguments)

    ingest.storing.statements_cluster = gated
