"""The `grading/grade` command: parse the options, grade, exit.

Exit status (the worst over the submissions):
    0    every test of every submission passed
    1    some test failed (a failed build included)
    2    a submission could not be graded (missing, damaged, refused), or
         a usage or set-up problem (bad lab name, broken lab.toml,
         missing emulator, no sandbox)
    3    the grader broke (a bug; the traceback is printed)
    130  interrupted
Whatever the status, every submission's results.json and junit.xml are
written (score 0 and the reason when it could not be graded), and a
batch writes summary.csv.
"""

import argparse
import csv
import os
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback

from . import bochs, qemu, sandbox, supervise
from . import disks as diskslots
from .build import BuildLimits, is_elf, make_image
from .errors import GradeError, SubmissionError
from .labs import NAME_RE, adhoc_lab, in_prerequisite_order, load_lab
from . import batch, slurm
from .runner import EMULATORS, Target
from .session import (BROKEN, STATUS_WORDS, UNGRADED, Graded, Options,
                      failed_submission, grade_submission)
from .submission import TARBALL_SUFFIXES, shown

USAGE_EPILOG = """\
examples:
  grading/grade --lab boot                      grade this tree (in place)
  grading/grade alice.tgz --lab boot            grade a tarball
  grading/grade subs/* --lab boot --out marks   grade many (one dir each)
  grading/grade --all                           every lab, prerequisites first
  grading/grade --kernel k.elf --tests a,b --emu qemu   run ktests a and b

Reports (default: build/grade/LAB/ in the reference tree; build/grade/all/
with --all, build/grade/tests/ for --kernel without --lab): results.json
(Gradescope), junit.xml, and one log per run, TEST-cpusN-seedS.log.  With
several submissions, each gets OUT/NAME/ and OUT/summary.csv lists them.
"""


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="grading/grade", epilog=USAGE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Grade Naiad submissions: build the pristine overlay, "
                    "run each ktest in a fresh emulator, report.")
    p.add_argument("submissions", nargs="*", metavar="SUBMISSION",
                   help="directory or tarball (.tar, .tar.gz, .tgz); "
                        "default: the current directory")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--lab", help="the lab to grade (labs/LAB/lab.toml)")
    which.add_argument("--all", action="store_true",
                       help="grade every lab, prerequisites first")
    p.add_argument("--kernel", metavar="FILE",
                   help="grade this prebuilt kernel (ELF, or .img for "
                        "Bochs) instead of building a submission")
    p.add_argument("--emu", choices=EMULATORS, default="bochs",
                   help="emulator (default: bochs)")
    p.add_argument("--cpus", type=_int_list(1), metavar="N,N",
                   help="CPU counts, overriding lab.toml")
    p.add_argument("--seeds", type=_int_list(0), metavar="S,S",
                   help="seeds, overriding lab.toml")
    p.add_argument("--tests", type=_name_list, metavar="NAME,NAME",
                   help="grade only these tests (with --kernel and no "
                        "--lab: run these ktests, one point each)")
    p.add_argument("--jobs", type=_positive(int), default=2, metavar="N",
                   help="runs in parallel (default: 2)")
    p.add_argument("--timeout", type=_positive(float), metavar="S",
                   help="wall-time limit of one run, overriding lab.toml")
    p.add_argument("--progress-timeout", type=_nonnegative, metavar="S",
                   help="end a run that prints nothing for S seconds "
                        "(default: lab.toml's, else 10; 0: never)")
    p.add_argument("--sweep", type=_positive(int), metavar="N",
                   help="hunt for flaky seeds: run every test with seeds "
                        "1..N under each of its CPU counts, every run to "
                        "the end, and list the seeds that fail")
    p.add_argument("--out", metavar="DIR", help="where reports go")
    p.add_argument("--quiet", action="store_true",
                   help="print only the final score line")
    slurm.add_options(p)
    p.add_argument("--keep-tree", action="store_true",
                   help="keep the overlay trees (to debug a build)")
    p.add_argument("--no-sandbox", action="store_true",
                   help="build and boot without the bubblewrap sandbox "
                        "(only for code you trust: see grading/README.md)")
    p.add_argument("--weak-sandbox", action="store_true",
                   help="where bubblewrap cannot make namespaces (some "
                        "containers), fall back to running the build and "
                        "the emulators as uid 65534 only (as root; said "
                        "in the reports)")
    limits = BuildLimits()
    p.add_argument("--build-timeout", type=_positive(float),
                   default=limits.seconds, metavar="S",
                   help=f"wall time of a build (default {limits.seconds:g})")
    p.add_argument("--build-cpu", type=_positive(int),
                   default=limits.cpu_seconds, metavar="S",
                   help="CPU seconds of each build process (default "
                        f"{limits.cpu_seconds})")
    p.add_argument("--build-memory", type=_positive(int),
                   default=limits.memory_mb, metavar="MIB",
                   help="address space of each build process, in MiB "
                        f"(default {limits.memory_mb})")
    return p.parse_args(argv)


