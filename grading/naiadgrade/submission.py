"""Opening a submission and building the pristine overlay.

A submission is a directory or a tarball (.tar, .tar.gz, .tgz).  The
grader never builds it as it is: it copies the reference tree, then
copies over *only* the lab's hand-in files from the submission, so that
a student cannot change the tests, the Makefile or the grader.
"""

import os
import shutil
import tarfile
import time

from .errors import GradeError
from .starter import starter_books
from .tree import copy_files, copy_tree

TARBALL_SUFFIXES = (".tar", ".tar.gz", ".tgz")

#: Largest hand-in file accepted (a book chapter is far smaller).
MAX_HANDIN_BYTES = 4 << 20
#: Largest total size of an extracted tarball.
MAX_TARBALL_BYTES = 256 << 20


def is_tarball(path):
    return path.endswith(TARBALL_SUFFIXES)


def open_submission(path, scratch):
    """Return the directory holding submission PATH: PATH itself, or the
    root of its tarball extracted under SCRATCH.  Raises GradeError for an
    unreadable or unsafe tarball."""
    if os.path.isdir(path):
        return path
    if not os.path.exists(path):
        raise GradeError(f"submission {path!r} does not exist")
    if not is_tarball(path):
        raise GradeError(f"submission {path!r} is neither a directory nor "
                         f"a tarball ({', '.join(TARBALL_SUFFIXES)})")
    dest = os.path.join(scratch, "submission")
    os.makedirs(dest)
    extract_tarball(path, dest)
    return single_top_directory(dest)


def extract_tarball(path, dest):
    """Extract the regular files and directories of tarball PATH into DEST.

    Members with absolute paths or '..' make the whole tarball unsafe and
    it is refused; links, devices and the like are skipped (a hand-in file
    is a plain file)."""
    try:
        with tarfile.open(path, "r:*") as tar:
            members = tar.getmembers()
            total = 0
            for m in members:
                _check_member(path, m.name)
                total += m.size if m.isfile() else 0
            if total > MAX_TARBALL_BYTES:
                raise GradeError(f"{path}: tarball holds {total} bytes, more "
                                 f"than the {MAX_TARBALL_BYTES} accepted")
            for m in members:
                target = os.path.join(dest, os.path.normpath(m.name))
                if m.isdir():
                    os.makedirs(target, exist_ok=True)
                elif m.isfile():
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    src = tar.extractfile(m)
                    with src, open(target, "wb") as out:
                        shutil.copyfileobj(src, out)
    except tarfile.ReadError:
        raise GradeError(f"{path}: not a readable tar archive (.tar, "
                         f".tar.gz, .tgz), or a damaged one") from None
    except (tarfile.TarError, EOFError, OSError, ValueError) as e:
        raise GradeError(f"{path}: cannot read the tarball: {e}") from None


def _check_member(path, name):
    parts = name.replace("\\", "/").split("/")
    if name.startswith("/") or ".." in parts or os.path.isabs(name):
        raise GradeError(f"{path}: unsafe tarball, member {name!r} is "
                         f"outside the tarball's directory")


def single_top_directory(dest):
    """DEST, or its only entry when that is a directory (a tarball made
    with `tar czf sub.tgz mytree/`)."""
    entries = [e for e in os.listdir(dest) if e not in (".", "..")]
    if len(entries) == 1 and os.path.isdir(os.path.join(dest, entries[0])):
        return os.path.join(dest, entries[0])
    return dest


def make_overlay(ref, sub_root, lab, dest):
    """Build the pristine overlay in DEST: the reference tree REF, with
    the hand-in files of LAB (relative paths) taken from SUB_ROOT.

    A hand-in file that is missing or refused is graded in its starter
    version (the lab's holes stubbed), never the reference: handing in
    nothing must earn nothing.  Returns a list of warnings."""
    copy_tree(ref, dest)
    warnings = []
    now = time.time()
    starter, _ = starter_books(lab, ref)
    for rel in lab.handin:
        src = os.path.join(sub_root, rel)
        problem = _handin_problem(src, sub_root)
        if problem:
            warnings.append(f"hand-in file {rel} {problem}: graded with "
                            f"the starter version (the lab's stubs)")
            if rel in starter:
                with open(os.path.join(dest, rel), "w",
                          encoding="utf-8") as f:
                    f.write(starter[rel])
                os.utime(os.path.join(dest, rel), (now, now))
            continue
        dst = os.path.join(dest, rel)
        if os.path.islink(dst) or os.path.isdir(dst):
            raise GradeError(f"hand-in file {rel} is not a plain file in "
                             f"the reference tree")
        copy_files(sub_root, [rel], dest, mtime=now)
    return warnings


def _handin_problem(src, sub_root):
    """Why SRC cannot be used as a hand-in file, or None."""
    if os.path.islink(src):
        return "is a symbolic link (not accepted)"
    inside = os.path.realpath(sub_root) + os.sep
    if not os.path.realpath(src).startswith(inside):
        return "is outside the submission (through a symbolic link)"
    if not os.path.exists(src):
        return "is missing from the submission"
    if not os.path.isfile(src):
        return "is not a plain file"
    if os.path.getsize(src) > MAX_HANDIN_BYTES:
        return f"is larger than {MAX_HANDIN_BYTES} bytes"
    return None
