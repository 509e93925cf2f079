"""The disks a boot sees besides its boot disk (book/39-ata.nw): the one
place that says which IDE slot holds which image, for QEMU and Bochs.

The boot disk is ata0 master (Bochs boots it; QEMU, which loads the
kernel ELF itself, gets the disk image beside the kernel there too, so
that both emulators show the kernel the same drives).  The other slots:

    ata0-slave    a data disk          disks/ata0-slave.img
    ata1-master   a CD (an ISO image)  disks/ata1-master.iso
    ata1-slave    a second data disk   disks/ata1-slave.img

By default a boot attaches the files of the directory `disks/` beside
the kernel or image it boots (build/disks/, which `make` fills: the
Makefile's "test disks").  `SLOT=FILE` specs (tools/run --disk, make run
DISKS=...) put another file in a slot, `SLOT=none` leaves it empty.

Every boot gets its own copy of each image, in its run directory, padded
to whole cylinders (Bochs needs that of a flat image, and so both
emulators report the same size): a kernel that writes changes the copy,
never the build's file or a committed one.
"""

import os
import shutil

from .image import CYLINDER_BYTES, HEADS, SPT

#: The slots besides the boot disk, in the order of their IDE index.
SLOTS = ("ata0-master", "ata0-slave", "ata1-master", "ata1-slave")
#: The file that fills a slot by default, in the disks/ directory.
DEFAULT_FILES = {"ata0-slave": "ata0-slave.img",
                 "ata1-master": "ata1-master.iso",
                 "ata1-slave": "ata1-slave.img"}
DISKS_DIR = "disks"
#: The boot disk beside a kernel ELF (QEMU's ata0 master).
BOOT_IMAGE = "naiad.img"
#: Bochs' I/O ports and IRQ of each channel (the PC's legacy ones).
BOCHS_CHANNELS = {"ata0": "ioaddr1=0x1f0, ioaddr2=0x3f0, irq=14",
                  "ata1": "ioaddr1=0x170, ioaddr2=0x370, irq=15"}


def is_cdrom(path):
    """Whether the image PATH is a CD (by its name: *.iso)."""
    return path.lower().endswith(".iso")


def beside(boot_path, with_boot_disk=False):
    """{slot: path} of the default images beside BOOT_PATH (the kernel
    or the disk image booted): its directory's disks/, and with
    WITH_BOOT_DISK the boot disk image for ata0 master."""
    found = {}
    if not boot_path:
        return found
    top = os.path.dirname(os.path.abspath(boot_path))
    if with_boot_disk:
        boot = os.path.join(top, BOOT_IMAGE)
        if os.path.isfile(boot):
            found["ata0-master"] = boot
    for slot, name in DEFAULT_FILES.items():
        path = os.path.join(top, DISKS_DIR, name)
        if os.path.isfile(path):
            found[slot] = path
    return found


def parse(specs):
    """{slot: path or None} from SPECS, a list of "SLOT=FILE" or
    "SLOT=none"; ValueError with a clear message for a bad one."""
    chosen = {}
    for spec in specs or []:
        slot, sep, path = spec.partition("=")
        if not sep or slot not in SLOTS[1:] or not path:
            raise ValueError(f"--disk {spec!r}: expected SLOT=FILE or "
                             f"SLOT=none, SLOT one of "
                             f"{', '.join(SLOTS[1:])}")
        if path == "none":
            chosen[slot] = None
        elif not os.path.isfile(path):
            raise ValueError(f"--disk {spec!r}: no file {path}")
        else:
            chosen[slot] = os.path.abspath(path)
    return chosen


def choose(boot_path, overrides=None, with_boot_disk=False):
    """The images of a boot: the defaults beside BOOT_PATH, then
    OVERRIDES (from parse) on top; {slot: path}."""
    disks = beside(boot_path, with_boot_disk)
    for slot, path in (overrides or {}).items():
        if path is None:
            disks.pop(slot, None)
        else:
            disks[slot] = path
    return disks


def copy_into(disks, rundir):
    """Copy each image of DISKS into RUNDIR, padded to whole cylinders;
    return {slot: (copy's path, cylinders)}."""
    copies = {}
    for slot, path in disks.items():
        ext = ".iso" if is_cdrom(path) else ".img"
        dest = os.path.join(rundir, f"{slot}{ext}")
        shutil.copyfile(path, dest)
        with open(dest, "r+b") as f:
            size = f.seek(0, 2)
            cylinders = max(1, -(-size // CYLINDER_BYTES))
            if not is_cdrom(path):
                f.truncate(cylinders * CYLINDER_BYTES)
        copies[slot] = (dest, cylinders)
    return copies


def qemu_argv(copies):
    """QEMU's -drive options for COPIES (from copy_into)."""
    argv = []
    for index, slot in enumerate(SLOTS):
        if slot not in copies:
            continue
        path = copies[slot][0]
        media = ",media=cdrom" if is_cdrom(path) else ""
        argv += ["-drive", f"file={path},format=raw,if=ide,"
                 f"index={index}{media}"]
    return argv


def bochs_lines(copies):
    """The bochsrc lines for COPIES (from copy_into; not ata0 master,
    which is the boot disk of bochs.config)."""
    lines = []
    if any(slot.startswith("ata1") for slot in copies):
        lines.append(f"ata1: enabled=1, {BOCHS_CHANNELS['ata1']}")
    for slot in SLOTS[1:]:
        if slot not in copies:
            continue
        path, cylinders = copies[slot]
        if is_cdrom(path):
            lines.append(f"{slot}: type=cdrom, path={path}, "
                         f"status=inserted")
        else:
            lines.append(f"{slot}: type=disk, path={path}, mode=flat, "
                         f"cylinders={cylinders}, heads={HEADS}, "
                         f"spt={SPT}")
    return lines
