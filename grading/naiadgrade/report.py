"""Reports: the terminal table, results.json (Gradescope), junit.xml and
one log per run.

A test scores its points only when every one of its runs passed.
"""

import json
import os
import re
import shlex
import shutil
import sys
import textwrap
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

#: Output text per test in results.json / junit.xml is capped at this.
OUTPUT_CHARS = 20000
#: Characters not allowed in XML 1.0 (serial output may hold anything).
XML_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: Terminal width when it cannot be asked (a pipe, a CI log).
DEFAULT_WIDTH = 100


@dataclass
class TestOutcome:
    """A graded test: its runs, and for each run the replay command and
    the log file."""
    lab: str
    test: object                 # labs.LabTest
    runs: list
    replays: dict = field(default_factory=dict)
    logs: dict = field(default_factory=dict)
    note: str = ""               # said once before the runs (build failure)
    emu: str = "bochs"           # for the command that replays a run by hand
    kernel: str = None           # --kernel as typed (no tree to `make run`)

    @property
    def passed(self):
        return bool(self.runs) and all(r.passed for r in self.runs)

    @property
    def score(self):
        return self.test.points if self.passed else 0.0

    @property
    def part(self):
        """The labs.Part the test belongs to, or None."""
        return getattr(self.test, "part", None)

    def first_failure(self):
        """The failed run to show first: one that ran, if any did."""
        failed = [r for r in self.runs if not r.passed]
        ran = [r for r in failed if getattr(r, "ran", True)]
        return (ran or failed or [None])[0]


def by_hand(spec, emu, kernel=None):
    """The command that boots run SPEC by hand in the student's tree (or
    KERNEL, a prebuilt kernel), with the console on the terminal (Ctrl-A
    X quits)."""
    cmdline = f"test={spec.test} seed={spec.seed}"
    if kernel:
        return shlex.join(["tools/run", "--emu", emu, "--cpus",
                           str(spec.cpus), "--kernel", kernel,
                           "--cmdline", cmdline])
    words = ["make", "run"]
    if emu != "qemu":
        words.append(f"EMU={emu}")
    words += [f"CPUS={spec.cpus}", f"CMDLINE={shlex.quote(cmdline)}"]
    return " ".join(words)


def width():
    """Columns available for the terminal table."""
    return max(60, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)


def wrap(text, indent):
    """TEXT wrapped to the terminal, every line indented by INDENT spaces;
    nothing is cut (long words are broken, not dropped)."""
    pad = " " * indent
    return "\n".join(textwrap.wrap(" ".join(text.split()),
                                   width=width() - 1, initial_indent=pad,
                                   subsequent_indent=pad + "  ",
                                   break_on_hyphens=False)) or pad


class Progress:
    """The terminal table, one row per run as it finishes; a failed
    run's reason follows its row, in full."""

    def __init__(self, quiet=False, stream=None):
        self.quiet = quiet
        self.stream = stream or sys.stdout

    def say(self, text=""):
        if not self.quiet:
            print(text, file=self.stream, flush=True)

    def header(self, title):
        self.say(title)
        self.say(f"{'test':<40} {'cpus':>4} {'seed':>5}  {'verdict':<7} "
                 f"{'time':>7}")

    def row(self, result):
        s = result.spec
        verdict = "pass" if result.passed else "FAIL"
        self.say(f"{s.test:<40} {s.cpus:>4} {s.seed:>5}  {verdict:<7} "
                 f"{result.seconds:6.1f}s")
        if not result.passed:
            self.say(wrap(result.verdict.reason, 4))


def format_score(x):
    return f"{x:g}"


def _ratio(got, best):
    return f"{format_score(got)}/{format_score(best)}"


def _groups(outcomes):
    """OUTCOMES grouped for the table: [(lab, part or None, outcomes)],
    in the order of the labs, then of the parts' numbers."""
    groups = {}
    for o in outcomes:
        part = o.part
        groups.setdefault((o.lab, part.number if part else 0),
                          (o.lab, part, []))[2].append(o)
    order = list(dict.fromkeys(o.lab for o in outcomes))
    return [groups[k] for k in sorted(groups,
                                      key=lambda k: (order.index(k[0]), k[1]))]


