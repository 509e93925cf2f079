"""The tree a submission is built in: the book, never the committed src/.

The overlay starts as a copy of the reference tree without any file that
a chunk of the book produces (`tools/tangle --list`: everything under
src/ and user/) and without the grader (grading/: the build does not need
it).  Each hand-in chapter is then written as the *reference* chapter
with the body of each of the lab's holes taken from the submitted
chapter; `make all` tangles that book into src/ before it compiles.  So:

- nothing but hole bodies comes from a submission: its prose, its other
  chunks, new chunks (a root `<<src/../Makefile>>=` included) and every
  other file are reported as ignored; the Makefile, tools/, tests/ and
  labs/ are the reference's;
- a hole that is missing, renamed or empty is missing code: it is
  graded with the lab's stub for it (what the starter holds), with a
  warning naming the hole, so that part scores nothing and the others
  are graded as usual; never with the reference's code.
"""

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field

from .errors import GradeError
from .noweb import (bodies, chunk_map, definitions, documentation,
                    normal_name, replace_chunk, split_lines)
from .submission import Handins
from .tree import copy_files, tree_files

#: Paths a hand-in can never replace (they come from the reference).
PROTECTED = ("Makefile", "Doxyfile", "tools/", "tests/", "grading/",
             "labs/", ".ci/", ".github/")
#: Parts of the reference the build does not need: not copied.
NOT_COPIED = ("grading/",)
#: Words of the grading protocol; a hand-in line using one is flagged
#: for the instructor (a kernel can print anything, the token included).
PROTOCOL_RE = re.compile(r"ktest|\btoken\b|cmdline", re.IGNORECASE)
#: Names listed in a message before "and N more".
NAMES_SHOWN = 8


@dataclass
class OverlayReport:
    """What became of a submission's hand-in files in one overlay."""
    taken: list = field(default_factory=list)     # "chapter: <<hole>>"
    warnings: list = field(default_factory=list)  # holes graded with a stub
    ignored: list = field(default_factory=list)   # what was not used
    review: list = field(default_factory=list)    # lines to look at


def safe_text(text):
    """TEXT with undecodable bytes as \\xNN (printable, JSON-safe)."""
    return text.encode("utf-8", "surrogateescape").decode(
        "utf-8", "backslashreplace")


_produced = {}


def produced_files(ref):
    """The files the book of reference tree REF produces, as relative
    paths (its `tools/tangle --list`, which also checks their names)."""
    if ref not in _produced:
        try:
            done = subprocess.run([os.path.join(ref, "tools", "tangle"),
                                   "--list"], cwd=ref, capture_output=True,
                                  text=True, timeout=120)
        except (OSError, subprocess.SubprocessError) as e:
            raise GradeError(f"{ref}: tools/tangle --list: {e}") from None
        if done.returncode != 0:
            raise GradeError(f"{ref}: tools/tangle --list failed (the "
                             f"reference book is broken):\n"
                             f"{done.stderr.strip()[-2000:]}")
        _produced[ref] = set(done.stdout.split())
    return _produced[ref]


def check_lab(lab):
    """Refuse a lab.toml whose hand-in or holes the overlay cannot honour
    (an instructor's mistake)."""
    where = f"labs/{lab.name}/lab.toml"
    for rel in lab.handin:
        if not (rel.startswith("book/") and rel.endswith(".nw")) or \
                rel.startswith(PROTECTED) or rel in PROTECTED:
            raise GradeError(f"{where}: hand-in {rel!r}: only book chapters "
                             f"(book/*.nw) can be handed in; the grader "
                             f"takes the holes' bodies from them")
    for hole in lab.holes:
        if hole.file not in lab.handin:
            raise GradeError(f"{where}: hole <<{hole.chunk}>> is in "
                             f"{hole.file}, which is not a hand-in file")


def reference_handins(ref, lab):
    """The reference's own hand-in files, as a submission would hand
    them in (for the seed tree)."""
    files = {}
    for chapter in lab.handin:
        with open(os.path.join(ref, chapter), "rb") as f:
            files[chapter] = f.read()
    return Handins(files=files)


def build_overlay(ref, lab, handins, dest, seed=None):
    """Write the overlay of LAB for HANDINS (submission.Handins) into
    DEST, from reference tree REF.  Returns an OverlayReport.

    With SEED (the overlay of the reference's own hand-in files, tangled
    and built), DEST starts as a copy of it, times kept: `make all` then
    re-tangles, tools/tangle rewrites only the files whose text changed
    (those the holes are in), and make recompiles only what depends on
    them.  The seed was made from the reference book alone, in the
    sandbox, so nothing in it comes from any submission."""
    check_lab(lab)
    if seed is not None:
        shutil.copytree(seed, dest, symlinks=True)
    else:
        produced = produced_files(ref)
        files = [f for f in tree_files(ref)
                 if f not in produced and not f.startswith(NOT_COPIED)]
        copy_files(ref, files, dest, mtime=time.time() - 3600)
    report = OverlayReport()
    now = time.time()
    for chapter in lab.handin:
        holes = [h for h in lab.holes if h.file == chapter]
        ref_text = _read(os.path.join(ref, chapter))
        data = handins.files.get(chapter)
        sub_text = None if data is None else \
            data.decode("utf-8", "surrogateescape")
        if not holes:
            report.ignored.append(f"ignored: {chapter}: the lab has no "
                                  f"hole in it, so nothing is taken from it")
            continue
        why = handins.missing.get(chapter, "missing")
        text = compose(ref_text, sub_text, holes, lab, chapter, report,
                       why_missing=why)
        path = os.path.join(dest, chapter)
        with open(path, "w", encoding="utf-8",
                  errors="surrogateescape") as f:
            f.write(text)
        os.utime(path, (now, now))
    return report


