#!/usr/bin/env python3
"""Unit tests of how the grader takes in a submission (no emulator).

    python3 tests/grader/intake_test.py     (tests/grader/intake runs it)

Reading hand-in files from directories and tarballs within limits
(links, bombs, disguised compression, damage, wrappers), splicing hole
bodies into the reference chapters (what is taken, what is ignored, the
stub for a missing hole), root names in tools/tangle, the sandbox
(host files, network, user), and the command line's exit statuses and
reports when a submission cannot be graded or the grader breaks.
"""

import bz2
import contextlib
import gzip
import io
import json
import lzma
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unittest
from unittest import mock

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, "grading"))

from naiadgrade import batch, cli, noweb, overlay, sandbox  # noqa: E402
from naiadgrade.errors import GradeError, SubmissionError  # noqa: E402
from naiadgrade.labs import load_lab  # noqa: E402
from naiadgrade.submission import Handins, Limits, read_submission  # noqa

BOOT = load_lab(TOP, "boot")
WANTED = list(BOOT.handin)
# The chapters come from lab.toml (chapter files may be renumbered).
CONSOLE = [h.file for h in BOOT.holes if h.chunk == "print a number"][0]
TRAPS = [h.file for h in BOOT.holes if h.chunk == "walk the frame chain"][0]


def ref_text(rel):
    with open(os.path.join(TOP, rel), encoding="utf-8") as f:
        return f.read()


def ref_bytes(rel):
    with open(os.path.join(TOP, rel), "rb") as f:
        return f.read()


class Scratch(unittest.TestCase):
    """A test with a temporary directory, self.tmp."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="naiad-intake-test-")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)

    def write(self, rel, data):
        p = self.path(rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())
        return p


def tar_bytes(members, mode="w"):
    """A tar archive (uncompressed bytes) of MEMBERS: (name, data) for a
    file, or (name, TarInfo-setup function)."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode, format=tarfile.GNU_FORMAT) as t:
        for name, data in members:
            info = tarfile.TarInfo(name)
            if callable(data):
                data(info)
                t.addfile(info)
            else:
                info.size = len(data)
                t.addfile(info, io.BytesIO(data))
    return buf.getvalue()


GOOD = [(CONSOLE, ref_bytes(CONSOLE)), (TRAPS, ref_bytes(TRAPS))]


# ---- reading directories ----------------------------------------------

