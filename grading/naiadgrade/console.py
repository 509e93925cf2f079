"""A kernel with its console on this terminal: `make run` and `make
qemu-gdb` (tools/run), in QEMU or Bochs.

Both emulators are run the same way: COM1 is joined to this terminal
through us, we copy bytes both ways, and Ctrl-A X (as in QEMU's own
console) quits: the emulator is stopped and the run counts as a normal
end, like a power-off.  Ctrl-A Ctrl-A sends one Ctrl-A.

QEMU's COM1 is its stdin and stdout (pipes to us).  Bochs' "term" serial
mode needs a terminal device: it gets one end of a pseudo-terminal, and
we copy between the other end and the user's terminal.  Either way the
terminal is in raw mode while the kernel runs (Ctrl-C goes to the
kernel), and is restored after.
"""

import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import termios
import tty

from . import bochs, qemu
from . import disks as diskslots

CTRL_A = 0x01
QUIT_KEYS = (ord("x"), ord("X"))


def _relay(proc, from_kernel, to_kernel):
    """Copy the terminal to TO_KERNEL and FROM_KERNEL to the terminal
    until the emulator PROC exits; return True if the user quit with
    Ctrl-A X (the emulator is then killed)."""
    stdin = sys.stdin.fileno()
    inputs = [from_kernel, stdin]
    escape = False
    while proc.poll() is None:
        ready, _, _ = select.select(inputs, [], [], 0.1)
        if from_kernel in ready and not _copy_out(from_kernel):
            inputs.remove(from_kernel)
        if stdin in ready:
            data = os.read(stdin, 1024)
            if not data:              # not a terminal, and at its end
                inputs.remove(stdin)
                continue
            out = bytearray()
            for byte in data:
                if escape:
                    escape = False
                    if byte in QUIT_KEYS:
                        _send(to_kernel, out)     # what was typed before
                        _kill(proc)
                        return True
                    out.append(byte)
                elif byte == CTRL_A:
                    escape = True
                else:
                    out.append(byte)
            _send(to_kernel, out)
    # What the kernel printed last, before the emulator ended.
    while from_kernel in inputs and \
            select.select([from_kernel], [], [], 0.05)[0] and \
            _copy_out(from_kernel):
        pass
    return False


def _send(fd, data):
    """Give DATA (typed keys) to the kernel, if it still listens."""
    try:
        if data:
            os.write(fd, bytes(data))
    except OSError:
        pass


def _copy_out(fd):
    """Copy what FD has to the terminal; False at its end."""
    try:
        data = os.read(fd, 4096)
    except OSError:               # a pseudo-terminal whose other side closed
        data = b""
    if data:
        os.write(sys.stdout.fileno(), data)
    return bool(data)


def _kill(proc):
    """Stop the emulator at once (Bochs ignores SIGTERM)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


class _RawTerminal:
    """The user's terminal in raw mode, restored on exit (if it is one)."""

    def __enter__(self):
        self.saved = None
        if sys.stdin.isatty():
            self.saved = termios.tcgetattr(sys.stdin.fileno())
            tty.setraw(sys.stdin.fileno())
        return self

    def __exit__(self, *exc):
        if self.saved is not None:
            termios.tcsetattr(sys.stdin.fileno(), termios.TCSADRAIN,
                              self.saved)


def run_qemu(kernel, cpus, cmdline, gdb=False, disks=None, archive=False):
    """Boot KERNEL in QEMU with the console here; the exit status: 0 for
    a power-off or Ctrl-A X, 1 otherwise.  DISKS: {slot: image} of the
    other drives (None: the ones beside KERNEL, disks.choose), copied.
    ARCHIVE: with the boot archive beside KERNEL as a module."""
    problem = qemu.check_installed()
    if not problem and archive:
        try:
            qemu.boot_files(kernel, archive)
        except ValueError as e:
            problem = str(e)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    scratch = tempfile.mkdtemp(prefix="naiad-qemu-")
    try:
        if disks is None:
            disks = diskslots.choose(kernel, with_boot_disk=True)
        copies = diskslots.copy_into(disks, scratch)
        return _run_qemu(kernel, cpus, cmdline, gdb, copies, archive)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _run_qemu(kernel, cpus, cmdline, gdb, copies, archive=False):
    """run_qemu's work, with the drives' COPIES made."""
    if gdb:
        print(f"QEMU waits for gdb on tcp::{qemu.GDB_PORT}.  In another "
              f"terminal:\n  gdb -ex 'target remote :{qemu.GDB_PORT}' "
              f"{kernel}\nthen 'break kernel_main' and 'continue'.")
    print(f"(QEMU, {cpus} CPU{'s' if cpus != 1 else ''}: Ctrl-A X quits)",
          flush=True)
    proc = subprocess.Popen(
        qemu.command(cpus, kernel=kernel, cmdline=cmdline, gdb=gdb,
                     disks=copies, archive=archive),
        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        start_new_session=True)
    try:
        with _RawTerminal():
            quit_ = _relay(proc, proc.stdout.fileno(), proc.stdin.fileno())
    finally:
        if proc.poll() is None:
            _kill(proc)
    if quit_:
        print("\r\n[qemu: quit with Ctrl-A X]")
        return 0
    status = proc.returncode
    print(f"\r\n[qemu exited: {qemu.describe_exit(status)}]")
    return 0 if status in (qemu.EXIT_POWEROFF, qemu.EXIT_TESTS_FAILED) \
        else 1


def run_bochs(image, cpus, cmdline, disks=None):
    """Boot IMAGE in Bochs with the console here; the exit status: 0 for
    a power-off or Ctrl-A X, 1 otherwise (Bochs' log is then kept beside
    IMAGE).  DISKS as bochs.prepare."""
    problem = bochs.check_installed()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    image = os.path.abspath(image)
    if not os.path.exists(image):
        print(f"no {image}: run make first", file=sys.stderr)
        return 1
    rundir = tempfile.mkdtemp(prefix="naiad-bochs-")
    master, slave = pty.openpty()
    tty.setraw(slave)
    try:
        bochs.prepare(rundir, image, cmdline, cpus,
                      com1=f"mode=term, dev={os.ttyname(slave)}",
                      disks=disks)
        print(f"(Bochs, {cpus} CPU{'s' if cpus != 1 else ''}: Ctrl-A X "
              f"quits)", flush=True)
        with open(os.path.join(rundir, bochs.OUTPUT), "wb") as out:
            proc = subprocess.Popen(bochs.command(), cwd=rundir,
                                    env=bochs.environment(),
                                    stdin=subprocess.DEVNULL, stdout=out,
                                    stderr=subprocess.STDOUT,
                                    start_new_session=True)
            try:
                with _RawTerminal():
                    quit_ = _relay(proc, master, master)
            finally:
                if proc.poll() is None:
                    _kill(proc)
        if quit_:
            print("\r\n[bochs: quit with Ctrl-A X]")
            return 0
        if bochs.powered_off(rundir):
            print("\r\n[bochs exited: power-off]")
            return 0
        keep = os.path.join(os.path.dirname(image), bochs.LOG)
        try:
            shutil.copyfile(os.path.join(rundir, bochs.LOG), keep)
        except OSError:
            keep = "none"
        print(f"\r\n[bochs exited: status {proc.returncode}, without a "
              f"power-off; its log: {keep}]")
        return 1
    finally:
        os.close(master)
        os.close(slave)
        shutil.rmtree(rundir, ignore_errors=True)
