"""Grading one submission for one or more labs.

For each lab: build the pristine overlay (reference tree + the lab's
hand-in files), `make all`, run every test under every CPU count and
seed, and write the reports.  A build failure scores 0 everywhere, with
the compiler's messages in each test's output.
"""

import os
import shlex
import shutil
import tempfile
import time
from dataclasses import dataclass

from . import bochs, report, sweep
from .build import build_tree
from .errors import GradeError
from .runner import RunSpec, Target, fail_all, run_all
from .submission import make_overlay, open_submission


@dataclass
class Options:
    """Everything the command line decided, for every submission."""
    ref: str                  # the reference tree (holds grading/)
    emu: str
    jobs: int
    grade_cmd: str            # how replay lines start ("grading/grade")
    timeout: float = None     # --timeout, in replay lines too
    prebuilt: Target = None   # --kernel: no build
    kernel_arg: str = None    # --kernel as typed
    adhoc: bool = False       # no --lab: tests given with --tests
    quiet: bool = False
    keep_tree: bool = False
    sweep: int = 0            # --sweep N: every run, and the sweep table


@dataclass
class Graded:
    """One submission's total."""
    score: float
    max_score: float
    passed: bool
    seconds: float


def specs_for(lab):
    """The runs of LAB: every test times its CPU counts times its seeds."""
    return [RunSpec(t.name, c, s, t.timeout, t.quiet)
            for t in lab.tests for c in t.cpus for s in t.seeds]


def grade_submission(sub_arg, labs, opts, out_dir):
    """Grade submission SUB_ARG (a path as typed) for LABS into OUT_DIR."""
    start = time.monotonic()
    progress = report.Progress(opts.quiet)
    scratch = tempfile.mkdtemp(prefix="naiad-grade-")
    outcomes, notes, seconds_by_lab = [], [], {}
    try:
        sub_root = None if opts.prebuilt else open_submission(sub_arg,
                                                              scratch)
        in_place = sub_root is not None and \
            os.path.realpath(sub_root) == os.path.realpath(opts.ref)
        cache = {}
        for lab in labs:
            lab_start = time.monotonic()
            lab_out = out_dir if len(labs) == 1 else \
                os.path.join(out_dir, lab.name)
            os.makedirs(lab_out, exist_ok=True)
            report.clean_reports(lab_out, {t.name for t in lab.tests})
            target, note = _target(lab, sub_root, in_place, scratch, opts,
                                   cache, progress, notes)
            outcomes += _grade_lab(lab, sub_arg, target, note, opts,
                                   lab_out, progress)
            seconds_by_lab[lab.name] = time.monotonic() - lab_start
    finally:
        if opts.keep_tree:
            progress.say(f"scratch trees kept in {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    seconds = time.monotonic() - start
    _write_reports(out_dir, outcomes, notes, seconds, seconds_by_lab,
                   len(labs) > 1)
    graded = Graded(sum(o.score for o in outcomes),
                    sum(o.test.points for o in outcomes),
                    all(o.passed for o in outcomes), seconds)
    progress.say(report.summary_table(outcomes))
    if opts.sweep:
        progress.say(sweep.table(outcomes))
    progress.say(f"score {report.format_score(graded.score)}/"
                 f"{report.format_score(graded.max_score)}; reports in "
                 f"{_shown_path(out_dir)}")
    return graded


def _target(lab, sub_root, in_place, scratch, opts, cache, progress, notes):
    """What to boot for LAB, building it if needed: (Target, None), or
    (None, note) when the build failed."""
    if opts.prebuilt:
        return opts.prebuilt, None
    if in_place:
        tree = opts.ref
    else:
        tree = os.path.join(scratch, f"tree-{lab.name}")
        for warning in make_overlay(opts.ref, sub_root, lab, tree):
            progress.say(f"warning: {warning}")
            notes.append(f"{lab.name}: warning: {warning}")
    if tree not in cache:
        progress.say(f"building {'in place' if in_place else 'overlay'} "
                     f"for lab {lab.name} (make all)...")
        cache[tree] = build_tree(tree, opts.emu)
        progress.say(f"build {'ok' if cache[tree].ok else 'FAILED'} "
                     f"({cache[tree].seconds:.0f} s)")
    built = cache[tree]
    failure = None if built.ok else built.tail
    if built.ok and opts.emu == "bochs":
        try:
            bochs.check_image(built.image)
        except GradeError as e:
            failure = str(e)
    if failure is not None:
        note = "build failed; the build said:\n" + failure
        notes.append(f"{lab.name}: {note}")
        progress.say(note)
        return None, note
    return Target(opts.emu, kernel=built.kernel, image=built.image), None


def _grade_lab(lab, sub_arg, target, note, opts, lab_out, progress):
    """Run LAB's tests on TARGET (or fail them all with NOTE)."""
    specs = specs_for(lab)
    progress.header(f"== lab {lab.name}: {len(lab.tests)} tests, "
                    f"{len(specs)} runs under {opts.emu} ==")
    if target is None:
        results = fail_all(specs, "build failed")
    else:
        results = run_all(target, specs, opts.jobs, progress.row,
                          every_run=bool(opts.sweep))
    outcomes = []
    for t in lab.tests:
        runs = [r for r in results if r.spec.test == t.name]
        o = report.TestOutcome(lab.name, t, runs, note=note or "",
                               emu=opts.emu, kernel=opts.kernel_arg)
        for r in runs:
            replay = _replay(sub_arg, lab, r.spec, opts)
            o.replays[r.spec.label] = replay
            if target is not None:
                path = os.path.join(lab_out, r.spec.label + ".log")
                report.write_text(path, report.run_log(r, opts.emu, replay))
                o.logs[r.spec.label] = _shown_path(path)
        outcomes.append(o)
    return outcomes


def _replay(sub_arg, lab, spec, opts):
    """The one command that replays run SPEC."""
    argv = [opts.grade_cmd]
    argv += ["--kernel", opts.kernel_arg] if opts.prebuilt else [sub_arg]
    if not opts.adhoc:
        argv += ["--lab", lab.name]
    argv += ["--tests", spec.test, "--cpus", str(spec.cpus),
             "--seeds", str(spec.seed), "--emu", opts.emu]
    if opts.timeout:
        argv += ["--timeout", f"{opts.timeout:g}"]
    return shlex.join(argv)


def _write_reports(out_dir, outcomes, notes, seconds, seconds_by_lab,
                   names_with_lab):
    os.makedirs(out_dir, exist_ok=True)
    report.write_json(os.path.join(out_dir, "results.json"),
                      report.results_json(outcomes, seconds,
                                          "\n\n".join(notes),
                                          names_with_lab))
    report.write_text(os.path.join(out_dir, "junit.xml"),
                      report.junit_xml(outcomes, seconds_by_lab))


def _shown_path(path):
    """PATH relative to the current directory when it is below it."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def failed_submission(out_dir, message, labs):
    """Reports for a submission that could not be opened at all (batch
    mode): every test fails with MESSAGE."""
    outcomes = [report.TestOutcome(lab.name, t, [], note=message)
                for lab in labs for t in lab.tests]
    _write_reports(out_dir, outcomes, [message], 0.0, {}, len(labs) > 1)
    return Graded(0.0, sum(o.test.points for o in outcomes), False, 0.0)
