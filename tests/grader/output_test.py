#!/usr/bin/env python3
# Copyright (c) 2026 The Naiad authors.  All rights reserved.
# SPDX-License-Identifier: BSD-2-Clause
"""What the grader tells a student, and how it spends its runs, without
an emulator (emulator.boot is replaced by a script of machines).

    python3 tests/grader/output_test.py      (tools/test-all runs it)

- a failure's reason is shown in full on the terminal, wrapped, with the
  log, the replay command and the command to run it by hand;
- the test's own `ktest fail` lines come before a panic or a hang;
- the table, results.json and junit.xml carry the lab's parts;
- lab.toml's [[part]] tables are checked;
- replaying one test keeps the other tests' logs;
- a kernel that does not boot is not booted again with that CPU count,
  a test that hung is not run again (except when sweeping), and two runs
  of one test never run at once;
- the sweep table lists each failing seed with its replay command;
- Ctrl-A X in `make run` ends the emulator and counts as a normal end.
It also runs tests/grader/protocol_test.py (the grammar against
PROTOCOL.md).
"""
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools"))
import naiadpath  # noqa: E402,F401  (grading/ on the import path)
from naiadgrade import (console, emulator, labs, machine, report,  # noqa: E402
                        runner, sweep)
from naiadgrade.errors import GradeError  # noqa: E402
from naiadgrade.runner import RunSpec  # noqa: E402
from naiadgrade.verdict import decide  # noqa: E402

T = "0123456789abcdef"
LONG = ("expected the width 12 to pad with zeros on the left, as the "
        "flag 0 asks, but the output was '      42' with spaces, and the "
        "word that was wrong is ZEROPAD_AT_THE_VERY_END")


def serial(*lines):
    return "".join(l + "\r\n" for l in lines).encode()


def booted(name, *lines, token=T):
    return serial("Naiad 0.1 (i386), started by test",
                  f"ktest begin {name} seed=1 token={token}", *lines)


class VerdictTest(unittest.TestCase):
    def test_fail_lines_before_a_panic_come_first(self):
        m = machine.Machine(serial=booted(
            "t", f"ktest fail t a.c:3: {LONG} token={T}",
            "panic: page fault at 0x0 in t_helper"),
            end=machine.POWEROFF)
        reason = decide("t", T, m, 20).reason
        self.assertEqual(reason, f"test reported failure: a.c:3: {LONG}; "
                         f"then kernel panic: page fault at 0x0 in t_helper")

    def test_fail_lines_before_a_hang(self):
        m = machine.Machine(serial=booted("t", f"ktest fail t a.c:3: x "
                                          f"token={T}"),
                            end=machine.STOPPED, stopped="no progress",
                            quiet=15, first_output=1.0)
        self.assertEqual(decide("t", T, m, 20).reason,
                         "test reported failure: a.c:3: x; then no progress "
                         "for 15 s (nothing printed on the console in that "
                         "time; hang?)")

    def test_no_output_is_did_not_boot(self):
        m = machine.Machine(serial=b"", end=machine.STOPPED,
                            stopped="no progress", quiet=15, boot_quiet=10)
        self.assertTrue(decide("t", T, m, 20).reason.startswith(
            "did not boot: no banner"))
        m = machine.Machine(serial=serial("naiad-boot: cannot read the "
                                          "kernel"), end=machine.STOPPED,
                            stopped="no progress", quiet=15, boot_quiet=10,
                            first_output=0.5)
        self.assertIn("the last line printed: naiad-boot: cannot read",
                      decide("t", T, m, 20).reason)


def lab_with_parts():
    part1 = labs.Part(1, "numbers", ["print a number"], ["a", "b"])
    part2 = labs.Part(2, "traps", [], ["c"])
    tests = [labs.LabTest("a", 5, [1], [1], 20, part=part1),
             labs.LabTest("b", 5, [1], [1], 20, part=part1),
             labs.LabTest("c", 10, [1], [1], 20, part=part2)]
    return tests


