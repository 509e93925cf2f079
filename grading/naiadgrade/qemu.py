"""QEMU (PROTOCOL.md sections 1 and 3): the one place that writes its
command line, and how its exit status tells how the machine ended.

The kernel ELF is loaded with -kernel and the command line given with
-append (or, to test the book's loader, the disk image is the first
disk).  With `-device isa-debug-exit,iobase=0xf4` and `-no-reboot`,
QEMU's exit status tells how the machine ended: 33 for a power-off, 35
for a power-off after a panic, 37 for a power-off after failed tests,
0 for a reset (triple fault).
"""

import os
import shutil

from . import disks as diskslots
from . import supervise
from .image import copy_with_cmdline
from .machine import (EMULATOR_ERROR, Machine,
                      OTHER_EXIT, PANIC_POWEROFF, POWEROFF, RESET,
                      SERIAL_CAP, STOPPED, read_capped, text_tail)
from .serialwatch import SerialWatch

QEMU = "qemu-system-i386"
INSTALL_HINT = "Debian: apt-get install qemu-system-x86"
MEMORY_MB = 128
#: The kernel's first power-off door (PROTOCOL.md section 3).
DEBUG_EXIT = "isa-debug-exit,iobase=0xf4,iosize=0x04"
EXIT_POWEROFF = 33
EXIT_PANIC = 35
EXIT_TESTS_FAILED = 37
EXIT_RESET = 0
#: Where `make qemu-gdb` waits for gdb.
GDB_PORT = 1234

#: How each exit status ends a machine, and in words for people.
ENDS = {EXIT_POWEROFF: (POWEROFF, "power-off"),
        EXIT_TESTS_FAILED: (POWEROFF, "power-off, tests failed"),
        EXIT_PANIC: (PANIC_POWEROFF, "power-off after a panic"),
        EXIT_RESET: (RESET, "machine reset (triple fault?)")}


#: The boot archive beside a kernel ELF (book/27-exec.nw).
ARCHIVE = "initrd.tar"


def boot_files(kernel, archive=False):
    """The files a boot of KERNEL reads: the kernel and, with ARCHIVE,
    the boot archive of user programs (book/27-exec.nw), initrd.tar
    beside it (ValueError when it is not there).  A normal boot carries
    no archive: the programs are on the root disk (book/51-ext2-vfs.nw),
    the boot disk image beside the kernel.  A sandbox lets the emulator
    read exactly these files."""
    files = [kernel]
    if archive:
        initrd = os.path.join(os.path.dirname(os.path.abspath(kernel)),
                              ARCHIVE)
        if not os.path.isfile(initrd):
            raise ValueError(f"no boot archive {initrd} beside the "
                             f"kernel (make builds it)")
        files.append(initrd)
    return files


def command(cpus=1, kernel=None, cmdline="", image=None, serial="stdio",
            debug_exit=True, reboot=False, gdb=False, disks=None,
            archive=False):
    """The QEMU command line: boot KERNEL (an ELF, with CMDLINE) or the
    disk IMAGE (which carries its command line) on CPUS processors, COM1
    to SERIAL (QEMU's syntax: "stdio", "file:PATH").  DEBUG_EXIT and
    REBOOT=False make the exit status tell how the machine ended; GDB
    waits for a debugger before the first instruction.  With ARCHIVE the
    boot archive of user programs (book/27-exec.nw), initrd.tar beside
    KERNEL, goes in as a Multiboot module (the fallback of
    book/51-ext2-vfs.nw; normally the programs are on the root disk).
    DISKS: the copies of the other drives' images (disks.copy_into), in
    their IDE slots."""
    if (kernel is None) == (image is None):
        raise ValueError("boot a kernel or an image, not both")
    argv = [QEMU]
    if kernel is not None:
        argv += ["-kernel", kernel, "-append", cmdline]
        for initrd in boot_files(kernel, archive)[1:]:
            argv += ["-initrd", initrd]
    else:
        argv += ["-drive", f"file={image},format=raw"]
    argv += diskslots.qemu_argv(disks or {})
    argv += ["-smp", str(cpus), "-m", str(MEMORY_MB),
             "-display", "none", "-monitor", "none", "-serial", serial]
    if not reboot:
        argv.append("-no-reboot")
    if debug_exit:
        argv += ["-device", DEBUG_EXIT]
    if gdb:
        argv += ["-S", "-gdb", f"tcp::{GDB_PORT}"]
    return argv


