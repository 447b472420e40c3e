"""Run a piece of work with a time limit that also lets Ctrl-C through at once.

pyoxigraph evaluates a query without holding Python's lock, so the work runs in a daemon
thread while the calling thread waits in short steps: past the limit it raises
:class:`~kg.errors.QueryTimeout`, and a Ctrl-C raises KeyboardInterrupt within a tenth of a
second. The abandoned thread ends with the process (the ``kg`` command exits right after).

>>> within(5, sum, [1, 2, 3])
6
>>> import time
>>> within(0.2, time.sleep, 10)
Traceback (most recent call last):
...
kg.errors.QueryTimeout: the query ran over 0.2 s and was stopped (--timeout SECONDS sets the limit)
"""
from __future__ import annotations

import threading
import time

from kg.errors import QueryTimeout

STEP = 0.05  # how often the waiting thread wakes up (and so notices Ctrl-C)


def within(seconds: float | None, function, *args):
    """``function(*args)``, or QueryTimeout once it has run ``seconds`` (None or 0: no limit)."""
    outcome: dict = {}

    def work():
        try:
            outcome["value"] = function(*args)
        except BaseException as error:  # handed to the waiting thread
            outcome["error"] = error

    worker = threading.Thread(target=work, name="kg-bounded", daemon=True)
    started = time.monotonic()
    worker.start()
    while worker.is_alive():
        worker.join(STEP)
        if seconds and worker.is_alive() and time.monotonic() - started > seconds:
            raise QueryTimeout(f"the query ran over {seconds:g} s and was stopped "
                               f"(--timeout SECONDS sets the limit)")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
