"""Following the serial log while the emulator runs.

The supervisor calls `SerialWatch.check` at every poll.  It reads what
the kernel printed since the last call (each line parsed once, by
naiadgrade.protocol) and asks to stop the emulator:

- "reset" when the banner appears a second time: the machine rebooted
  (a triple fault under an emulator that resets, or a reset through the
  keyboard controller);
- "done" when the `ktest done ... token=T` line has been printed and the
  kernel has not powered off within GRACE seconds;
- "did not boot" when STOP_UNBOOTED() says that this kernel is known not
  to reach its tests with this many CPUs and this run has not reached
  them either.

It also notes when the kernel first printed its banner and its first
`ktest begin` line (for `make bench`), and whether it booted at all.
"""

import time

from . import protocol

GRACE_SECONDS = 10.0


class SerialWatch:
    """Incremental reader of serial log PATH for a run with token TOKEN
    (None: no done line is awaited)."""

    def __init__(self, path, token=None, grace=GRACE_SECONDS,
                 stop_unbooted=None):
        self.path = path
        self.token = token
        self.grace = grace
        self.stop_unbooted = stop_unbooted
        self.start = time.monotonic()
        self.offset = 0
        self.partial = b""
        self.banners = 0
        self.booted = False
        self.started = False   # a test (or benchmark) line was printed
        self.done_at = None
        self.marks = {}        # kind of line -> seconds after start

    def check(self):
        """Read new output; return a reason to stop the emulator, or None."""
        self._read()
        if self.banners >= 2:
            return "reset"
        if self.done_at is not None and \
                time.monotonic() - self.done_at > self.grace:
            return "done"
        if not self.started and self.stop_unbooted is not None and \
                self.stop_unbooted():
            return "did not boot"
        return None

    def _read(self):
        try:
            with open(self.path, "rb") as f:
                f.seek(self.offset)
                data = f.read(1 << 20)
        except OSError:
            return
        if not data:
            return
        self.offset += len(data)
        lines = (self.partial + data).split(b"\n")
        self.partial = lines.pop()[-4096:]
        for raw in lines:
            self._line(protocol.parse(raw.decode("utf-8", "replace")))

    def _line(self, line):
        if line.kind == protocol.OTHER:
            return
        self.booted = True
        if line.kind not in (protocol.BANNER, protocol.PANIC):
            self.started = True
        self.marks.setdefault(line.kind, time.monotonic() - self.start)
        if line.kind == protocol.BANNER:
            self.banners += 1
        elif line.kind == protocol.DONE and self.done_at is None and \
                self.token is not None and line.token == self.token:
            self.done_at = time.monotonic()


class PatternWatch:
    """Incremental reader of a log file: returns REASON once a line
    matching PATTERN (a compiled regex) has been written."""

    def __init__(self, path, pattern, reason):
        self.path, self.pattern, self.reason = path, pattern, reason
        self.offset = 0
        self.partial = b""

    def check(self):
        try:
            with open(self.path, "rb") as f:
                f.seek(self.offset)
                data = f.read(1 << 20)
        except OSError:
            return None
        self.offset += len(data)
        lines = (self.partial + data).split(b"\n")
        self.partial = lines.pop()[-4096:]
        for raw in lines:
            if self.pattern.search(raw.decode("utf-8", "replace")):
                return self.reason
        return None


def first_of(*checks):
    """One check callback that runs CHECKS in order."""
    def check():
        for c in checks:
            reason = c()
            if reason:
                return reason
        return None
    return check

