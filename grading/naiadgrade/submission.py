"""Reading a submission: only its hand-in files, within limits.

A submission is a directory or a tarball (.tar, .tar.gz, .tgz).  The
grader never unpacks or builds it: it reads the lab's hand-in files
(book chapters named in lab.toml) into memory, and the overlay (see
overlay.py) takes the holes' bodies from them.  Anything else the
submission holds is never written anywhere.

A tarball is read as a stream, member by member, and refused (a
SubmissionError naming the member) as soon as it breaks a limit, before
the next member is read: too many members, too many bytes once
uncompressed, a ratio of uncompressed to compressed bytes only a bomb
reaches, too long to read, a hand-in file larger than a chapter can be,
a link of any kind, a special file, a name with '..' or a leading '/'.
The compression is checked by its magic bytes, not trusted from the
name: gzip for .tgz and .tar.gz, none for .tar.

Hand-in files are found by their paths: `book/03-console.nw`, or
`ANY/WRAPPER/DIRS/book/03-console.nw` (the shallowest copy wins), so a
tarball of just the hand-in files (`tar czf sub.tgz book/...`) and one of
a whole tree (`tar czf sub.tgz naiad-boot/`) read the same.

In a directory, each hand-in path is opened one component at a time
without following symbolic links, so a link on the way (`book -> /etc`)
or as the file itself is refused by name, and so is a hard link (a file
with more than one name, which may be a file outside the submission).
"""

import errno
import gzip
import os
import stat
import tarfile
import time
import zlib
from dataclasses import dataclass, field

from .errors import SubmissionError

TARBALL_SUFFIXES = (".tar", ".tar.gz", ".tgz")

MAGIC = [   # (bytes at offset 0, format), for messages and checks
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"PK\x03\x04", "zip"),
    (b"\x5d\x00\x00", "lzma"),
]


@dataclass
class Limits:
    """What a submission may cost to read."""
    members: int = 20000              # members of a tarball
    total_bytes: int = 256 << 20      # uncompressed bytes of a tarball
    file_bytes: int = 4 << 20         # one hand-in file
    ratio: int = 100                  # uncompressed / compressed bytes
    ratio_after: int = 4 << 20        # ... checked once this much is read
    seconds: float = 60.0             # to read the whole submission


@dataclass
class Handins:
    """The hand-in files found in a submission."""
    files: dict = field(default_factory=dict)     # path -> bytes
    missing: dict = field(default_factory=dict)   # path -> why
    kind: str = "directory"                        # or "tarball"
    notes: list = field(default_factory=list)      # where each was found


def is_tarball(path):
    return path.endswith(TARBALL_SUFFIXES)


