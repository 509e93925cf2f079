"""Reading and replacing the chunks of a noweb file, as noweb reads them.

noweb splits a file at newlines only.  A line that starts with `<<`
and ends with `>>=` followed by nothing but white space defines a chunk;
its body (code) runs until a line that starts with `@` followed by white
space or the end of the line (`@`, `@ %def name`, `@ text`), or until
the next definition line, or the end of the file.  (Checked against
noweb's own `markup`: `@` then a tab, CR, VT or FF starts documentation
too, and ` <<x>>=` or `<<x>>= text` is code.)

The grader takes a lab's hole bodies out of a student's chapter with
`bodies` and puts them into the reference chapter with `replace_chunk`.
Because a body stops at the first line that could end it, a body can
never hold a line that noweb would read as the start of another chunk
or of documentation: a hand-in cannot open a chunk of its own (a root
that writes a file) from inside a hole.  This module is at least as
eager as noweb to end a body (Python's white space includes a few more
characters than C's), never less.
"""

import re
from dataclasses import dataclass

from .errors import GradeError

DEFINITION_RE = re.compile(r"^<<(.*)>>=\s*$")
END_RE = re.compile(r"^@(?:\s|$)")


def split_lines(text):
    """TEXT cut after each newline (and nowhere else), every line
    keeping its newline; ''.join(split_lines(t)) == t."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def normal_name(name):
    """A chunk name with its white space normalised, for comparisons."""
    return " ".join(name.split())


def _definition(line):
    """The name defined by LINE, or None."""
    m = DEFINITION_RE.match(line.rstrip("\n"))
    return m.group(1) if m else None


@dataclass
class Definition:
    """One `<<name>>=` line and the extent of its body."""
    name: str     # as written
    line: int     # index of the definition line
    end: int      # index of the line after the body

    def body(self, lines):
        return "".join(lines[self.line + 1:self.end])


def body_end(lines, start):
    """Index of the line that ends the chunk whose definition is at
    START (len(lines) if the file ends first)."""
    for i in range(start + 1, len(lines)):
        if END_RE.match(lines[i]) or _definition(lines[i]) is not None:
            return i
    return len(lines)


def definitions(lines):
    """Every chunk definition of LINES, in order."""
    found = []
    for i, line in enumerate(lines):
        name = _definition(line)
        if name is not None:
            found.append(Definition(name, i, body_end(lines, i)))
    return found


def chunk_definitions(lines, name):
    """Indexes of the lines that define chunk NAME."""
    want = normal_name(name)
    return [d.line for d in definitions(lines)
            if normal_name(d.name) == want]


def bodies(text, name):
    """The bodies of every definition of chunk NAME in TEXT, in order
    (noweb concatenates them); [] when NAME is not defined."""
    lines = split_lines(text)
    want = normal_name(name)
    return [d.body(lines) for d in definitions(lines)
            if normal_name(d.name) == want]


def chunk_map(text):
    """{normal name: concatenated body} of every chunk of TEXT."""
    lines = split_lines(text)
    found = {}
    for d in definitions(lines):
        key = normal_name(d.name)
        found[key] = found.get(key, "") + d.body(lines)
    return found


def documentation(text):
    """The lines of TEXT outside every chunk's definition and body."""
    lines = split_lines(text)
    inside = set()
    for d in definitions(lines):
        inside.update(range(d.line, d.end))
    return [line for i, line in enumerate(lines) if i not in inside]


def replace_chunk(text, name, body, where="the file"):
    """TEXT with the body of chunk NAME replaced by BODY.  The chunk must
    be defined exactly once (a chunk continued in several places cannot
    be replaced safely)."""
    lines = split_lines(text)
    found = chunk_definitions(lines, name)
    if len(found) != 1:
        how = "is not defined" if not found else \
            f"is defined {len(found)} times (lines " + \
            ", ".join(str(i + 1) for i in found) + ")"
        raise GradeError(f"{where}: chunk <<{name}>> {how}; a hole needs "
                         f"exactly one definition")
    for n, line in enumerate(split_lines(body), 1):
        if END_RE.match(line) or _definition(line) is not None:
            raise GradeError(f"{where}: the new body of <<{name}>> would "
                             f"end the chunk at its line {n} "
                             f"({line.rstrip()!r}): a body is code only")
    start = found[0]
    end = body_end(lines, start)
    if body and not body.endswith("\n"):
        body += "\n"
    if end == len(lines) and lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return "".join(lines[:start + 1]) + body + "".join(lines[end:])
