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
import argparse
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

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "grading"))
from naiadgrade import bochs as grader_bochs  # noqa: E402

# Emulated instructions per second.  With "clock: sync=none" emulated time
# is an instruction count, so the BIOS's waits cost fewer instructions,
# and runs are repeatable, when this is low.
DEFAULT_IPS = grader_bochs.IPS

# grading/PROTOCOL.md, section 4: the command line in LBA 1.
CMDLINE_OFFSET = grader_bochs.CMDLINE_OFFSET
CMDLINE_MAGIC = grader_bochs.CMDLINE_MAGIC
CMDLINE_MAX = grader_bochs.CMDLINE_MAX   # characters; a NUL follows

POWEROFF_MARK = "Shutdown port: shutdown requested"


def bochsrc(image, cpus=1, serial=None, log="bochs.log", ips=DEFAULT_IPS,
            tty_path=None):
    """Return the text of a bochsrc that boots IMAGE with CPUS CPUs.

    COM1 goes to the file SERIAL, or, with TTY_PATH, to that terminal
    (a pty), for a person to type on.  Bochs' own messages go to LOG.
    The machine is the grader's (grading/naiadgrade/bochs.py).
    """
    if tty_path is not None:
        com1 = "mode=term, dev=%s" % tty_path
    elif serial is not None:
        com1 = "mode=file, dev=%s" % serial
    else:
        com1 = "mode=null"
    return grader_bochs.config(cpus, image, com1, log=log, ips=ips)


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
    """Write disk.img, bochsrc and the debugger script into WORKDIR.

    CMDLINE None boots the image with the command line it carries.
    """
    disk = os.path.join(workdir, "disk.img")
    if cmdline is None:
        shutil.copyfile(image, disk)
    else:
        copy_with_cmdline(image, cmdline, disk)
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
    "RunResult", "serial poweroff timed_out status seconds first_test log")

FIRST_TEST_MARK = b"ktest begin "


class _SerialWatch:
    """Notice when a mark first appears in a file that Bochs appends to."""

    def __init__(self, path, mark):
        self.path, self.mark = path, mark
        self.file, self.tail, self.seen = None, b"", False

    def poll(self):
        if self.seen:
            return True
        if self.file is None:
            try:
                self.file = open(self.path, "rb")
            except OSError:
                return False
        data = self.tail + self.file.read()
        self.seen = self.mark in data
        self.tail = data[-len(self.mark):]
        return self.seen

    def close(self):
        if self.file is not None:
            self.file.close()


def run(image, cpus=1, cmdline="", timeout=30, ips=DEFAULT_IPS,
        keep_dir=None):
    """Boot IMAGE once in Bochs with CMDLINE and return a RunResult.

    CMDLINE None boots the command line the image carries.

    serial: what the kernel printed on COM1; poweroff: the kernel switched
    the machine off; timed_out: Bochs was killed after TIMEOUT seconds of
    wall time; seconds: wall time of the whole run; first_test: seconds
    from starting Bochs to the first "ktest begin" line (None if none);
    log: Bochs' own log.  With KEEP_DIR the run's files (disk.img,
    bochsrc, serial.txt, bochs.log, bochs.out) stay there.
    """
    workdir = keep_dir or tempfile.mkdtemp(prefix="naiad-bochs-")
    os.makedirs(workdir, exist_ok=True)
    watch = _SerialWatch(os.path.join(workdir, "serial.txt"),
                         FIRST_TEST_MARK)
    try:
        cmd = _prepare(workdir, image, cpus, cmdline, ips)
        first_test = None
        timed_out = False
        with open(os.path.join(workdir, "bochs.out"), "wb") as out:
            start = time.monotonic()
            proc = subprocess.Popen(cmd, cwd=workdir, env=_env(),
                                    stdin=subprocess.DEVNULL, stdout=out,
                                    stderr=subprocess.STDOUT)
            while proc.poll() is None:
                now = time.monotonic()
                if first_test is None and watch.poll():
                    first_test = now - start
                if now - start > timeout:
                    proc.send_signal(signal.SIGKILL)
                    timed_out = True
                    break
                time.sleep(0.002)
            status = proc.wait()
            seconds = time.monotonic() - start
        if first_test is None and watch.poll():
            first_test = seconds
        log = _read(os.path.join(workdir, "bochs.log"))
        return RunResult(_read(os.path.join(workdir, "serial.txt")),
                         POWEROFF_MARK in log, timed_out, status, seconds,
                         first_test, log)
    finally:
        watch.close()
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


def _describe(res):
    if res.poweroff:
        return "power-off after %.2f s" % res.seconds
    if res.timed_out:
        return "killed at the time limit, %.2f s" % res.seconds
    return "exit status %d after %.2f s" % (res.status, res.seconds)


def main():
    ap = argparse.ArgumentParser(
        description="Boot a Naiad disk image in Bochs once (or --repeat "
        "times) and print the serial output.")
    ap.add_argument("image")
    ap.add_argument("--cmdline", default="")
    ap.add_argument("--as-is", action="store_true",
                    help="boot the command line the image carries")
    ap.add_argument("--cpus", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=30)
    ap.add_argument("--ips", type=int, default=DEFAULT_IPS)
    ap.add_argument("--repeat", type=int, default=1,
                    help="boot N times and print timing figures")
    ap.add_argument("--keep", metavar="DIR",
                    help="keep the run's files (bochsrc, logs) in DIR")
    ap.add_argument("--copy-to", metavar="OUT",
                    help="only write a copy of IMAGE with --cmdline to OUT")
    args = ap.parse_args()
    if args.copy_to:
        copy_with_cmdline(args.image, args.cmdline, args.copy_to)
        return 0
    results = []
    for i in range(args.repeat):
        res = run(args.image, args.cpus,
                  None if args.as_is else args.cmdline, args.timeout,
                  args.ips, args.keep)
        results.append(res)
        if i == 0:
            sys.stdout.write(res.serial)
        print("[bochs: %s]" % _describe(res), flush=True)
    if args.repeat > 1:
        firsts = sorted(r.first_test for r in results
                        if r.first_test is not None)
        totals = sorted(r.seconds for r in results)
        if firsts:
            print("first 'ktest begin' after: min %.3f s, median %.3f s, "
                  "max %.3f s (%d runs, %d CPU%s)" %
                  (firsts[0], firsts[len(firsts) // 2], firsts[-1],
                   len(firsts), args.cpus, "" if args.cpus == 1 else "s"))
        print("whole run: min %.3f s, median %.3f s, max %.3f s" %
              (totals[0], totals[len(totals) // 2], totals[-1]))
    return 0 if all(r.poweroff for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