def shown(path):
    """PATH as text that can be printed and written to JSON, whatever
    bytes its name holds (undecodable bytes become \\xNN)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def read_submission(path, wanted, limits=None):
    """Read the hand-in files WANTED (relative paths) of submission PATH.
    Raises SubmissionError when the submission cannot be graded at all."""
    limits = limits or Limits()
    name = shown(path)
    if os.path.isdir(path):
        got = _read_directory(path, wanted, limits)
    elif not os.path.lexists(path):
        raise SubmissionError(f"submission {name} does not exist")
    elif not os.path.isfile(path):
        raise SubmissionError(f"submission {name} is neither a directory "
                              f"nor a regular file")
    elif not is_tarball(path):
        raise SubmissionError(f"submission {name} is neither a directory "
                              f"nor a tarball ({', '.join(TARBALL_SUFFIXES)})")
    else:
        got = _read_tarball(path, wanted, limits)
    if not got.files:
        raise SubmissionError(
            f"submission {name} holds none of the hand-in files ("
            + ", ".join(wanted) + "): a tarball or directory must hold "
            "them as book/... or as DIR/book/...; "
            + "; ".join(f"{p}: {why}" for p, why in got.missing.items()))
    return got


# ---- directories ------------------------------------------------------

def _read_directory(root, wanted, limits):
    got = Handins(kind="directory")
    start = time.monotonic()
    try:
        top = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as e:
        raise SubmissionError(f"submission {shown(root)}: cannot open: "
                              f"{e.strerror}") from None
    try:
        for rel in wanted:
            if time.monotonic() - start > limits.seconds:
                raise SubmissionError(f"reading the submission took more "
                                      f"than {limits.seconds:.0f} s")
            data, why = _read_under(top, rel, limits)
            if data is None:
                got.missing[rel] = why
            else:
                got.files[rel] = data
    finally:
        os.close(top)
    return got


def _read_under(top, rel, limits):
    """(bytes, None) for file REL under directory fd TOP, or (None, why)
    when it is missing.  Raises SubmissionError for a link or a file too
    large."""
    parts = rel.split("/")
    fd = os.dup(top)
    try:
        for i, part in enumerate(parts[:-1]):
            so_far = "/".join(parts[:i + 1])
            try:
                st = os.stat(part, dir_fd=fd, follow_symlinks=False)
            except FileNotFoundError:
                return None, f"missing ({so_far} does not exist)"
            if stat.S_ISLNK(st.st_mode):
                raise SubmissionError(f"links are not accepted: {so_far}")
            if not stat.S_ISDIR(st.st_mode):
                return None, f"missing ({so_far} is not a directory)"
            nfd = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW,
                          dir_fd=fd)
            os.close(fd)
            fd = nfd
        try:
            st = os.stat(parts[-1], dir_fd=fd, follow_symlinks=False)
        except FileNotFoundError:
            return None, "missing"
        _check_file(rel, st, limits)
        try:
            ffd = os.open(parts[-1],
                          os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK,
                          dir_fd=fd)
        except OSError as e:
            if e.errno == errno.ELOOP:
                raise SubmissionError(f"links are not accepted: {rel}") \
                    from None
            return None, f"cannot be read: {e.strerror}"
        with os.fdopen(ffd, "rb") as f:
            _check_file(rel, os.fstat(f.fileno()), limits)
            data = f.read(limits.file_bytes + 1)
        if len(data) > limits.file_bytes:
            raise SubmissionError(_too_large(rel, len(data), limits))
        return data, None
    finally:
        os.close(fd)


def _check_file(rel, st, limits):
    if stat.S_ISLNK(st.st_mode):
        raise SubmissionError(f"links are not accepted: {rel}")
    if not stat.S_ISREG(st.st_mode):
        raise SubmissionError(f"{rel} is not a regular file")
    if st.st_nlink > 1:
        raise SubmissionError(f"links are not accepted: {rel} (a hard link:"
                              f" the file has {st.st_nlink} names)")
    if st.st_size > limits.file_bytes:
        raise SubmissionError(_too_large(rel, st.st_size, limits))


def _too_large(rel, size, limits):
    return (f"{rel} holds {size} bytes, more than the "
            f"{limits.file_bytes >> 20} MiB a hand-in file may have")


# ---- tarballs ---------------------------------------------------------

class _Raw:
    """The compressed side of a tarball: counts the bytes read."""

    def __init__(self, f):
        self.f, self.count = f, 0

    def read(self, size=-1):
        data = self.f.read(size)
        self.count += len(data)
        return data


class _Counted:
    """A file object that counts the bytes read through it and enforces
    the tarball limits on them (the uncompressed side), the ratio
    against RAW (a _Raw, or None for an uncompressed tarball)."""

    def __init__(self, f, raw, limits, start, name):
        self.f, self.raw, self.limits = f, raw, limits
        self.start, self.name = start, name
        self.count = 0

    def read(self, size=-1):
        allowed = self.limits.total_bytes + 1 - self.count
        if size is None or size < 0 or size > allowed:
            size = max(allowed, 0)
        data = self.f.read(size)
        self.count += len(data)
        self.check()
        return data

    def check(self):
        lim = self.limits
        if self.count > lim.total_bytes:
            raise SubmissionError(
                f"{self.name}: more than {lim.total_bytes >> 20} MiB once "
                f"uncompressed (the limit for a submission)")
        if self.raw is not None and self.count > lim.ratio_after and \
                self.count > lim.ratio * max(self.raw.count, 1):
            raise SubmissionError(
                f"{self.name}: decompresses to more than {lim.ratio} times "
                f"its size (a compression bomb?)")
        if time.monotonic() - self.start > lim.seconds:
            raise SubmissionError(f"{self.name}: reading the tarball took "
                                  f"more than {lim.seconds:.0f} s")


def _format(head):
    for magic, fmt in MAGIC:
        if head.startswith(magic):
            return fmt
    return None


def _read_tarball(path, wanted, limits):
    name = shown(path)
    try:
        f = open(path, "rb")
    except OSError as e:
        raise SubmissionError(f"{name}: cannot open: {e.strerror}") from None
    with f:
        head = f.read(8)
        f.seek(0)
        fmt = _format(head)
        if not head:
            raise SubmissionError(f"{name} is empty (0 bytes), not a "
                                  f"tarball")
        if path.endswith(".tar"):
            if fmt is not None:
                raise SubmissionError(
                    f"{name} is {fmt}-compressed data, not a plain tar "
                    f"archive as its name .tar says (use .tgz for gzip)")
        elif fmt != "gzip":
            raise SubmissionError(
                f"{name} is not gzip-compressed (it is "
                f"{fmt + ' data' if fmt else 'not compressed data'}), "
                f"but its name says .tgz/.tar.gz; only gzip is accepted "
                f"(tar czf NAME.tgz ...)")
        raw = _Raw(f)
        stream = gzip.GzipFile(fileobj=raw, mode="rb") if fmt == "gzip" \
            else raw
        counted = _Counted(stream, raw if fmt == "gzip" else None, limits,
                           time.monotonic(), name)
        try:
            return _read_members(counted, name, wanted, limits)
        except SubmissionError:
            raise
        except (tarfile.TarError, EOFError, OSError, zlib.error,
                ValueError) as e:
            raise SubmissionError(f"{name}: damaged or truncated tarball "
                                  f"({type(e).__name__}: {e})") from None


def _member_path(tarname, m):
    """The member's path without '.' parts, or raise for an unsafe one."""
    parts = m.name.split("/")
    if m.name.startswith("/") or ".." in parts:
        raise SubmissionError(f"{tarname}: unsafe tarball, member "
                              f"{shown(m.name)} points outside the "
                              f"tarball's directory")
    return "/".join(p for p in parts if p not in ("", "."))


