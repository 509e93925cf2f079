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
    no result line for NAME ...       no done line after the result ...
    emulator error: ...               grader error: ...
"""

import re
from dataclasses import dataclass

from .machine import (EMULATOR_ERROR, OTHER_EXIT, PANIC_POWEROFF, POWEROFF,
                      RESET, SERIAL_CAP)

RESULT_RE = re.compile(r"^ktest result (\S+) (pass|fail) token=(\S*)\s*$")
FAIL_RE = re.compile(r"^ktest fail (\S+) (.*?)(?: token=(\S*))?\s*$")
# The counts are not checked: in an early lab's starter the kernel's own
# number formatting may be the broken part ("passed=? failed=?").
DONE_RE = re.compile(r"^ktest done passed=\S* failed=\S* token=(\S*)\s*$")
NO_MATCH_RE = re.compile(r"^ktest: no test matches ")
PANIC_PREFIX = "panic: "
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")

#: Longest list of `ktest fail` messages quoted in a reason.
FAILURES_CHARS = 600


@dataclass
class Verdict:
    passed: bool
    reason: str


def lines_of(serial):
    """The lines of serial output SERIAL (bytes), without CR/LF."""
    text = serial.decode("utf-8", "replace")
    return [line.rstrip("\r") for line in text.split("\n")]


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

    lines = lines_of(machine.serial)
    panic = next((l for l in lines if l.startswith(PANIC_PREFIX)), None)
    result = next((m for m in map(RESULT_RE.match, lines)
                   if m and m.group(1) == name), None)
    if result is None:
        return Verdict(False, _ending(machine, panic, timeout)
                       or _no_result(name, lines, machine))
    if result.group(3) != token:
        return Verdict(False, f"wrong token in result line (expected "
                       f"{token}, got {result.group(3) or 'nothing'})")
    if result.group(2) == "fail":
        reason = "test reported failure: " + _failures(name, lines)
        if panic:
            reason += "; then kernel panic: " + panic[len(PANIC_PREFIX):]
        return Verdict(False, reason)
    return _after_pass(token, lines, machine, panic, timeout)


def _after_pass(token, lines, machine, panic, timeout):
    """The test said pass: the run passes if the done line follows."""
    done = next((m for m in map(DONE_RE.match, lines) if m), None)
    if done is None:
        cause = _ending(machine, panic, timeout)
        return Verdict(False, (cause + " after the test passed") if cause
                       else "no done line after the result ("
                       + _describe_end(machine) + ")")
    if done.group(1) != token:
        return Verdict(False, f"wrong token in done line (expected {token}, "
                       f"got {done.group(1) or 'nothing'})")
    if machine.stopped in ("done", "timeout"):
        return Verdict(True, "passed (but the kernel did not power off: "
                       "stopped by the grader)")
    return Verdict(True, "passed")


def _ending(machine, panic, timeout):
    """A reason for a run that ended abnormally, or None."""
    if panic:
        return "kernel panic: " + panic[len(PANIC_PREFIX):].strip()
    if machine.end == PANIC_POWEROFF:
        return ("kernel panic (power-off with the panic status, but no "
                "`panic:` line)")
    if machine.end == RESET or machine.stopped == "reset":
        return "triple fault / machine reset"
    if machine.stopped == "timeout":
        return f"timeout after {timeout:g} s (hang?)"
    if machine.stopped == "interrupted":
        return "grader interrupted (Ctrl-C)"
    if machine.end == EMULATOR_ERROR:
        return "emulator error: " + machine.message
    return None


def _no_result(name, lines, machine):
    if any(NO_MATCH_RE.match(l) for l in lines):
        return (f"no result line for {name} (the kernel has no test of "
                f"that name)")
    if not any(l.strip() for l in lines):
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


def _failures(name, lines):
    """The messages of the `ktest fail NAME ...` lines, joined."""
    found = []
    for m in map(FAIL_RE.match, lines):
        if m and m.group(1) == name:
            found.append(m.group(2))
    if not found:
        return "(no `ktest fail` line)"
    text = " | ".join(found)
    if len(text) > FAILURES_CHARS:
        text = text[:FAILURES_CHARS] + f" [... {len(found)} failures]"
    return text