def outcome(test, reason=None, lab="boot", ran=True):
    spec = RunSpec(test.name, 2, 3, 20)
    verdict = decide(test.name, T, machine.Machine(
        serial=booted(test.name, f"ktest result {test.name} pass token={T}",
                      f"ktest done passed=1 failed=0 token={T}")), 20) \
        if reason is None else runner.Verdict(False, reason)
    r = runner.RunResult(spec, T, verdict, machine.Machine(), 1.5, ran=ran)
    o = report.TestOutcome(lab, test, [r], emu="bochs")
    o.replays[spec.label] = f"grading/grade . --lab {lab} --tests " \
        f"{test.name} --cpus 2 --seeds 3"
    o.logs[spec.label] = f"build/grade/{lab}/{spec.label}.log"
    return o


class ReportTest(unittest.TestCase):
    def setUp(self):
        os.environ["COLUMNS"] = "70"      # a narrow terminal
        a, b, c = lab_with_parts()
        self.outcomes = [outcome(a), outcome(b, "test reported failure: "
                                             "a.c:3: " + LONG),
                         outcome(c, "kernel panic: boom")]

    def tearDown(self):
        del os.environ["COLUMNS"]

    def test_reason_in_full_with_log_and_commands(self):
        text = report.summary_table(self.outcomes)
        self.assertEqual(" ".join(text.split()).count(" ".join(
            LONG.split())), 1, "the long reason, every word, once")
        self.assertTrue(all(len(l) <= 70 for l in text.splitlines()
                            if "reported failure" in l or "ZEROPAD" in l))
        self.assertIn("    log:     build/grade/boot/b-cpus2-seed3.log",
                      text)
        self.assertIn("    replay:  grading/grade . --lab boot --tests b "
                      "--cpus 2 --seeds 3", text)
        self.assertIn("    by hand: make run EMU=bochs CPUS=2 "
                      "CMDLINE='test=b seed=3'", text)

    def test_progress_row_wraps_never_cuts(self):
        out = io.StringIO()
        report.Progress(stream=out).row(self.outcomes[1].runs[0])
        self.assertIn("ZEROPAD_AT_THE_VERY_END", out.getvalue())

    def test_table_groups_by_part(self):
        lines = report.summary_table(self.outcomes).splitlines()
        heads = [i for i, l in enumerate(lines) if l.startswith("boot, part")]
        self.assertEqual(len(heads), 2)
        self.assertIn("boot, part 1: numbers", lines[heads[0]])
        self.assertIn("5/10", lines[heads[0]])
        self.assertEqual([l.split()[0] for l in lines[heads[0] + 1:heads[1]]],
                         ["a", "b"])
        self.assertIn("0/10", lines[heads[1]])

    def test_results_json_and_junit_carry_the_part(self):
        doc = report.results_json(self.outcomes, 3.0)
        self.assertEqual([t["number"] for t in doc["tests"]],
                         ["1.1", "1.2", "2.1"])
        self.assertEqual(doc["tests"][2]["tags"], ["boot", "part 2: traps"])
        self.assertIn("by hand: make run EMU=bochs CPUS=2",
                      doc["tests"][1]["output"])
        root = ET.fromstring(report.junit_xml(self.outcomes, {}).split(
            "?>", 1)[1])
        classes = [c.get("classname") for c in root.iter("testcase")]
        self.assertEqual(classes, ["naiad.boot.part1", "naiad.boot.part1",
                                   "naiad.boot.part2"])

    def test_replay_keeps_other_logs(self):
        with tempfile.TemporaryDirectory() as d:
            for name in ("a-cpus1-seed1.log", "b-cpus1-seed1.log",
                         "b-cpus2-seed3.log", "results.json"):
                open(os.path.join(d, name), "w").close()
            report.clean_reports(d, {"b"})
            self.assertEqual(sorted(os.listdir(d)),
                             ["a-cpus1-seed1.log", "results.json"])

    def test_sweep_table(self):
        text = sweep.table(self.outcomes)
        self.assertRegex(text, r"(?m)^b\s+2\s+3$")
        self.assertIn("    replay:  grading/grade . --lab boot --tests b "
                      "--cpus 2 --seeds 3", text)
        self.assertIn("c: cpus=2: seeds 3 (1/1)", text)


