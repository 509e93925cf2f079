"""ktestboot: boot a kernel once with test=PATTERN and read its verdicts.

Used by tools/test-all for the whole-suite runs of `make test`: one boot
runs every test (the grader, by contrast, gives each test a fresh
emulator).  The lines read are those of grading/PROTOCOL.md.
"""
import os
import re
import secrets
import subprocess
from dataclasses import dataclass

RESULT = re.compile(r"^ktest result (\S+) (pass|fail) token=(\S+)\s*$", re.M)
DONE = re.compile(r"^ktest done passed=(\d+) failed=(\d+) token=(\S+)\s*$",
                  re.M)


@dataclass
class SuiteResult:
    """What one boot showed: counts, and the output with a verdict line."""
    passed: int
    failed: int
    output: str


def qemu_boot(kernel, cpus, cmdline, timeout):
    """Boot an ELF kernel in QEMU; return (serial output, exit status)."""
    cmd = ["qemu-system-i386", "-kernel", kernel, "-append", cmdline,
           "-smp", str(cpus), "-m", "128", "-display", "none",
           "-serial", "stdio", "-monitor", "none", "-no-reboot",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
    initrd = os.path.join(os.path.dirname(kernel), "initrd.tar")
    if os.path.exists(initrd):
        cmd += ["-initrd", initrd]    # the boot archive (book/27-exec.nw)
    try:
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=timeout)
        return proc.stdout.decode(errors="replace"), proc.returncode
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace")
        return out + "\n(timeout after %d s)\n" % timeout, None


def boot(emu, cpus, cmdline, timeout, kernel="build/kernel.elf",
         image="build/naiad.img"):
    """Boot once in QEMU or Bochs; return the serial output."""
    if emu == "qemu":
        return qemu_boot(kernel, cpus, cmdline, timeout)[0]
    import bochs        # tools/bochs.py, beside this file
    return bochs.boot(image, cpus, cmdline, timeout)


def judge(output, token):
    """Count result lines with our token; a missing done line is a failure."""
    passed = failed = 0
    for name, verdict, tok in RESULT.findall(output):
        if tok != token:
            continue
        if verdict == "pass":
            passed += 1
        else:
            failed += 1
    done = [d for d in DONE.findall(output) if d[2] == token]
    notes = []
    if not done:
        failed += 1
        notes.append("no 'ktest done' line: the kernel hung, crashed or "
                     "reset before the end")
    elif (int(done[-1][0]), int(done[-1][1])) != (passed, failed):
        failed += 1
        notes.append("the done line disagrees with the result lines")
    if passed + failed == 0:
        failed = 1
        notes.append("no test ran")
    return passed, failed, notes


def run_all(emu, cpus, seed=1, pattern="all", timeout=120):
    """Run every test matching pattern in one boot and judge the output."""
    token = secrets.token_hex(8)
    cmdline = "test=%s seed=%d token=%s" % (pattern, seed, token)
    output = boot(emu, cpus, cmdline, timeout)
    passed, failed, notes = judge(output, token)
    failures = [line for line in output.splitlines()
                if (line.startswith("ktest fail") and
                    line.rstrip().endswith("token=" + token))
                or line.startswith("panic")]
    text = "%s, %d CPU(s), seed %d: %d passed, %d failed" % (
        emu, cpus, seed, passed, failed)
    if failures or notes:
        text += "\n" + "\n".join(failures + notes)
        text += "\n--- output tail ---\n" + "\n".join(
            output.splitlines()[-30:])
    return SuiteResult(passed, failed, text)


if __name__ == "__main__":
    import sys
    r = run_all(sys.argv[1] if len(sys.argv) > 1 else "qemu",
                int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    print(r.output)
    sys.exit(0 if r.failed == 0 else 1)