def summary_table(outcomes):
    """The table printed at the end: the tests grouped by lab and part,
    with the runs that passed and the score; then, for each test that
    failed, its first failure in full, the log, and the commands that
    replay it."""
    rows = [f"{'test':<44} {'runs':>9}  {'score':>11}"]
    for lab, part, mine in _groups(outcomes):
        got = sum(o.score for o in mine)
        best = sum(o.test.points for o in mine)
        title = f"{lab}, {part.label}" if part else f"lab {lab}"
        rows.append(f"{title:<54}  {_ratio(got, best):>11}")
        for o in mine:
            ok = sum(r.passed for r in o.runs)
            rows.append(f"  {o.test.name:<42} {f'{ok}/{len(o.runs)}':>9}  "
                        f"{_ratio(o.score, o.test.points):>11}")
    failures = failure_notes(outcomes)
    if failures:
        rows += ["", "What failed (the first failing run of each test; "
                 "every run is in results.json):"] + failures
    return "\n".join(rows)


def failure_notes(outcomes):
    """For each failed test: its first failure's reason in full, wrapped,
    the log, the replay command and the command to run it by hand."""
    rows = []
    for o in outcomes:
        r = o.first_failure()
        if r is None:
            if o.note and not o.passed:
                rows += ["", f"{o.lab}/{o.test.name}: "
                         + o.note.splitlines()[0]]
            continue
        s = r.spec
        where = f" ({o.part.label})" if o.part else ""
        rows += ["", f"{o.lab}/{o.test.name}{where}, cpus={s.cpus} "
                 f"seed={s.seed}:", wrap(r.verdict.reason, 4)]
        if s.label in o.logs:
            rows.append(f"    log:     {o.logs[s.label]}")
        if s.label in o.replays:
            rows.append(f"    replay:  {o.replays[s.label]}")
        if getattr(r, "ran", True):
            rows.append(f"    by hand: {by_hand(s, o.emu, o.kernel)}")
    return rows


def test_output(outcome):
    """What a student reads about one test: each run, its reason and
    the commands that replay it."""
    parts = [outcome.note] if outcome.note else []
    if outcome.part:
        parts.append(outcome.part.label)
    for r in outcome.runs:
        s = r.spec
        head = (f"{'PASS' if r.passed else 'FAIL'} cpus={s.cpus} "
                f"seed={s.seed} ({r.seconds:.1f} s)")
        if not r.passed:
            head += ": " + r.verdict.reason
        parts.append(head)
        if not r.passed and s.label in outcome.replays:
            parts.append("  replay: " + outcome.replays[s.label])
        if not r.passed and getattr(r, "ran", True):
            parts.append("  by hand: " + by_hand(s, outcome.emu,
                                                 outcome.kernel))
        if s.label in outcome.logs:
            parts.append("  log: " + outcome.logs[s.label])
    text = "\n".join(parts)
    if len(text) > OUTPUT_CHARS:
        text = text[:OUTPUT_CHARS] + "\n[... output truncated]"
    return text


def results_json(outcomes, seconds, output="", names_with_lab=False):
    """The Gradescope autograder results, as a dict."""
    tests = []
    within = {}
    for i, o in enumerate(outcomes, 1):
        entry = {
            "name": f"{o.lab}: {o.test.name}" if names_with_lab
            else o.test.name,
            "number": str(i),
            "score": o.score,
            "max_score": o.test.points,
            "status": "passed" if o.passed else "failed",
            "output": test_output(o),
            "visibility": "visible",
        }
        if o.part:
            # Gradescope orders and shows tests by number: "2.3" is the
            # third test of part 2, as the handout numbers the parts.
            k = within[(o.lab, o.part.number)] = \
                within.get((o.lab, o.part.number), 0) + 1
            entry["number"] = f"{o.part.number}.{k}"
            if names_with_lab:
                entry["number"] = f"{o.lab} {entry['number']}"
            entry["tags"] = [f"{o.lab}", o.part.label]
        tests.append(entry)
    doc = {"score": sum(o.score for o in outcomes),
           "execution_time": int(round(seconds)),
           "tests": tests}
    if output:
        doc["output"] = output
    return doc


