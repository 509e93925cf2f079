"""What every way of grading a batch shares (grading/grade, --slurm):
the reference tree, the labs chosen on the command line, where each
submission's reports go, and summary.csv."""

import csv
import os
import re

from .errors import GradeError
from .labs import adhoc_lab, in_prerequisite_order, load_lab
from .session import STATUS_WORDS
from .submission import TARBALL_SUFFIXES, shown


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
        base = shown(os.path.basename(os.path.normpath(sub))) or "submission"
        for suffix in TARBALL_SUFFIXES:
            if base.endswith(suffix):
                base = base[:-len(suffix)]
        base = re.sub(r"[^A-Za-z0-9_.-]", "_", base).strip(".") \
            or "submission"
        name, n = base, 2
        while name in used:
            name, n = f"{base}-{n}", n + 1
        used.add(name)
        dirs.append(os.path.join(out_root, name))
    return dirs


def write_summary(out_root, submissions, results):
    """summary.csv: one row per submission, in the order given."""
    os.makedirs(out_root, exist_ok=True)
    path = os.path.join(out_root, "summary.csv")
    with open(path + ".tmp", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["submission", "score", "max_score", "seconds", "status",
                    "reason", "review"])
        for sub, r in zip(submissions, results):
            reason = " ".join(r.reason.split())[:300]
            w.writerow([shown(sub), f"{r.score:g}", f"{r.max_score:g}",
                        f"{r.seconds:.1f}", STATUS_WORDS[r.status],
                        shown(reason), len(r.review)])
    os.replace(path + ".tmp", path)
