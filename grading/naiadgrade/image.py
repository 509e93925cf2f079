"""The disk image's conventions (PROTOCOL.md section 4): the command
line in LBA 1, and the size Bochs needs of a flat image.

Bochs always boots the image; QEMU boots it when tests/boot/run checks
the loader (otherwise QEMU loads the kernel ELF itself).
"""

import shutil

from .errors import GradeError

CMDLINE_OFFSET = 512
CMDLINE_MAGIC = b"NAIADCMD"
CMDLINE_MAX = 503                 # bytes, without the terminating NUL
CMDLINE_AREA = 1024 - CMDLINE_OFFSET - len(CMDLINE_MAGIC)

#: A flat image must hold exactly cylinders * heads * spt sectors.
HEADS, SPT = 16, 63
CYLINDER_BYTES = HEADS * SPT * 512


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


def encode_cmdline(cmdline):
    """CMDLINE as the bytes of the block; ValueError if it cannot be."""
    data = cmdline.encode("ascii", "replace")
    if b"\0" in data or len(data) > CMDLINE_MAX:
        raise ValueError(f"the command line must be at most {CMDLINE_MAX} "
                         f"characters, without NUL")
    return data


def copy_with_cmdline(image, dest, cmdline):
    """Copy IMAGE to DEST with CMDLINE in LBA 1 (CMDLINE None: the one
    IMAGE carries), padded to whole cylinders; return the number of
    cylinders.  Raises GradeError for an image without the block."""
    data = None if cmdline is None else encode_cmdline(cmdline)
    if data is not None:
        check_image(image)
    shutil.copyfile(image, dest)
    with open(dest, "r+b") as f:
        if data is not None:
            f.seek(CMDLINE_OFFSET)
            f.write(CMDLINE_MAGIC + data.ljust(CMDLINE_AREA, b"\0"))
        size = f.seek(0, 2)
        cylinders = max(1, -(-size // CYLINDER_BYTES))
        f.truncate(cylinders * CYLINDER_BYTES)
    return cylinders
