# Copyright (c) 2026 The Naiad authors.  All rights reserved.
# SPDX-License-Identifier: BSD-2-Clause
"""A few SVG primitives for the book's drawn figures (figures.py).

Sizes are in SVG user units, which rsvg-convert turns into 0.75 pt: a
figure 520 units wide fits the PDF's text width at its own size, and its
11-unit labels come out at about 8 pt, the size of the code.  Every
number is printed with a fixed precision, so a figure's bytes depend only
on its description.
"""
import math
from xml.sax.saxutils import escape

SANS = "DejaVu Sans, Helvetica, Arial, sans-serif"
MONO = "DejaVu Sans Mono, Menlo, Consolas, monospace"
INK = "#222222"
MUTED = "#5b6770"
ACCENT = "#2a5478"
# Fills: ours (what Naiad puts there), firmware's, free, highlighted.
OURS = "#dbe7f3"
FIRMWARE = "#e9e6df"
FREE = "#ffffff"
HOT = "#f7d9a8"
GREEN = "#d5ecd0"
GREY = "#eeeeee"


def num(v):
    """A coordinate: at most one decimal, no trailing zero."""
    s = "%.1f" % v
    return s[:-2] if s.endswith(".0") else s


class Svg:
    def __init__(self, width, height, title):
        self.width, self.height, self.title = width, height, title
        self.items = []
        self.arrow_colours = set()
        self.right = 0          # the rightmost point drawn, estimated

    def _reach(self, x):
        self.right = max(self.right, x)

    def rect(self, x, y, w, h, fill=FREE, stroke=INK, width=1, dash=None,
             rx=0):
        self._reach(x + w + width / 2)
        self.items.append(
            '<rect x="%s" y="%s" width="%s" height="%s"%s fill="%s" '
            'stroke="%s" stroke-width="%s"%s/>' % (
                num(x), num(y), num(w), num(h),
                ' rx="%s"' % num(rx) if rx else "", fill, stroke, num(width),
                ' stroke-dasharray="%s"' % dash if dash else ""))

    def text(self, x, y, s, size=11, anchor="start", bold=False, mono=False,
             fill=INK, italic=False):
        # DejaVu's letters are about 0.6 em wide (bold a little more).
        w = len(s) * size * (0.62 if bold else 0.6)
        self._reach(x + {"start": w, "middle": w / 2, "end": 0}[anchor])
        attrs = ['x="%s" y="%s"' % (num(x), num(y))]
        if size != 11:
            attrs.append('font-size="%s"' % num(size))
        if anchor != "start":
            attrs.append('text-anchor="%s"' % anchor)
        if bold:
            attrs.append('font-weight="bold"')
        if italic:
            attrs.append('font-style="italic"')
        if mono:
            attrs.append('font-family="%s"' % MONO)
        if fill != INK:
            attrs.append('fill="%s"' % fill)
        self.items.append("<text %s>%s</text>" % (" ".join(attrs),
                                                  escape(s)))

    def line(self, x1, y1, x2, y2, stroke=INK, width=1, arrow=False,
             dash=None, both=False):
        self._reach(max(x1, x2) + 4)
        marker = ""
        if arrow or both:
            self.arrow_colours.add(stroke)
            ident = "a" + stroke.lstrip("#")
            marker = ' marker-end="url(#%s)"' % ident
            if both:
                marker += ' marker-start="url(#%s)"' % ident
        self.items.append(
            '<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" '
            'stroke-width="%s"%s%s/>' % (
                num(x1), num(y1), num(x2), num(y2), stroke, num(width),
                ' stroke-dasharray="%s"' % dash if dash else "", marker))

    def path(self, d, fill="none", stroke=INK, width=1, arrow=False):
        marker = ""
        if arrow:
            self.arrow_colours.add(stroke)
            marker = ' marker-end="url(#a%s)"' % stroke.lstrip("#")
        self.items.append('<path d="%s" fill="%s" stroke="%s" '
                          'stroke-width="%s"%s/>' % (d, fill, stroke,
                                                     num(width), marker))

    def sector(self, cx, cy, r0, r1, a0, a1, fill, stroke=INK):
        """An annular sector between radii r0 < r1 and angles a0 < a1
        (degrees, clockwise from 12 o'clock)."""
        def pt(r, a):
            t = math.radians(a)
            return num(cx + r * math.sin(t)), num(cy - r * math.cos(t))
        large = 1 if a1 - a0 > 180 else 0
        d = "M%s,%s A%s,%s 0 %d 1 %s,%s L%s,%s A%s,%s 0 %d 0 %s,%s Z" % (
            pt(r1, a0) + (num(r1), num(r1), large) + pt(r1, a1) + pt(r0, a1)
            + (num(r0), num(r0), large) + pt(r0, a0))
        self.path(d, fill=fill, stroke=stroke)

    def render(self):
        """The SVG text; its width is the one given or, if narrower, what
        the drawing reaches, plus a margin (a figure is centred on the
        page by its width)."""
        width = min(self.width, math.ceil(self.right + 8))
        defs = "".join(
            '<marker id="a%s" viewBox="0 0 10 10" refX="9" refY="5" '
            'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
            '<path d="M0,0 L10,5 L0,10 z" fill="%s"/></marker>'
            % (c.lstrip("#"), c) for c in sorted(self.arrow_colours))
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
                'width="%s" height="%s" viewBox="0 0 %s %s" '
                'font-family="%s" font-size="11" fill="%s">\n'
                '<title>%s</title>\n%s'
                '<rect x="0" y="0" width="%s" height="%s" fill="#ffffff"/>\n'
                '%s\n</svg>\n' % (
                    num(width), num(self.height), num(width),
                    num(self.height), SANS, INK, escape(self.title),
                    "<defs>%s</defs>\n" % defs if defs else "",
                    num(width), num(self.height),
                    "\n".join(self.items)))
