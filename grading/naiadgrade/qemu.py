"""One boot under QEMU (PROTOCOL.md sections 1 and 3).

The kernel ELF is loaded with -kernel, the command line given with
-append.  With `-device isa-debug-exit,iobase=0xf4` and `-no-reboot`,
QEMU's exit status tells how the machine ended: 33 for a power-off, 35
for a power-off after a panic, 0 for a reset (triple fault).
"""

import os
import shutil

from . import supervise
from .machine import (EMULATOR_ERROR, EMULATOR_OUTPUT_CAP, Machine,
                      OTHER_EXIT, PANIC_POWEROFF, POWEROFF, RESET,
                      SERIAL_CAP, STOPPED, read_capped, text_tail)
from .serialwatch import SerialWatch

QEMU = "qemu-system-i386"
EXIT_POWEROFF = 33
EXIT_PANIC = 35
EXIT_RESET = 0


def command(kernel, cmdline, cpus, serial_path):
    """The QEMU command line for one boot.  The boot archive of user
    programs (book/27-exec.nw), initrd.tar beside the kernel, goes in as
    a Multiboot module when it is there."""
    cmd = [QEMU, "-kernel", kernel, "-append", cmdline,
           "-smp", str(cpus), "-m", "128",
           "-display", "none", "-monitor", "none",
           "-serial", "file:" + serial_path,
           "-no-reboot",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
    initrd = os.path.join(os.path.dirname(os.path.abspath(kernel)),
                          "initrd.tar")
    if os.path.exists(initrd):
        cmd += ["-initrd", initrd]
    return cmd


def check_installed():
    """None, or why QEMU cannot be used on this machine."""
    if shutil.which(QEMU) is None:
        return (f"{QEMU} not found (Debian: apt-get install "
                f"qemu-system-x86)")
    return None


def boot(kernel, cmdline, token, cpus, timeout, rundir):
    """Boot KERNEL with CMDLINE on CPUS processors in scratch dir RUNDIR."""
    problem = check_installed()
    if problem:
        return Machine(start_error=problem)
    serial = os.path.join(rundir, "serial.txt")
    output = os.path.join(rundir, "qemu-output.txt")
    open(serial, "wb").close()
    watch = SerialWatch(serial, token)
    done = supervise.run(
        command(kernel, cmdline, cpus, serial), cwd=rundir,
        output_path=output, timeout=timeout, check=watch.check,
        watches=[supervise.Watch(serial, SERIAL_CAP, "output flood"),
                 supervise.Watch(output, EMULATOR_OUTPUT_CAP,
                                 "output flood")])
    machine = Machine(serial=read_capped(serial), exit_code=done.exit_code,
                      stopped=done.stopped, start_error=done.start_error,
                      seconds=done.seconds,
                      emulator_tail=text_tail(output))
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
    return {EXIT_POWEROFF: POWEROFF, EXIT_PANIC: PANIC_POWEROFF,
            EXIT_RESET: RESET}.get(done.exit_code, OTHER_EXIT)
