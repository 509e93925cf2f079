"""The command behind tools/boot and tools/bochs.py: boot a kernel or a
disk image once in a batch run, print what the kernel printed and how
the machine ended.

    tools/boot [--emu qemu|bochs] [--cpus N] [--cmdline LINE | --as-is]
               [--timeout S] [--repeat N] [--keep DIR]
               [--disk SLOT=FILE]... [--archive] FILE
    tools/boot --copy-to OUT --cmdline LINE IMAGE

FILE is a kernel ELF (QEMU) or a disk image (either emulator; --as-is
boots the command line the image carries).  After the console output,
one line says how the machine ended; when the command line has a
token=T, one more says what the ktest lines with that token showed:

    [ktest: 2 passed (kprintf_hex, kprintf_decimal), 0 failed]

(a missing done line, or one that disagrees, counts as a failure).
--archive boots with the boot archive as a Multiboot module, the
fallback of book/51-ext2-vfs.nw (QEMU: initrd.tar beside the kernel;
a disk image: naiad-archive.img beside it); a normal boot has none.  The
exit status is 0 when every boot powered off normally.
"""

import argparse
import os
import sys

from . import bochs, disks, emulator, protocol, suite
from .build import is_elf
from .errors import GradeError
from .image import copy_with_cmdline
from .machine import POWEROFF


def describe(machine):
    """How MACHINE ended, in words."""
    if machine.start_error:
        return "did not start: " + machine.start_error
    if machine.end == POWEROFF:
        return "power-off after %.2f s" % machine.seconds
    if machine.stopped == "timeout":
        return "killed at the time limit, %.2f s" % machine.seconds
    if machine.stopped:
        return "stopped (%s) after %.2f s" % (machine.stopped,
                                               machine.seconds)
    return "%s (exit status %s) after %.2f s" % (
        machine.end, machine.exit_code, machine.seconds)


def main(argv=None, default_emu="qemu", prog="tools/boot"):
    ap = argparse.ArgumentParser(
        prog=prog, description="Boot a Naiad kernel or disk image once "
        "(or --repeat times) and print the serial output.")
    ap.add_argument("file", metavar="FILE")
    ap.add_argument("--emu", choices=emulator.EMULATORS, default=default_emu)
    ap.add_argument("--cmdline", default="")
    ap.add_argument("--as-is", action="store_true",
                    help="boot the command line the image carries")
    ap.add_argument("--token", help="judge the ktest lines with this "
                    "token (default: the command line's token=)")
    ap.add_argument("--cpus", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=30)
    ap.add_argument("--ips", type=int, default=bochs.IPS,
                    help="Bochs: emulated instructions per second")
    ap.add_argument("--repeat", type=int, default=1,
                    help="boot N times and print timing figures")
    ap.add_argument("--keep", metavar="DIR",
                    help="keep the run's files (bochsrc, logs) in DIR")
    ap.add_argument("--disk", action="append", metavar="SLOT=FILE",
                    help="an image in IDE slot SLOT (ata0-slave, "
                         "ata1-master, ata1-slave; FILE none: empty); "
                         "default: the ones in disks/ beside FILE")
    ap.add_argument("--archive", action="store_true",
                    help="with the boot archive as a Multiboot module "
                         "(initrd.tar beside the kernel, or the image "
                         "naiad-archive.img beside FILE)")
    ap.add_argument("--copy-to", metavar="OUT",
                    help="only write a copy of the image with --cmdline "
                         "to OUT")
    args = ap.parse_args(argv)
    try:
        if args.copy_to:
            copy_with_cmdline(args.file, args.copy_to, args.cmdline)
            return 0
        elf = is_elf(args.file)
        if args.emu == "bochs" and elf:
            raise GradeError(f"{args.file}: Bochs boots a disk image (make "
                             f"image KERNEL=... IMAGE=...), not an ELF")
        target = emulator.Target(args.emu, kernel=args.file if elf else None,
                                 image=None if elf else args.file)
        if args.as_is and elf:
            raise GradeError("--as-is: only a disk image carries a command "
                             "line")
        cmdline = None if args.as_is else args.cmdline
        words = dict(w.split("=", 1) for w in (cmdline or "").split()
                     if "=" in w)
        token = args.token or words.get("token")
        drives = disks.choose(args.file, disks.parse(args.disk),
                              with_boot_disk=elf)
        if args.keep:
            os.makedirs(args.keep, exist_ok=True)
        machines = []
        for i in range(args.repeat):
            m = emulator.boot(target, cmdline, args.cpus, args.timeout,
                              ips=args.ips, rundir=args.keep, poll=0.002,
                              disks=drives, archive=args.archive)
            machines.append(m)
            if i == 0:
                sys.stdout.write(m.serial.decode("utf-8", "replace"))
            print("[%s: %s]" % (args.emu, describe(m)), flush=True)
            if i == 0 and token is not None:
                print(verdicts(m.serial, token), flush=True)
    except (GradeError, ValueError, OSError) as e:
        print(f"{prog}: {e}", file=sys.stderr)
        return 2
    if args.repeat > 1:
        _figures(machines, args.cpus)
    return 0 if all(m.end == POWEROFF for m in machines) else 1


def verdicts(serial, token):
    """What the ktest lines of SERIAL with TOKEN showed, in one line."""
    passed, failed, notes = suite.judge(serial.decode("utf-8", "replace"),
                                        token)
    names = [l.name for l in protocol.Transcript(serial).of(
        protocol.RESULT, token=token) if l.verdict == "pass"]
    return "[ktest: %d passed%s, %d failed%s]" % (
        passed, " (%s)" % ", ".join(names) if names else "", failed,
        "; " + "; ".join(notes) if notes else "")


def _figures(machines, cpus):
    firsts = sorted(m.marks[protocol.BEGIN] for m in machines
                    if protocol.BEGIN in m.marks)
    totals = sorted(m.seconds for m in machines)
    if firsts:
        print("first 'ktest begin' after: min %.3f s, median %.3f s, "
              "max %.3f s (%d runs, %d CPU%s)" %
              (firsts[0], firsts[len(firsts) // 2], firsts[-1],
               len(firsts), cpus, "" if cpus == 1 else "s"))
    print("whole run: min %.3f s, median %.3f s, max %.3f s" %
          (totals[0], totals[len(totals) // 2], totals[-1]))
