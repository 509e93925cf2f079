"""Following the serial log while the emulator runs.

The supervisor calls `SerialWatch.check` at every poll.  It reads what
the kernel printed since the last call and asks to stop the emulator:

- "reset" when the banner (a line starting with `Naiad `) appears a
  second time: the machine rebooted (a triple fault under an emulator
  that resets, or a reset through the keyboard controller);
- "done" when the `ktest done ... token=T` line has been printed and the
  kernel has not powered off within GRACE seconds.
"""

import re
import time

BANNER = "Naiad "
GRACE_SECONDS = 10.0


def done_re(token):
    """The `ktest done` line of PROTOCOL.md section 2, with token TOKEN."""
    return re.compile(r"^ktest done passed=\S* failed=\S* token="
                      + re.escape(token) + r"\s*$")


class SerialWatch:
    """Incremental reader of serial log PATH for a run with token TOKEN."""

    def __init__(self, path, token, grace=GRACE_SECONDS):
        self.path = path
        self.done = done_re(token)
        self.grace = grace
        self.offset = 0
        self.partial = b""
        self.banners = 0
        self.done_at = None

    def check(self):
        """Read new output; return a reason to stop the emulator, or None."""
        self._read()
        if self.banners >= 2:
            return "reset"
        if self.done_at is not None and \
                time.monotonic() - self.done_at > self.grace:
            return "done"
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
        self.partial = lines.pop()
        for raw in lines:
            line = raw.decode("utf-8", "replace").strip("\r")
            if line.startswith(BANNER):
                self.banners += 1
            elif self.done_at is None and self.done.match(line):
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
