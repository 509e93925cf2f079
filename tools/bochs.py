#!/usr/bin/env python3
# Copyright (c) 2026 The Naiad authors.  All rights reserved.
# SPDX-License-Identifier: BSD-2-Clause
"""tools/bochs.py: run Naiad's disk image in Bochs (Python 3, stdlib only).

Bochs cannot load an ELF kernel itself; it boots build/naiad.img, the
disk image that the book's own loader starts (book/02-boot.nw).  This
module knows the few things that make Bochs behave as a test machine:

  bochsrc(...)           the configuration text for one run
  copy_with_cmdline(...) a copy of an image carrying a command line
                         (grading/PROTOCOL.md, section 4)
  run(...), boot(...)    a batch run with a time limit: the serial output
  run_interactive(args)  make run EMU=bochs: COM1 on this terminal

Bochs 2.7 as Debian ships it has no "nogui" display and an internal
debugger that stops before the first instruction, so every run uses the
"term" display with its screen thrown away, and a debugger script that
says "c" (continue).  The kernel's power-off writes "Shutdown" to port
0x8900; Bochs logs that as a PANIC and exits with status 1, which is
therefore a normal end.  Bochs ignores SIGTERM: a run that overstays its
time limit is ended with SIGKILL.  Every run boots a private copy of the
image in a temporary directory, so the lock files of a killed Bochs never
block the next run.
"""
import collections
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import termios
import time
import tty

BIOS = "/usr/share/bochs/BIOS-bochs-latest"
VGABIOS = "/usr/share/vgabios/vgabios.bin"

# Emulated instructions per second.  With "clock: sync=none" emulated time
# is an instruction count, so the BIOS's waits cost fewer instructions,
# and runs are repeatable, when this is low.
DEFAULT_IPS = 4000000
MEGS = 128

# grading/PROTOCOL.md, section 4: the command line in LBA 1.
CMDLINE_OFFSET = 512
CMDLINE_MAGIC = b"NAIADCMD"
CMDLINE_MAX = 503               # characters; a NUL follows

POWEROFF_MARK = "Shutdown port: shutdown requested"


def bochsrc(image, cpus=1, serial=None, log="bochs.log", ips=DEFAULT_IPS,
            tty_path=None):
    """Return the text of a bochsrc that boots IMAGE with CPUS CPUs.

    COM1 goes to the file SERIAL, or, with TTY_PATH, to that terminal
    (a pty), for a person to type on.  Bochs' own messages go to LOG.
    """
    if tty_path is not None:
        com1 = "com1: enabled=1, mode=term, dev=%s" % tty_path
    elif serial is not None:
        com1 = "com1: enabled=1, mode=file, dev=%s" % serial
    else:
        com1 = "com1: enabled=1, mode=null"
    lines = [
        # fastboot: skip the BIOS's three-second wait for a boot menu key
        "romimage: file=%s, options=fastboot" % BIOS,
        "vgaromimage: file=%s" % VGABIOS,
        "memory: guest=%d, host=%d" % (MEGS, MEGS),
        "cpu: count=%d, ips=%d, reset_on_triple_fault=1" % (cpus, ips),
        "clock: sync=none, time0=1",
        "display_library: term",
        "boot: disk",
        "ata0-master: type=disk, path=%s, mode=flat" % image,
        com1,
        "port_e9_hack: enabled=1",
        "log: %s" % log,
        # no sound: opening the host's sound system costs a third of a
        # second at every start, and a grader has no speakers
        "speaker: enabled=0",
        "plugin_ctrl: speaker=0, gameport=0, parallel=0, extfpuirq=0, "
        "iodebug=0",
    ]
    return "\n".join(lines) + "\n"


def copy_with_cmdline(image, cmdline, dest):
    """Copy IMAGE to DEST with CMDLINE in its parameter sector (LBA 1)."""
    data = cmdline.encode("ascii")
    if b"\0" in data or len(data) > CMDLINE_MAX:
        raise ValueError("command line must be at most %d characters "
                         "without NUL" % CMDLINE_MAX)
    shutil.copyfile(image, dest)
    with open(dest, "r+b") as f:
        f.seek(CMDLINE_OFFSET)
        if f.read(len(CMDLINE_MAGIC)) != CMDLINE_MAGIC:
            raise ValueError("%s: no NAIADCMD parameter sector" % image)
        f.write(data + b"\0")


def _prepare(workdir, image, cpus, cmdline, ips, tty_path=None):
    """Write disk.img, bochsrc and the debugger script into WORKDIR."""
    copy_with_cmdline(image, cmdline, os.path.join(workdir, "disk.img"))
    with open(os.path.join(workdir, "bochsrc"), "w") as f:
        f.write(bochsrc("disk.img", cpus, serial="serial.txt",
                        log="bochs.log", ips=ips, tty_path=tty_path))
    with open(os.path.join(workdir, "debugger.rc"), "w") as f:
        f.write("c\n")
    return ["bochs", "-q", "-f", "bochsrc", "-rc", "debugger.rc"]


def _env():
    env = dict(os.environ)
    env["TERM"] = "vt100"     # the term display needs one; nobody sees it
    return env


def _read(path):
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""


RunResult = collections.namedtuple(
    "RunResult", "serial poweroff timed_out status seconds log")


