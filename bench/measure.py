"""Run a command as a measurement: wall time, peak memory, its JSON lines, a time limit.

>>> import sys
>>> m = run([sys.executable, "-c", "print('{\\"x\\": 1}')"])
>>> m.lines, m.returncode, m.seconds > 0, m.peak_mb > 0
([{'x': 1}], 0, True, True)
>>> run([sys.executable, "-c", "import time; time.sleep(5)"], limit=0.5).killed
True
"""
from __future__ import annotations

import contextlib
import json
import os
import signal
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Measurement:
    """What one command did: ``seconds`` of wall time, ``peak_mb`` of resident memory (its
    largest process), the JSON objects it printed, its exit code, and whether it was killed."""

    seconds: float
    peak_mb: float
    returncode: int
    killed: bool
    lines: list = field(default_factory=list)
    stderr: str = ""


TIME = "/usr/bin/time"   # GNU time: the peak memory of the command alone


def run(command: list[str], limit: float | None = None, cwd=None) -> Measurement:
    """Run ``command`` under GNU time; kill it after ``limit`` seconds.

    Peak memory is what GNU time reports (``%M``): the command's largest resident set,
    including the processes it waited for. It is not read with ``os.wait4`` here, because a
    child forked from this Python process starts with this process's memory as its peak.
    """
    if not os.access(TIME, os.X_OK):
        raise SystemExit(f"bench: error: peak memory is read with GNU time, and {TIME} is missing "
                         f"(Debian: apt-get install time)")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r") as peak:
        started = time.perf_counter()
        process = subprocess.Popen([TIME, "-f", "%M", "-o", peak.name, *command], stdout=out,
                                   stderr=err, cwd=cwd, start_new_session=True)
        killed = threading.Event()

        def kill():
            """Kill the command (GNU time's children), so that time still reports its peak."""
            try:
                children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
            except OSError:   # it ended just now
                return
            for child in children:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(int(child), signal.SIGKILL)
            killed.set()

        timer = threading.Timer(limit, kill) if limit else None
        if timer:
            timer.start()
        process.wait()
        seconds = time.perf_counter() - started
        if timer:
            timer.cancel()
        with contextlib.suppress(ProcessLookupError):   # what the command left behind
            os.killpg(process.pid, signal.SIGKILL)
        out.seek(0)
        err.seek(0)
        lines = [json.loads(line) for line in out.read().decode().splitlines() if line.startswith("{")]
        report = peak.read().split()
        return Measurement(seconds, int(report[-1]) / 1024 if report else 0.0,
                           process.returncode, killed.is_set(), lines, err.read().decode(errors="replace"))


def median(values) -> float | None:
    values = list(values)
    return statistics.median(values) if values else None
