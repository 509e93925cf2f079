"""The runs of a grading session, several at a time.

Every (test, cpus, seed) is one run: a fresh emulator, a fresh random
token, its own scratch directory.  Whatever goes wrong inside one run,
including a bug in the grader, becomes that run's failure; the session
goes on.

A hanging kernel must not cost the time limit of every run, so:

- a run with no console output for its progress limit ends at once
  ("no progress for N s"; test161's progress timeout);
- a kernel that never reached its tests with some CPU count (no banner:
  it "did not boot"; a banner and then silence: it "did not start its
  tests") fails the other runs of the same kernel with the same CPU
  count at once, and a run of it already under way stops as soon as it
  is known;
- a test that hung once (no progress, or its time limit) has scored 0
  whatever its other runs do, so its runs with as many CPUs or more are
  not run (unless hunting for flaky seeds, where every run counts); its
  runs with fewer CPUs still run, since the kernel's own watchdog
  reports a hang sooner there, and that report is the student's best
  clue.

Runs are started in passes over the tests (the first CPU count and seed
of every test, then the second, ...), so that two runs under way at once
are of different tests, and the first pass finds a kernel that does not
boot.
"""

import os
import queue
import shutil
import tempfile
import threading
import traceback
from dataclasses import dataclass

from . import emulator, protocol, supervise
from .emulator import EMULATORS, Target  # noqa: F401  (the grader's names)
from .machine import Machine
from .verdict import Verdict, decide

#: Seconds a run may print nothing at all before it ends as "did not
#: boot".  Measured (grading/README.md, "Fast failure"): an honest kernel
#: prints its first line within 3.7 s under Bochs (4 CPUs) and 1.8 s
#: under QEMU, every graded run of every lab on 2 cores shared with a
#: load of about 9.
BOOT_QUIET = 10.0
#: Seconds a run may print nothing once it printed something, before it
#: ends as "no progress", unless lab.toml says otherwise.  Under Bochs
#: an honest graded test was silent for at most 2.1 s (same runs); the
#: limit is higher so that the kernel's own watchdog (Chapter 32) can
#: report a hang first when it sees one (a lost wakeup: 1.4 s with 1 CPU,
#: 11.4 s with 2).  Under QEMU with 4 CPUs an honest test is silent for
#: as long as it runs (10.7 s measured), so there only the time limit
#: applies.
DEFAULT_QUIET = {"bochs": 15.0, "qemu": None}


@dataclass
class RunSpec:
    test: str
    cpus: int
    seed: int
    timeout: float
    quiet: float = None      # progress limit (s); None: DEFAULT_QUIET

    @property
    def label(self):
        """The run's name, also its log's name (without .log)."""
        return f"{self.test}-cpus{self.cpus}-seed{self.seed}"

    def progress_limit(self, emu):
        """The progress limit of this run under EMU (None: none)."""
        limit = DEFAULT_QUIET.get(emu) if self.quiet is None else self.quiet
        return limit or None


@dataclass
class RunResult:
    spec: RunSpec
    token: str
    verdict: Verdict
    machine: Machine
    seconds: float
    error_trace: str = ""   # a grader bug's traceback, for the log
    ran: bool = True        # False: failed without booting (see reason)

    @property
    def passed(self):
        return self.verdict.passed


def new_token():
    """A fresh token (PROTOCOL.md section 1)."""
    return protocol.new_token()


def command_line(spec, token):
    """The kernel command line of run SPEC."""
    return protocol.command_line(test=spec.test, seed=spec.seed, token=token)


# Kernels known not to reach their tests with some CPU count: (the
# file's identity, cpus) -> (the label of the run that showed it, whether
# that run printed a banner).  Shared by every session
# of the process, so that `--all` with one prebuilt kernel learns it once.
_unbootable = {}
_unbootable_lock = threading.Lock()


def _config_key(target, cpus):
    """Identifies one kernel file (path, size, time) booted on CPUS."""
    path = target.path or ""
    try:
        st = os.stat(path)
        ident = (os.path.realpath(path), st.st_size, st.st_mtime_ns,
                 st.st_ino)
    except OSError:
        ident = (path,)
    return (target.emu, ident, cpus)


def _did_not_boot(key):
    with _unbootable_lock:
        return _unbootable.get(key)


def _mark_unbootable(key, label, banner):
    with _unbootable_lock:
        _unbootable.setdefault(key, (label, banner))


def _hung(result):
    """Whether RESULT is a run of a kernel that hung in its test."""
    m = result.machine
    return result.ran and not result.passed and \
        m.stopped in ("no progress", "timeout") and \
        protocol.Transcript(m.serial).started


def run_one(target, spec, key=None):
    """Boot TARGET once for SPEC; never raises.  KEY: the configuration
    key, to stop the run early when another run finds that it does not
    boot."""
    token = new_token()
    rundir = tempfile.mkdtemp(prefix=f"naiad-run-{spec.label}-")
    machine, trace = Machine(), ""
    try:
        machine = emulator.boot(
            target, command_line(spec, token), spec.cpus, spec.timeout,
            token=token, quiet=spec.progress_limit(target.emu),
            boot_quiet=BOOT_QUIET, rundir=rundir,
            stop_unbooted=(lambda: _did_not_boot(key) is not None)
            if key is not None else None)
        if machine.stopped == "did not boot":
            machine.message = _not_booted_reason(spec, _did_not_boot(key))
        verdict = decide(spec.test, token, machine, spec.timeout)
    except Exception as e:       # a grader bug must not stop the session
        trace = traceback.format_exc()
        verdict = Verdict(False, f"grader error: {type(e).__name__}: {e}")
    finally:
        shutil.rmtree(rundir, ignore_errors=True)
    return RunResult(spec, token, verdict, machine, machine.seconds, trace)