class PartsTest(unittest.TestCase):
    LAB = """[lab]
name = "boot"
handin = ["book/03-console.nw"]
cpus = [1]
seeds = [1]
timeout = 30
[[hole]]
file = "book/03-console.nw"
chunk = "print a number"
stub = "stubs/s.c"
[[test]]
name = "a"
points = 1
[[test]]
name = "b"
points = 2
[[part]]
number = 1
title = "numbers"
holes = ["print a number"]
tests = ["a"]
[[part]]
number = 2
title = "more"
tests = ["b"]
"""

    def load(self, text):
        with tempfile.TemporaryDirectory() as top:
            os.makedirs(os.path.join(top, "labs", "boot", "stubs"))
            with open(os.path.join(top, "labs", "boot", "lab.toml"),
                      "w") as f:
                f.write(text)
            open(os.path.join(top, "labs", "boot", "stubs", "s.c"),
                 "w").close()
            return labs.load_lab(top, "boot")

    def test_good(self):
        lab = self.load(self.LAB)
        self.assertEqual([(p.number, p.tests) for p in lab.parts],
                         [(1, ["a"]), (2, ["b"])])
        self.assertEqual(lab.tests[1].part.label, "part 2: more")

    def test_errors(self):
        for broken, words in [
                (self.LAB.replace('tests = ["b"]', 'tests = ["a", "b"]'),
                 "already in part 1"),
                (self.LAB.replace('tests = ["b"]', 'tests = []'),
                 "in no [[part]]: b"),
                (self.LAB.replace('holes = ["print a number"]',
                                  'holes = ["nope"]'), "'nope'"),
                (self.LAB.replace('tests = ["b"]', 'tests = ["b", "z"]'),
                 "'z' is not a [[test]]"),
                (self.LAB.replace("number = 2", "number = 1"),
                 "number 1")]:
            with self.assertRaises(GradeError) as e:
                self.load(broken)
            self.assertIn(words, str(e.exception))

    def test_every_lab_of_the_tree_has_parts(self):
        for name in labs.lab_names(naiadpath.TOP):
            lab = labs.load_lab(naiadpath.TOP, name)
            self.assertTrue(lab.parts, name)
            self.assertEqual({h.chunk for h in lab.holes},
                             {c for p in lab.parts for c in p.holes}, name)


class FakeEmulator:
    """Stands for emulator.boot: each test's machine comes from HOW, and
    the runs under way are counted."""

    def __init__(self, how):
        self.how, self.calls, self.lock = how, [], threading.Lock()
        self.now = self.most = 0

    def boot(self, target, cmdline, cpus, timeout, token=None, **kw):
        test = re.search(r"test=(\S+)", cmdline).group(1)
        with self.lock:
            self.calls.append((test, cpus))
            self.now += 1
            self.most = max(self.most, self.now)
            mine = [t for t, _ in self.calls if t == test]
        time.sleep(0.05)
        try:
            return self.how(test, cpus, token, len(mine), kw)
        finally:
            with self.lock:
                self.now -= 1


def hang_after_banner(test, cpus, token, n, kw):
    return machine.Machine(serial=booted(test, token=token),
                           end=machine.STOPPED, stopped="no progress",
                           quiet=kw["quiet"], first_output=0.1)


def never_boots(test, cpus, token, n, kw):
    return machine.Machine(serial=b"", end=machine.STOPPED,
                           stopped="no progress", quiet=kw["quiet"],
                           boot_quiet=kw["boot_quiet"])


def passes(test, cpus, token, n, kw):
    return machine.Machine(serial=booted(
        test, f"ktest result {test} pass token={token}",
        f"ktest done passed=1 failed=0 token={token}"),
        end=machine.POWEROFF)


