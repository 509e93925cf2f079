"""Building a tree, and wrapping a kernel in a Bochs disk image, with make.

Targets used (PROTOCOL.md section 4): `make all` produces
build/kernel.elf and build/naiad.img; `make image KERNEL=... IMAGE=...`
wraps any kernel ELF in a disk image.
"""

import os
import re
import tempfile
from dataclasses import dataclass

from . import supervise
from .errors import GradeError

BUILD_TIMEOUT = 300
PRLIMIT = "prlimit"
#: Make output kept in reports (the tail: the last errors matter most).
TAIL_LINES = 60
TAIL_BYTES = 8000
#: A build writing more than this is stopped (a runaway make).
OUTPUT_CAP = 64 << 20

KERNEL_ELF = os.path.join("build", "kernel.elf")
DISK_IMAGE = os.path.join("build", "naiad.img")


@dataclass
class BuildLimits:
    """What one build may cost.  The time is the whole build's; the
    others apply to each process of it (make, cc1, as, ld...), through
    setrlimit (prlimit): a runaway compiler is stopped by its own CPU or
    memory limit long before the build's time runs out."""
    seconds: float = BUILD_TIMEOUT
    cpu_seconds: int = 120
    memory_mb: int = 1024
    file_mb: int = 256

    def prefix(self):
        """The prlimit command that applies the per-process limits."""
        # SIGXCPU at the soft CPU limit (gcc then says "CPU time limit
        # exceeded"), SIGKILL at the hard one for a process that ignores it.
        return [PRLIMIT, f"--as={self.memory_mb << 20}",
                f"--cpu={self.cpu_seconds}:{self.cpu_seconds + 10}",
                f"--fsize={self.file_mb << 20}", "--"]

    def describe(self):
        return (f"{self.seconds:g} s for the build, and for each of its "
                f"processes {self.cpu_seconds} s of CPU, {self.memory_mb} "
                f"MiB of memory, files up to {self.file_mb} MiB")


@dataclass
class Built:
    """Result of a build: ok, or the tail of the compiler's messages."""
    ok: bool
    tail: str
    seconds: float
    kernel: str = None   # absolute path of build/kernel.elf
    image: str = None    # absolute path of build/naiad.img


def tail_of(text, lines=TAIL_LINES, limit=TAIL_BYTES):
    """The last LINES lines of TEXT, at most LIMIT characters."""
    kept = "\n".join(text.rstrip("\n").split("\n")[-lines:])
    if len(kept) > limit:
        kept = "[...]" + kept[-limit:]
    return kept


def run_make(tree, args, timeout=BUILD_TIMEOUT, jobs=2, sandbox=None,
             limits=None, tmpdir=None):
    """Run `make -C TREE -jJOBS ARGS...`; return (ok, output, seconds).

    With LIMITS (BuildLimits) every process of the build is limited; with
    TMPDIR, compiler temporaries go there (a killed build's go with it);
    with SANDBOX (sandbox.Sandbox), make runs inside it, seeing TREE and
    TMPDIR only."""
    with tempfile.NamedTemporaryFile(prefix="naiad-make-",
                                     suffix=".txt") as out:
        argv = ["make", "-C", tree, f"-j{jobs}"] + list(args)
        if limits is not None:
            argv = limits.prefix() + argv
        extra = {"TMPDIR": tmpdir} if tmpdir else {}
        if sandbox is not None:
            def wrap(argv, cwd):
                return sandbox.command(argv, cwd,
                                       writable=[tmpdir] if tmpdir else [],
                                       env=extra)
        else:
            def wrap(argv, cwd):
                return argv
        done = supervise.run(argv, cwd=tree, output_path=out.name,
                             timeout=timeout, wrap=wrap,
                             env=dict(os.environ, **extra),
                             watches=[supervise.Watch(out.name, OUTPUT_CAP,
                                                      "output flood")])
        with open(out.name, "rb") as f:
            text = f.read(OUTPUT_CAP).decode("utf-8", "replace")
    if done.start_error:
        return False, f"cannot run make: {done.start_error}", done.seconds
    if done.stopped == "timeout":
        text += f"\n[grader] make stopped after {timeout:.0f} s (time limit)"
    elif done.stopped:
        text += f"\n[grader] make stopped: {done.stopped}"
    elif done.exit_code != 0:
        text += f"\n[grader] make exited with status {done.exit_code}"
    if done.exit_code != 0 and limits is not None:
        if "CPU time limit exceeded" in text:
            text += (f"\n[grader] a process of the build used more than "
                     f"{limits.cpu_seconds} s of CPU and was stopped (a loop "
                     f"at compile time?)")
        if re.search(r"memory exhausted|out of memory|Cannot allocate", text):
            text += (f"\n[grader] a process of the build ran out of its "
                     f"{limits.memory_mb} MiB of memory")
        text += f"\n[grader] the build's limits: {limits.describe()}"
    return done.exit_code == 0, text, done.seconds


def build_tree(tree, emu, limits=None, sandbox=None, tmpdir=None):
    """`make all` in TREE; on success check that the output EMU boots
    (the kernel ELF for QEMU, the disk image for Bochs) exists."""
    limits = limits or BuildLimits()
    ok, text, seconds = run_make(tree, ["all"], limits.seconds,
                                 sandbox=sandbox, limits=limits,
                                 tmpdir=tmpdir)
    kernel = os.path.join(tree, KERNEL_ELF)
    image = os.path.join(tree, DISK_IMAGE)
    if ok:
        needed = DISK_IMAGE if emu == "bochs" else KERNEL_ELF
        missing = [p for p in [needed]
                   if not os.path.isfile(os.path.join(tree, p))]
        if missing:
            ok = False
            text += ("\n[grader] make all succeeded but did not produce "
                     + " and ".join(missing))
    return Built(ok, tail_of(text), seconds, os.path.abspath(kernel),
                 os.path.abspath(image))


def make_image(ref, kernel, image, timeout=120):
    """Wrap KERNEL (an ELF) in disk image IMAGE with the reference tree's
    `make image`.  Raises GradeError when that fails: the instructor's
    set-up is broken, not the submission."""
    ok, text, _ = run_make(ref, ["-s", "image",
                                 f"KERNEL={os.path.abspath(kernel)}",
                                 f"IMAGE={os.path.abspath(image)}"],
                           timeout, jobs=1)
    if ok and not os.path.isfile(image):
        text += (f"\nmake succeeded but wrote no {image}: does the Makefile "
                 f"have the `image` target of PROTOCOL.md section 4?")
    if not ok or not os.path.isfile(image):
        raise GradeError(f"cannot make a disk image of {kernel} with "
                         f"`make -C {ref} image`:\n{tail_of(text, 20)}")
    return image


def is_elf(path):
    """True when PATH starts with the ELF magic number."""
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False
