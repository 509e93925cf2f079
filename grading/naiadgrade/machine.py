"""What the emulators have in common: limits and the shape of a result.

An emulator module (qemu, bochs) runs one boot with one command line and
returns a `Machine` record; the verdict module turns it into pass/fail.
"""

from dataclasses import dataclass, field

#: Serial output kept per run; more is an "output flood" and stops the run.
SERIAL_CAP = 256 << 10
#: The emulator's own output (Bochs mirrors port 0xE9 there) may be larger.
EMULATOR_OUTPUT_CAP = 4 * SERIAL_CAP
#: Bochs' log file (one line per device event).
EMULATOR_LOG_CAP = 32 << 20
#: Characters of emulator messages kept in a failed run's report.
TAIL_CHARS = 4000

# How the machine ended, as far as the emulator can tell.
POWEROFF = "power-off"               # normal power-off (PROTOCOL.md section 3)
PANIC_POWEROFF = "panic power-off"   # QEMU status 35
RESET = "reset"                      # triple fault or reboot
EMULATOR_ERROR = "emulator error"    # the emulator itself gave up
OTHER_EXIT = "other exit"            # an exit status nobody documents
STOPPED = "stopped"                  # the grader stopped it (see .stopped)
QUIT = "quit"                        # a person quit it (make run, Ctrl-A X)


@dataclass
class Machine:
    """One boot: what the kernel printed and how the machine ended."""
    serial: bytes = b""
    end: str = None
    stopped: str = None           # timeout, output flood, reset, done...
    exit_code: int = None
    start_error: str = None       # the emulator did not start: why
    message: str = ""             # the emulator's own explanation
    emulator_tail: str = ""       # tail of the emulator's output and log
    seconds: float = 0.0
    notes: list = field(default_factory=list)
    quiet: float = None           # its progress limits (s): after the
    boot_quiet: float = None      # first output, and before it
    marks: dict = field(default_factory=dict)   # line kind -> s after start
    first_output: float = None    # s from the start to the first output
    longest_silence: float = 0.0  # s without output, after the first


def read_capped(path, cap=SERIAL_CAP):
    """The first CAP bytes of file PATH (b"" if it does not exist)."""
    try:
        with open(path, "rb") as f:
            return f.read(cap)
    except OSError:
        return b""


def text_tail(path, limit=TAIL_CHARS):
    """The last LIMIT characters of text file PATH, or ''."""
    try:
        with open(path, "rb") as f:
            f.seek(0, 2)
            size = f.tell()
            f.seek(max(0, size - limit))
            data = f.read()
    except OSError:
        return ""
    text = data.decode("utf-8", "replace")
    return ("[...]" if size > limit else "") + text
