"""Many kernel tests in one boot, and what the boot showed: the
whole-suite runs of `make test` (tools/test-all), and the tests under
tests/ that boot a kernel once and read its verdicts.

The grader, by contrast, gives each test a fresh emulator (runner.py).
Both read the console with the one grammar of naiadgrade.protocol.
"""

import os
from dataclasses import dataclass

from . import emulator, protocol
from .machine import EMULATOR_ERROR

#: The built kernel and its disk image, relative to a tree's top.
KERNEL = os.path.join("build", "kernel.elf")
IMAGE = os.path.join("build", "naiad.img")
#: Output kept from one boot: the whole suite, and traces, print more than
#: the grader allows one test.
SERIAL_CAP = 16 << 20


@dataclass
class SuiteResult:
    """What one boot showed: counts, and the output with a verdict line."""
    passed: int
    failed: int
    output: str


def target(emu, kernel=KERNEL, image=IMAGE):
    """The emulator.Target for EMU: QEMU boots KERNEL, Bochs IMAGE."""
    return emulator.Target(emu, kernel=kernel if emu == "qemu" else None,
                           image=image)


def boot(emu, cpus, cmdline, timeout, kernel=KERNEL, image=IMAGE,
         quiet=None, **kw):
    """Boot once in QEMU or Bochs; return the machine.Machine (its
    .serial holds what the kernel printed, as bytes)."""
    kw.setdefault("serial_cap", SERIAL_CAP)
    return emulator.boot(target(emu, kernel, image), cmdline, cpus,
                         timeout, quiet=quiet, **kw)


def output_of(machine):
    """The console output of MACHINE as text, with a last line saying how
    a run that did not power off ended."""
    text = machine.serial.decode("utf-8", "replace").replace("\r", "")
    if machine.start_error:
        text += f"\n(the emulator did not start: {machine.start_error})\n"
    elif machine.end == EMULATOR_ERROR:
        text += f"\n(the emulator failed: {machine.message})\n"
    elif machine.stopped:
        text += f"\n(stopped after {machine.seconds:.0f} s: " \
            f"{machine.stopped})\n"
    return text


def judge(output, token):
    """Count the result lines with TOKEN; a missing done line, or one
    whose counts disagree, is a failure.  Returns (passed, failed,
    notes)."""
    seen = protocol.Transcript(output)
    results = seen.of(protocol.RESULT, token=token)
    passed = sum(1 for r in results if r.verdict == "pass")
    failed = len(results) - passed
    notes = []
    done = seen.of(protocol.DONE, token=token)
    if not done:
        failed += 1
        notes.append("no 'ktest done' line: the kernel hung, crashed or "
                     "reset before the end")
    elif (done[-1].number("passed"), done[-1].number("failed")) != \
            (passed, failed):
        failed += 1
        notes.append("the done line disagrees with the result lines")
    if passed + failed == 0:
        failed = 1
        notes.append("no test ran")
    return passed, failed, notes


def run_suite(emu, cpus, seed=1, pattern="all", timeout=300, quiet=60,
              kernel=KERNEL, image=IMAGE, archive=False):
    """Run every test matching PATTERN in one boot and judge the output.
    ARCHIVE: with the boot archive as a module (emulator.boot); the
    normal boot, without, takes its programs from the root disk.
    QUIET: seconds without output after which the boot counts as hung
    (whole-suite boots include the slowest stress tests).  TIMEOUT is
    generous: QUIET catches a hang, and 8 CPUs in QEMU on a busy 2-core
    host took 118 s for a suite that takes 30 s on an idle one."""
    token = protocol.new_token()
    cmdline = protocol.command_line(test=pattern, seed=seed, token=token)
    machine = boot(emu, cpus, cmdline, timeout, kernel, image, quiet=quiet,
                   token=token, archive=archive)
    output = output_of(machine)
    passed, failed, notes = judge(output, token)
    seen = protocol.Transcript(output)
    failures = [l.text for l in seen.lines
                if (l.kind == protocol.FAIL and l.token == token)
                or l.kind == protocol.PANIC]
    text = "%s, %d CPU(s), seed %d: %d passed, %d failed" % (
        emu, cpus, seed, passed, failed)
    if failures or notes:
        text += "\n" + "\n".join(failures + notes)
        text += "\n--- output tail ---\n" + "\n".join(
            output.splitlines()[-30:])
    return SuiteResult(passed, failed, text)
