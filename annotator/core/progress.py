"""How far long work has come: done of total, the rate, and the time left.

One home for the arithmetic, so the command line and the window say the same.
"""

from __future__ import annotations

import time
from collections.abc import Callable


class RateMeter:
    """Rate and time left of work that started when the meter was made."""

    def __init__(self, total: int = 0, clock: Callable[[], float] = time.monotonic) -> None:
        self.total = total
        self._clock = clock
        self._start = clock()

    def rate(self, done: int) -> float:
        """Items a second so far."""
        elapsed = self._clock() - self._start
        return done / elapsed if elapsed > 0 else 0.0

    def seconds_left(self, done: int) -> float | None:
        """At the rate so far; None while unknown (no total, nothing done yet)."""
        rate = self.rate(done)
        if not self.total or rate <= 0:
            return None
        return max(self.total - done, 0) / rate


def duration(seconds: float) -> str:
    """0:05, 12:40, 1:02:03."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
