"""The runs of a grading session, several at a time.

Every (test, cpus, seed) is one run: a fresh emulator, a fresh random
token, its own scratch directory.  Whatever goes wrong inside one run,
including a bug in the grader, becomes that run's failure; the session
goes on.
"""

import secrets
import shutil
import tempfile
import threading
import traceback
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass

from . import bochs, qemu, supervise
from .machine import Machine
from .verdict import Verdict, decide

EMULATORS = ("bochs", "qemu")


@dataclass
class Target:
    """What to boot: the kernel ELF (QEMU) or the disk image (Bochs)."""
    emu: str
    kernel: str = None
    image: str = None


@dataclass
class RunSpec:
    test: str
    cpus: int
    seed: int
    timeout: float

    @property
    def label(self):
        """The run's name, also its log's name (without .log)."""
        return f"{self.test}-cpus{self.cpus}-seed{self.seed}"


@dataclass
class RunResult:
    spec: RunSpec
    token: str
    verdict: Verdict
    machine: Machine
    seconds: float
    error_trace: str = ""   # a grader bug's traceback, for the log

    @property
    def passed(self):
        return self.verdict.passed


def new_token():
    """A fresh token: 16 hexadecimal digits (PROTOCOL.md section 1)."""
    return secrets.token_hex(8)


def command_line(spec, token):
    """The kernel command line of run SPEC."""
    return f"test={spec.test} seed={spec.seed} token={token}"


def run_one(target, spec):
    """Boot TARGET once for SPEC; never raises."""
    token = new_token()
    rundir = tempfile.mkdtemp(prefix=f"naiad-run-{spec.label}-")
    machine, trace = Machine(), ""
    try:
        boot = qemu.boot if target.emu == "qemu" else bochs.boot
        what = target.kernel if target.emu == "qemu" else target.image
        machine = boot(what, command_line(spec, token), token, spec.cpus,
                       spec.timeout, rundir)
        verdict = decide(spec.test, token, machine, spec.timeout)
    except Exception as e:       # a grader bug must not stop the session
        trace = traceback.format_exc()
        verdict = Verdict(False, f"grader error: {type(e).__name__}: {e}")
    finally:
        shutil.rmtree(rundir, ignore_errors=True)
    return RunResult(spec, token, verdict, machine, machine.seconds, trace)


def run_all(target, specs, jobs, on_done=None):
    """Run SPECS, JOBS at a time; call ON_DONE(result) as each finishes
    (from one thread at a time); return the results in SPECS' order."""
    results = [None] * len(specs)
    lock = threading.Lock()
    pool = ThreadPoolExecutor(max_workers=max(1, jobs))
    try:
        futures = {pool.submit(run_one, target, s): i
                   for i, s in enumerate(specs)}
        for future in as_completed(futures):
            result = future.result()
            results[futures[future]] = result
            if on_done is not None:
                with lock:
                    on_done(result)
    except BaseException:
        supervise.kill_all()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return results


def fail_all(specs, reason):
    """Results for SPECS that never ran (e.g. the build failed)."""
    return [RunResult(s, "", Verdict(False, reason), Machine(), 0.0)
            for s in specs]

