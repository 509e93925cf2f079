"""The lines a Naiad kernel prints and the command line it reads
(grading/PROTOCOL.md sections 1 and 2), as one grammar.

Every program of the tree that reads a kernel's console parses it here:
the grader's verdicts, `make test` (naiadgrade.suite), `make bench`,
`make trace` and the tests under tests/.  tests/grader/protocol_test.py
checks this grammar against the examples written in PROTOCOL.md, so the
document and the parser cannot drift apart.

A line is one of the kinds below, or "other" (anything the kernel or a
test prints for people).  A line is read without its CR/LF and without
trailing blanks; nothing else is forgiven.
"""

import re
import secrets
from dataclasses import dataclass

#: The first line of every boot starts with this.
BANNER_PREFIX = "Naiad "
#: A kernel panic's first line starts with this.
PANIC_PREFIX = "panic: "
#: What a token may hold (PROTOCOL.md section 1); the grader sends 16
#: hexadecimal digits.
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")

# The kinds of line.
BANNER = "banner"
BEGIN = "begin"
FAIL = "fail"
RESULT = "result"
END = "end"
DONE = "done"
NO_MATCH = "no match"
PANIC = "panic"
BENCH = "bench"
BENCH_DONE = "bench done"
OTHER = "other"

# One regular expression per kind.  A token is matched as \S* (not by
# TOKEN_RE) so that a forged or empty token still parses, and is then
# found not to be the run's own.
_GRAMMAR = [
    (BEGIN, re.compile(
        r"^ktest begin (?P<name>\S+) seed=(?P<seed>\S+) "
        r"token=(?P<token>\S*)$")),
    # FILE:LINE: MESSAGE; the token is the last word (a message may
    # itself say "token=").
    (FAIL, re.compile(
        r"^ktest fail (?P<name>\S+) (?P<message>.*?)"
        r"(?: token=(?P<token>\S*))?$")),
    (RESULT, re.compile(
        r"^ktest result (?P<name>\S+) (?P<verdict>pass|fail) "
        r"token=(?P<token>\S*)$")),
    (END, re.compile(r"^ktest end (?P<name>\S+) token=(?P<token>\S*)$")),
    # The counts are words, not numbers: in an early lab's starter the
    # kernel's own number formatting is the broken part ("passed=?").
    (DONE, re.compile(
        r"^ktest done passed=(?P<passed>\S*) failed=(?P<failed>\S*) "
        r"token=(?P<token>\S*)$")),
    (NO_MATCH, re.compile(r"^ktest: no test matches (?P<pattern>.*)$")),
    (PANIC, re.compile(r"^panic: (?P<message>.*)$")),
    (BANNER, re.compile(r"^Naiad (?P<message>.*)$")),
    (BENCH, re.compile(
        r"^kbench result (?P<name>\S+) (?P<metric>[^\s=]+)=(?P<value>\d+) "
        r"token=(?P<token>\S*)$")),
    (BENCH_DONE, re.compile(r"^kbench done token=(?P<token>\S*)$")),
]


@dataclass(frozen=True)
class Line:
    """One line of console output, parsed.  Fields a kind does not have
    are None; `text` is the line itself."""
    kind: str
    text: str
    name: str = None        # the test or benchmark
    token: str = None
    seed: str = None        # as printed (a number, or "?" in a starter)
    verdict: str = None     # "pass" or "fail" (result lines)
    message: str = None     # fail: FILE:LINE: MESSAGE; panic: the rest
    passed: str = None      # done: the counts, as printed
    failed: str = None
    pattern: str = None     # no match: the pattern
    metric: str = None      # bench: metric name and value
    value: int = None

    def number(self, field):
        """Field FIELD (e.g. "passed") as an int, or None when the
        kernel printed something that is not a decimal number."""
        text = getattr(self, field)
        return int(text) if text is not None and text.isdigit() else None


def parse(line):
    """The Line that LINE (a str, with or without its CR/LF) is."""
    text = line.rstrip("\r\n").rstrip()
    for kind, regex in _GRAMMAR:
        m = regex.match(text)
        if m:
            fields = {k: v for k, v in m.groupdict().items() if v is not None}
            if "value" in fields:
                fields["value"] = int(fields["value"])
            return Line(kind, text, **fields)
    return Line(OTHER, text)


def split_lines(output):
    """The lines of console OUTPUT (bytes or str), without CR/LF."""
    if isinstance(output, bytes):
        output = output.decode("utf-8", "replace")
    return [line.rstrip("\r") for line in output.split("\n")]


def parse_output(output):
    """Every line of console OUTPUT (bytes or str), parsed."""
    return [parse(line) for line in split_lines(output)]


class Transcript:
    """What one boot printed, parsed once, with the questions that the
    grader and the tools ask of it."""

    def __init__(self, output):
        self.lines = parse_output(output)

    def of(self, kind, name=None, token=None):
        """The lines of KIND (for test NAME, with TOKEN, when given)."""
        return [l for l in self.lines if l.kind == kind and
                (name is None or l.name == name) and
                (token is None or l.token == token)]

    def first(self, kind, name=None, token=None):
        found = self.of(kind, name, token)
        return found[0] if found else None

    @property
    def booted(self):
        """Whether the kernel got as far as printing its banner (or any
        line of the protocol, which only a booted kernel prints)."""
        return any(l.kind != OTHER for l in self.lines)

    @property
    def started(self):
        """Whether the kernel got as far as its tests (or benchmarks): a
        line of the protocol other than the banner and a panic.  A kernel
        that prints its banner and then hangs before its first test has
        booted but not started."""
        return any(l.kind not in (OTHER, BANNER, PANIC) for l in self.lines)

    @property
    def banners(self):
        return len(self.of(BANNER))

    @property
    def panic(self):
        """The first panic line, or None."""
        return self.first(PANIC)

    def fail_messages(self, name, token=None):
        """The messages of test NAME's `ktest fail` lines, in order (a
        line without a token counts, so that a failure printed by a
        broken kernel is still shown)."""
        return [l.message for l in self.of(FAIL, name)
                if token is None or l.token in (token, None)]


def command_line(test=None, seed=None, token=None, **more):
    """The kernel command line with these words (PROTOCOL.md section 1),
    in the order test, seed, token, then MORE as given; None leaves a
    word out.  The order matters under Bochs: the command line is an
    input of the machine, so another order is another interleaving."""
    words = [("test", test), ("seed", seed), ("token", token)]
    words += list(more.items())
    return " ".join(f"{k}={v}" for k, v in words if v is not None)


def new_token():
    """A fresh token: 16 hexadecimal digits."""
    return secrets.token_hex(8)
