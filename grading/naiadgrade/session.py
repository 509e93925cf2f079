"""Grading one submission for one or more labs.

For each lab: read the hand-in files (submission.py), build the overlay
from the book (overlay.py), `make all` in the sandbox, run every test
under every CPU count and seed (the emulators in the sandbox too), and
write the reports.  A build failure scores 0 everywhere, with the
compiler's messages in each test's output.

Whatever happens, the submission's reports are written: stale ones are
removed first, and a submission that cannot be graded (or a grader that
breaks) gets reports that score 0 and say why.  Each submission ends
with a status, the grader's exit status for it:

    0 PASSED    every test passed
    1 FAILED    some test failed (a failed build included)
    2 UNGRADED  the submission could not be graded (missing, damaged,
                refused), or the set-up is broken (no emulator...)
    3 BROKEN    the grader itself broke (a bug: the traceback is printed)
"""

import os
import shlex
import shutil
import tempfile
import time
from dataclasses import dataclass, field

from . import bochs, qemu, report, supervise, sweep
from .build import BuildLimits, build_tree
from .errors import GradeError
from .overlay import build_overlay, reference_handins, safe_text
from .runner import RunSpec, Target, fail_all, run_all
from .submission import Limits, read_submission, shown

PASSED, FAILED, UNGRADED, BROKEN = 0, 1, 2, 3
STATUS_WORDS = {PASSED: "passed", FAILED: "failed", UNGRADED: "ungraded",
                BROKEN: "grader error"}
REPORT_FILES = ("results.json", "junit.xml")


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
    sandbox: object = None    # sandbox.Sandbox; None: --no-sandbox
    no_sandbox: bool = False  # --no-sandbox was given (in replay lines)
    build_limits: BuildLimits = field(default_factory=BuildLimits)
    intake_limits: Limits = field(default_factory=Limits)
    seeds: dict = None        # lab name -> seed tree (a batch); None: off
    seed_dir: str = None      # where seed trees are built
    sweep: int = 0            # --sweep N: every run, and the sweep table


@dataclass
class Graded:
    """One submission's total."""
    score: float
    max_score: float
    passed: bool
    seconds: float
    status: int = None        # PASSED, FAILED, UNGRADED or BROKEN
    reason: str = ""          # why it could not be graded
    review: list = field(default_factory=list)   # lines to look at

    def __post_init__(self):
        if self.status is None:
            self.status = PASSED if self.passed else FAILED


def specs_for(lab):
    """The runs of LAB: every test times its CPU counts times its seeds."""
    return [RunSpec(t.name, c, s, t.timeout, t.quiet)
            for t in lab.tests for c in t.cpus for s in t.seeds]


def lab_out_dir(out_dir, lab, labs):
    return out_dir if len(labs) == 1 else os.path.join(out_dir, lab.name)


def clear_reports(out_dir, labs):
    """Remove the reports an earlier run left in OUT_DIR, so that nothing
    stale survives whatever happens next."""
    for name in REPORT_FILES:
        for path in (os.path.join(out_dir, name),
                     os.path.join(out_dir, name + ".tmp")):
            if os.path.lexists(path):
                os.remove(path)
    report.clean_reports(out_dir)
    if len(labs) > 1:
        for lab in labs:
            report.clean_reports(os.path.join(out_dir, lab.name))


def is_in_place(sub_arg, opts):
    """True when SUB_ARG is the reference tree itself (`make grade`)."""
    return not opts.prebuilt and os.path.isdir(sub_arg) and \
        os.path.realpath(sub_arg) == os.path.realpath(opts.ref)