def _read_members(stream, tarname, wanted, limits):
    got = Handins(kind="tarball")
    found = {}          # rel -> (depth, member path, data)
    count = 0
    with tarfile.open(fileobj=stream, mode="r|") as tar:
        for m in tar:
            count += 1
            if count > limits.members:
                raise SubmissionError(f"{tarname}: more than "
                                      f"{limits.members} members")
            stream.check()
            path = _member_path(tarname, m)
            if m.issym() or m.islnk():
                raise SubmissionError(f"links are not accepted: "
                                      f"{shown(m.name)}")
            if not (m.isfile() or m.isdir()):
                raise SubmissionError(f"special files (devices, FIFOs) are "
                                      f"not accepted: {shown(m.name)}")
            if not m.isfile():
                continue
            for rel in wanted:
                if path != rel and not path.endswith("/" + rel):
                    continue
                if m.size > limits.file_bytes:
                    raise SubmissionError(_too_large(shown(m.name), m.size,
                                                     limits))
                depth = path.count("/") - rel.count("/")
                data = tar.extractfile(m).read(limits.file_bytes + 1)
                old = found.get(rel)
                if old and old[0] == depth and old[1] != path:
                    raise SubmissionError(
                        f"{tarname}: two copies of {rel} at the same depth "
                        f"({shown(old[1])} and {shown(path)}): hand in one "
                        f"tree")
                if old is None or depth <= old[0]:
                    found[rel] = (depth, path, data)
    for rel in wanted:
        if rel in found:
            got.files[rel] = found[rel][2]
            if found[rel][1] != rel:
                got.notes.append(f"{rel} read from {shown(found[rel][1])}")
        else:
            got.missing[rel] = "missing from the tarball"
    return got