class DirectoryTest(Scratch):
    def test_reads_only_the_handin_files(self):
        for rel, data in GOOD:
            self.write(f"sub/{rel}", data)
        self.write("sub/Makefile", "all:\n\tfalse\n")
        got = read_submission(self.path("sub"), WANTED)
        self.assertEqual(got.files, dict(GOOD))

    def test_missing_one_file_is_reported_not_fatal(self):
        self.write(f"sub/{CONSOLE}", ref_bytes(CONSOLE))
        got = read_submission(self.path("sub"), WANTED)
        self.assertEqual(list(got.files), [CONSOLE])
        self.assertIn(TRAPS, got.missing)

    def test_missing_empty_and_not_a_tarball(self):
        os.makedirs(self.path("empty"))
        self.write("notes.zip", b"PK\x03\x04")
        for sub, word in [("nope", "does not exist"),
                          ("empty", "none of the hand-in files"),
                          ("notes.zip", "neither a directory nor a tarball")]:
            with self.assertRaises(SubmissionError) as e:
                read_submission(self.path(sub), WANTED)
            self.assertIn(word, str(e.exception))

    def test_symlink_as_file_or_on_the_way_is_refused(self):
        self.write("secret", "root:x:0:0\n")
        os.makedirs(self.path("a/book"))
        os.symlink(self.path("secret"), self.path("a", CONSOLE))
        os.makedirs(self.path("b"))
        os.makedirs(self.path("elsewhere"))
        os.symlink(self.path("elsewhere"), self.path("b/book"))
        for sub, name in [("a", CONSOLE), ("b", "book")]:
            with self.assertRaises(SubmissionError) as e:
                read_submission(self.path(sub), WANTED)
            self.assertEqual(str(e.exception),
                             f"links are not accepted: {name}")

    def test_hard_link_to_a_file_outside_is_refused(self):
        outside = self.write("outside/secret.nw", "secret\n")
        os.makedirs(self.path("sub/book"))
        os.link(outside, self.path("sub", CONSOLE))
        with self.assertRaises(SubmissionError) as e:
            read_submission(self.path("sub"), WANTED)
        self.assertTrue(str(e.exception).startswith(
            f"links are not accepted: {CONSOLE} (a hard link"))

    def test_too_large_and_special_files(self):
        self.write(f"big/{CONSOLE}", b"x" * 2048)
        with self.assertRaises(SubmissionError) as e:
            read_submission(self.path("big"), WANTED,
                            Limits(file_bytes=1024))
        self.assertIn("more than", str(e.exception))
        os.makedirs(self.path("fifo/book"))
        os.mkfifo(self.path("fifo", CONSOLE))
        with self.assertRaises(SubmissionError) as e:
            read_submission(self.path("fifo"), WANTED)
        self.assertIn("not a regular file", str(e.exception))

    def test_non_utf8_directory_name(self):
        name = os.fsdecode(b"caf\xe9-\xff")
        for rel, data in GOOD:
            self.write(os.path.join(name, rel), data)
        got = read_submission(self.path(name), WANTED)
        self.assertEqual(sorted(got.files), sorted(WANTED))
        with self.assertRaises(SubmissionError) as e:
            read_submission(self.path(name + "x"), WANTED)
        str(e.exception).encode("utf-8")     # printable as it is


# ---- reading tarballs -------------------------------------------------

