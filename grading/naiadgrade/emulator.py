"""One boot of a Naiad kernel in either emulator: the entry point the
grader, the tools (make test, make bench, make trace) and the tests
share, so that every batch run of the project is the same machine under
the same limits.

QEMU boots the kernel ELF (or the disk image, when only that is given);
Bochs always boots the disk image.
"""

import os
import shutil
import tempfile
from dataclasses import dataclass

from . import bochs, qemu, supervise
from .machine import SERIAL_CAP, Machine

EMULATORS = ("bochs", "qemu")
#: Beside the boot disk, the same disk with the boot archive as a
#: Multiboot module (make builds both; book/51-ext2-vfs.nw).
ARCHIVE_IMAGE = "naiad-archive.img"


def with_archive(image):
    """The disk image that carries the boot archive, for IMAGE: IMAGE
    itself if it is one (by its name), else the ARCHIVE_IMAGE beside it;
    ValueError when there is none."""
    if os.path.basename(image) == ARCHIVE_IMAGE:
        return image
    other = os.path.join(os.path.dirname(os.path.abspath(image)),
                         ARCHIVE_IMAGE)
    if not os.path.isfile(other):
        raise ValueError(f"no {ARCHIVE_IMAGE} beside {image}: a boot "
                         f"with the archive needs it (make builds it)")
    return other


@dataclass
class Target:
    """What to boot: the kernel ELF (QEMU) or the disk image (Bochs)."""
    emu: str
    kernel: str = None
    image: str = None

    @property
    def path(self):
        """The file the emulator boots."""
        if self.emu == "qemu" and self.kernel:
            return self.kernel
        return self.image


def module(emu):
    """The module that runs emulator EMU."""
    if emu not in EMULATORS:
        raise ValueError(f"unknown emulator {emu!r}")
    return qemu if emu == "qemu" else bochs


def boot(target, cmdline, cpus, timeout, token=None, quiet=None,
         boot_quiet=None, stop_unbooted=None, poll=supervise.POLL_SECONDS,
         ips=None, rundir=None, serial_cap=SERIAL_CAP, disks=None,
         archive=False):
    """Boot TARGET once with CMDLINE on CPUS processors and return its
    machine.Machine.  TIMEOUT, BOOT_QUIET and QUIET are the limits
    (seconds in all, before the first console output, and without output
    after it); TOKEN, if given, is the run's, whose `ktest done` line
    ends the run should the kernel not power off.  The run's files go to
    RUNDIR, kept, or to a scratch directory, removed.  More than
    SERIAL_CAP bytes of output is an output flood.  DISKS: the images of
    the other drives, {slot: path} (None: the ones beside the kernel or
    image, grading/naiadgrade/disks.py).  ARCHIVE: with the boot
    archive as a Multiboot module, the fallback of book/51-ext2-vfs.nw
    (QEMU: -initrd; Bochs boots with_archive(image)); a normal boot
    has none."""
    # The emulator runs in the run directory: paths must not be relative.
    target = Target(target.emu,
                    kernel=target.kernel and os.path.abspath(target.kernel),
                    image=target.image and os.path.abspath(target.image))
    limits = dict(token=token, quiet=quiet, boot_quiet=boot_quiet,
                  stop_unbooted=stop_unbooted, poll=poll,
                  serial_cap=serial_cap, disks=disks)
    scratch = rundir is None
    if scratch:
        rundir = tempfile.mkdtemp(prefix="naiad-run-")
    try:
        path = target.path
        if archive and path == target.image:
            try:                    # the module is in the disk image
                path = with_archive(path)
            except ValueError as e:
                return Machine(start_error=str(e))
        if target.emu == "qemu":
            return qemu.boot(path, cmdline, cpus, timeout, rundir,
                             image=not target.kernel,
                             archive=archive and bool(target.kernel),
                             **limits)
        return bochs.boot(path, cmdline, cpus, timeout, rundir,
                          ips=ips or bochs.IPS, **limits)
    finally:
        if scratch:
            shutil.rmtree(rundir, ignore_errors=True)
