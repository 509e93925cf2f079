#!/usr/bin/env python3
"""Unit tests of the grader's pure parts (no emulator needed).

    python3 tests/grader/unit_test.py      (tests/grader/run runs it too)

Verdicts from synthetic serial output, noweb chunk replacement, lab.toml
checking, tarball safety, and the XML/JSON reports.
"""

import io
import json
import os
import sys
import tarfile
import tempfile
import unittest
import xml.etree.ElementTree as ET

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, "grading"))

from naiadgrade import emulator, labs, machine, noweb, qemu, report, submission  # noqa: E402
from naiadgrade.errors import GradeError  # noqa: E402
from naiadgrade.runner import RunResult, RunSpec  # noqa: E402
from naiadgrade.verdict import decide  # noqa: E402

T = "abc123"


def boot(lines, end=machine.POWEROFF, stopped=None, **kw):
    """A Machine whose serial output is LINES."""
    serial = "".join(l + "\r\n" for l in lines).encode("utf-8",
                                                       "surrogateescape")
    return machine.Machine(serial=serial, end=end, stopped=stopped, **kw)


def good(name="t", token=T):
    return ["Naiad 0.1", f"ktest begin {name} seed=1 token={token}",
            f"ktest result {name} pass token={token}",
            f"ktest end {name} token={token}",
            f"ktest done passed=1 failed=0 token={token}"]


class QemuBootFilesTest(unittest.TestCase):
    """A sandboxed QEMU may read exactly what it boots: the kernel and,
    in a boot that asks for it, the boot archive beside it (a starter
    graded with --emu qemu once scored 0: its emulator could not open
    initrd.tar).  A normal boot carries no archive: the programs are on
    the root disk (book/51-ext2-vfs.nw)."""

    def test_the_archive_is_read_and_passed_only_when_asked(self):
        with tempfile.TemporaryDirectory() as d:
            kernel = os.path.join(d, "kernel.elf")
            open(kernel, "wb").close()
            self.assertEqual(qemu.boot_files(kernel), [kernel])
            self.assertNotIn("-initrd", qemu.command(1, kernel=kernel))
            with self.assertRaisesRegex(ValueError, "no boot archive"):
                qemu.boot_files(kernel, archive=True)
            initrd = os.path.join(d, "initrd.tar")
            open(initrd, "wb").close()
            self.assertEqual(qemu.boot_files(kernel), [kernel])
            self.assertNotIn("-initrd", qemu.command(1, kernel=kernel))
            self.assertEqual(qemu.boot_files(kernel, archive=True),
                             [kernel, initrd])
            argv = qemu.command(1, kernel=kernel, archive=True)
            self.assertEqual(argv[argv.index("-initrd") + 1], initrd)

    def test_a_disk_boot_with_the_archive_boots_its_archive_image(self):
        with tempfile.TemporaryDirectory() as d:
            image = os.path.join(d, "naiad.img")
            open(image, "wb").close()
            with self.assertRaisesRegex(ValueError, "naiad-archive.img"):
                emulator.with_archive(image)
            other = os.path.join(d, "naiad-archive.img")
            open(other, "wb").close()
            self.assertEqual(emulator.with_archive(image), other)
            self.assertEqual(emulator.with_archive(other), other)


class VerdictTest(unittest.TestCase):
    def reason(self, m, name="t"):
        return decide(name, T, m, 20).reason

    def test_pass(self):
        v = decide("t", T, boot(good()), 20)
        self.assertTrue(v.passed)

    def test_done_counts_are_not_parsed(self):
        lines = good()[:-1] + ["ktest done passed=? failed=? token=" + T]
        self.assertTrue(decide("t", T, boot(lines), 20).passed)

    def test_pass_needs_done_line(self):
        v = decide("t", T, boot(good()[:-1]), 20)
        self.assertFalse(v.passed)
        self.assertTrue(v.reason.startswith("no done line"))

    def test_wrong_token(self):
        m = boot(good(token=T + "-forged"))
        self.assertTrue(self.reason(m).startswith(
            "wrong token in result line"))

    def test_reported_failure_quotes_fail_lines(self):
        m = boot(["ktest begin t seed=1 token=" + T,
                  "ktest fail t a.c:3: expected 1 == 2 token=" + T,
                  "ktest result t fail token=" + T,
                  "ktest done passed=0 failed=1 token=" + T])
        self.assertEqual(self.reason(m),
                         "test reported failure: a.c:3: expected 1 == 2")

    def test_panic(self):
        m = boot(["ktest begin t seed=1 token=" + T, "panic: oops at x.c:9"],
                 end=machine.PANIC_POWEROFF)
        self.assertEqual(self.reason(m), "kernel panic: oops at x.c:9")

    def test_timeout(self):
        m = boot(["ktest begin t seed=1 token=" + T], end=machine.STOPPED,
                 stopped="timeout")
        self.assertEqual(self.reason(m), "timeout after 20 s (hang?)")

    def test_reset(self):
        m = boot(["ktest begin t seed=1 token=" + T], end=machine.RESET)
        self.assertEqual(self.reason(m), "triple fault / machine reset")

    def test_flood(self):
        m = boot(["x"] * 10, end=machine.STOPPED, stopped="output flood")
        self.assertTrue(self.reason(m).startswith("output flood"))

    def test_no_such_test(self):
        m = boot(["ktest: no test matches nope",
                  "ktest done passed=0 failed=0 token=" + T])
        self.assertEqual(self.reason(m, "nope"), "no result line for nope "
                         "(the kernel has no test of that name)")

    def test_emulator_did_not_start(self):
        m = machine.Machine(start_error="bochs: not found")
        self.assertEqual(self.reason(m),
                         "emulator failed to start: bochs: not found")

    def test_reason_has_no_control_characters(self):
        m = boot(["ktest fail t a.c:1: \x1b[31mred token=" + T,
                  "ktest result t fail token=" + T])
        self.assertNotIn("\x1b", self.reason(m))


