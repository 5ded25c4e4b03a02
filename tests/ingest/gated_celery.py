"""The project's Celery app for fault tests, with extraction held at a gate.

A worker started with ``-A tests.ingest.gated_celery`` runs the real tasks against the real
database and broker; only the extractor waits, in each worker process, until the file named by
INGEST_TEST_GATE exists. Before waiting it leaves a file ``started-<pid>`` beside the gate, so
the test knows which process to kill.
"""

import os
import time
from pathlib import Path

from celery.signals import worker_process_init

from config.celery import app

__all__ = ["app"]


@worker_process_init.connect
def _hold_extraction_at_the_gate(**kwargs) -> None:
    import ingest.storing

    gate = Path(os.environ["INGEST_TEST_GATE"])
    extract = ingest.storing.extract

    def gated(text, published=None):
        (gate.parent / f"started-{os.getpid()}").touch()
        while not gate.exists():
            time.sleep(0.05)
        return extract(text, published)

    ingest.storing.extract = gated