def describe_exit(status):
    """An exit status in words."""
    return ENDS.get(status, (None, f"exit status {status}"))[1]


def check_installed():
    """None, or why QEMU cannot be used on this machine."""
    if shutil.which(QEMU) is None:
        return f"{QEMU} not found ({INSTALL_HINT})"
    return None


def boot(what, cmdline, cpus, timeout, rundir, token=None, quiet=None,
         boot_quiet=None,
         stop_unbooted=None, poll=supervise.POLL_SECONDS,
         serial_cap=SERIAL_CAP, image=False, disks=None, archive=False):
    """Boot WHAT (the kernel ELF, or with IMAGE the disk image) with
    CMDLINE on CPUS processors, in scratch directory RUNDIR, under the
    limits: TIMEOUT seconds in all, BOOT_QUIET seconds before the first
    console output, QUIET seconds without output after it (None: no
    such limit).  See SerialWatch for TOKEN and
    STOP_UNBOOTED.  DISKS ({slot: image}; None: the ones beside WHAT,
    disks.choose) are copied into RUNDIR and attached.  ARCHIVE: the
    kernel gets its boot archive as a module (see command)."""
    problem = check_installed()
    if problem:
        return Machine(start_error=problem)
    if disks is None:
        disks = diskslots.choose(what, with_boot_disk=not image)
    copies = diskslots.copy_into(disks, rundir)
    serial = os.path.join(rundir, "serial.txt")
    output = os.path.join(rundir, "qemu-output.txt")
    open(serial, "wb").close()
    if image:
        disk = os.path.join(rundir, "disk.img")
        copy_with_cmdline(what, disk, cmdline)
        argv = command(cpus, image=disk, serial="file:" + serial,
                       disks=copies)
    else:
        try:
            argv = command(cpus, kernel=what, cmdline=cmdline,
                           serial="file:" + serial, disks=copies,
                           archive=archive)
        except ValueError as e:
            return Machine(start_error=str(e))
    watch = SerialWatch(serial, token, stop_unbooted=stop_unbooted)
    done = supervise.run(
        argv, cwd=rundir, output_path=output, timeout=timeout,
        check=watch.check, poll=poll,
        progress=supervise.Progress(serial, quiet or None,
                                    boot_quiet or None),
        watches=[supervise.Watch(serial, serial_cap, "output flood"),
                 supervise.Watch(output, 4 * serial_cap, "output flood")])
    machine = Machine(serial=read_capped(serial, serial_cap),
                      exit_code=done.exit_code,
                      stopped=done.stopped, start_error=done.start_error,
                      seconds=done.seconds,
                      emulator_tail=text_tail(output), quiet=quiet,
                      marks=dict(watch.marks),
                      longest_silence=done.longest_silence,
                      first_output=done.first_output,
                      boot_quiet=boot_quiet)
    complaints = [line for line in machine.emulator_tail.splitlines()
                  if line.startswith(QEMU + ":")]
    machine.end = _how_it_ended(done, complaints)
    if machine.end == EMULATOR_ERROR:
        machine.message = complaints[-1]
    return machine


def _how_it_ended(done, complaints):
    """Classify QEMU's exit.  Status 1 is both QEMU's own failure (it then
    says why on stderr) and the kernel writing 0 to port 0xf4."""
    if done.start_error:
        return None
    if done.stopped:
        return STOPPED
    if done.exit_code == 1 and complaints:
        return EMULATOR_ERROR
    return ENDS.get(done.exit_code, (OTHER_EXIT,))[0]
