#!/usr/bin/env python3
# Copyright (c) 2026 The Naiad authors.  All rights reserved.
# SPDX-License-Identifier: BSD-2-Clause
"""The ktest line grammar (grading/naiadgrade/protocol.py) against
grading/PROTOCOL.md itself, so that the document and the parser cannot
drift apart.

    python3 tests/grader/protocol_test.py     (tests/grader/output_test.py
                                               and make test run it)

Two kinds of check, both read from PROTOCOL.md at run time:

- every line template of section 2 (`ktest begin NAME seed=S token=T`,
  ...), with its placeholders filled in, is read as the kind its words
  say;
- every example of the `examples` block is read exactly as the block
  says (kind and each field).
"""
import os
import re
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools"))
import naiadpath  # noqa: E402,F401  (grading/ on the import path)
from naiadgrade import protocol  # noqa: E402

PROTOCOL_MD = os.path.join(naiadpath.GRADING, "PROTOCOL.md")
FENCE_RE = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)

#: What each placeholder of the templates is replaced by, and what the
#: parser must then find in the field of that name.
FILLS = {"NAME": "some_test", "S": "42", "T": "0a1b2c3d4e5f6789",
         "P": "3", "F": "1", "FILE:LINE: MESSAGE": "a.c:7: it broke",
         "PATTERN": "no_such_*", "METRIC": "ticks", "VALUE": "99"}
#: The kind of line each template's first words announce.
TEMPLATE_KINDS = [("ktest begin", protocol.BEGIN),
                  ("ktest fail", protocol.FAIL),
                  ("ktest result", protocol.RESULT),
                  ("ktest end", protocol.END),
                  ("ktest done", protocol.DONE),
                  ("ktest: no test matches", protocol.NO_MATCH),
                  ("kbench result", protocol.BENCH),
                  ("kbench done", protocol.BENCH_DONE)]


def section(text, number):
    """The text of section NUMBER ("## N. ...") of PROTOCOL.md."""
    m = re.search(rf"^## {number}\. .*?(?=^## |\Z)", text, re.M | re.S)
    if m is None:
        raise AssertionError(f"PROTOCOL.md has no section {number}")
    return m.group(0)


def templates(text):
    """The line templates of section 2: the lines of its unlabelled
    code blocks, without the notes after two or more spaces."""
    found = []
    for info, body in FENCE_RE.findall(section(text, 2)):
        if info:
            continue
        for line in body.splitlines():
            line = re.split(r"\s{2,}", line.strip())[0]
            if line:
                found.append(line)
    return found


def fill(template):
    line = template.replace("(or: ... fail token=T)", "")
    for placeholder in sorted(FILLS, key=len, reverse=True):
        line = re.sub(rf"(?<![A-Za-z_]){re.escape(placeholder)}"
                      rf"(?![A-Za-z_])", FILLS[placeholder], line)
    return line


def examples(text):
    """The `examples` block of section 2: [(line, {field: value})]."""
    blocks = [body for info, body in FENCE_RE.findall(section(text, 2))
              if info == "examples"]
    if len(blocks) != 1:
        raise AssertionError(f"PROTOCOL.md section 2 has {len(blocks)} "
                             f"examples blocks, not 1")
    found = []
    for raw in blocks[0].splitlines():
        m = re.match(r"^  (\w[\w ]*?): (.*)$", raw)
        if m and found:
            found[-1][1][m.group(1)] = m.group(2)
        elif raw.strip():
            found.append((raw, {}))
    return found


class ProtocolDocumentTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(PROTOCOL_MD, encoding="utf-8") as f:
            cls.text = f.read()

    def test_templates_parse_as_their_kind(self):
        lines = templates(self.text)
        kinds = set()
        for template in lines:
            want = next((k for words, k in TEMPLATE_KINDS
                         if template.startswith(words)), None)
            if want is None:
                continue
            kinds.add(want)
            line = protocol.parse(fill(template))
            with self.subTest(template=template):
                self.assertEqual(line.kind, want, fill(template))
                for field in ("name", "token", "seed", "pattern",
                              "metric"):
                    got = getattr(line, field)
                    if got is not None:
                        self.assertIn(got, FILLS.values(), field)
        # Every kind of protocol line has its template in the document.
        self.assertEqual(kinds, {k for _, k in TEMPLATE_KINDS})

    def test_examples_parse_as_written(self):
        found = examples(self.text)
        self.assertGreaterEqual(len(found), 10)
        for raw, fields in found:
            line = protocol.parse(raw)
            with self.subTest(line=raw):
                self.assertIn("kind", fields, "an example without its kind")
                self.assertEqual(line.kind, fields["kind"])
                for name, value in fields.items():
                    if name == "kind":
                        continue
                    got = getattr(line, name)
                    self.assertEqual(str(got), value, name)
                # A field the example does not name is not there.
                for name in ("name", "token", "seed", "verdict", "message",
                             "passed", "failed", "pattern", "metric",
                             "value"):
                    if name not in fields:
                        self.assertIsNone(getattr(line, name), name)

    def test_carriage_return_and_trailing_blanks(self):
        line = protocol.parse("ktest end t token=abc \r\n")
        self.assertEqual((line.kind, line.name, line.token),
                         (protocol.END, "t", "abc"))

    def test_done_counts_as_numbers(self):
        line = protocol.parse("ktest done passed=12 failed=? token=x")
        self.assertEqual(line.number("passed"), 12)
        self.assertIsNone(line.number("failed"))

    def test_command_line_order(self):
        self.assertEqual(protocol.command_line(test="t", seed=2, token="k",
                                               watchdog=0),
                         "test=t seed=2 token=k watchdog=0")
        self.assertTrue(protocol.TOKEN_RE.match(protocol.new_token()))


if __name__ == "__main__":
    unittest.main(verbosity=1)