def run(image, cpus=1, cmdline="", timeout=30, ips=DEFAULT_IPS,
        keep_dir=None):
    """Boot IMAGE once in Bochs and return a RunResult.

    serial: what the kernel printed on COM1; poweroff: the kernel switched
    the machine off; timed_out: Bochs was killed after TIMEOUT seconds of
    wall time; log: Bochs' own log.  With KEEP_DIR the run's files
    (disk.img, bochsrc, serial.txt, bochs.log, bochs.out) stay there.
    """
    workdir = keep_dir or tempfile.mkdtemp(prefix="naiad-bochs-")
    os.makedirs(workdir, exist_ok=True)
    try:
        cmd = _prepare(workdir, image, cpus, cmdline, ips)
        start = time.monotonic()
        with open(os.path.join(workdir, "bochs.out"), "wb") as out:
            proc = subprocess.Popen(cmd, cwd=workdir, env=_env(),
                                    stdin=subprocess.DEVNULL, stdout=out,
                                    stderr=subprocess.STDOUT)
            timed_out = False
            try:
                status = proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                status = proc.wait()
                timed_out = True
        seconds = time.monotonic() - start
        log = _read(os.path.join(workdir, "bochs.log"))
        return RunResult(_read(os.path.join(workdir, "serial.txt")),
                         POWEROFF_MARK in log, timed_out, status, seconds,
                         log)
    finally:
        if keep_dir is None:
            shutil.rmtree(workdir, ignore_errors=True)


def boot(image, cpus=1, cmdline="", timeout=30):
    """Boot IMAGE with CMDLINE; return the text the kernel printed."""
    return run(image, cpus, cmdline, timeout).serial


def _relay(proc, master):
    """Copy the terminal to the pty and back until Bochs exits.

    Ctrl-A X ends Bochs (as in QEMU); Ctrl-A Ctrl-A sends one Ctrl-A.
    """
    stdin = sys.stdin.fileno()
    stdout = sys.stdout.fileno()
    inputs = [master, stdin]
    escape = False
    while proc.poll() is None:
        ready, _, _ = select.select(inputs, [], [], 0.1)
        if master in ready:
            try:
                data = os.read(master, 4096)
            except OSError:
                data = b""
            if data:
                os.write(stdout, data)
        if stdin in ready:
            data = os.read(stdin, 1024)
            if not data:
                inputs.remove(stdin)
                continue
            out = bytearray()
            for byte in data:
                if escape:
                    escape = False
                    if byte in (ord("x"), ord("X")):
                        proc.send_signal(signal.SIGKILL)
                        return
                    out.append(byte)
                elif byte == 0x01:
                    escape = True
                else:
                    out.append(byte)
            if out:
                os.write(master, bytes(out))


def run_interactive(args):
    """make run EMU=bochs: boot args.image with COM1 on this terminal.

    Bochs' "term" serial mode connects COM1 to a terminal device.  We give
    it one end of a pseudo-terminal and copy between the other end and
    the user's terminal, so the kernel's monitor reads what is typed here
    while the emulated screen (the "term" display) goes nowhere.
    """
    image = os.path.abspath(args.image)
    if not os.path.exists(image):
        print("no %s: run make first" % args.image, file=sys.stderr)
        return 1
    workdir = tempfile.mkdtemp(prefix="naiad-bochs-")
    master, slave = pty.openpty()
    tty.setraw(slave)
    saved = None
    try:
        cmd = _prepare(workdir, image, args.cpus, args.cmdline,
                       DEFAULT_IPS, tty_path=os.ttyname(slave))
        print("(Bochs, %d CPU%s: Ctrl-A X quits)" %
              (args.cpus, "" if args.cpus == 1 else "s"), flush=True)
        if sys.stdin.isatty():
            saved = termios.tcgetattr(sys.stdin.fileno())
            tty.setraw(sys.stdin.fileno())
        with open(os.path.join(workdir, "bochs.out"), "wb") as out:
            proc = subprocess.Popen(cmd, cwd=workdir, env=_env(),
                                    stdin=subprocess.DEVNULL, stdout=out,
                                    stderr=subprocess.STDOUT)
            _relay(proc, master)
            status = proc.wait()
        if saved is not None:
            termios.tcsetattr(sys.stdin.fileno(), termios.TCSADRAIN, saved)
            saved = None
        log = _read(os.path.join(workdir, "bochs.log"))
        keep = os.path.join(os.path.dirname(image), "bochs.log")
        shutil.copyfile(os.path.join(workdir, "bochs.log"), keep)
        if POWEROFF_MARK in log:
            print("\n[bochs exited: power-off]")
            return 0
        print("\n[bochs exited: status %d; see %s]" % (status, keep))
        return 1
    finally:
        if saved is not None:
            termios.tcsetattr(sys.stdin.fileno(), termios.TCSADRAIN, saved)
        os.close(master)
        os.close(slave)
        shutil.rmtree(workdir, ignore_errors=True)


def main():
    """python3 tools/bochs.py IMAGE [CMDLINE [CPUS [TIMEOUT]]]: one batch run."""
    if len(sys.argv) < 2:
        print(main.__doc__, file=sys.stderr)
        return 2
    image = sys.argv[1]
    cmdline = sys.argv[2] if len(sys.argv) > 2 else ""
    cpus = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    timeout = float(sys.argv[4]) if len(sys.argv) > 4 else 30
    res = run(image, cpus, cmdline, timeout)
    sys.stdout.write(res.serial)
    print("[bochs: %s after %.2f s]" %
          ("power-off" if res.poweroff else
           "killed at the time limit" if res.timed_out else
           "exit status %d" % res.status, res.seconds))
    return 0 if res.poweroff else 1


if __name__ == "__main__":
    sys.exit(main())
