"""Replacing the body of a noweb chunk (for lab starters).

A chunk definition starts with a line `<<chunk name>>=`; its body runs
until a line starting with `@` followed by a space, a tab or the end of
the line (`@`, `@ %def name`, `@ text`), or until the next definition
line, or the end of the file.
"""

import re

from .errors import GradeError

DEFINITION_RE = re.compile(r"^<<(.+)>>=\s*$")
END_RE = re.compile(r"^@(?:[ \t]|$)")


def chunk_definitions(lines, name):
    """Indexes of the lines that define chunk NAME."""
    found = []
    for i, line in enumerate(lines):
        m = DEFINITION_RE.match(line.rstrip("\n"))
        if m and m.group(1).strip() == name.strip():
            found.append(i)
    return found


def body_end(lines, start):
    """Index of the line that ends the chunk whose definition is at
    START (len(lines) if the file ends first)."""
    for i in range(start + 1, len(lines)):
        text = lines[i].rstrip("\n")
        if END_RE.match(text) or DEFINITION_RE.match(text):
            return i
    return len(lines)


def replace_chunk(text, name, body, where="the file"):
    """TEXT with the body of chunk NAME replaced by BODY.  The chunk must
    be defined exactly once (a chunk continued in several places cannot
    be replaced safely)."""
    lines = text.splitlines(keepends=True)
    found = chunk_definitions(lines, name)
    if len(found) != 1:
        how = "is not defined" if not found else \
            f"is defined {len(found)} times (lines " + \
            ", ".join(str(i + 1) for i in found) + ")"
        raise GradeError(f"{where}: chunk <<{name}>> {how}; a hole needs "
                         f"exactly one definition")
    start = found[0]
    end = body_end(lines, start)
    if body and not body.endswith("\n"):
        body += "\n"
    if end == len(lines) and lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return "".join(lines[:start + 1]) + body + "".join(lines[end:])
