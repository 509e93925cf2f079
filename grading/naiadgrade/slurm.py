"""Grading a batch on a Slurm cluster: one job-array task per submission.

`grading/grade SUB... --lab LAB --out DIR --slurm` writes DIR/_slurm/ (the
list of tasks, the batch script, one output file per task), submits one
job array with sbatch, waits for it with squeue, and gathers the reports
the tasks wrote into DIR/NAME/ into DIR/summary.csv, as a local batch does.
A submission whose task left no report (its node failed, it ran out of
time, it was cancelled) gets one that says so, with score 0.

Task I runs `grading/grade SUB_I ... --out DIR/NAME_I` on its node, through
`python3 -m naiadgrade.slurm MANIFEST` (task_main below).  DIR, the
submissions and this tree must be at the same paths on every node (a
shared filesystem); the grader's scratch trees stay on the node ($TMPDIR).
"""

import argparse
import collections
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time

from . import batch
from .errors import GradeError

#: Default time limit of one task (sbatch --time): a lab takes a minute or
#: two; a build may take 5 minutes and every run its own limit.
DEFAULT_TASK_TIME = "60"
#: Slurm's time formats: M, M:S, H:M:S, D-H, D-H:M, D-H:M:S.
TIME_RE = re.compile(r"^\d+(-\d+)?(:\d+){0,2}$")
#: Seconds between two looks at the queue.
POLL_SECONDS = 2.0
#: squeue failing this many times in a row (the controller is gone) ends
#: the wait.
SQUEUE_TRIES = 30
#: Lines of a task's output kept for the reason when it left no report.
TAIL_LINES = 20
#: The files of DIR/_slurm/ this module writes (and removes when it
#: submits again).
OWN_FILE_RE = re.compile(r"^(manifest\.json|job\.sh|task-\d+\.out|"
                         r"status-\d+\.json(\.tmp)?)$")


#: The command line's parser (add_options): each task's grader gets every
#: option given, but those below, which stay with the submitting command.
_parser = None
NOT_FORWARDED = {"help", "submissions", "out", "kernel", "quiet", "slurm",
                 "partition", "task_time", "sbatch_arg"}


def add_options(parser):
    """The command-line options of --slurm (grading/README.md)."""
    global _parser
    _parser = parser
    g = parser.add_argument_group(
        "Slurm", "grade the batch as a Slurm job array, one task per "
        "submission; --out, the submissions and this tree must be on a "
        "filesystem every node sees")
    g.add_argument("--slurm", action="store_true",
                   help="submit the batch with sbatch, wait, and gather "
                        "the reports into OUT/summary.csv")
    g.add_argument("--partition", metavar="NAME",
                   help="Slurm partition (default: the cluster's)")
    g.add_argument("--task-time", metavar="TIME", default=None,
                   help="time limit of one task, in Slurm's format "
                        f"(minutes, or H:M:S; default {DEFAULT_TASK_TIME})")
    g.add_argument("--sbatch-arg", action="append", default=[],
                   metavar="ARG", help="one more sbatch option, e.g. "
                   "--sbatch-arg=--account=os101 (repeatable)")


def wanted(args):
    """True when the command line asks for anything of this module."""
    return bool(args.slurm or args.partition or args.task_time
                or args.sbatch_arg)


def _check(args):
    if not args.slurm:
        raise GradeError("--partition, --task-time and --sbatch-arg go "
                         "with --slurm")
    if args.kernel:
        raise GradeError("--slurm grades submissions; --kernel grades one "
                         "prebuilt kernel here")
    if not (args.lab or args.all):
        raise GradeError("--slurm needs --lab LAB (or --all)")
    if not args.submissions:
        raise GradeError("--slurm grades the submissions named on the "
                         "command line: name at least one")
    if args.task_time is not None and not TIME_RE.match(args.task_time):
        raise GradeError(f"--task-time {args.task_time!r}: not a Slurm "
                         f"time (minutes, M:S, H:M:S, D-H, D-H:M:S)")
    for tool in ("sbatch", "squeue", "scancel"):
        if shutil.which(tool) is None:
            raise GradeError(f"--slurm: no {tool} on this machine (run "
                             f"from a Slurm login node, or install "
                             f"slurm-client)")


def _text(value):
    return f"{value:g}" if isinstance(value, float) else str(value)


