"""Reports: the terminal table, results.json (Gradescope), junit.xml and
one log per run.

A test scores its points only when every one of its runs passed.
"""

import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

#: Output text per test in results.json / junit.xml is capped at this.
OUTPUT_CHARS = 20000
#: Characters not allowed in XML 1.0 (serial output may hold anything).
XML_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


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

    @property
    def passed(self):
        return bool(self.runs) and all(r.passed for r in self.runs)

    @property
    def score(self):
        return self.test.points if self.passed else 0.0


class Progress:
    """The terminal table, one row per run as it finishes."""

    def __init__(self, quiet=False, stream=None):
        self.quiet = quiet
        self.stream = stream or sys.stdout

    def say(self, text=""):
        if not self.quiet:
            print(text, file=self.stream, flush=True)

    def header(self, title):
        self.say(title)
        self.say(f"{'test':<32} {'cpus':>4} {'seed':>5}  {'verdict':<7} "
                 f"{'time':>7}  reason")

    def row(self, result):
        s = result.spec
        verdict = "pass" if result.passed else "FAIL"
        reason = "" if result.verdict.reason == "passed" \
            else result.verdict.reason
        self.say(f"{s.test:<32} {s.cpus:>4} {s.seed:>5}  {verdict:<7} "
                 f"{result.seconds:6.1f}s  {_one_line(reason, 100)}")


def _one_line(text, limit):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def format_score(x):
    return f"{x:g}"


def summary_table(outcomes):
    """The per-test table printed at the end."""
    rows = [f"{'test':<40} {'runs':>9}  {'score':>11}"]
    for o in outcomes:
        ok = sum(r.passed for r in o.runs)
        name = f"{o.lab}/{o.test.name}"
        rows.append(f"{name:<40} {ok:>4}/{len(o.runs):<4} "
                    f"{format_score(o.score):>5}/{format_score(o.test.points):<5}")
    return "\n".join(rows)


def test_output(outcome):
    """What a student reads about one test: each run, its reason and
    the command that replays it."""
    parts = [outcome.note] if outcome.note else []
    for r in outcome.runs:
        s = r.spec
        head = (f"{'PASS' if r.passed else 'FAIL'} cpus={s.cpus} "
                f"seed={s.seed} ({r.seconds:.1f} s)")
        if not r.passed:
            head += ": " + r.verdict.reason
        parts.append(head)
        if not r.passed and s.label in outcome.replays:
            parts.append("  replay: " + outcome.replays[s.label])
        if s.label in outcome.logs:
            parts.append("  log: " + outcome.logs[s.label])
    text = "\n".join(parts)
    if len(text) > OUTPUT_CHARS:
        text = text[:OUTPUT_CHARS] + "\n[... output truncated]"
    return text


def results_json(outcomes, seconds, output="", names_with_lab=False):
    """The Gradescope autograder results, as a dict."""
    tests = []
    for i, o in enumerate(outcomes, 1):
        tests.append({
            "name": f"{o.lab}: {o.test.name}" if names_with_lab
            else o.test.name,
            "number": str(i),
            "score": o.score,
            "max_score": o.test.points,
            "status": "passed" if o.passed else "failed",
            "output": test_output(o),
            "visibility": "visible",
        })
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
            case = ET.SubElement(suite, "testcase", classname=f"naiad.{lab}",
                                 name=o.test.name,
                                 time=f"{sum(r.seconds for r in o.runs):.1f}")
            text = _xml_text(test_output(o))
            if not o.passed:
                first = next((r.verdict.reason for r in o.runs
                              if not r.passed), o.note or "failed")
                failure = ET.SubElement(case, "failure", type="failure",
                                        message=_xml_text(_one_line(first,
                                                                    300)))
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


RUN_LOG_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*-cpus\d+-seed\d+\.log$")


def clean_reports(directory):
    """Remove the run logs of an earlier session from DIRECTORY, so that
    they are not mistaken for this session's (only files named like the
    logs this module writes; results.json and junit.xml are replaced)."""
    if not os.path.isdir(directory):
        return
    for name in os.listdir(directory):
        path = os.path.join(directory, name)
        if RUN_LOG_RE.match(name) and os.path.isfile(path):
            os.remove(path)
