"""The `grading/grade` command: parse the options, grade, exit.

Exit status: 0 when every test of every submission passed, 1 when some
test failed (a failed build included), 2 for a usage or set-up problem
(bad lab name, broken lab.toml, unreadable tarball, missing emulator),
130 when interrupted.
"""

import argparse
import os
import re
import signal
import sys
import tempfile
import time

from . import bochs, qemu, supervise
from .build import is_elf, make_image
from .errors import GradeError
from .labs import NAME_RE, adhoc_lab, in_prerequisite_order, load_lab
from .runner import EMULATORS, Target
from .session import Options, failed_submission, grade_submission
from .submission import TARBALL_SUFFIXES

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
    p.add_argument("--keep-tree", action="store_true",
                   help="keep the overlay trees (to debug a build)")
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


def reference_tree():
    """The tree that holds this grader (grading/naiadgrade/ -> top)."""
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.dirname(os.path.dirname(here))


def choose_labs(args, ref):
    """The labs to grade, with --tests/--cpus/--seeds/--timeout applied."""
    if args.all:
        labs = in_prerequisite_order(ref)
        if not labs:
            raise GradeError(f"no labs in {ref}/labs (no labs/*/lab.toml)")
    elif args.lab:
        labs = [load_lab(ref, args.lab)]
    elif args.tests:
        labs = [adhoc_lab(args.tests, args.cpus, args.seeds, args.timeout)]
    else:
        raise GradeError("say what to grade: --lab LAB, --all, or "
                         "--kernel FILE --tests NAME,...")
    if args.tests and (args.lab or args.all):
        known = {t.name for lab in labs for t in lab.tests}
        unknown = [n for n in args.tests if n not in known]
        if unknown:
            raise GradeError(f"not a test of the lab(s) graded: "
                             f"{', '.join(unknown)} (tests: "
                             f"{', '.join(sorted(known))})")
        for lab in labs:
            lab.tests = [t for t in lab.tests if t.name in args.tests]
        labs = [lab for lab in labs if lab.tests]
    if args.sweep and args.seeds is not None:
        raise GradeError("--sweep N runs seeds 1..N: give no --seeds with it")
    for lab in labs:
        for t in lab.tests:
            t.cpus = args.cpus or t.cpus
            t.seeds = args.seeds if args.seeds is not None else t.seeds
            if args.sweep:
                t.seeds = list(range(1, args.sweep + 1))
            t.timeout = args.timeout or t.timeout
            if args.progress_timeout is not None:
                t.quiet = args.progress_timeout
    return labs


def prebuilt_target(args, ref, scratch):
    """The Target for --kernel FILE."""
    path = os.path.abspath(args.kernel)
    if not os.path.isfile(path):
        raise GradeError(f"--kernel {args.kernel}: no such file")
    if args.emu == "qemu":
        if not is_elf(path):
            raise GradeError(f"--kernel {args.kernel}: QEMU needs the "
                             f"kernel ELF, and this is not an ELF file")
        return Target("qemu", kernel=path)
    if is_elf(path):
        image = make_image(ref, path, os.path.join(scratch, "kernel.img"))
    elif path.endswith(".img"):
        image = path
    else:
        raise GradeError(f"--kernel {args.kernel}: neither an ELF kernel "
                         f"nor a disk image (.img)")
    bochs.check_image(image)
    return Target("bochs", image=image)


def default_out(args, ref):
    if args.out:
        return os.path.abspath(args.out)
    name = "all" if args.all else (args.lab or "tests")
    return os.path.join(ref, "build", "grade", name)


def submission_dirs(submissions, out_root):
    """OUT_ROOT for one submission; OUT_ROOT/NAME for each of several."""
    if len(submissions) == 1:
        return [out_root]
    used, dirs = set(), []
    for sub in submissions:
        base = os.path.basename(os.path.normpath(sub)) or "submission"
        for suffix in TARBALL_SUFFIXES:
            if base.endswith(suffix):
                base = base[:-len(suffix)]
        base = re.sub(r"[^A-Za-z0-9_.-]", "_", base) or "submission"
        name, n = base, 2
        while name in used:
            name, n = f"{base}-{n}", n + 1
        used.add(name)
        dirs.append(os.path.join(out_root, name))
    return dirs


def check_emulator(emu):
    problem = (qemu if emu == "qemu" else bochs).check_installed()
    if problem:
        raise GradeError(problem)


def run(args):
    ref = reference_tree()
    start = time.monotonic()
    labs = choose_labs(args, ref)
    check_emulator(args.emu)
    submissions = args.submissions or ["."]
    if args.kernel and args.submissions:
        raise GradeError("--kernel grades a prebuilt kernel: give no "
                         "SUBMISSION with it")
    if not args.kernel and not args.lab and not args.all and \
            os.path.realpath(submissions[0]) != os.path.realpath(ref):
        raise GradeError("to grade a submission, say which lab (--lab): it "
                         "decides which files are taken from it")
    out_root = default_out(args, ref)
    with tempfile.TemporaryDirectory(prefix="naiad-kernel-") as scratch:
        opts = Options(ref=ref, emu=args.emu, jobs=args.jobs,
                       grade_cmd=sys.argv[0] or "grading/grade",
                       timeout=args.timeout, kernel_arg=args.kernel,
                       adhoc=not (args.lab or args.all), quiet=args.quiet,
                       keep_tree=args.keep_tree, sweep=args.sweep or 0)
        if args.kernel:
            opts.prebuilt = prebuilt_target(args, ref, scratch)
        results = _grade_each(submissions, labs, opts,
                              submission_dirs(submissions, out_root))
    wall = time.monotonic() - start
    if len(submissions) > 1:
        _write_summary(out_root, submissions, results)
    total = sum(r.score for r in results)
    best = sum(r.max_score for r in results)
    print(f"total {total:g}/{best:g}; wall time {wall:.1f} s, "
          f"{wall / len(submissions):.1f} s per submission")
    return 0 if all(r.passed for r in results) else 1


def _grade_each(submissions, labs, opts, out_dirs):
    results = []
    for sub, out_dir in zip(submissions, out_dirs):
        if len(submissions) > 1 and not opts.quiet:
            print(f"=== submission {sub} ===")
        try:
            results.append(grade_submission(sub, labs, opts, out_dir))
        except GradeError as e:
            if len(submissions) == 1:
                raise
            print(f"grade: error: {e}", file=sys.stderr)
            results.append(failed_submission(out_dir, str(e), labs))
        if opts.quiet:
            r = results[-1]
            print(f"{sub}: {r.score:g}/{r.max_score:g}")
    return results


def _write_summary(out_root, submissions, results):
    import csv
    os.makedirs(out_root, exist_ok=True)
    with open(os.path.join(out_root, "summary.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["submission", "score", "max_score", "seconds"])
        for sub, r in zip(submissions, results):
            w.writerow([sub, f"{r.score:g}", f"{r.max_score:g}",
                        f"{r.seconds:.1f}"])


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # SIGTERM (a CI or Gradescope time limit) and SIGHUP stop the grader
    # like Ctrl-C does: the emulators are killed, not left running.
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGHUP, _interrupt)
    try:
        return run(args)
    except GradeError as e:
        print(f"grade: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        supervise.kill_all()
        print("grade: interrupted; emulators stopped", file=sys.stderr)
        return 130
    except OSError as e:
        supervise.kill_all()
        where = f" ({e.filename})" if e.filename else ""
        print(f"grade: error: {e.strerror or e}{where}", file=sys.stderr)
        return 2
