"""Events of the domain that other apps act on, without this app importing them.

``speakers_merged`` is sent by ``services.speakers_merge`` once the statements have moved, inside
its transaction, with ``into`` (the surviving speaker): the ingest app connects its clustering
of re-reports to it (``statements`` never imports ``ingest``; data flows ingest → statements).
"""

from django.dispatch import Signal

speakers_merged = Signal()
