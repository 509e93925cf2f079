# Copyright (c) 2026 The Naiad authors.  All rights reserved.
# SPDX-License-Identifier: BSD-2-Clause
"""Host tests of tools/ktr2svg on dumps written here.

Each expected count is derived from the dump the test builds (the number
of switches, ticks, matched IPI pairs), never copied from a run.
"""
import importlib.machinery
import importlib.util
import io
import os
import random
import unittest
import xml.etree.ElementTree as ET
from contextlib import redirect_stderr

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
TOOL = os.path.join(ROOT, "tools", "ktr2svg")


def load_tool():
    loader = importlib.machinery.SourceFileLoader("ktr2svg", TOOL)
    spec = importlib.util.spec_from_loader("ktr2svg", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


k = load_tool()
SVG = "{http://www.w3.org/2000/svg}"


def dump(cpus, events, hz=0, lost=0):
    """The text of a dump: events are (cpu, tsc, kind, a, b, name)."""
    lines = ["ktr begin cpus=%d entries=1024 tsc_hz=%d" % (cpus, hz)]
    for cpu, tsc, kind, a, b, name in events:
        lines.append("ktr %d %d %s 0x%08x 0x%08x%s" % (
            cpu, tsc, kind, a, b, " " + name if name else ""))
    lines.append("ktr end events=%d lost=%d" % (len(events), lost))
    return "\n".join(lines) + "\n"


def svg_of(text):
    return ET.fromstring(k.render(k.parse(text)).encode())


def by_class(root, cls):
    return [e for e in root.iter() if e.get("class") == cls]


def random_trace(rng, cpus, nswitch, nticks, nipis):
    """A consistent random dump: on each CPU a chain of nswitch switches
    among three threads (each leaves the thread the previous one
    entered) and nticks ticks; nipis IPIs between random CPUs, each
    received after it was sent; and one IPI sent and never received."""
    events = []
    for cpu in range(cpus):
        threads = [(0x100000 * (cpu + 1) + 0x100 * i, "t%d_%d" % (cpu, i))
                   for i in range(3)]
        cur = 0
        for t in sorted(rng.sample(range(1000, 100000), nswitch)):
            nxt = (cur + 1 + rng.randrange(2)) % 3
            events.append((cpu, t, "switch", threads[cur][0],
                           threads[nxt][0], threads[nxt][1]))
            cur = nxt
        for _ in range(nticks):
            events.append((cpu, rng.randrange(1000, 100000), "tick", 0, 0,
                           ""))
    seq = {}
    for _ in range(nipis):
        src, dst = rng.sample(range(cpus), 2)
        n = seq.get((src, dst), 0)
        seq[(src, dst)] = n + 1
        t = rng.randrange(1000, 90000)
        events.append((src, t, "ipi_send", dst, n, ""))
        events.append((dst, t + rng.randrange(1, 5000), "ipi_recv", src, n,
                       ""))
    if cpus > 1:
        events.append((0, 95000, "ipi_send", 1, 999, ""))  # never received
    events.sort(key=lambda e: (e[0], e[1]))     # a dump is CPU by CPU
    return events


class Parse(unittest.TestCase):
    def test_header_events_and_other_lines(self):
        text = ("Naiad 0.1 (i386)\nktest begin x seed=1 token=t\n"
                + dump(2, [(0, 10, "mark", 1, 2, "begin"),
                           (1, 20, "switch", 1, 2, "a b")], hz=1000, lost=3)
                + "ktest end x token=t\n")
        t = k.parse(text)
        self.assertEqual(2, t.cpus)
        self.assertEqual(1000, t.tsc_hz)
        self.assertEqual(3, t.lost)
        self.assertEqual(2, len(t.events))
        self.assertEqual("a b", t.events[1].name)  # a name may have spaces
        self.assertEqual(("mark", 1, 2), (t.events[0].kind, t.events[0].a,
                                          t.events[0].b))

    def test_last_dump_wins(self):
        text = (dump(1, [(0, 1, "mark", 0, 0, "old")])
                + dump(3, [(2, 5, "mark", 0, 0, "new"),
                           (2, 6, "tick", 0, 0, "")]))
        t = k.parse(text.replace("\n", "\r\n"))   # serial lines end in CR LF
        self.assertEqual(3, t.cpus)
        self.assertEqual(["new", ""], [e.name for e in t.events])

    def test_no_events_is_an_error(self):
        with self.assertRaises(ValueError):
            k.parse("Naiad 0.1\nno trace here\n")
        err = io.StringIO()
        with redirect_stderr(err):
            status = k.main([os.devnull, "-o", os.devnull])
        self.assertEqual(1, status)
        self.assertIn("no ktr events", err.getvalue())


class Picture(unittest.TestCase):
    def setUp(self):
        self.rng = random.Random(45)

    def test_lanes_spans_ticks_arrows(self):
        for cpus in (1, 2, 4):
            nswitch, nticks = 5 + cpus, 3
            nipis = 0 if cpus == 1 else 6
            events = random_trace(self.rng, cpus, nswitch, nticks, nipis)
            root = svg_of(dump(cpus, events))
            self.assertEqual(cpus, len(by_class(root, "lane")))
            # One span per switch, plus the thread that ran before the
            # first switch of each lane.
            self.assertEqual(cpus * nswitch + cpus,
                             len(by_class(root, "span")))
            self.assertEqual(cpus * nticks, len(by_class(root, "tick")))
            # Every received IPI is an arrow; the lost one is not.
            self.assertEqual(nipis, len(by_class(root, "ipi")))

    def test_a_lane_without_events_is_still_drawn(self):
        root = svg_of(dump(3, [(0, 1, "switch", 1, 2, "a"),
                               (0, 9, "switch", 2, 1, "b")]))
        lanes = by_class(root, "lane")
        self.assertEqual(["0", "1", "2"], [e.get("data-cpu") for e in lanes])
        self.assertEqual({"0"}, {e.get("data-cpu")
                                 for e in by_class(root, "span")})

    def test_spans_follow_time(self):
        events = random_trace(self.rng, 2, 12, 4, 4)
        root = svg_of(dump(2, events))
        left = float(by_class(root, "lane")[0].get("x"))
        width = float(by_class(root, "lane")[0].get("width"))
        for cpu in ("0", "1"):
            spans = [e for e in by_class(root, "span")
                     if e.get("data-cpu") == cpu]
            xs = [float(e.get("x")) for e in spans]
            ws = [float(e.get("width")) for e in spans]
            self.assertEqual(sorted(xs), xs)
            self.assertAlmostEqual(left, xs[0], delta=0.05)
            self.assertAlmostEqual(left + width, xs[-1] + ws[-1], delta=0.15)
            for i in range(len(xs) - 1):      # each ends where the next starts
                self.assertAlmostEqual(xs[i] + ws[i], xs[i + 1], delta=0.15)
                self.assertGreaterEqual(ws[i], 0)

    def test_x_grows_with_time(self):
        ticks = [(0, t, "tick", 0, 0, "") for t in (100, 250, 400, 1000)]
        root = svg_of(dump(1, ticks))
        xs = [float(e.get("x1")) for e in by_class(root, "tick")]
        self.assertEqual(sorted(xs), xs)
        self.assertEqual(len(set(xs)), len(xs))
        # Proportional: 150 of 900 ticks is a sixth of the width.
        span = xs[-1] - xs[0]
        self.assertAlmostEqual((250 - 100) / 900, (xs[1] - xs[0]) / span,
                               delta=0.001)

    def test_arrow_goes_from_sender_to_receiver(self):
        ev = [(0, 100, "ipi_send", 1, 7, ""), (0, 300, "tick", 0, 0, ""),
              (1, 200, "ipi_recv", 0, 7, ""),
              (1, 250, "ipi_recv", 0, 8, "")]     # no send: no arrow
        root = svg_of(dump(2, ev))
        arrows = by_class(root, "ipi")
        self.assertEqual(1, len(arrows))
        a = arrows[0]
        self.assertEqual(("0", "1", "7"), (a.get("data-from"),
                                           a.get("data-to"),
                                           a.get("data-seq")))
        move, line = a.get("d").split(" L")
        x0, y0 = (float(v) for v in move[1:].split(","))
        x1, y1 = (float(v) for v in line.split(","))
        self.assertLess(x0, x1)               # received after it was sent
        self.assertLess(y0, y1)               # from lane 0 down to lane 1

    def test_names_of_threads(self):
        # The first span is the leaving thread of the first switch; its
        # name comes from a later switch into it.
        ev = [(0, 10, "switch", 0xA, 0xB, "bee"),
              (0, 20, "switch", 0xB, 0xA, "ay<&>")]
        root = svg_of(dump(1, ev))
        names = [e.get("data-thread") for e in by_class(root, "span")]
        self.assertEqual(["ay<&>", "bee", "ay<&>"], names)

    def test_units(self):
        ev = [(0, 0, "tick", 0, 0, ""), (0, 2000000, "tick", 0, 0, "")]
        text = ET.tostring(svg_of(dump(1, ev, hz=1000000000))).decode()
        self.assertIn("microseconds", text)
        text = ET.tostring(svg_of(dump(1, ev))).decode()
        self.assertIn("TSC ticks", text)

    def test_same_input_same_bytes(self):
        text = dump(2, random_trace(self.rng, 2, 20, 5, 5))
        self.assertEqual(k.render(k.parse(text)), k.render(k.parse(text)))
        path = os.path.join(ROOT, "build", "ktr", "unit-test.log")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as fh:
            fh.write(text)
        svg1, svg2 = path + ".1.svg", path + ".2.svg"
        self.assertEqual(0, k.main([path, "-o", svg1]))
        self.assertEqual(0, k.main([path, "-o", svg2]))
        with open(svg1, "rb") as a, open(svg2, "rb") as b:
            self.assertEqual(a.read(), b.read())


if __name__ == "__main__":
    unittest.main()
