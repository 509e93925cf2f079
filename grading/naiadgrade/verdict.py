"""From one boot's output to pass or fail, with a reason.

A run passes when the kernel printed, for the test NAME and the run's
token T (PROTOCOL.md section 2):

    ktest result NAME pass token=T
    ktest done passed=P failed=F token=T

Anything else fails, and the reason says what went wrong first, in words
a student can act on.  Reasons start with a fixed phrase (tests and
scripts may match on it):

    emulator failed to start: ...     output flood (more than N bytes)
    wrong token in result line ...    wrong token in done line ...
    test reported failure: ...        kernel panic: ...
    triple fault / machine reset      timeout after N s (hang?)
    no progress for N s ...           did not boot: ...
    no result line for NAME ...       no done line after the result ...
    emulator error: ...               grader error: ...
    not run: ...

When the kernel printed `ktest fail` lines for the test but no result
line (it panicked, hung or reset first), the reason starts with
"test reported failure: " and those lines, then "; then " and how the
run ended.
"""

import re
from dataclasses import dataclass

from . import protocol
from .machine import (EMULATOR_ERROR, OTHER_EXIT, PANIC_POWEROFF, POWEROFF,
                      RESET, SERIAL_CAP)

CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")

#: `ktest fail` lines quoted in a reason, each in full; the rest are in
#: the run's log.
FAIL_LINES_QUOTED = 5
#: A longer line than this (a kernel printing garbage) is shortened.
LINE_CHARS = 2000


@dataclass
class Verdict:
    passed: bool
    reason: str


def lines_of(serial):
    """The lines of serial output SERIAL (bytes), without CR/LF."""
    return protocol.split_lines(serial)


def decide(name, token, machine, timeout):
    """The verdict for test NAME, run with TOKEN, given MACHINE (a
    machine.Machine) and the run's TIMEOUT in seconds.  The reason holds
    no control characters (it is printed on terminals)."""
    verdict = _decide(name, token, machine, timeout)
    verdict.reason = CONTROL_RE.sub("?", verdict.reason)
    return verdict


def _decide(name, token, machine, timeout):
    if machine.start_error:
        return Verdict(False, "emulator failed to start: "
                       + machine.start_error)
    if machine.end == EMULATOR_ERROR and not machine.serial.strip():
        return Verdict(False, "emulator failed to start: " + machine.message)
    if machine.stopped == "output flood":
        return Verdict(False, f"output flood (more than {SERIAL_CAP} bytes "
                       f"of output; the run was stopped)")
    if machine.stopped == "emulator log flood":
        return Verdict(False, "output flood (the emulator's log grew too "
                       "large; the run was stopped)")

    seen = protocol.Transcript(machine.serial)
    result = seen.first(protocol.RESULT, name)
    if result is None:
        ending = _ending(machine, seen, timeout) or _no_result(name, seen,
                                                               machine)
        fails = seen.fail_messages(name, token)
        if fails:
            # The test's own words come first: a panic or a hang after
            # them is usually their consequence.
            return Verdict(False, "test reported failure: "
                           + _quote(fails) + "; then " + ending)
        return Verdict(False, ending)
    if result.token != token:
        return Verdict(False, f"wrong token in result line (expected "
                       f"{token}, got {result.token or 'nothing'})")
    if result.verdict == "fail":
        reason = "test reported failure: " + _failures(name, seen, token)
        if seen.panic:
            reason += "; then kernel panic: " + seen.panic.message
        return Verdict(False, reason)
    return _after_pass(token, seen, machine, timeout)


def _after_pass(token, seen, machine, timeout):
    """The test said pass: the run passes if the done line follows."""
    done = seen.first(protocol.DONE)
    if done is None:
        cause = _ending(machine, seen, timeout)
        return Verdict(False, (cause + " after the test passed") if cause
                       else "no done line after the result ("
                       + _describe_end(machine) + ")")
    if done.token != token:
        return Verdict(False, f"wrong token in done line (expected {token}, "
                       f"got {done.token or 'nothing'})")
    if machine.stopped in ("done", "timeout", "no progress"):
        return Verdict(True, "passed (but the kernel did not power off: "
                       "stopped by the grader)")
    return Verdict(True, "passed")