class TarballTest(Scratch):
    def tgz(self, name, members, compress=gzip.compress):
        return self.write(name, compress(tar_bytes(members)))

    def refused(self, path, word, limits=None):
        with self.assertRaises(SubmissionError) as e:
            read_submission(path, WANTED, limits)
        self.assertIn(word, str(e.exception))
        return str(e.exception)

    def test_just_the_handin_files_and_wrappers_read_the_same(self):
        plain = read_submission(self.tgz("a.tgz", GOOD), WANTED)
        self.assertEqual(plain.files, dict(GOOD))
        for prefix in ["alice/", "./", "naiad-boot/x/"]:
            got = read_submission(
                self.tgz("b.tgz", [(prefix + n, d) for n, d in GOOD]),
                WANTED)
            self.assertEqual(got.files, dict(GOOD), prefix)
        path = self.write("c.tar", tar_bytes(GOOD))
        self.assertEqual(read_submission(path, WANTED).files, dict(GOOD))

    def test_shallowest_copy_wins_and_equal_depth_is_ambiguous(self):
        got = read_submission(self.tgz("a.tgz", GOOD + [
            ("old/" + CONSOLE, b"old\n")]), WANTED)
        self.assertEqual(got.files[CONSOLE], ref_bytes(CONSOLE))
        self.refused(self.tgz("b.tgz", [("a/" + CONSOLE, b"1"),
                                        ("b/" + CONSOLE, b"2")]),
                     "two copies")

    def test_compression_is_checked_by_its_magic(self):
        self.refused(self.tgz("a.tgz", GOOD, bz2.compress),
                     "it is bzip2 data")
        self.refused(self.tgz("b.tar.gz", GOOD, lzma.compress),
                     "it is xz data")
        self.refused(self.write("c.tgz", tar_bytes(GOOD)),
                     "not gzip-compressed")
        self.refused(self.tgz("d.tar", GOOD), "gzip-compressed data")
        self.refused(self.write("e.tgz", b""), "is empty")

    def test_damaged_and_truncated(self):
        data = gzip.compress(tar_bytes(GOOD))
        self.refused(self.write("t.tgz", data[:len(data) // 2]),
                     "damaged or truncated")
        bad = bytearray(data)
        for i in range(40, len(bad) - 40, 97):
            bad[i] ^= 0x55
        self.refused(self.write("c.tgz", bytes(bad)), "damaged or truncated")
        self.refused(self.write("g.tgz", gzip.compress(b"not a tar " * 200)),
                     "damaged or truncated")

    def test_limits(self):
        bomb = self.write("bomb.tgz", gzip.compress(tar_bytes(
            GOOD + [("zeros", bytes(64 << 20))]), 9))
        self.refused(bomb, "more than 100 times")
        self.refused(bomb, "MiB once uncompressed",
                     Limits(total_bytes=8 << 20, ratio=10 ** 6))
        many = self.tgz("many.tgz", [(f"f{i}", b"") for i in range(60)])
        self.refused(many, "more than 50 members", Limits(members=50))
        big = self.tgz("big.tgz", [(CONSOLE, b"x" * 5000)])
        self.refused(big, "more than", Limits(file_bytes=4096))
        self.refused(self.tgz("slow.tgz", GOOD), "took more than",
                     Limits(seconds=-1))

    def test_links_and_special_files_are_refused_by_name(self):
        def sym(info):
            info.type, info.linkname = tarfile.SYMTYPE, "/etc/passwd"

        def hard(info):
            info.type, info.linkname = tarfile.LNKTYPE, "../../etc/shadow"

        def dev(info):
            info.type = tarfile.CHRTYPE
        for kind, name in [(sym, CONSOLE), (hard, "x/" + TRAPS),
                           (sym, "unrelated")]:
            msg = self.refused(self.tgz("l.tgz", [(name, kind)] + GOOD),
                               "links are not accepted")
            self.assertTrue(msg.endswith(name))
        self.refused(self.tgz("d.tgz", [("dev", dev)] + GOOD),
                     "special files")

    def test_unsafe_names(self):
        self.refused(self.tgz("a.tgz", [("../evil", b"x")] + GOOD),
                     "unsafe tarball")
        self.refused(self.tgz("b.tgz", [("/abs/" + CONSOLE, b"x")]),
                     "unsafe tarball")

    def test_non_utf8_names(self):
        odd = os.fsdecode(b"book/\xff\xfe.nw")
        path = self.tgz(os.fsdecode(b"\xe9l\xe8ve.tgz"),
                        [(odd, b"x")] + GOOD)
        self.assertEqual(read_submission(path, WANTED).files, dict(GOOD))
        msg = self.refused(self.tgz("o.tgz", [(odd, b"x")]),
                           "none of the hand-in files")
        msg.encode("utf-8")


# ---- noweb, and splicing holes ---------------------------------------

class NowebTest(unittest.TestCase):
    def test_lines_split_at_newlines_only(self):
        text = "a\rb\x0bc\x85\n<<x>>=\r\nbody\r\n@\r\n"
        self.assertEqual("".join(noweb.split_lines(text)), text)
        self.assertEqual(noweb.bodies(text, "x"), ["body\r\n"])

    def test_boundaries_at_least_as_eager_as_noweb(self):
        """Every line noweb's markup reads as a definition or the start
        of documentation ends a body for noweb.py too."""
        markup = "/usr/lib/noweb/markup"
        if not os.path.exists(markup):
            self.skipTest("noweb not installed")
        lines = ["<<a>>=", "<<a>>=  ", "<<a>>=\r", "<<a>>=\f", " <<a>>=",
                 "<<a>>= x", "<<a b>>=", "<<a>>b>>=", "@", "@ ", "@\t",
                 "@\r", "@\x0b", "@\f", "@x", "@@", "@%def x", "@ %def x",
                 "@<<a>>", "x@", "<<<a>>=", "<<a>>>=", "<<>>="]
        for line in lines:
            text = f"<<start>>=\nfirst\n{line}\nlast\n@\n"
            with tempfile.NamedTemporaryFile("w", suffix=".nw") as f:
                f.write(text)
                f.flush()
                out = subprocess.run([markup, f.name], capture_output=True,
                                     text=True).stdout
            # noweb ends <<start>> at LINE when "last" is not its code.
            code = out.split("@defn start\n", 1)[1].split("@end code", 1)[0]
            noweb_ends = "@text last" not in code
            ours = noweb.bodies(text, "start")[0] == "first\n"
            if noweb_ends:
                self.assertTrue(ours, f"noweb ends the chunk at {line!r}")

    def test_replace_refuses_a_body_that_would_end_the_chunk(self):
        with self.assertRaises(GradeError):
            noweb.replace_chunk("<<a>>=\nx\n@\n", "a", "y\n@ z\n")
        with self.assertRaises(GradeError):
            noweb.replace_chunk("<<a>>=\nx\n@\n", "a", "<<src/e.c>>=\n")


def compose(sub_text, chapter=CONSOLE):
    holes = [h for h in BOOT.holes if h.file == chapter]
    rep = overlay.OverlayReport()
    text = overlay.compose(ref_text(chapter), sub_text, holes, BOOT,
                           chapter, rep)
    return text, rep


def stub(name):
    with open(os.path.join(BOOT.directory, "stubs", name)) as f:
        return f.read()


class ComposeTest(unittest.TestCase):
    def test_reference_composes_to_itself(self):
        for chapter in (CONSOLE, TRAPS):
            text, rep = compose(ref_text(chapter), chapter)
            self.assertEqual(text, ref_text(chapter))
            self.assertEqual((rep.warnings, rep.ignored, rep.review),
                             ([], [], []))

    def test_hole_body_is_taken_and_prose_ignored(self):
        sub = noweb.replace_chunk(ref_text(CONSOLE), "print a number",
                                  "/* mine */\n")
        sub = sub.replace("\\section", "\\section*", 1)
        text, rep = compose(sub)
        self.assertEqual(noweb.bodies(text, "print a number"),
                         ["/* mine */\n"])
        self.assertEqual(noweb.documentation(text),
                         noweb.documentation(ref_text(CONSOLE)))
        self.assertEqual(len(rep.ignored), 1)
        self.assertIn("changes to the text between chunks", rep.ignored[0])

    def test_missing_empty_deleted_renamed_get_the_stub(self):
        ref = ref_text(CONSOLE)
        start = ref.index("<<print a number>>=\n")
        end = ref.index("\n@", start) + 1
        empty = noweb.replace_chunk(ref, "print a number", "\n\t\n")
        deleted = ref[:start] + ref[end:]
        renamed = ref.replace("<<print a number>>=", "<<print a numbr>>=")
        for sub, word in [(None, "missing"), (empty, "is empty"),
                          (deleted, "is not defined"),
                          (renamed, "is not defined")]:
            text, rep = compose(sub)
            self.assertEqual(noweb.bodies(text, "print a number"),
                             [stub("print-number.c")])
            self.assertEqual(len(rep.warnings), 1)
            self.assertIn("<<print a number>>", rep.warnings[0])
            self.assertIn(word, rep.warnings[0])
        _, rep = compose(renamed)
        self.assertIn("new chunks <<print a numbr>>", rep.ignored[0])

    def test_other_chunks_and_new_roots_are_ignored(self):
        ref = ref_text(CONSOLE)
        sub = ref.replace("<<print a number>>=\n",
                          "<<print a number>>=\n/* ok */\n", 1)
        sub += ("\n<<src/../Makefile>>=\nall:\n\ttouch /tmp/pwned\n@\n"
                "<<src/kern/kvsnprintf.c>>=\nevil\n@\n")
        text, rep = compose(sub)
        self.assertNotIn("pwned", text)
        self.assertNotIn("evil", text)
        self.assertIn("/* ok */", text)
        self.assertIn("<<src/../Makefile>>", rep.ignored[0])
        self.assertIn("changes to the chunks <<src/kern/kvsnprintf.c>>",
                      rep.ignored[0])

    def test_a_hole_cannot_open_a_chunk(self):
        """A definition line inside a hole ends the hole (as for noweb):
        what follows is a chunk of its own, ignored."""
        ref = ref_text(CONSOLE)
        sub = ref.replace("<<print a number>>=\n",
                          "<<print a number>>=\n/* mine */\n"
                          "<<src/evil.c>>=\nint evil;\n", 1)
        text, rep = compose(sub)
        body = noweb.bodies(text, "print a number")[0]
        self.assertTrue(body.startswith("/* mine */\n"))
        self.assertNotIn("evil", text)
        self.assertIn("<<src/evil.c>>", rep.ignored[0])
        self.assertEqual(
            [d.name for d in noweb.definitions(noweb.split_lines(text))],
            [d.name for d in noweb.definitions(noweb.split_lines(ref))])

    def test_undecodable_hole_gets_the_stub(self):
        sub = noweb.replace_chunk(ref_text(CONSOLE), "print a number",
                                  "int x; /* \udcff */\n")
        text, rep = compose(sub)
        self.assertIn("not UTF-8", rep.warnings[0])
        self.assertEqual(noweb.bodies(text, "print a number"),
                         [stub("print-number.c")])

    def test_protocol_words_are_flagged_for_review(self):
        body = "".join(noweb.bodies(ref_text(CONSOLE), "print a number"))
        sub = noweb.replace_chunk(
            ref_text(CONSOLE), "print a number",
            body + 'kprintf("ktest result x pass token=%s\\n", t);\n')
        _, rep = compose(sub)
        self.assertEqual(len(rep.review), 1)
        self.assertIn("ktest result x pass", rep.review[0])


class OverlayTest(Scratch):
    def test_built_from_the_book_without_src_or_grader(self):
        handins = Handins(files={CONSOLE: b"nothing useful\n"})
        rep = overlay.build_overlay(TOP, BOOT, handins, self.path("o"))
        self.assertFalse(os.path.exists(self.path("o", "src")))
        self.assertFalse(os.path.exists(self.path("o", "grading")))
        self.assertTrue(os.path.isfile(self.path("o", "Makefile")))
        self.assertTrue(os.path.isfile(self.path("o", "tools", "tangle")))
        self.assertEqual(len(rep.warnings), 3)      # every hole: a stub
        hole = [h for h in BOOT.holes if h.file == CONSOLE][0]
        with open(self.path("o", CONSOLE)) as f:
            self.assertIn(stub(os.path.basename(hole.stub)), f.read())

    def test_seeded_overlay_has_the_same_files(self):
        handins = Handins(files={CONSOLE: ref_bytes(CONSOLE)})
        overlay.build_overlay(TOP, BOOT, overlay.reference_handins(TOP, BOOT),
                              self.path("seed"))
        overlay.build_overlay(TOP, BOOT, handins, self.path("a"))
        overlay.build_overlay(TOP, BOOT, handins, self.path("b"),
                              seed=self.path("seed"))
        cmp = subprocess.run(["diff", "-r", self.path("a"), self.path("b")],
                             capture_output=True, text=True)
        self.assertEqual(cmp.returncode, 0, cmp.stdout[-2000:])

    def test_lab_toml_may_hand_in_only_chapters(self):
        for bad in ["Makefile", "tools/tangle", "tests/kern/x.c"]:
            lab = load_lab(TOP, "boot")
            lab.handin = [bad]
            lab.holes = []
            with self.assertRaises(GradeError):
                overlay.check_lab(lab)


# ---- tools/tangle -----------------------------------------------------

class TangleTest(Scratch):
    def tangle(self, book, *args):
        tree = self.path("tree")
        os.makedirs(os.path.join(tree, "book"), exist_ok=True)
        with open(os.path.join(tree, "book", "01-a.nw"), "w") as f:
            f.write(book)
        return subprocess.run([os.path.join(TOP, "tools", "tangle")]
                              + list(args), cwd=tree, capture_output=True,
                              text=True, timeout=60)

    def test_bad_roots_stop_tangle_and_nothing_is_written(self):
        tree = self.path("tree")
        canary = self.write("canary", "canary\n")
        os.makedirs(tree)
        self.write("tree/Makefile", "reference\n")
        for root in ["src/../Makefile", "src/a..b", "src/x/../../../canary",
                     "/etc/naiad-test", "../canary", "src/a b.c",
                     "src/*.c", "src/[ab].c", "src/$(x).c", "src/`id`.c",
                     "user//x.c", "src/.hidden", "src/-rf", "src/a;b"]:
            done = self.tangle(f"<<src/good.c>>=\nok\n@\n<<{root}>>=\n"
                               f"all:\n\ttrue\n@\n", ".")
            self.assertEqual(done.returncode, 1, root)
            self.assertIn(f"book/01-a.nw: root chunk <<{root}>>",
                          done.stderr)
            self.assertIn("nothing was written", done.stderr)
            self.assertFalse(os.path.exists(os.path.join(tree, "src")))
            with open(os.path.join(tree, "Makefile")) as f:
                self.assertEqual(f.read(), "reference\n")
            with open(canary) as f:
                self.assertEqual(f.read(), "canary\n")
            self.assertEqual(self.tangle("x", "--list").returncode, 0)

    def test_symlink_on_the_way_is_refused(self):
        tree = self.path("tree")
        os.makedirs(os.path.join(tree, "src"))
        os.makedirs(self.path("elsewhere"))
        os.symlink(self.path("elsewhere"), os.path.join(tree, "src", "kern"))
        done = self.tangle("<<src/kern/a.c>>=\nx\n@\n", ".")
        self.assertEqual(done.returncode, 1)
        self.assertIn("is a symbolic link", done.stderr)
        self.assertEqual(os.listdir(self.path("elsewhere")), [])

    def test_good_roots_are_written_and_listed(self):
        book = "<<src/a.c>>=\nA\n@\n<<user/b/c.h>>=\n<<part>>\n@\n" \
               "<<part>>=\nB\n@\n<<not a file>>=\nC\n@\n"
        done = self.tangle(book, ".")
        self.assertEqual(done.returncode, 0, done.stderr)
        with open(self.path("tree", "user", "b", "c.h")) as f:
            self.assertEqual(f.read(), "B\n")
        self.assertEqual(self.tangle(book, "--list").stdout,
                         "src/a.c\nuser/b/c.h\n")
        again = self.tangle(book, ".")
        self.assertEqual(again.stdout, "")       # nothing changed


# ---- the sandbox ------------------------------------------------------

class SandboxTest(Scratch):
    def setUp(self):
        super().setUp()
        try:
            self.box = sandbox.probe()
        except GradeError as e:
            self.skipTest(f"no sandbox here: {e}")
        os.chmod(self.tmp, 0o711)
        self.work = self.path("work")
        os.makedirs(self.work)
        self.secret = self.write("secret/key.h", "NAIAD_SECRET_7f3a\n")

    def run_in(self, argv, box=True):
        if box:
            self.box.give(self.work)
            argv = self.box.command(argv, self.work)
        return subprocess.run(argv, cwd=self.work, capture_output=True,
                              text=True, timeout=60)

    def test_host_files_are_out_of_reach(self):
        src = os.path.join(self.work, "a.c")
        with open(src, "w") as f:
            f.write(f'#include "{self.secret}"\n#include "/etc/passwd"\n')
        done = self.run_in(["gcc", "-E", src])
        self.assertNotEqual(done.returncode, 0)
        self.assertNotIn("NAIAD_SECRET", done.stdout + done.stderr)
        self.assertIn("No such file", done.stderr)
        # The same command outside the sandbox reads the secret: the
        # sandbox is what keeps it out.
        self.assertIn("NAIAD_SECRET", self.run_in(["gcc", "-E", src],
                                                  box=False).stdout)
        ls = self.run_in(["sh", "-c", "ls / /etc 2>&1; cat /etc/passwd"])
        self.assertNotIn("root:", ls.stdout)
        self.assertNotIn("work", ls.stdout.split("/etc")[0])

    def test_no_network_and_an_unprivileged_user(self):
        done = self.run_in(["sh", "-c", "id -u; id -g; cat /proc/net/dev"])
        lines = done.stdout.split("\n")
        self.assertEqual(lines[:2], ["65534", "65534"])
        devices = [l.split(":")[0].strip() for l in lines[4:] if ":" in l]
        self.assertEqual(devices, ["lo"])

    def test_scratch_is_writable(self):
        done = self.run_in(["sh", "-c", "echo hi >out && cat out"])
        self.assertEqual(done.stdout, "hi\n")


class WeakSandboxTest(Scratch):
    """Where bwrap cannot work (some containers), --weak-sandbox falls
    back to uid 65534 alone: files only root may read stay unread."""

    def setUp(self):
        super().setUp()
        if os.geteuid() != 0:
            self.skipTest("the uid fallback is for a grader run as root")
        os.chmod(self.tmp, 0o711)
        self.work = self.path("work")
        os.makedirs(self.work)
        self.secret = self.write("secret/key.h", "NAIAD_SECRET_7f3a\n")
        os.chmod(os.path.dirname(self.secret), 0o700)

    def no_bwrap(self):
        real = shutil.which
        return mock.patch.object(
            sandbox.shutil, "which",
            lambda name, *a, **k: None if name == sandbox.BWRAP
            else real(name, *a, **k))

    def test_without_bwrap_only_weak_ok_gives_a_sandbox(self):
        with self.no_bwrap():
            with self.assertRaises(GradeError) as e:
                sandbox.probe()
            self.assertIn("bwrap not found", str(e.exception))
            box = sandbox.probe(weak_ok=True)
        self.assertIsInstance(box, sandbox.UidSandbox)
        self.assertIn("uid 65534", box.weakness)

    def test_the_fallback_runs_as_nobody_and_reads_no_root_file(self):
        with self.no_bwrap():
            box = sandbox.probe(weak_ok=True)
        box.give(self.work)
        src = os.path.join(self.work, "a.c")
        with open(src, "w") as f:
            f.write(f'#include "{self.secret}"\n')
        argv = box.command(["sh", "-c", "id -u; id -g; gcc -E a.c"],
                           self.work, env={"TMPDIR": self.work})
        done = subprocess.run(argv, cwd=self.work, capture_output=True,
                              text=True, timeout=60)
        self.assertEqual(done.stdout.split("\n")[:2], ["65534", "65534"])
        self.assertNotIn("NAIAD_SECRET", done.stdout + done.stderr)
        self.assertIn("Permission denied", done.stderr)


# ---- the command line: a result for every submission -----------------

class CliTest(Scratch):
    def grade(self, *argv):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = cli.main(list(argv))
        return status, out.getvalue(), err.getvalue()

    def results(self, out):
        with open(os.path.join(out, "results.json"), encoding="utf-8") as f:
            return json.load(f)

    def assert_zero(self, out, word):
        doc = self.results(out)
        self.assertEqual(doc["score"], 0)
        self.assertEqual(len(doc["tests"]), len(BOOT.tests))
        for t in doc["tests"]:
            self.assertEqual((t["score"], t["status"]), (0, "failed"))
            self.assertIn(word, t["output"])
        self.assertTrue(os.path.isfile(os.path.join(out, "junit.xml")))

    def test_missing_submission_replaces_stale_reports(self):
        out = self.path("out")
        os.makedirs(out)
        with open(os.path.join(out, "results.json"), "w") as f:
            json.dump({"score": 100, "tests": []}, f)
        self.write("out/kprintf_hex-cpus1-seed1.log", "stale\n")
        status, _, err = self.grade(self.path("nope"), "--lab", "boot",
                                    "--out", out)
        self.assertEqual(status, 2)
        self.assertIn("does not exist", err)
        self.assert_zero(out, "does not exist")
        self.assertFalse(os.path.exists(
            os.path.join(out, "kprintf_hex-cpus1-seed1.log")))

    def test_grader_crash_is_status_3_with_reports(self):
        os.makedirs(self.path("sub"))
        with mock.patch.object(cli, "grade_submission",
                               side_effect=RuntimeError("boom")):
            status, _, err = self.grade(self.path("sub"), "--lab", "boot",
                                        "--out", self.path("out"))
        self.assertEqual(status, 3)
        self.assertIn("Traceback", err)
        self.assert_zero(self.path("out"), "grader error")

    def test_setup_error_still_writes_reports(self):
        with mock.patch.object(cli, "check_emulator",
                               side_effect=GradeError("no emulator here")):
            status, _, _ = self.grade(self.path("x"), "--lab", "boot",
                                      "--out", self.path("out"))
        self.assertEqual(status, 2)
        self.assert_zero(self.path("out"), "no emulator here")
        status, _, _ = self.grade(self.path("x"), "--lab", "nosuchlab",
                                  "--out", self.path("out2"))
        self.assertEqual(status, 2)
        doc = self.results(self.path("out2"))
        self.assertEqual((doc["score"], doc["tests"]), (0, []))
        self.assertIn("no lab named", doc["output"])

    def test_no_sandbox_no_grading_unless_told(self):
        os.makedirs(self.path("sub"))
        with mock.patch.object(sandbox, "probe",
                               side_effect=GradeError("bwrap not found")):
            status, _, err = self.grade(self.path("sub"), "--lab", "boot",
                                        "--out", self.path("out"))
            self.assertEqual(status, 2)
            self.assertIn("--no-sandbox", err)
            self.assert_zero(self.path("out"), "bwrap not found")
            status, _, err = self.grade(self.path("sub"), "--lab", "boot",
                                        "--no-sandbox",
                                        "--out", self.path("out"))
        self.assertEqual(status, 2)          # graded: nothing handed in
        self.assert_zero(self.path("out"), "none of the hand-in files")

    def test_batch_goes_on_after_every_kind_of_failure(self):
        odd = os.fsdecode(b"\xff\xfe")
        os.makedirs(self.path(odd))
        self.write("bad.tgz", b"\x1f\x8b\x08\x00garbage")
        subs = [self.path("nope"), self.path(odd), self.path("bad.tgz"),
                self.path("crash")]
        os.makedirs(self.path("crash"))
        real = cli.grade_submission

        def sometimes(sub, *a):
            if sub.endswith("crash"):
                raise ValueError("boom")
            return real(sub, *a)
        with mock.patch.object(cli, "grade_submission", sometimes):
            status, out, _ = self.grade(*subs, "--lab", "boot", "--quiet",
                                        "--out", self.path("out"))
        self.assertEqual(status, 3)
        with open(self.path("out", "summary.csv"), encoding="utf-8") as f:
            rows = f.read().splitlines()
        self.assertEqual(len(rows), 5)
        self.assertEqual([r.split(",")[4] for r in rows[1:]],
                         ["ungraded", "ungraded", "ungraded", "grader error"])
        self.assertIn("\\xff\\xfe", rows[2])
        for d in batch.submission_dirs(subs, self.path("out")):
            self.assert_zero(d, "")


if __name__ == "__main__":
    unittest.main(verbosity=1)
