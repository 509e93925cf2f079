"""Running a child process that may hang, flood or ignore SIGTERM.

The child runs in its own process group with stdin from /dev/null and
its stdout and stderr in a file.  A polling loop stops it (SIGKILL to the
whole group: Bochs ignores SIGTERM) when:

- the wall-time limit passes                     -> stopped = "timeout"
- a progress file stops growing for too long     -> stopped = "no progress"
- a watched file grows beyond its cap            -> stopped = the watch's reason
- a `check` callback returns a reason            -> stopped = that reason
- the grader is interrupted (Ctrl-C)             -> stopped = "interrupted"

Every child ever started is registered, so that `kill_all` can end them
when the grader itself is interrupted.  As a last guard, should the
grader be killed outright (SIGKILL), each child runs under coreutils'
`timeout -s KILL`, which ends it a little after its own limit.
"""

import os
import shutil
import signal
import subprocess
import threading
import time
from dataclasses import dataclass

POLL_SECONDS = 0.05
#: Seconds after its limit at which `timeout` kills an orphaned child.
ORPHAN_GRACE = 30

#: When set (by the session, for a sandboxed grade), a function
#: (argv, cwd) -> argv that every run without a `wrap` of its own goes
#: through: the emulators then run inside the sandbox.
default_wrap = None

_live = set()
_live_lock = threading.Lock()
_interrupted = threading.Event()


@dataclass
class Watch:
    """Stop the child when file PATH grows beyond CAP bytes."""
    path: str
    cap: int
    reason: str


@dataclass
class Progress:
    """Stop the child when file PATH (the kernel's console) stays as it
    is too long: FIRST_SECONDS from the start while it is empty, SECONDS
    once something was written.  A kernel that prints nothing is stuck,
    and waiting out the whole time limit would only cost time.  None: no
    such limit (the silences are measured all the same)."""
    path: str
    seconds: float = None
    first_seconds: float = None


class _Silence:
    """What was seen of a Progress file: when it first grew, and its
    longest silence after that."""

    def __init__(self, start):
        self.size, self.grew, self.start = 0, start, start
        self.first_output = None     # seconds after the start
        self.longest = 0.0

    def poll(self, progress, now):
        """Look at the file; the limit passed, or None."""
        try:
            size = os.path.getsize(progress.path)
        except OSError:
            size = 0
        if size != self.size:
            if self.first_output is None:
                self.first_output = now - self.start
            self.size, self.grew = size, now
        quiet = now - self.grew
        if self.first_output is None:
            limit = progress.first_seconds
        else:
            self.longest = max(self.longest, quiet)
            limit = progress.seconds
        return limit is not None and quiet > limit


@dataclass
class Finished:
    """How a supervised child ended."""
    exit_code: int = None    # None when it could not start or was killed
    stopped: str = None      # why the grader stopped it, or None
    start_error: str = None  # why it could not start, or None
    seconds: float = 0.0
    first_output: float = None    # s from the start to the Progress file's
    longest_silence: float = 0.0  # first growth, and its longest silence


def run(argv, cwd, output_path, timeout, watches=(), check=None, env=None,
        wrap=None, progress=None, poll=POLL_SECONDS):
    """Run ARGV in CWD, its output in OUTPUT_PATH, under the limits above.

    CHECK, if given, is called at every poll (every POLL seconds) and may
    return a reason to stop the child; PROGRESS, if given, is a Progress.
    WRAP (default: default_wrap), if set, rewrites ARGV (to run it in the
    sandbox).  Never raises for the child's behaviour."""
    start = time.monotonic()
    wrap = wrap or default_wrap
    if wrap is not None:
        argv = wrap(list(argv), cwd)
    if shutil.which("timeout"):
        argv = ["timeout", "-s", "KILL",
                str(int(timeout + ORPHAN_GRACE))] + list(argv)
    try:
        with open(output_path, "wb") as out, \
                open(os.devnull, "rb") as devnull:
            child = subprocess.Popen(argv, cwd=cwd, env=env, stdin=devnull,
                                     stdout=out, stderr=subprocess.STDOUT,
                                     start_new_session=True)
    except OSError as e:
        return Finished(start_error=f"{argv[0]}: {e.strerror or e}",
                        seconds=time.monotonic() - start)
    with _live_lock:
        _live.add(child)
    try:
        silence = _Silence(start)
        stopped = _watch(child, start, timeout, watches, check, progress,
                         poll, silence)
    finally:
        _kill_group(child)
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
        with _live_lock:
            _live.discard(child)
    code = None if stopped else child.returncode
    return Finished(exit_code=code, stopped=stopped,
                    seconds=time.monotonic() - start,
                    first_output=silence.first_output,
                    longest_silence=silence.longest)


def _watch(child, start, timeout, watches, check, progress, poll, silence):
    """Poll CHILD until it exits (return None) or must be stopped
    (return the reason).  SILENCE: a _Silence for PROGRESS."""
    while True:
        if child.poll() is not None:
            return None
        if _interrupted.is_set():
            return "interrupted"
        now = time.monotonic()
        if now - start > timeout:
            return "timeout"
        if progress is not None and silence.poll(progress, now):
            return "no progress"
        for w in watches:
            try:
                if os.path.getsize(w.path) > w.cap:
                    return w.reason
            except OSError:
                pass
        if check is not None:
            reason = check()
            if reason:
                return reason
        time.sleep(poll)


def _kill_group(child):
    """SIGKILL CHILD's process group (also after CHILD exited: helpers it
    started may remain)."""
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def kill_all():
    """Stop every supervised child now (the grader is interrupted)."""
    _interrupted.set()
    with _live_lock:
        children = list(_live)
    for child in children:
        _kill_group(child)


def interrupted():
    return _interrupted.is_set()