def write_json(path, doc):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")
    os.replace(tmp, path)


def _xml_text(text):
    return XML_ILLEGAL_RE.sub("\ufffd", text)


def junit_xml(outcomes, seconds_by_lab):
    """A JUnit XML document: one testsuite per lab, one testcase per
    test, a <failure> for each failed test."""
    root = ET.Element("testsuites", name="naiad")
    for lab in dict.fromkeys(o.lab for o in outcomes):
        mine = [o for o in outcomes if o.lab == lab]
        suite = ET.SubElement(root, "testsuite", name=lab,
                              tests=str(len(mine)),
                              failures=str(sum(not o.passed for o in mine)),
                              errors="0",
                              time=f"{seconds_by_lab.get(lab, 0.0):.1f}")
        for o in mine:
            classname = f"naiad.{lab}"
            if o.part:
                classname += f".part{o.part.number}"
            case = ET.SubElement(suite, "testcase", classname=classname,
                                 name=o.test.name,
                                 time=f"{sum(r.seconds for r in o.runs):.1f}")
            text = _xml_text(test_output(o))
            if o.part:
                props = ET.SubElement(case, "properties")
                ET.SubElement(props, "property", name="part",
                              value=_xml_text(o.part.label))
            if not o.passed:
                r = o.first_failure()
                first = r.verdict.reason if r else (o.note or "failed")
                failure = ET.SubElement(case, "failure", type="failure",
                                        message=_xml_text(
                                            " ".join(first.split())))
                failure.text = text
            else:
                ET.SubElement(case, "system-out").text = text
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def write_text(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def run_log(result, emu, replay):
    """The text of a run's log: the serial output, then (for a failed
    run) the grader's reason and the emulator's own messages."""
    s, m = result.spec, result.machine
    serial = m.serial.decode("utf-8", "replace").replace("\r", "")
    parts = [
        f"# Naiad grader: test {s.test}, cpus={s.cpus}, seed={s.seed}, "
        f"emulator {emu}, token {result.token or '-'}",
        f"# verdict: {'PASS' if result.passed else 'FAIL'}: "
        f"{result.verdict.reason}",
        f"# replay: {replay}",
        f"# by hand: {by_hand(s, emu)}"]
    if not getattr(result, "ran", True):
        return "\n".join(parts + ["# (this run was not started: see the "
                                  "verdict)"]) + "\n"
    parts += [
        f"# {result.seconds:.1f} s; console output began after "
        + (f"{m.first_output:.1f} s" if m.first_output is not None
           else "- (none)")
        + f", then its longest silence: {m.longest_silence:.1f} s"
        + (f" (the limit: {m.quiet:g} s)" if m.quiet else ""),
        f"# ---- serial output ({len(m.serial)} bytes) ----",
        serial.rstrip("\n"),
        "# ---- end of serial output ----"]
    if not result.passed and m.emulator_tail:
        parts += ["# ---- emulator messages (tail) ----",
                  m.emulator_tail.rstrip("\n")]
    if result.error_trace:
        parts += ["# ---- grader traceback (please report) ----",
                  result.error_trace.rstrip("\n")]
    return "\n".join(parts) + "\n"


RUN_LOG_RE = re.compile(
    r"^([A-Za-z0-9_][A-Za-z0-9_.-]*)-cpus\d+-seed\d+\.log$")


def clean_reports(directory, tests=None):
    """Remove the run logs of an earlier session from DIRECTORY, so that
    they are not mistaken for this session's (only files named like the
    logs this module writes; results.json and junit.xml are replaced).
    With TESTS (names), only the logs of those tests go: replaying one
    test keeps the logs of the others."""
    if not os.path.isdir(directory):
        return
    for name in os.listdir(directory):
        path = os.path.join(directory, name)
        m = RUN_LOG_RE.match(name)
        if m and os.path.isfile(path) and \
                (tests is None or m.group(1) in tests):
            os.remove(path)
