#!/usr/bin/env python3
# Copyright (c) 2026 The Naiad authors.  All rights reserved.
# SPDX-License-Identifier: BSD-2-Clause
"""tools/bochs.py: run a Naiad disk image in Bochs, in a batch run.

    python3 tools/bochs.py [--cpus N] [--cmdline LINE | --as-is]
        [--timeout S] [--ips N] [--repeat N] [--keep DIR] IMAGE
    python3 tools/bochs.py --copy-to OUT --cmdline LINE IMAGE

Bochs cannot load an ELF kernel itself; it boots the disk image that the
book's own loader starts (book/02-boot.nw).  This is `tools/boot --emu
bochs`: the machine (the bochsrc, the command line in LBA 1, the limits)
is the grader's, grading/naiadgrade/bochs.py, as for every Bochs run of
the project; `make run EMU=bochs` (tools/run) boots it interactively.
"""
import sys

import naiadpath  # noqa: F401  (grading/ on the import path)
from naiadgrade import bootcli

if __name__ == "__main__":
    sys.exit(bootcli.main(default_emu="bochs", prog="tools/bochs.py"))