def forwarded_args(args):
    """The options every task's grader gets: each option of the command
    line that differs from its default (so that an option added to the
    grader travels without a change here), but NOT_FORWARDED."""
    argv = []
    for action in _parser._actions:
        if action.dest in NOT_FORWARDED or not action.option_strings:
            continue
        value = getattr(args, action.dest, None)
        if value is None or value == action.default:
            continue
        flag = max(action.option_strings, key=len)
        if action.nargs == 0:                     # a flag: --all
            argv.append(flag)
        elif type(action).__name__ == "_AppendAction":
            for v in value:
                argv += [flag, _text(v)]
        elif isinstance(value, (list, tuple)):    # --cpus 1,2
            argv += [flag, ",".join(_text(v) for v in value)]
        else:
            argv += [flag, _text(value)]
    return argv


def _job_dir(out_root, out_dirs):
    """OUT_ROOT/_slurm, or _slurm-2... should a submission be named so."""
    name, n = "_slurm", 2
    while os.path.join(out_root, name) in out_dirs:
        name, n = f"_slurm-{n}", n + 1
    return os.path.join(out_root, name)


def _prepare(job_dir, out_dirs):
    """Remove what an earlier --slurm run left: this module's own files,
    and the reports in the output directories (a task that never runs
    must not leave an old score behind)."""
    os.makedirs(job_dir, exist_ok=True)
    for name in os.listdir(job_dir):
        if OWN_FILE_RE.match(name):
            os.remove(os.path.join(job_dir, name))
    for d in out_dirs:
        os.makedirs(d, exist_ok=True)
        for name in ("results.json", "junit.xml"):
            path = os.path.join(d, name)
            if os.path.isfile(path):
                os.remove(path)


def _slurm_path(path):
    """PATH as a file name for sbatch --output, whose %-patterns must not
    touch it."""
    if "\\" in path:
        raise GradeError(f"{path}: Slurm file names cannot hold a "
                         f"backslash; choose another --out")
    return path.replace("%", "%%")


def _write_job(job_dir, ref, args, submissions, out_dirs):
    manifest = os.path.join(job_dir, "manifest.json")
    doc = {"python": sys.executable,
           "grade": os.path.join(ref, "grading", "grade"),
           "args": forwarded_args(args),
           "tasks": [{"submission": os.path.abspath(s), "out": d}
                     for s, d in zip(submissions, out_dirs)]}
    with open(manifest, "w", encoding="utf-8") as f:
        # ASCII only: a name that is not UTF-8 travels as \\udcXX escapes.
        json.dump(doc, f, indent=2, ensure_ascii=True)
        f.write("\n")
    script = os.path.join(job_dir, "job.sh")
    with open(script, "w", encoding="utf-8") as f:
        f.write("#!/bin/sh\n"
                "# Written by grading/grade --slurm: array task "
                "$SLURM_ARRAY_TASK_ID grades the\n"
                "# submission of that number in manifest.json "
                "(grading/naiadgrade/slurm.py).\n"
                f"PYTHONPATH={shlex.quote(os.path.join(ref, 'grading'))} "
                f"exec {shlex.quote(sys.executable)} -u -m naiadgrade.slurm "
                f"{shlex.quote(manifest)}\n")
    os.chmod(script, 0o755)
    return script


def _submit(args, job_dir, script, n):
    name = f"naiad-{'all' if args.all else args.lab}"
    argv = ["sbatch", "--parsable", f"--array=0-{n - 1}",
            f"--job-name={name}",
            f"--output={_slurm_path(job_dir)}/task-%a.out",
            f"--cpus-per-task={args.jobs}",
            f"--time={args.task_time or DEFAULT_TASK_TIME}"]
    if args.partition:
        argv.append(f"--partition={args.partition}")
    argv += args.sbatch_arg + [script]
    try:
        done = subprocess.run(argv, capture_output=True, text=True,
                              timeout=120)
    except (OSError, subprocess.SubprocessError) as e:
        raise GradeError(f"sbatch failed: {e}") from None
    job = done.stdout.strip().split(";")[0]
    if done.returncode != 0 or not job.isdigit():
        raise GradeError(f"sbatch refused the job (status "
                         f"{done.returncode}): {done.stderr.strip()}\n"
                         f"  command: {shlex.join(argv)}")
    return job


def _squeue(job, *more):
    return subprocess.run(["squeue", "-h", "-r", "-j", job] + list(more),
                          capture_output=True, text=True, timeout=60)