def _not_booted_reason(spec, known):
    label, banner = known
    if banner:
        return (f"did not start its tests: with {spec.cpus} CPU(s) this "
                f"kernel printed its banner and then no test line (see run "
                f"{label}); not run")
    return (f"did not boot: with {spec.cpus} CPU(s) this kernel printed no "
            f"banner (see run {label}); not run")


def _not_run(spec, reason):
    return RunResult(spec, "", Verdict(False, reason), Machine(), 0.0,
                     ran=False)


def schedule(specs):
    """The order in which to start SPECS (indexes): in passes, the k-th
    run of every test in the k-th pass."""
    seen, rank = {}, []
    for i, s in enumerate(specs):
        k = seen.get(s.test, 0)
        seen[s.test] = k + 1
        rank.append((k, i))
    return [i for _, i in sorted(rank)]


class _Scheduler:
    """Which run to start next, for workers that ask at any time.

    In the order of schedule(), but: never two runs of one test at once
    (unless EVERY_RUN), so that a test that hangs hangs once; and a run
    with a CPU count not yet seen to boot waits behind runs of other CPU
    counts while one of its kind is under way, so that a kernel that
    does not boot is found with every CPU count at once."""

    def __init__(self, specs, every_run):
        self.specs, self.every_run = specs, every_run
        self.pending = schedule(specs)
        self.tests = {}            # test -> runs under way
        self.probing = {}          # cpus -> runs under way, not yet booted
        self.booted = set()        # CPU counts that reached their tests
        self.cond = threading.Condition()

    def take(self):
        """The index of the next spec to run, or None when none is left."""
        with self.cond:
            while self.pending:
                free = [i for i in self.pending if self.every_run or
                        not self.tests.get(self.specs[i].test)]
                if free:
                    fresh = [i for i in free if self.specs[i].cpus in
                             self.booted or not self.probing.get(
                                 self.specs[i].cpus)]
                    i = (fresh or free)[0]
                    self.pending.remove(i)
                    s = self.specs[i]
                    self.tests[s.test] = self.tests.get(s.test, 0) + 1
                    self.probing[s.cpus] = self.probing.get(s.cpus, 0) + 1
                    return i
                self.cond.wait()
            return None

    def done(self, i, booted):
        with self.cond:
            s = self.specs[i]
            self.tests[s.test] -= 1
            self.probing[s.cpus] -= 1
            if booted:
                self.booted.add(s.cpus)
            self.cond.notify_all()

    def cancel(self):
        with self.cond:
            self.pending = []
            self.cond.notify_all()


def run_all(target, specs, jobs, on_done=None, every_run=False):
    """Run SPECS, JOBS at a time; call ON_DONE(result) as each finishes
    (in this thread); return the results in SPECS' order.  EVERY_RUN:
    run every spec even of a test that already hung (hunting for flaky
    seeds)."""
    results = [None] * len(specs)
    lock = threading.Lock()
    hung = {}                      # test -> (cpus, label) of its hung run
    finished = queue.Queue()
    plan = _Scheduler(specs, every_run)

    def work(spec):
        key = _config_key(target, spec.cpus)
        bad = _did_not_boot(key)
        if bad is not None:
            return _not_run(spec, _not_booted_reason(spec, bad))
        with lock:
            first = None if every_run else hung.get(spec.test)
        if first is not None and spec.cpus >= first[0]:
            return _not_run(spec, f"not run: this test already hung in run "
                            f"{first[1]}, so it scores 0 (see that run)")
        result = run_one(target, spec, key)
        seen = protocol.Transcript(result.machine.serial)
        if result.machine.stopped in ("no progress", "timeout") \
                and not seen.started:
            _mark_unbootable(key, spec.label, seen.booted)
        elif _hung(result):
            with lock:
                if spec.test not in hung or spec.cpus < hung[spec.test][0]:
                    hung[spec.test] = (spec.cpus, spec.label)
        return result

    def worker():
        while True:
            i = plan.take()
            if i is None:
                return
            try:
                result = work(specs[i])
            except BaseException as e:     # run_one never raises; still
                finished.put((i, e))
                plan.done(i, False)
                return
            plan.done(i, protocol.Transcript(result.machine.serial).started)
            finished.put((i, result))

    threads = [threading.Thread(target=worker, daemon=True)
               for _ in range(max(1, min(jobs, len(specs))))]
    for t in threads:
        t.start()
    try:
        for _ in specs:
            i, result = finished.get()
            if isinstance(result, BaseException):
                raise result
            results[i] = result
            if on_done is not None:
                on_done(result)
    except BaseException:
        plan.cancel()
        supervise.kill_all()
        for t in threads:
            t.join()
        raise
    for t in threads:
        t.join()
    return results


def fail_all(specs, reason):
    """Results for SPECS that never ran (e.g. the build failed)."""
    return [_not_run(s, reason) for s in specs]