class RunnerTest(unittest.TestCase):
    def run_specs(self, how, tests=("a", "b", "c"), cpus=(1, 2),
                  seeds=(1, 2), every_run=False):
        fake = FakeEmulator(how)
        real = emulator.boot
        emulator.boot = fake.boot
        runner._unbootable.clear()
        try:
            with tempfile.NamedTemporaryFile() as kernel:
                specs = [RunSpec(t, c, s, 20) for t in tests for c in cpus
                         for s in seeds]
                results = runner.run_all(
                    emulator.Target("bochs", image=kernel.name), specs, 2,
                    every_run=every_run)
        finally:
            emulator.boot = real
        return fake, results

    def test_a_hung_test_runs_once_per_cpu_count_at_most(self):
        # Once a test hung with N CPUs, its runs with N or more are not
        # started (those with fewer are: the kernel reports hangs sooner
        # there); its runs are never under way two at once.
        fake, results = self.run_specs(hang_after_banner)
        self.assertEqual(fake.most, 2)
        for test in "abc":
            cpus = [c for t, c in fake.calls if t == test]
            self.assertEqual(len(cpus), len(set(cpus)), test)
            skipped = [r for r in results if r.spec.test == test and
                       not r.ran]
            self.assertEqual(len(skipped), 4 - len(cpus), test)
            self.assertTrue(all(r.spec.cpus >= min(cpus) and
                                r.verdict.reason.startswith(
                                    "not run: this test already hung in run ")
                                for r in skipped), test)

    def test_sweep_runs_everything(self):
        fake, results = self.run_specs(hang_after_banner, every_run=True)
        self.assertEqual(len(fake.calls), 12)
        self.assertTrue(all(r.ran for r in results))

    def test_a_kernel_that_does_not_boot_is_not_booted_again(self):
        # Each CPU count is booted once, or twice when a worker found
        # nothing else to do while the first boot was under way (that
        # one is stopped as soon as the first fails: see SerialWatch).
        fake, results = self.run_specs(never_boots)
        for cpus in (1, 2):
            self.assertIn(sum(1 for _, c in fake.calls if c == cpus),
                          (1, 2))
        self.assertTrue(all(r.verdict.reason.startswith("did not boot")
                            for r in results))
        self.assertGreaterEqual(len([r for r in results if not r.ran]), 9)

    def test_an_honest_kernel_runs_everything(self):
        fake, results = self.run_specs(passes)
        self.assertEqual(len(fake.calls), 12)
        self.assertTrue(all(r.passed for r in results))
        self.assertEqual(fake.most, 2)


class ConsoleTest(unittest.TestCase):
    """Ctrl-A X quits the emulator (here `cat`, which echoes COM1)."""

    def test_ctrl_a_x_quits(self):
        proc = subprocess.Popen(["sleep", "60"], start_new_session=True)
        typed_r, typed_w = os.pipe()          # the keyboard
        com1_r, com1_w = os.pipe()            # what reaches the kernel
        quiet_r, quiet_w = os.pipe()          # a kernel that prints nothing
        os.write(typed_w, b"help\r\x01\x01\x01x")
        os.close(typed_w)
        saved = os.dup(0)
        os.dup2(typed_r, 0)
        try:
            quit_ = console._relay(proc, quiet_r, com1_w)
        finally:
            os.dup2(saved, 0)
            for fd in (saved, typed_r, com1_w, quiet_r, quiet_w):
                os.close(fd)
        self.assertTrue(quit_)
        self.assertIsNotNone(proc.poll(), "the emulator was stopped")
        self.assertEqual(os.read(com1_r, 100), b"help\r\x01")
        os.close(com1_r)

    def test_without_ctrl_a_x_the_emulator_ends_by_itself(self):
        with subprocess.Popen(["true"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE) as proc:
            r, w = os.pipe()
            os.close(w)
            saved = os.dup(0)
            os.dup2(r, 0)
            try:
                quit_ = console._relay(proc, proc.stdout.fileno(),
                                       proc.stdin.fileno())
            finally:
                os.dup2(saved, 0)
                os.close(saved)
                os.close(r)
        self.assertFalse(quit_)


class GrammarTest(unittest.TestCase):
    def test_protocol_document(self):
        done = subprocess.run([sys.executable,
                               os.path.join(HERE, "protocol_test.py")],
                              capture_output=True, text=True, timeout=60)
        self.assertEqual(done.returncode, 0, done.stderr[-2000:])


if __name__ == "__main__":
    unittest.main(verbosity=1)