def _wait(job, n, poll):
    """Return when no task of JOB is left in the queue; say how many wait,
    run and are done whenever that changes."""
    said, failures = None, 0
    while True:
        try:
            q = _squeue(job, "-o", "%T")
        except (OSError, subprocess.SubprocessError) as e:
            q = subprocess.CompletedProcess([], 1, "", str(e))
        if q.returncode != 0:
            if "Invalid job id" in q.stderr:      # already forgotten
                return
            failures += 1
            if failures >= SQUEUE_TRIES:
                raise GradeError(f"squeue keeps failing ({q.stderr.strip()})"
                                 f"; job {job} may still run: "
                                 f"`squeue -j {job}`")
            time.sleep(poll)
            continue
        failures = 0
        states = collections.Counter(q.stdout.split())
        left = sum(states.values())
        if left == 0:
            return
        text = ", ".join(f"{c} {s.lower()}" for s, c in sorted(
            states.items())) + f", {n - left} done of {n}"
        if text != said:
            print(f"slurm: job {job}: {text}", flush=True)
            said = text
        time.sleep(poll)


def _final_states(job):
    """{task index: 'STATE (reason)'} while the controller remembers the
    job (MinJobAge, 300 s by default)."""
    try:
        q = _squeue(job, "--states=all", "-o", "%K|%T|%r")
    except (OSError, subprocess.SubprocessError):
        return {}
    states = {}
    for line in q.stdout.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[0].isdigit():
            reason = "" if parts[2] in ("None", "") or \
                parts[1] == "COMPLETED" else f" ({parts[2]})"
            states[int(parts[0])] = parts[1] + reason
    return states


def _read_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def _is_report(doc):
    return isinstance(doc, dict) and isinstance(doc.get("tests"), list) \
        and isinstance(doc.get("score"), (int, float)) \
        and not isinstance(doc.get("score"), bool)


def _graded(score, best, code, seconds, reason):
    """A session.Graded for a task whose grader exited with CODE (None:
    unknown).  Its exit statuses are the submission's: 0 every test
    passed, 1 some failed, 2 it could not be graded, 3 the grader broke;
    a Graded that has the fields gets that status and the reason."""
    from .session import Graded
    graded = Graded(score, best, code == 0, seconds)
    if hasattr(graded, "status"):
        graded.status = code if code in (0, 1, 2, 3) else 2
    if hasattr(graded, "reason") and reason:
        graded.reason = reason
    return graded


def _gather(job, job_dir, labs, out_dirs):
    """The Graded of each task, from the report it wrote; a report with
    score 0 and the reason for a task that wrote none."""
    from .session import failed_submission
    states = None
    results = []
    for i, out_dir in enumerate(out_dirs):
        status = _read_json(os.path.join(job_dir, f"status-{i}.json"))
        if not isinstance(status, dict):
            status = None
        doc = _read_json(os.path.join(out_dir, "results.json"))
        seconds = float(status.get("seconds", 0.0)) if status else 0.0
        if _is_report(doc):
            tests = doc["tests"]
            best = sum(t.get("max_score", 0) for t in tests
                       if isinstance(t, dict))
            code = status.get("exit") if status else None
            if code is None:       # no status file: judge by the report
                code = 0 if tests and all(
                    isinstance(t, dict) and t.get("status") == "passed"
                    for t in tests) else 1
            reason = "" if code in (0, 1) else \
                str(doc.get("output", "")).strip().split("\n")[0]
            results.append(_graded(float(doc["score"]), float(best), code,
                                   seconds, reason))
            continue
        log = os.path.join(job_dir, f"task-{i}.out")
        if status and status.get("stopped_by_slurm"):
            reason = (f"Slurm stopped the task (its time limit, or "
                      f"scancel) before the grader wrote a report (see "
                      f"{log})")
        elif status:
            reason = (f"the grader exited with status {status.get('exit')}"
                      f" and wrote no report; its last lines:\n"
                      f"{status.get('tail', '')}")
        else:
            if states is None:
                states = _final_states(job)
            if i in states:
                reason = (f"Slurm task {job}_{i} ended {states[i]} before "
                          f"the grader wrote a report (see {log})")
            else:
                reason = (f"Slurm task {job}_{i} left no report, and the "
                          f"queue no longer knows it: it was cancelled "
                          f"before it ran, or its node lost it")
        print(f"slurm: task {i}: {reason}", file=sys.stderr)
        graded = failed_submission(out_dir, reason, labs)
        code = status.get("exit") if status else None
        results.append(_graded(graded.score, graded.max_score,
                               3 if code == 3 else 2, seconds, reason))
    return results


