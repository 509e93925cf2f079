"""The files of a source tree, and copying them.

A tree's files are the ones git tracks (`git ls-files`) when the tree is
a git checkout, otherwise every file except build/ and .git.  Either way
build products and a student's stray files never travel.
"""

import os
import shutil
import subprocess
import time

from .errors import GradeError

SKIP_DIRS = {"build", ".git"}


def tree_files(root):
    """Relative paths of the files of tree ROOT, sorted."""
    files = _git_files(root)
    if files is None:
        files = _walk_files(root)
    return sorted(f for f in files
                  if os.path.lexists(os.path.join(root, f)))


def _git_files(root):
    """`git ls-files` of ROOT, or None when ROOT is not a git tree top."""
    if not os.path.exists(os.path.join(root, ".git")):
        return None
    try:
        out = subprocess.run(["git", "-C", root, "ls-files", "-z"],
                             capture_output=True, timeout=60, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return [f for f in out.stdout.decode("utf-8", "surrogateescape")
            .split("\0") if f]


def _walk_files(root):
    found = []
    for top, dirs, files in os.walk(root):
        rel_top = os.path.relpath(top, root)
        if rel_top == ".":
            dirs[:] = [d for d in dirs if d not in SKIP_DIRS]
        else:
            dirs[:] = [d for d in dirs if d != ".git"]
        for name in files:
            found.append(os.path.normpath(os.path.join(rel_top, name)))
    return found


def copy_files(src_root, files, dest_root, mtime=None):
    """Copy FILES (relative paths) from SRC_ROOT to DEST_ROOT, keeping
    symbolic links as links and the executable bit.  With MTIME, stamp
    every copied file with it (make then sees a consistent tree)."""
    for rel in files:
        src = os.path.join(src_root, rel)
        dst = os.path.join(dest_root, rel)
        os.makedirs(os.path.dirname(dst) or ".", exist_ok=True)
        if os.path.islink(src):
            os.symlink(os.readlink(src), dst)
            continue
        shutil.copyfile(src, dst)
        shutil.copymode(src, dst)
        if mtime is not None:
            os.utime(dst, (mtime, mtime))


def copy_tree(src_root, dest_root):
    """Copy the files of tree SRC_ROOT into DEST_ROOT, all stamped an hour
    ago, so that anything written later (hand-in files) is newer."""
    files = tree_files(src_root)
    if not files:
        raise GradeError(f"{src_root}: no files to copy")
    copy_files(src_root, files, dest_root, mtime=time.time() - 3600)
    return files
