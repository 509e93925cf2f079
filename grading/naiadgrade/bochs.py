"""Bochs 2.7 (PROTOCOL.md sections 3 and 4): the one place that writes
its bochsrc and command line, and how it reports its end.

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

from . import disks as diskslots
from . import supervise
from .image import HEADS, SPT, check_image, copy_with_cmdline  # noqa: F401
from .machine import (EMULATOR_ERROR, EMULATOR_LOG_CAP,
                      Machine, OTHER_EXIT, POWEROFF, RESET, SERIAL_CAP,
                      STOPPED, TAIL_CHARS, read_capped, text_tail)
from .serialwatch import PatternWatch, SerialWatch, first_of

BOCHS = "bochs"
BIOS = "/usr/share/bochs/BIOS-bochs-latest"
VGABIOS = "/usr/share/vgabios/vgabios.bin"
INSTALL_HINT = "Debian: apt-get install bochs bochsbios vgabios bochs-term"
MEMORY_MB = 128

#: Instructions per emulated second: low, so that timer ticks come often
#: in instructions and a run is short in wall time.
IPS = 4000000
#: The emulated clock starts at this fixed date (2000-01-01 00:00 UTC) so
#: that runs are repeatable (time0=1 would mean "the host's local time").
TIME0 = 946684800

SHUTDOWN_MESSAGE = "Shutdown port: shutdown requested"
TRIPLE_FAULT_RE = re.compile(r"exception with no resolution|triple fault",
                             re.IGNORECASE)
LOG_LEVEL_RE = re.compile(r"^\d+([a-z])\[")
INFO_LINE_RE = re.compile(r"^\d+i\[")
EXIT_MESSAGE_RE = re.compile(
    r"Bochs is exiting with the following message:\s*\n\[[^\]]*\]\s*(.*)")

# The files of a run directory (relative to it).
DISK, RC, DEBUGGER_RC = "disk.img", "bochsrc", "debugger.rc"
SERIAL, LOG, OUTPUT = "serial.txt", "bochs.log", "bochs-output.txt"


def check_installed():
    """None, or why Bochs cannot be used on this machine."""
    if shutil.which(BOCHS) is None:
        return f"{BOCHS} not found ({INSTALL_HINT})"
    for rom in (BIOS, VGABIOS):
        if not os.path.isfile(rom):
            return f"{rom} not found ({INSTALL_HINT})"
    return None


def config(cpus, disk, com1, log=LOG, ips=IPS, geometry="", drives=()):
    """The text of a bochsrc: CPUS CPUs booting the flat image DISK, with
    COM1 as given (e.g. "mode=file, dev=serial.txt"); Bochs' own messages
    go to LOG; DRIVES: the lines of the other drives (disks.bochs_lines).
    Every Bochs run of the project (the grader, make test, make run
    EMU=bochs) is this machine."""
    return "\n".join([
        # fastboot: skip the BIOS's three-second wait for a boot menu key
        f"romimage: file={BIOS}, options=fastboot",
        f"vgaromimage: file={VGABIOS}",
        f"memory: guest={MEMORY_MB}, host={MEMORY_MB}",
        f"cpu: count={cpus}, ips={ips}, reset_on_triple_fault=1",
        f"clock: sync=none, time0={TIME0}",
        f"ata0-master: type=disk, path={disk}, mode=flat{geometry}",
        *drives,
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


def command():
    """The Bochs command line, run in a directory that prepare() filled.
    -rc: the internal debugger of Debian's Bochs stops before the first
    instruction and reads its commands from there; -unlock: a killed
    Bochs leaves a lock on the image, which is a fresh copy anyway."""
    return [BOCHS, "-q", "-f", RC, "-rc", DEBUGGER_RC, "-unlock"]


def environment():
    """Bochs' environment: the term display needs TERM (nobody sees it)."""
    return dict(os.environ, TERM="xterm")


def prepare(rundir, image, cmdline, cpus, com1=None, ips=IPS, disks=None):
    """Fill RUNDIR for one boot: a copy of IMAGE with CMDLINE in LBA 1
    (None: the one it carries), copies of the other drives' DISKS
    ({slot: image}; None: the ones beside IMAGE, disks.choose), a bochsrc
    with COM1 (default: the file serial.txt), and the debugger's script:
    continue, and quit when the machine stops."""
    cylinders = copy_with_cmdline(image, os.path.join(rundir, DISK), cmdline)
    if disks is None:
        disks = diskslots.choose(image)
    copies = diskslots.copy_into(disks, rundir)
    with open(os.path.join(rundir, RC), "w") as f:
        f.write(config(cpus, DISK, com1 or f"mode=file, dev={SERIAL}",
                       ips=ips,
                       geometry=f", cylinders={cylinders}, heads={HEADS}, "
                       f"spt={SPT}", drives=diskslots.bochs_lines(copies)))
    with open(os.path.join(rundir, DEBUGGER_RC), "w") as f:
        f.write("c\nq\n")


def boot(image, cmdline, cpus, timeout, rundir, token=None, quiet=None,
         boot_quiet=None,
         stop_unbooted=None, poll=supervise.POLL_SECONDS,
         serial_cap=SERIAL_CAP, ips=IPS, disks=None):
    """Boot a copy of IMAGE with CMDLINE on CPUS processors in RUNDIR,
    under the limits: TIMEOUT seconds in all, BOOT_QUIET seconds before
    the first console output, QUIET seconds without output after it
    (None: no such limit).  See SerialWatch for TOKEN and
    STOP_UNBOOTED; DISKS as prepare."""
    problem = check_installed()
    if problem:
        return Machine(start_error=problem)
    prepare(rundir, image, cmdline, cpus, ips=ips, disks=disks)
    serial = os.path.join(rundir, SERIAL)
    output = os.path.join(rundir, OUTPUT)
    log = os.path.join(rundir, LOG)
    open(serial, "wb").close()
    watch = SerialWatch(serial, token, stop_unbooted=stop_unbooted)
    check = first_of(watch.check,
                     PatternWatch(log, TRIPLE_FAULT_RE, "reset").check)
    done = supervise.run(
        command(), cwd=rundir, output_path=output, timeout=timeout,
        env=environment(), check=check, poll=poll,
        progress=supervise.Progress(serial, quiet or None,
                                    boot_quiet or None),
        watches=[supervise.Watch(serial, serial_cap, "output flood"),
                 supervise.Watch(output, 4 * serial_cap, "output flood"),
                 supervise.Watch(log, EMULATOR_LOG_CAP, "emulator log flood")])
    machine = Machine(serial=read_capped(serial, serial_cap),
                      exit_code=done.exit_code,
                      stopped=done.stopped, start_error=done.start_error,
                      seconds=done.seconds, quiet=quiet,
                      marks=dict(watch.marks),
                      longest_silence=done.longest_silence,
                      first_output=done.first_output,
                      boot_quiet=boot_quiet)
    _read_bochs_verdict(machine, output, log)
    return machine


def powered_off(rundir):
    """Whether the Bochs of RUNDIR logged the kernel's power-off."""
    try:
        with open(os.path.join(rundir, LOG), "rb") as f:
            return SHUTDOWN_MESSAGE.encode() in f.read()
    except OSError:
        return False


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