def _read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except (OSError, UnicodeDecodeError) as e:
        raise GradeError(f"{path}: cannot read the reference chapter: "
                         f"{e}") from None


def compose(ref_text, sub_text, holes, lab, chapter, report,
            why_missing="missing"):
    """REF_TEXT with each of HOLES' bodies taken from SUB_TEXT (None:
    the hand-in file is missing), or the hole's stub; notes go to
    REPORT.  Returns the new chapter."""
    text = ref_text
    sub_lines = split_lines(sub_text) if sub_text is not None else []
    for hole in holes:
        body, problem = None, None
        if sub_text is None:
            problem = f"cannot be taken: {chapter} is {why_missing}"
        else:
            found = bodies(sub_text, hole.chunk)
            if not found:
                problem = (f"is not defined in {chapter} (deleted, or "
                           f"renamed?)")
            else:
                body = "".join(found)
                bad = _undecodable_line(sub_lines, hole.chunk)
                if not body.strip():
                    problem = "is empty"
                elif bad:
                    problem = (f"holds bytes that are not UTF-8 text (line "
                               f"{bad} of {chapter})")
        if problem:
            body = _stub(lab, hole)
            report.warnings.append(
                f"{chapter}: hole <<{hole.chunk}>> {problem}: graded with "
                f"the lab's stub (labs/{lab.name}/{hole.stub}), so the tests "
                f"that need it fail")
        else:
            report.taken.append(f"{chapter}: <<{hole.chunk}>>")
            report.review += _mentions(chapter, hole, sub_lines,
                                       "".join(bodies(ref_text, hole.chunk)))
        text = replace_chunk(text, hole.chunk, body, where=chapter)
    # Splicing must leave the chapter's chunks as the reference has them:
    # the same definitions, in the same order.
    if [normal_name(d.name) for d in definitions(split_lines(text))] != \
            [normal_name(d.name) for d in definitions(split_lines(ref_text))]:
        raise RuntimeError(f"{chapter}: splicing the holes changed the "
                           f"chapter's chunks (a bug in the grader)")
    if sub_text is not None:
        report.ignored += _ignored(chapter, ref_text, sub_text, holes)
    return text


def _stub(lab, hole):
    path = os.path.join(lab.directory, hole.stub)
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except (OSError, UnicodeDecodeError) as e:
        raise GradeError(f"labs/{lab.name}/{hole.stub}: cannot read the "
                         f"stub: {e}") from None


def _hole_lines(lines, name):
    """(line number, text) of every body line of chunk NAME."""
    want = normal_name(name)
    for d in definitions(lines):
        if normal_name(d.name) == want:
            for i in range(d.line + 1, d.end):
                yield i + 1, lines[i]


def _undecodable_line(lines, name):
    """The number of the first body line of NAME that held bytes that
    are not UTF-8, or None."""
    for n, line in _hole_lines(lines, name):
        if safe_text(line) != line:
            return n
    return None


def _mentions(chapter, hole, sub_lines, ref_body):
    """Lines of the submitted hole that use a word of the protocol and
    are not in the reference's body."""
    known = {line.strip() for line in split_lines(ref_body)}
    found = []
    for n, line in _hole_lines(sub_lines, hole.chunk):
        if PROTOCOL_RE.search(line) and line.strip() not in known:
            found.append(f"{chapter}:{n}: in <<{hole.chunk}>>: "
                         f"{safe_text(line.strip())[:160]}")
    return found


def _names(names):
    shown = [f"<<{safe_text(n)[:80]}>>" for n in names[:NAMES_SHOWN]]
    more = len(names) - NAMES_SHOWN
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _ignored(chapter, ref_text, sub_text, holes):
    """What SUB_TEXT changes outside the holes: one line, or []."""
    hole_names = {normal_name(h.chunk) for h in holes}
    ref_map, sub_map = chunk_map(ref_text), chunk_map(sub_text)
    new = [n for n in sub_map if n not in ref_map]
    changed = [n for n in sub_map if n in ref_map and n not in hole_names
               and sub_map[n] != ref_map[n]]
    removed = [n for n in ref_map if n not in sub_map
               and n not in hole_names]
    parts = []
    if new:
        parts.append("new chunks " + _names(new))
    if changed:
        parts.append("changes to the chunks " + _names(changed))
    if removed:
        parts.append("removed chunks " + _names(removed))
    if documentation(ref_text) != documentation(sub_text):
        parts.append("changes to the text between chunks")
    if not parts:
        return []
    return [f"ignored: {chapter}: " + "; ".join(parts) + " (only the "
            f"bodies of the lab's holes are taken from a hand-in)"]
