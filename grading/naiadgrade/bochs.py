"""One boot under Bochs 2.7 (PROTOCOL.md sections 3 and 4).

Each boot gets its own copy of the disk image, with the command line
written into LBA 1, and its own bochsrc.  What Bochs tells us:

- A power-off (the kernel writes "Shutdown" to port 0x8900) ends Bochs
  with status 1 after the message "Shutdown port: shutdown requested".
- A triple fault makes Bochs log "exception(): 3rd (N) exception with no
  resolution, shutdown status is 00h, resetting" and reset the machine.
  Debian's Bochs has the internal debugger, which regains control at the
  reset, reads EOF from /dev/null and quits; a Bochs without it reboots,
  and the serial watch sees the banner twice.  Both are a reset.
- Any other fatal problem is a ">>PANIC<<" line; Bochs then exits with
  "Bochs is exiting with the following message: [DEV] text".

Bochs ignores SIGTERM: the supervisor kills its process group.
"""

import os
import re
import shutil

from . import supervise
from .errors import GradeError
from .machine import (EMULATOR_ERROR, EMULATOR_LOG_CAP, EMULATOR_OUTPUT_CAP,
                      Machine, OTHER_EXIT, POWEROFF, RESET, SERIAL_CAP,
                      STOPPED, TAIL_CHARS, read_capped, text_tail)
from .serialwatch import PatternWatch, SerialWatch, first_of

BOCHS = "bochs"
BIOS = "/usr/share/bochs/BIOS-bochs-latest"
VGABIOS = "/usr/share/vgabios/vgabios.bin"
INSTALL_HINT = "Debian: apt-get install bochs bochsbios vgabios bochs-term"

#: Instructions per emulated second: low, so that timer ticks come often
#: in instructions and a run is short in wall time.
IPS = 4000000
#: The emulated clock starts at this fixed date (2000-01-01 00:00 UTC) so
#: that runs are repeatable (time0=1 would mean "the host's local time").
TIME0 = 946684800

CMDLINE_OFFSET = 512
CMDLINE_MAGIC = b"NAIADCMD"
CMDLINE_MAX = 503                 # bytes, without the terminating NUL
CMDLINE_AREA = 1024 - CMDLINE_OFFSET - len(CMDLINE_MAGIC)

#: Flat images must hold exactly cylinders * heads * spt sectors.
HEADS, SPT = 16, 63
CYLINDER_BYTES = HEADS * SPT * 512

SHUTDOWN_MESSAGE = "Shutdown port: shutdown requested"
TRIPLE_FAULT_RE = re.compile(r"exception with no resolution|triple fault",
                             re.IGNORECASE)
LOG_LEVEL_RE = re.compile(r"^\d+([a-z])\[")
INFO_LINE_RE = re.compile(r"^\d+i\[")
EXIT_MESSAGE_RE = re.compile(
    r"Bochs is exiting with the following message:\s*\n\[[^\]]*\]\s*(.*)")


def check_installed():
    """None, or why Bochs cannot be used on this machine."""
    if shutil.which(BOCHS) is None:
        return f"{BOCHS} not found ({INSTALL_HINT})"
    for rom in (BIOS, VGABIOS):
        if not os.path.isfile(rom):
            return f"{rom} not found ({INSTALL_HINT})"
    return None


def check_image(image):
    """Raise GradeError unless IMAGE carries the command-line block."""
    try:
        with open(image, "rb") as f:
            f.seek(CMDLINE_OFFSET)
            magic = f.read(len(CMDLINE_MAGIC))
    except OSError as e:
        raise GradeError(f"{image}: cannot read the disk image: "
                         f"{e.strerror}") from None
    if magic != CMDLINE_MAGIC:
        raise GradeError(f"{image}: no {CMDLINE_MAGIC.decode()} block at "
                         f"LBA 1, so it cannot take a command line "
                         f"(is it a Naiad disk image?)")


