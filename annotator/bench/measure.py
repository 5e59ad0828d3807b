"""Run a command as a child process and measure it: wall time and peak memory (RSS).

The command is started by a small trampoline process that forks it and reads its
resource usage with ``os.wait4``: Linux carries a process's peak RSS across fork and
exec, so a child forked straight from this (large) process would report this
process's size as its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass

_TRAMPOLINE = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_pid, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as fh:
    fh.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


@dataclass
class Measured:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float
    started: float  # time.time() just before the child started


def run_measured(
    cmd: list[str], *, env: dict[str, str] | None = None, timeout: float = 3600
) -> Measured:
    fd, peak_file = tempfile.mkstemp(prefix="annotator-peak-")
    os.close(fd)
    started_wall = time.time()
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", _TRAMPOLINE, peak_file, *cmd],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
        encoding="utf-8",
    )
    killer = threading.Timer(timeout, proc.kill)
    killer.start()
    out: list[str] = []
    err: list[str] = []
    readers = [
        threading.Thread(target=lambda: out.append(proc.stdout.read())),  # type: ignore[union-attr]
        threading.Thread(target=lambda: err.append(proc.stderr.read())),  # type: ignore[union-attr]
    ]
    for reader in readers:
        reader.start()
    _pid, status, _usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    killer.cancel()
    for reader in readers:
        reader.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    try:
        with open(peak_file) as fh:
            peak_kb = int(fh.read() or 0)
    finally:
        os.unlink(peak_file)
    return Measured(
        proc.returncode, "".join(out), "".join(err), seconds, peak_kb / 1024, started_wall
    )