def run(args):
    """`grading/grade --slurm ...`: grade args.submissions as one job
    array, write OUT/summary.csv as a local batch does; return the exit
    status (0 all passed, 1 some did not, 2 a set-up problem, 130
    interrupted: the job is cancelled)."""
    try:
        return _run(args)
    except GradeError as e:
        print(f"grade: error: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        where = f" ({e.filename})" if e.filename else ""
        print(f"grade: error: {e.strerror or e}{where}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:   # Ctrl-C, SIGTERM, SIGHUP (see cli.main)
        print("grade: interrupted", file=sys.stderr)
        return 130


def _run(args):
    start = time.monotonic()
    ref = batch.reference_tree()
    labs = batch.choose_labs(args, ref)
    _check(args)
    submissions = args.submissions
    out_root = batch.default_out(args, ref)
    out_dirs = batch.submission_dirs(submissions, out_root)
    job_dir = _job_dir(out_root, out_dirs)
    _prepare(job_dir, out_dirs)
    script = _write_job(job_dir, ref, args, submissions, out_dirs)
    job = _submit(args, job_dir, script, len(submissions))
    print(f"slurm: job {job}: {len(submissions)} tasks, one per "
          f"submission; their output in {job_dir}/task-N.out", flush=True)
    try:
        _wait(job, len(submissions), POLL_SECONDS)
    except KeyboardInterrupt:
        subprocess.run(["scancel", job], capture_output=True, timeout=60)
        print(f"slurm: job {job} cancelled", file=sys.stderr)
        raise
    results = _gather(job, job_dir, labs, out_dirs)
    # The local batch's own writer: the same columns, whatever they are.
    batch.write_summary(out_root, submissions, results)
    for sub, r in zip(submissions, results):
        print(f"{sub}: {r.score:g}/{r.max_score:g}")
    wall = time.monotonic() - start
    total = sum(r.score for r in results)
    best = sum(r.max_score for r in results)
    print(f"total {total:g}/{best:g}; wall time {wall:.1f} s, "
          f"{wall / len(submissions):.1f} s per submission; "
          f"{os.path.join(out_root, 'summary.csv')}")
    return 0 if all(r.passed for r in results) else 1


# ---- one task, on a node ---------------------------------------------------

def _write_status(path, doc):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2, ensure_ascii=True)
    os.replace(tmp, path)


def task_main(argv):
    """Array task $SLURM_ARRAY_TASK_ID: grade its submission, echo the
    grader's output (Slurm writes it to task-N.out) and record how the
    grader ended in status-N.json beside the manifest."""
    p = argparse.ArgumentParser(prog="python3 -m naiadgrade.slurm")
    p.add_argument("manifest")
    manifest_path = p.parse_args(argv).manifest
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    index = int(os.environ["SLURM_ARRAY_TASK_ID"])
    task = manifest["tasks"][index]
    argv = [manifest["python"], manifest["grade"], task["submission"]] + \
        manifest["args"] + ["--out", task["out"]]
    print(f"naiad task {index} on {socket.gethostname()}: "
          f"{shlex.join(argv)}", flush=True)
    stopped = []
    # Slurm's time limit or scancel sends SIGTERM to every process of the
    # task; the grader stops its emulators, and this process lives on to
    # say so in the status file.
    signal.signal(signal.SIGTERM, lambda s, f: stopped.append(s))
    start = time.monotonic()
    tail = collections.deque(maxlen=TAIL_LINES)
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    for raw in proc.stdout:
        sys.stdout.buffer.write(raw)
        sys.stdout.flush()
        tail.append(raw.decode("utf-8", "replace").rstrip("\n"))
    code = proc.wait()
    _write_status(os.path.join(os.path.dirname(manifest_path),
                               f"status-{index}.json"),
                  {"index": index, "exit": code,
                   "seconds": round(time.monotonic() - start, 1),
                   "host": socket.gethostname(),
                   "stopped_by_slurm": bool(stopped),
                   "tail": "\n".join(tail)})
    # Failed tests are a graded submission, not a failed task.
    return 0 if code in (0, 1) else code


if __name__ == "__main__":
    sys.exit(task_main(sys.argv[1:]))