def prepare_image(image, dest, cmdline):
    """Copy IMAGE to DEST with CMDLINE in LBA 1, padded to whole
    cylinders; return the number of cylinders."""
    data = cmdline.encode("ascii", "replace")
    if len(data) > CMDLINE_MAX:
        raise ValueError(f"command line longer than {CMDLINE_MAX} bytes")
    shutil.copyfile(image, dest)
    with open(dest, "r+b") as f:
        f.seek(CMDLINE_OFFSET)
        f.write(CMDLINE_MAGIC + data.ljust(CMDLINE_AREA, b"\0"))
        size = f.seek(0, 2)
        cylinders = max(1, -(-size // CYLINDER_BYTES))
        f.truncate(cylinders * CYLINDER_BYTES)
    return cylinders


def config(cpus, disk, com1, log="bochs.log", ips=IPS, geometry=""):
    """The text of a bochsrc: CPUS CPUs booting the flat image DISK, with
    COM1 as given (e.g. "mode=file, dev=serial.txt"); Bochs' own messages
    go to LOG.  tools/bochs.py (make run EMU=bochs, make test) uses it
    too, so that every Bochs run of the project is the same machine."""
    return "\n".join([
        # fastboot: skip the BIOS's three-second wait for a boot menu key
        f"romimage: file={BIOS}, options=fastboot",
        f"vgaromimage: file={VGABIOS}",
        "memory: guest=128, host=128",
        f"cpu: count={cpus}, ips={ips}, reset_on_triple_fault=1",
        f"clock: sync=none, time0={TIME0}",
        f"ata0-master: type=disk, path={disk}, mode=flat{geometry}",
        "boot: disk",
        f"com1: enabled=1, {com1}",
        "port_e9_hack: enabled=1",
        "display_library: term",
        f"log: {log}",
        "panic: action=fatal",
        "error: action=report",
        "mouse: enabled=0",
        # no sound: a grader has no speakers, and Bochs would try to open
        # the host's sound system at every start
        "speaker: enabled=0",
        "plugin_ctrl: speaker=0, gameport=0, parallel=0, extfpuirq=0, "
        "iodebug=0",
        ""])


def bochsrc(cpus, cylinders):
    """The configuration of one graded boot (files relative to the run
    directory)."""
    return config(cpus, "disk.img", "mode=file, dev=serial.txt",
                  geometry=f", cylinders={cylinders}, heads={HEADS}, "
                  f"spt={SPT}")


def boot(image, cmdline, token, cpus, timeout, rundir):
    """Boot a copy of IMAGE with CMDLINE on CPUS processors in RUNDIR."""
    problem = check_installed()
    if problem:
        return Machine(start_error=problem)
    cylinders = prepare_image(image, os.path.join(rundir, "disk.img"),
                              cmdline)
    with open(os.path.join(rundir, "bochsrc"), "w") as f:
        f.write(bochsrc(cpus, cylinders))
    with open(os.path.join(rundir, "debugger.rc"), "w") as f:
        f.write("c\nq\n")    # run, and quit when the machine stops
    serial = os.path.join(rundir, "serial.txt")
    output = os.path.join(rundir, "bochs-output.txt")
    log = os.path.join(rundir, "bochs.log")
    open(serial, "wb").close()
    env = dict(os.environ, TERM="xterm")
    check = first_of(SerialWatch(serial, token).check,
                     PatternWatch(log, TRIPLE_FAULT_RE, "reset").check)
    done = supervise.run(
        [BOCHS, "-q", "-f", "bochsrc", "-rc", "debugger.rc", "-unlock"],
        cwd=rundir, output_path=output, timeout=timeout, env=env,
        check=check,
        watches=[supervise.Watch(serial, SERIAL_CAP, "output flood"),
                 supervise.Watch(output, EMULATOR_OUTPUT_CAP, "output flood"),
                 supervise.Watch(log, EMULATOR_LOG_CAP, "emulator log flood")])
    machine = Machine(serial=read_capped(serial), exit_code=done.exit_code,
                      stopped=done.stopped, start_error=done.start_error,
                      seconds=done.seconds)
    _read_bochs_verdict(machine, output, log)
    return machine


def _read_bochs_verdict(machine, output, log):
    """Fill MACHINE's end, message and emulator_tail from Bochs' files."""
    said = text_tail(output, 16000)
    found = EXIT_MESSAGE_RE.search(said)
    machine.message = found.group(1).strip() if found else ""
    important = _important_log_lines(log)
    chatter = "\n".join(line for line in said.splitlines()
                        if not INFO_LINE_RE.match(line))
    machine.emulator_tail = ("--- bochs.log (errors and panics) ---\n"
                             + "\n".join(important[-40:]) +
                             "\n--- bochs output (tail, without info "
                             "lines) ---\n" + chatter[-TAIL_CHARS:])
    triple = any(TRIPLE_FAULT_RE.search(line) for line in important)
    if machine.start_error:
        machine.end = None
    elif triple:
        machine.end = RESET       # even if the grader stopped it later
    elif machine.stopped:
        machine.end = STOPPED
    elif SHUTDOWN_MESSAGE in machine.message:
        machine.end = POWEROFF
    elif machine.message:
        machine.end = EMULATOR_ERROR
    else:
        machine.end = OTHER_EXIT


def _important_log_lines(log, limit=2000):
    """Error ('e') and panic ('p') lines of the Bochs log, at most LIMIT
    (the last ones).  Bochs writes `TICKSl[DEV  ] text`, l the level."""
    kept = []
    try:
        with open(log, "rb") as f:
            for raw in f:
                line = raw.decode("utf-8", "replace").rstrip("\n")
                level = LOG_LEVEL_RE.match(line)
                if (level and level.group(1) in "ep") or \
                        TRIPLE_FAULT_RE.search(line):
                    kept.append(line)
                    if len(kept) > 2 * limit:
                        kept = kept[-limit:]
    except OSError:
        pass
    return kept[-limit:]