def _int_list(minimum):
    def parse(text):
        try:
            values = [int(v) for v in text.split(",")]
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a comma-separated list of integers")
        if any(v < minimum for v in values):
            raise argparse.ArgumentTypeError(f"values must be >= {minimum}")
        return values
    return parse


def _name_list(text):
    names = list(dict.fromkeys(n for n in text.split(",") if n))
    bad = [n for n in names if not NAME_RE.match(n)]
    if not names or bad:
        raise argparse.ArgumentTypeError(f"bad test name(s) in {text!r}")
    return names


def _nonnegative(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number")
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def _positive(kind):
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number")
        if value <= 0:
            raise argparse.ArgumentTypeError("must be positive")
        return value
    return parse


def copy_companions(path, scratch, box=None):
    """Copy into SCRATCH what a boot finds beside the kernel PATH (the
    boot disk, whose root filesystem holds the programs, and the disks/
    directory: disks.beside; a graded boot carries no boot archive),
    under the same names, so that a kernel graded from SCRATCH sees the
    drives and programs it was built with."""
    found = []
    for slot, image in diskslots.beside(path, with_boot_disk=True).items():
        name = diskslots.BOOT_IMAGE if slot == "ata0-master" else \
            os.path.join(diskslots.DISKS_DIR, diskslots.DEFAULT_FILES[slot])
        found.append((image, name))
    for src, name in found:
        dest = os.path.join(scratch, name)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        shutil.copyfile(src, dest)
        if box is not None:
            box.give(dest)


def prebuilt_target(args, ref, scratch, box=None):
    """The Target for --kernel FILE (copied into SCRATCH, where the
    sandbox BOX can read it, with what a boot finds beside it)."""
    path = os.path.abspath(args.kernel)
    if not os.path.isfile(path):
        raise GradeError(f"--kernel {args.kernel}: no such file")
    if args.emu == "qemu":
        if not is_elf(path):
            raise GradeError(f"--kernel {args.kernel}: QEMU needs the "
                             f"kernel ELF, and this is not an ELF file")
        copy = os.path.join(scratch, "kernel.elf")
        shutil.copyfile(path, copy)
        copy_companions(path, scratch, box)
        if box is not None:
            os.chmod(scratch, 0o711)
            box.give(copy)
        return Target("qemu", kernel=copy)
    if is_elf(path):
        image = make_image(ref, path, os.path.join(scratch, "kernel.img"))
        copy_companions(path, scratch, box)
    elif path.endswith(".img"):
        image = path
    else:
        raise GradeError(f"--kernel {args.kernel}: neither an ELF kernel "
                         f"nor a disk image (.img)")
    bochs.check_image(image)
    return Target("bochs", image=image)


def check_emulator(emu):
    problem = (qemu if emu == "qemu" else bochs).check_installed()
    if problem:
        raise GradeError(problem)


def choose_sandbox(args, ref, submissions):
    """The sandbox to build and boot in, or None: with --no-sandbox, and
    for `make grade` (the reference tree graded in place: one's own
    code).  Raises GradeError when there should be one and there is
    none."""
    if args.no_sandbox:
        return None
    if not args.kernel and all(
            os.path.isdir(s) and os.path.realpath(s) == os.path.realpath(ref)
            for s in submissions):
        return None
    try:
        box = sandbox.probe(weak_ok=args.weak_sandbox)
    except GradeError as e:
        raise GradeError(f"{e}.  The build and the emulators run a "
                         f"submission's code, so the grader runs them in a "
                         f"sandbox; to grade without one (only code you "
                         f"trust), pass --no-sandbox; where namespaces "
                         f"are forbidden, --weak-sandbox runs them as uid "
                         f"65534 only") from None
    if box.weakness and not args.quiet:
        print(f"grade: warning: weak sandbox: {box.weakness}",
              file=sys.stderr)
    return box


def prepare(args, ref, submissions, scratch):
    """Check the set-up and return the Options; raises GradeError."""
    check_emulator(args.emu)
    if args.kernel and args.submissions:
        raise GradeError("--kernel grades a prebuilt kernel: give no "
                         "SUBMISSION with it")
    if not args.kernel and not args.lab and not args.all and \
            os.path.realpath(submissions[0]) != os.path.realpath(ref):
        raise GradeError("to grade a submission, say which lab (--lab): it "
                         "decides which files are taken from it")
    opts = Options(ref=ref, emu=args.emu, jobs=args.jobs,
                   grade_cmd=sys.argv[0] or "grading/grade",
                   timeout=args.timeout, kernel_arg=args.kernel,
                   adhoc=not (args.lab or args.all), quiet=args.quiet,
                   keep_tree=args.keep_tree, no_sandbox=args.no_sandbox,
                   sweep=args.sweep or 0,
                   build_limits=BuildLimits(seconds=args.build_timeout,
                                            cpu_seconds=args.build_cpu,
                                            memory_mb=args.build_memory))
    opts.sandbox = choose_sandbox(args, ref, submissions)
    if len(submissions) > 1 and not args.kernel:
        opts.seeds, opts.seed_dir = {}, scratch
    if args.kernel:
        opts.prebuilt = prebuilt_target(args, ref, scratch, opts.sandbox)
    return opts


def run(args):
    ref = batch.reference_tree()
    start = time.monotonic()
    submissions = args.submissions or ["."]
    out_root = batch.default_out(args, ref)
    out_dirs = batch.submission_dirs(submissions, out_root)
    labs = []
    with tempfile.TemporaryDirectory(prefix="naiad-batch-") as scratch:
        try:
            labs = batch.choose_labs(args, ref)
            opts = prepare(args, ref, submissions, scratch)
        except GradeError as e:
            # Nothing can be graded: say so in every submission's reports.
            print(f"grade: error: {e}", file=sys.stderr)
            results = [_failed(d, str(e), labs, UNGRADED) for d in out_dirs]
            if len(submissions) > 1:
                batch.write_summary(out_root, submissions, results)
            return UNGRADED
        results = _grade_each(submissions, labs, opts, out_dirs)
    wall = time.monotonic() - start
    if len(submissions) > 1:
        batch.write_summary(out_root, submissions, results)
    total = sum(r.score for r in results)
    best = sum(r.max_score for r in results)
    print(f"total {total:g}/{best:g}; wall time {wall:.1f} s, "
          f"{wall / len(submissions):.1f} s per submission")
    return max(r.status for r in results)


def _failed(out_dir, message, labs, status):
    """failed_submission, which must not stop a batch either."""
    try:
        return failed_submission(out_dir, message, labs, status)
    except Exception:        # e.g. OUT_DIR cannot be written
        traceback.print_exc()
        print(f"grade: error: cannot write the reports in "
              f"{shown(out_dir)}", file=sys.stderr)
        return Graded(0.0, sum(t.points for lab in labs for t in lab.tests),
                      False, 0.0, status=BROKEN, reason=message)


def _grade_each(submissions, labs, opts, out_dirs):
    results = []
    for sub, out_dir in zip(submissions, out_dirs):
        if len(submissions) > 1 and not opts.quiet:
            print(f"=== submission {shown(sub)} ===", flush=True)
        try:
            result = grade_submission(sub, labs, opts, out_dir)
        except GradeError as e:     # SubmissionError, or the set-up's
            what = "cannot grade" if isinstance(e, SubmissionError) \
                else "error"
            print(f"grade: {what} {shown(sub)}: {e}", file=sys.stderr)
            result = _failed(out_dir, str(e), labs, UNGRADED)
        except KeyboardInterrupt:
            raise
        except Exception as e:      # a bug: this submission only
            traceback.print_exc()
            message = (f"grader error (a bug in the grader, not in the "
                       f"submission; please report): {type(e).__name__}: "
                       f"{e}")
            print(f"grade: {message}", file=sys.stderr)
            result = _failed(out_dir, message, labs, BROKEN)
        results.append(result)
        if opts.quiet:
            print(f"{shown(sub)}: {result.score:g}/{result.max_score:g}"
                  + ("" if result.status < UNGRADED
                     else f" ({STATUS_WORDS[result.status]})"))
    return results


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # SIGTERM (a CI or Gradescope time limit) and SIGHUP stop the grader
    # like Ctrl-C does: the emulators are killed, not left running.
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGHUP, _interrupt)
    if slurm.wanted(args):
        return slurm.run(args)
    try:
        return run(args)
    except KeyboardInterrupt:
        supervise.kill_all()
        print("grade: interrupted; emulators stopped", file=sys.stderr)
        return 130
    except Exception as e:
        # Outside any one submission (run() handles those): a bug.
        supervise.kill_all()
        traceback.print_exc()
        print(f"grade: grader error (a bug, please report): "
              f"{type(e).__name__}: {e}", file=sys.stderr)
        return BROKEN