def grade_submission(sub_arg, labs, opts, out_dir):
    """Grade submission SUB_ARG (a path as typed) for LABS into OUT_DIR.
    Raises SubmissionError when it cannot be graded at all."""
    start = time.monotonic()
    progress = report.Progress(opts.quiet)
    os.makedirs(out_dir, exist_ok=True)
    clear_reports(out_dir, labs)
    scratch = tempfile.mkdtemp(prefix="naiad-grade-")
    outcomes, notes, seconds_by_lab, review = [], [], {}, []
    try:
        in_place = is_in_place(sub_arg, opts)
        handins = None
        if not opts.prebuilt and not in_place:
            wanted = list(dict.fromkeys(p for lab in labs
                                        for p in lab.handin))
            handins = read_submission(sub_arg, wanted, opts.intake_limits)
            for note in handins.notes:
                progress.say(f"found {note}")
        cache = {}
        for lab in labs:
            lab_start = time.monotonic()
            lab_out = lab_out_dir(out_dir, lab, labs)
            os.makedirs(lab_out, exist_ok=True)
            report.clean_reports(lab_out, {t.name for t in lab.tests})
            target, note = _target(lab, handins, in_place, scratch, opts,
                                   cache, progress, notes, review)
            outcomes += _grade_lab(lab, sub_arg, target, note, opts,
                                   lab_out, progress)
            seconds_by_lab[lab.name] = time.monotonic() - lab_start
    finally:
        if opts.keep_tree:
            progress.say(f"scratch trees kept in {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    if opts.sandbox is not None and opts.sandbox.weakness:
        notes.append("isolation: " + opts.sandbox.weakness)
    if review:
        notes.append("for the instructor: hand-in lines that use words of "
                     "the grading protocol (a kernel could print a forged "
                     "result); please review:\n" + "\n".join(review))
    seconds = time.monotonic() - start
    _write_reports(out_dir, outcomes, notes, seconds, seconds_by_lab,
                   len(labs) > 1)
    passed = all(o.passed for o in outcomes)
    failed_builds = [n.split(":", 1)[0] for n in notes
                     if n.split(": ", 1)[-1].startswith("build failed")]
    graded = Graded(sum(o.score for o in outcomes),
                    sum(o.test.points for o in outcomes), passed, seconds,
                    review=review,
                    reason="; ".join(f"{lab}: build failed"
                                     for lab in failed_builds))
    progress.say(report.summary_table(outcomes))
    for line in review:
        progress.say(f"review: {line}")
    if opts.sweep:
        progress.say(sweep.table(outcomes))
    progress.say(f"score {report.format_score(graded.score)}/"
                 f"{report.format_score(graded.max_score)}; reports in "
                 f"{_shown_path(out_dir)}")
    return graded


def _note(lab, text, progress, notes):
    progress.say(text)
    notes.append(f"{lab.name}: {text}")


def _target(lab, handins, in_place, scratch, opts, cache, progress, notes,
            review):
    """What to boot for LAB, building it if needed: (Target, None), or
    (None, note) when there is nothing to boot (the build failed, or the
    submission holds none of the lab's files)."""
    if opts.prebuilt:
        return opts.prebuilt, None
    if in_place:
        tree = opts.ref
    else:
        if not any(rel in handins.files for rel in lab.handin):
            note = (f"the submission holds none of lab {lab.name}'s "
                    f"hand-in files ({', '.join(lab.handin)}): nothing to "
                    f"build")
            _note(lab, note, progress, notes)
            return None, note
        tree = os.path.join(scratch, f"tree-{lab.name}")
        seed = _seed(lab, opts, progress)
        done = build_overlay(opts.ref, lab, handins, tree, seed=seed)
        for warning in done.warnings:
            _note(lab, f"warning: {warning}", progress, notes)
        for ignored in done.ignored:
            _note(lab, ignored, progress, notes)
        review += [f"{lab.name}: {line}" for line in done.review]
    if tree not in cache:
        tmpdir = os.path.join(scratch, f"tmp-{lab.name}")
        os.makedirs(tmpdir)
        sandbox = None if in_place else opts.sandbox
        if sandbox is not None:
            os.chmod(scratch, 0o711)
            sandbox.give(tree)
            sandbox.give(tmpdir)
        progress.say(f"building {'in place' if in_place else 'overlay'} "
                     f"for lab {lab.name} (make all"
                     f"{', sandboxed' if sandbox else ''})...")
        cache[tree] = build_tree(tree, opts.emu, opts.build_limits,
                                 sandbox, tmpdir)
        shutil.rmtree(tmpdir, ignore_errors=True)
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


def _seed(lab, opts, progress):
    """The seed tree of LAB for this batch (built the first time), or
    None when seeds are off (a single submission: building the seed
    would cost more than it saves)."""
    if opts.seeds is None:
        return None
    if lab.name not in opts.seeds:
        tree = os.path.join(opts.seed_dir, f"seed-{lab.name}")
        tmpdir = os.path.join(opts.seed_dir, f"tmp-{lab.name}")
        os.makedirs(tmpdir)
        build_overlay(opts.ref, lab, reference_handins(opts.ref, lab), tree)
        if opts.sandbox is not None:
            os.chmod(opts.seed_dir, 0o711)
            opts.sandbox.give(tree)
            opts.sandbox.give(tmpdir)
        progress.say(f"building the reference overlay of lab {lab.name} "
                     f"once, to build each submission from...")
        built = build_tree(tree, opts.emu, opts.build_limits, opts.sandbox,
                           tmpdir)
        shutil.rmtree(tmpdir, ignore_errors=True)
        if built.ok:
            progress.say(f"reference built ({built.seconds:.0f} s)")
            opts.seeds[lab.name] = tree
        else:       # said once, for every submission of the batch
            opts.seeds[lab.name] = GradeError(
                f"the reference overlay of lab {lab.name} does not build "
                f"(a set-up problem, not the submission's):\n{built.tail}")
    if isinstance(opts.seeds[lab.name], GradeError):
        raise opts.seeds[lab.name]
    return opts.seeds[lab.name]


def _grade_lab(lab, sub_arg, target, note, opts, lab_out, progress):
    """Run LAB's tests on TARGET (or fail them all with NOTE)."""
    specs = specs_for(lab)
    progress.header(f"== lab {lab.name}: {len(lab.tests)} tests, "
                    f"{len(specs)} runs under {opts.emu} ==")
    if target is None:
        results = fail_all(specs, "build failed" if note and
                           note.startswith("build failed") else
                           "not built: nothing handed in")
    else:
        results = _run_sandboxed(target, specs, opts, progress)
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


def _run_sandboxed(target, specs, opts, progress):
    """run_all, with every emulator inside the sandbox (when there is
    one, and the kernel is not this very tree's)."""
    kernel_in_ref = target.kernel and os.path.realpath(
        target.kernel).startswith(os.path.realpath(opts.ref) + os.sep)
    if opts.sandbox is None or kernel_in_ref:
        return run_all(target, specs, opts.jobs, progress.row,
                       every_run=bool(opts.sweep))
    readable = qemu.boot_files(target.kernel) if target.emu == "qemu" \
        else []
    supervise.default_wrap = opts.sandbox.wrapper(readable=readable)
    try:
        return run_all(target, specs, opts.jobs, progress.row,
                       every_run=bool(opts.sweep))
    finally:
        supervise.default_wrap = None


def _replay(sub_arg, lab, spec, opts):
    """The one command that replays run SPEC."""
    argv = [opts.grade_cmd]
    argv += ["--kernel", opts.kernel_arg] if opts.prebuilt \
        else [shown(sub_arg)]
    if not opts.adhoc:
        argv += ["--lab", lab.name]
    argv += ["--tests", spec.test, "--cpus", str(spec.cpus),
             "--seeds", str(spec.seed), "--emu", opts.emu]
    if opts.timeout:
        argv += ["--timeout", f"{opts.timeout:g}"]
    if opts.no_sandbox:
        argv += ["--no-sandbox"]
    return shlex.join(argv)


def _json_safe(value):
    """VALUE with every string made encodable (no lone surrogates)."""
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    return value


def _write_reports(out_dir, outcomes, notes, seconds, seconds_by_lab,
                   names_with_lab):
    os.makedirs(out_dir, exist_ok=True)
    doc = report.results_json(outcomes, seconds, "\n\n".join(notes),
                              names_with_lab)
    report.write_json(os.path.join(out_dir, "results.json"), _json_safe(doc))
    report.write_text(os.path.join(out_dir, "junit.xml"),
                      safe_text(report.junit_xml(outcomes, seconds_by_lab)))


def _shown_path(path):
    """PATH relative to the current directory when it is below it."""
    rel = os.path.relpath(path)
    return shown(path if rel.startswith("..") else rel)


def failed_submission(out_dir, message, labs, status=UNGRADED):
    """Reports for a submission that could not be graded: every test of
    LABS fails with MESSAGE (with no labs, results.json has no tests and
    says MESSAGE)."""
    message = safe_text(message)
    os.makedirs(out_dir, exist_ok=True)
    clear_reports(out_dir, labs)
    outcomes = [report.TestOutcome(lab.name, t, [], note=message)
                for lab in labs for t in lab.tests]
    _write_reports(out_dir, outcomes, [message], 0.0, {}, len(labs) > 1)
    return Graded(0.0, sum(o.test.points for o in outcomes), False, 0.0,
                  status=status, reason=message)