def _ending(machine, seen, timeout):
    """A reason for a run that ended abnormally, or None."""
    if seen.panic:
        return "kernel panic: " + seen.panic.message.strip()
    if machine.end == PANIC_POWEROFF:
        return ("kernel panic (power-off with the panic status, but no "
                "`panic:` line)")
    if machine.end == RESET or machine.stopped == "reset":
        return "triple fault / machine reset"
    if machine.stopped == "did not boot":
        return machine.message or "did not boot"
    if machine.stopped == "no progress":
        if machine.first_output is None:
            return did_not_boot(seen, f"nothing printed for "
                                f"{machine.boot_quiet:g} s")
        if not seen.booted:
            return did_not_boot(seen, f"nothing more printed for "
                                f"{machine.quiet:g} s")
        if not seen.started:
            return did_not_start(seen, f"nothing more printed for "
                                 f"{machine.quiet:g} s")
        return (f"no progress for {machine.quiet:g} s (nothing printed on "
                f"the console in that time; hang?)")
    if machine.stopped == "timeout":
        if not seen.booted:
            return did_not_boot(seen, f"time limit of {timeout:g} s")
        if not seen.started:
            return did_not_start(seen, f"time limit of {timeout:g} s")
        return f"timeout after {timeout:g} s (hang?)"
    if machine.stopped == "interrupted":
        return "grader interrupted (Ctrl-C)"
    if machine.end == EMULATOR_ERROR:
        return "emulator error: " + machine.message
    return None


def did_not_boot(seen, why):
    """The reason of a run whose kernel never printed its banner."""
    return _with_last_line(seen, f"did not boot: no banner (a line "
                           f"starting with "
                           f"{protocol.BANNER_PREFIX.strip()!r}; {why})")


def did_not_start(seen, why):
    """The reason of a run whose kernel printed its banner, then hung
    before its first test line."""
    return _with_last_line(seen, f"did not start its tests: the banner, "
                           f"then no `ktest begin` line ({why})")


def _with_last_line(seen, text):
    """TEXT, and the last line the kernel printed (where it stopped)."""
    last = next((l.text for l in reversed(seen.lines) if l.text.strip()),
                None)
    if last is not None:
        text += "; the last line printed: " + _cut(last)
    return text


def _no_result(name, seen, machine):
    if seen.first(protocol.NO_MATCH):
        return (f"no result line for {name} (the kernel has no test of "
                f"that name)")
    if not any(l.text.strip() for l in seen.lines):
        return (f"no result line for {name} (no output at all; "
                + _describe_end(machine) + ")")
    return f"no result line for {name} ({_describe_end(machine)})"


def _describe_end(machine):
    if machine.end == POWEROFF:
        return "the kernel powered off"
    if machine.end == OTHER_EXIT:
        return f"the emulator exited with status {machine.exit_code}"
    if machine.stopped:
        return f"stopped by the grader: {machine.stopped}"
    return f"the machine ended: {machine.end}"


def _failures(name, seen, token):
    """The messages of the `ktest fail NAME ...` lines, quoted."""
    found = seen.fail_messages(name, token)
    return _quote(found) if found else "(no `ktest fail` line)"


def _quote(messages):
    """MESSAGES joined, each in full; after FAIL_LINES_QUOTED of them, a
    count of the others."""
    text = " | ".join(_cut(m) for m in messages[:FAIL_LINES_QUOTED])
    more = len(messages) - FAIL_LINES_QUOTED
    if more > 0:
        text += f" | [and {more} more `ktest fail` lines: see the log]"
    return text


def _cut(text):
    return text if len(text) <= LINE_CHARS else text[:LINE_CHARS] + "[...]"