class NowebTest(unittest.TestCase):
    BOOK = ("text\n<<root>>=\n<<hole>>\n@\n"
            "<<hole>>=\nold 1\nold 2\n@ %def x\nmore text\n")

    def test_replace(self):
        out = noweb.replace_chunk(self.BOOK, "hole", "new\n")
        self.assertIn("<<hole>>=\nnew\n@ %def x\n", out)
        self.assertNotIn("old", out)
        self.assertIn("<<root>>=\n<<hole>>\n@\n", out)

    def test_body_ends_at_next_definition_or_eof(self):
        out = noweb.replace_chunk("<<a>>=\nx\n<<b>>=\ny", "a", "z")
        self.assertEqual(out, "<<a>>=\nz\n<<b>>=\ny")
        out = noweb.replace_chunk("<<a>>=\nx\ny", "a", "z")
        self.assertEqual(out, "<<a>>=\nz\n")

    def test_must_be_defined_once(self):
        with self.assertRaises(GradeError):
            noweb.replace_chunk(self.BOOK, "missing", "")
        with self.assertRaises(GradeError):
            noweb.replace_chunk(self.BOOK + "<<hole>>=\nagain\n@\n", "hole",
                                "")


class LabsTest(unittest.TestCase):
    def lab_tree(self, text, stub=True):
        top = tempfile.mkdtemp()
        self.addCleanup(lambda: __import__("shutil").rmtree(top))
        os.makedirs(os.path.join(top, "labs", "boot", "stubs"))
        with open(os.path.join(top, "labs", "boot", "lab.toml"), "w") as f:
            f.write(text)
        if stub:
            open(os.path.join(top, "labs", "boot", "stubs", "s.c"),
                 "w").close()
        return top

    GOOD = """[lab]
name = "boot"
handin = ["book/02-console.nw"]
cpus = [1, 2]
seeds = [1]
timeout = 30
[[hole]]
file = "book/02-console.nw"
chunk = "c"
stub = "stubs/s.c"
[[test]]
name = "printf_decimal"
points = 10
seeds = [1, 5]
"""

    def test_good(self):
        lab = labs.load_lab(self.lab_tree(self.GOOD), "boot")
        self.assertEqual(lab.max_score, 10)
        self.assertEqual(lab.tests[0].cpus, [1, 2])
        self.assertEqual(lab.tests[0].seeds, [1, 5])

    def test_errors_name_the_field(self):
        for broken, word in [
                (self.GOOD.replace("timeout = 30\n", ""), "timeout"),
                (self.GOOD.replace("cpus = [1, 2]", "cpus = []"), "cpus"),
                (self.GOOD.replace('name = "boot"', 'name = "x"'), "name"),
                (self.GOOD.replace("points = 10", "points = 'x'"), "points"),
                (self.GOOD.replace("[lab]", "[lab"), "TOML")]:
            with self.assertRaises(GradeError) as e:
                labs.load_lab(self.lab_tree(broken), "boot")
            self.assertIn(word, str(e.exception))

    def test_unknown_lab(self):
        with self.assertRaises(GradeError) as e:
            labs.load_lab(self.lab_tree(self.GOOD), "nope")
        self.assertIn("boot", str(e.exception))


class TarballTest(unittest.TestCase):
    def tarball(self, members):
        path = tempfile.mktemp(suffix=".tgz")
        self.addCleanup(os.remove, path)
        with tarfile.open(path, "w:gz") as t:
            for name, data in members:
                info = tarfile.TarInfo(name)
                info.size = len(data)
                t.addfile(info, io.BytesIO(data))
        return path

    def test_wrapper_directory_is_found(self):
        path = self.tarball([("alice/book/a.nw", b"x")])
        got = submission.read_submission(path, ["book/a.nw"])
        self.assertEqual(got.files, {"book/a.nw": b"x"})

    def test_dotdot_is_refused(self):
        path = self.tarball([("../evil", b"x")])
        with self.assertRaises(GradeError):
            submission.read_submission(path, ["book/a.nw"])


class ReportTest(unittest.TestCase):
    def test_xml_and_json_survive_garbage(self):
        spec = RunSpec("t", 1, 1, 20)
        m = boot(["ktest fail t \x00\x1b\udcff bad token=" + T])
        r = RunResult(spec, T, decide("t", T, m, 20), m, 1.0)
        o = report.TestOutcome("boot", labs.LabTest("t", 5, [1], [1], 20),
                               [r], replays={spec.label: "grade x"})
        ET.fromstring(report.junit_xml([o], {"boot": 1.0}).split("?>", 1)[1])
        doc = json.loads(json.dumps(report.results_json([o], 1.0)))
        self.assertEqual(doc["tests"][0]["status"], "failed")
        self.assertIn("replay: grade x", doc["tests"][0]["output"])
        report.run_log(r, "qemu", "grade x")


if __name__ == "__main__":
    unittest.main(verbosity=1)
