# Copyright (c) 2026 The Naiad authors.  All rights reserved.
# SPDX-License-Identifier: BSD-2-Clause
"""Makes the protocol library, grading/naiadgrade, importable.

Every Python program of the tree outside grading/ (the tools here, the
tests under tests/) starts with

    import naiadpath  # noqa: F401  (grading/ on the import path)

and then imports the library as a package: `from naiadgrade import
qemu, protocol`.  This module is the one place that knows where the
library lives.  A tool finds this module because Python puts a script's
own directory (tools/) first on the import path; a test puts tools/
there first.
"""
import os
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GRADING = os.path.join(TOP, "grading")

if GRADING not in sys.path:
    sys.path.insert(0, GRADING)
