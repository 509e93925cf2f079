"""Lab starters: the book's prose that explains a hole's code is left out.

In the reference book, a passage that explains the code of a chunk a
lab removes (how it works, not what it must do) is enclosed in two
LaTeX comment lines, invisible in the printed book:

    %lab-solution CHUNK NAME
    ... the explanation ...
    %lab-solution end

In the starter of a lab whose hole is CHUNK NAME, the passage gives way
to a note that says the explanation is left out.  What the code must do
stays in the text around it: that is the specification the student
writes against.  tools/check-book checks that every marked passage names
a chunk that is a lab's hole.
"""

import re

from .errors import GradeError

BEGIN_RE = re.compile(r"^%lab-solution (.+?)\s*$")
END_LINE = "%lab-solution end"
NOTE = ("%lab-solution left out\n"
        "(The reference book explains here how the code of the chunk "
        "\\emph{{{chunk}}} works.  In this lab that code is yours to "
        "write, so the explanation is left out of your tree; what the "
        "code must do is stated around it and in the handout.)\n")


def solution_passages(text):
    """[(first line index, end line index, chunk name)] of the marked
    passages of TEXT (0-based, END the index of the end marker).  A
    passage left open or an end without a beginning is an error."""
    lines = text.split("\n")
    out, start, name = [], None, None
    for i, line in enumerate(lines):
        if line.rstrip() == END_LINE:
            if start is None:
                raise GradeError(f"line {i + 1}: {END_LINE} without a "
                                 f"%lab-solution before it")
            out.append((start, i, name))
            start = None
            continue
        m = BEGIN_RE.match(line)
        if m and m.group(1) not in ("end", "left out"):
            if start is not None:
                raise GradeError(f"line {i + 1}: %lab-solution inside the "
                                 f"passage opened on line {start + 1}")
            start, name = i, m.group(1).strip()
    if start is not None:
        raise GradeError(f"line {start + 1}: %lab-solution {name} is never "
                         f"ended with {END_LINE}")
    return out


def hide_solution_prose(text, chunk, where="the file"):
    """TEXT with every passage that explains the code of CHUNK replaced
    by a note; other passages are kept as they are."""
    try:
        passages = solution_passages(text)
    except GradeError as e:
        raise GradeError(f"{where}: {e}") from None
    lines = text.split("\n")
    for start, end, name in reversed(passages):
        if name.strip() == chunk.strip():
            lines[start:end + 1] = NOTE.format(chunk=chunk).rstrip(
                "\n").split("\n")
    return "\n".join(lines)
