# Copyright (c) 2026 The Naiad authors.  All rights reserved.
# SPDX-License-Identifier: BSD-2-Clause
"""Host tests of grading/naiadgrade/labprose.py: the passages of the book
that explain a hole's code are left out of a lab's starting tree, and
nothing else is.  (tests/checkbook/run puts grading/ on PYTHONPATH.)"""
import os
import unittest

from naiadgrade.errors import GradeError
from naiadgrade.labprose import hide_solution_prose, solution_passages

ROOT = os.path.normpath(os.path.join(os.path.dirname(
    os.path.abspath(__file__)), "..", ".."))

TEXT = """Spec: what the code must do.
%lab-solution walk the frame chain
How the reference walks: secret detail.
%lab-solution end
Between.
%lab-solution print a number
Digits in reverse.
%lab-solution end
<<walk the frame chain>>=
code
@
"""


class HideSolutionProse(unittest.TestCase):
    def test_the_passage_of_the_hole_goes_and_the_spec_stays(self):
        out = hide_solution_prose(TEXT, "walk the frame chain")
        self.assertNotIn("secret detail", out)
        self.assertIn("Spec: what the code must do.", out)
        self.assertIn("left out of your tree", out)
        self.assertIn("\\emph{walk the frame chain}", out)

    def test_the_passage_of_another_chunk_stays(self):
        out = hide_solution_prose(TEXT, "walk the frame chain")
        self.assertIn("Digits in reverse.", out)
        self.assertIn("%lab-solution print a number", out)

    def test_a_text_without_passages_is_unchanged(self):
        plain = "No markers here.\n<<x>>=\ny\n@\n"
        self.assertEqual(hide_solution_prose(plain, "x"), plain)

    def test_the_result_has_no_open_passage(self):
        out = hide_solution_prose(TEXT, "walk the frame chain")
        self.assertEqual([p[2] for p in solution_passages(out)],
                         ["print a number"])

    def test_an_open_passage_is_an_error(self):
        with self.assertRaises(GradeError):
            hide_solution_prose("%lab-solution x\nnever ended\n", "x")

    def test_an_end_without_a_beginning_is_an_error(self):
        with self.assertRaises(GradeError):
            hide_solution_prose("text\n%lab-solution end\n", "x")

    def test_the_boot_lab_loses_the_trap_report_explanation(self):
        with open(os.path.join(ROOT, "book", "06-traps.nw"),
                  encoding="utf-8") as f:
            text = f.read()
        self.assertIn("buf + size - room]] is", text)
        out = hide_solution_prose(text, "format the trap report")
        self.assertNotIn("buf + size - room]] is", out)


if __name__ == "__main__":
    unittest.main()
