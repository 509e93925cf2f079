# Copyright (c) 2026 The Naiad authors.  All rights reserved.
# SPDX-License-Identifier: BSD-2-Clause
"""Reading the chapters: the book's structure, and its documentation
rewritten for one output before noweb sees it.

The chapters are book/*.nw in the order of their names; each holds one
\\chapter (or \\chapter* for the preface), optionally preceded by a
\\part.  This module finds, in the documentation (never in code chunks,
verbatim blocks or [[quoted code]]), the commands whose meaning the HTML
pages must reproduce: \\part, \\chapter, \\section and below, \\label,
\\ref, \\appendix and the book's own figure command,

    \\bookfigure[WIDTH]{NAME}{CAPTION}

which shows book/figures/NAME.svg (in the PDF converted to PDF) with the
caption and the label fig:NAME; WIDTH (optional) is a fraction of the
text width, or "landscape" for a wide picture the PDF shows on a page of
its own, turned on its side.  It numbers them as LaTeX's book class does, checks that
every \\ref names a label and every figure exists, and rewrites the
documentation: for HTML into headings with numbers, anchors and
<figure> elements; for LaTeX into a figure environment.
"""
import os
import re

FIGURES = os.path.join("book", "figures")


class BookError(Exception):
    """A mistake in the chapters that would make a broken book."""


# ---- splitting a chapter into documentation and code ---------------------

CODE_START = re.compile(r"^<<.*>>=\s*$")


def segments(text):
    """The chapter as [(kind, text)], kind "doc" or "code", whose texts
    concatenate back to the chapter.  A code chunk runs from its
    <<name>>= line to the "@" that ends it (the rest of that line is
    documentation), as noweb reads it."""
    out = []
    kind, buf = "doc", []
    for line in text.splitlines(keepends=True):
        if CODE_START.match(line):
            if buf:
                out.append((kind, "".join(buf)))
            kind, buf = "code", [line]
        elif kind == "code" and line[:1] == "@" and (
                len(line) == 1 or line[1] in " \t\r\n"):
            buf.append(line[:1])
            out.append((kind, "".join(buf)))
            kind, buf = "doc", [line[1:]]
        else:
            buf.append(line)
    if buf:
        out.append((kind, "".join(buf)))
    return out


# Regions of the documentation where commands are text, not commands.
PROTECTED = re.compile(
    r"\\begin\{(verbatim\*?|rawhtml|comment)\}.*?\\end\{\1\}"
    r"|\[\[.*?\]\](?!\])"
    r"|\\verb(\S).*?\2"
    r"|(?<!\\)%[^\n]*", re.S)

COMMAND = re.compile(r"\\(part|chapter|section|subsection|subsubsection|"
                     r"label|ref|bookfigure|appendix)(?![A-Za-z])(\*?)")
NARGS = {"part": 1, "chapter": 1, "section": 1, "subsection": 1,
         "subsubsection": 1, "label": 1, "ref": 1, "bookfigure": 2,
         "appendix": 0}
LEVELS = {"section": 1, "subsection": 2, "subsubsection": 3}


def _group(text, pos, open_ch, close_ch):
    """The balanced group that starts at text[pos] == open_ch: (inner,
    end position), or None."""
    if pos >= len(text) or text[pos] != open_ch:
        return None
    depth, i = 0, pos
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == open_ch:
            depth += 1
        elif c == close_ch:
            depth -= 1
            if depth == 0:
                return text[pos + 1:i], i + 1
        i += 1
    return None


class Command:
    """One command found in the documentation, with its arguments."""

    def __init__(self, name, star, opt, args, start, end):
        self.name, self.star, self.opt = name, star, opt
        self.args, self.start, self.end = args, start, end


def commands(doc, where):
    """The commands of one stretch of documentation, in order."""
    protected = [(m.start(), m.end()) for m in PROTECTED.finditer(doc)]
    found = []
    for m in COMMAND.finditer(doc):
        if any(s <= m.start() < e for s, e in protected):
            continue
        name, star, pos = m.group(1), m.group(2) == "*", m.end()
        opt = None
        probe = pos
        while probe < len(doc) and doc[probe] in " \t":
            probe += 1
        if name in ("bookfigure", "part", "chapter", "section",
                    "subsection", "subsubsection"):
            g = _group(doc, probe, "[", "]")
            if g:
                opt, pos = g
        args = []
        for _ in range(NARGS[name]):
            while pos < len(doc) and doc[pos] in " \t\n":
                pos += 1
            g = _group(doc, pos, "{", "}")
            if g is None:
                raise BookError("%s: \\%s without its argument"
                                % (where, name))
            args.append(g[0])
            pos = g[1]
        found.append(Command(name, star, opt, args, m.start(), pos))
    return found


# ---- plain text of a little LaTeX (titles, captions) ---------------------

def latex_to_text(s):
    """A title or caption as plain text: the book's few macros undone."""
    s = re.sub(r"\[\[(.*?)\]\](?!\])", r"\1", s)
    s = re.sub(r"\\(?:emph|textit|textbf|texttt|textsc|mbox|text)\{", "{",
               s)
    s = s.replace("---", "\u2014").replace("--", "\u2013")
    s = s.replace("``", "\u201c").replace("''", "\u201d")
    s = s.replace("~", "\u00a0").replace("\\,", "\u2009")
    s = re.sub(r"(?<!\\)\$", "", s)
    s = re.sub(r"\\([_&%$#{}])", r"\1", s)
    s = re.sub(r"\\[A-Za-z]+\s*", "", s)
    s = s.replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", s).strip()


# ---- the structure ---------------------------------------------------------

def roman(n):
    vals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, r in vals:
        while n >= v:
            out, n = out + r, n - v
    return out


class Section:
    def __init__(self, level, number, title, anchor):
        self.level, self.number = level, number     # number: "3.2" or None
        self.title, self.anchor = title, anchor


class Figure:
    def __init__(self, name, caption, number, width, landscape=False):
        self.name, self.caption = name, caption
        self.number, self.width = number, width
        self.landscape = landscape      # the PDF turns it on its side


class Chapter:
    """One chapter file."""

    def __init__(self, path, index):
        self.path = path
        self.index = index
        self.stem = os.path.splitext(os.path.basename(path))[0]
        self.page = self.stem + ".html"
        self.title = None           # LaTeX of the title
        self.number = None          # "3", "A", or None for \chapter*
        self.part = None            # (number, LaTeX title) if it opens one
        self.sections = []
        self.figures = []

    @property
    def plain_title(self):
        return latex_to_text(self.title or self.stem)


class Book:
    """The chapters in order and what their documentation declares."""

    def __init__(self, paths):
        if not paths:
            raise BookError("no chapters (book/*.nw)")
        self.chapters = []
        self.texts = {}
        self.labels = {}            # label -> (chapter, number text)
        self.refs = []              # (path, line, label)
        self.first_main = None      # (path, offset): where \mainmatter goes
        self._read(paths)
        self._check()

    def _read(self, paths):
        chapter_no, appendix, part_no = 0, False, 0
        for index, path in enumerate(paths):
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            self.texts[path] = text
            ch = Chapter(path, index)
            self.chapters.append(ch)
            counters = [0, 0, 0]
            figure_no = 0
            last_number = None
            offset = 0
            for kind, seg in segments(text):
                if kind == "code":
                    offset += len(seg)
                    continue
                for c in commands(seg, path):
                    line = text.count("\n", 0, offset + c.start) + 1
                    where = "%s:%d" % (path, line)
                    if c.name == "appendix":
                        appendix, chapter_no = True, 0
                    elif c.name == "part":
                        part_no += 1
                        if ch.title is not None:
                            raise BookError("%s: \\part after the chapter's "
                                            "title: a part opens a chapter "
                                            "file" % where)
                        ch.part = (roman(part_no), c.args[0])
                        if self.first_main is None:
                            self.first_main = (path, offset + c.start)
                    elif c.name == "chapter":
                        if ch.title is not None:
                            raise BookError("%s: a second \\chapter in one "
                                            "file" % where)
                        ch.title = c.args[0]
                        if not c.star:
                            chapter_no += 1
                            ch.number = (chr(ord("A") + chapter_no - 1)
                                         if appendix else str(chapter_no))
                            last_number = ch.number
                            if self.first_main is None:
                                self.first_main = (path, offset + c.start)
                    elif c.name in LEVELS:
                        level = LEVELS[c.name]
                        number = None
                        if not c.star and level <= 2 and ch.number:
                            counters[level - 1] += 1
                            for k in range(level, 3):
                                counters[k] = 0
                            number = ".".join([ch.number] + [
                                str(n) for n in counters[:level]])
                            last_number = number
                        anchor = "sec-%d-%d" % (index, len(ch.sections))
                        ch.sections.append(Section(level, number, c.args[0],
                                                   anchor))
                    elif c.name == "bookfigure":
                        figure_no += 1
                        name = c.args[0].strip()
                        if not re.match(r"^[a-z0-9][a-z0-9-]*$", name):
                            raise BookError("%s: figure name %r: use "
                                            "lower-case letters, digits "
                                            "and dashes" % (where, name))
                        number = "%s.%d" % (ch.number or "0", figure_no)
                        width = None
                        landscape = c.opt == "landscape"
                        if c.opt is not None and not landscape:
                            try:
                                width = float(c.opt)
                            except ValueError:
                                width = -1
                            if not 0 < width <= 1:
                                raise BookError(
                                    "%s: \\bookfigure[%s]: the option is "
                                    "a fraction of the text width, in "
                                    "(0, 1], or landscape" % (where, c.opt))
                        ch.figures.append(Figure(name, c.args[1], number,
                                                 width, landscape))
                        self._label(where, "fig:" + name, ch, number)
                    elif c.name == "label":
                        self._label(where, c.args[0], ch, last_number)
                    elif c.name == "ref":
                        self.refs.append((path, line, c.args[0]))
                offset += len(seg)
            if ch.title is None:
                raise BookError("%s: no \\chapter{...}" % path)

    def _label(self, where, label, ch, number):
        if label in self.labels:
            raise BookError("%s: label %s defined twice" % (where, label))
        self.labels[label] = (ch, number)

    def _check(self):
        bad = ["%s:%d: \\ref{%s} has no \\label" % r for r in self.refs
               if r[2] not in self.labels]
        for ch in self.chapters:
            for fig in ch.figures:
                if not os.path.isfile(self.figure_path(fig.name)):
                    bad.append("%s: \\bookfigure{%s}: no %s" % (
                        ch.path, fig.name, self.figure_path(fig.name)))
        if bad:
            raise BookError("references to nothing:\n  " + "\n  ".join(bad))

    @staticmethod
    def figure_path(name):
        return os.path.join(FIGURES, name + ".svg")

    def figures(self):
        return [f for ch in self.chapters for f in ch.figures]

    def parts(self):
        """[(part or None, [chapters])] in order."""
        groups = []
        for ch in self.chapters:
            if ch.part or not groups:
                groups.append((ch.part, []))
            groups[-1][1].append(ch)
        return groups

    # ---- rewriting the documentation for one output ----------------------

    def rewritten(self, ch, mode):
        """The text of chapter ch with its documentation rewritten for
        mode "html" or "latex"; code chunks are untouched."""
        text = self.texts[ch.path]
        out = []
        state = {"section": 0, "figure": 0}
        offset = 0
        for kind, seg in segments(text):
            if kind == "code":
                out.append(seg)
            else:
                out.append(self._rewrite_doc(ch, seg, mode, state, offset))
            offset += len(seg)
        return "".join(out)

    def _rewrite_doc(self, ch, doc, mode, state, offset):
        pieces, pos = [], 0
        for c in commands(doc, ch.path):
            pieces.append(doc[pos:c.start])
            pieces.append(self._replacement(ch, c, mode, state,
                                            offset + c.start))
            pos = c.end
        pieces.append(doc[pos:])
        return "".join(pieces)

    def _replacement(self, ch, c, mode, state, at):
        source = "\\" + c.name + ("*" if c.star else "") + (
            "[%s]" % c.opt if c.opt is not None else "") + "".join(
            "{%s}" % a for a in c.args)
        main = (self.first_main == (ch.path, at))
        if mode == "latex":
            if c.name == "bookfigure":
                fig = ch.figures[state["figure"]]
                state["figure"] += 1
                return latex_figure(fig)
            if c.name in ("part", "chapter") or c.name in LEVELS:
                # A title travels (contents, running heads, PDF
                # bookmarks): quoted code in it is plain \\texttt.
                title = latex_title(c.args[0])
                source = "\\%s%s%s{%s}" % (
                    c.name, "*" if c.star else "",
                    "[%s]" % latex_title(c.opt) if c.opt is not None
                    else "", title)
            if c.name == "chapter" and c.star:
                # In the table of contents and the running heads too.
                source += ("\\addcontentsline{toc}{chapter}{%s}"
                           "\\markboth{%s}{%s}" % (title, title, title))
            if main:
                return "\\mainmatter\n" + source
            return source
        # HTML: l2h turns the LaTeX between the raw pieces into HTML.
        if c.name in ("part", "appendix"):
            return ""
        if c.name == "chapter":
            num = ('<span class="num">Chapter %s</span>' % ch.number
                   if ch.number else "")
            return raw('<h1 class="chapter">%s' % num) + c.args[0] + raw(
                "</h1>")
        if c.name in LEVELS:
            sec = ch.sections[state["section"]]
            state["section"] += 1
            tag = "h%d" % (sec.level + 1)
            num = ('<span class="num">%s</span> ' % sec.number
                   if sec.number else "")
            return (raw('<%s id="%s">%s' % (tag, sec.anchor, num))
                    + c.args[0] + raw("</%s>" % tag))
        if c.name == "label":
            return raw('<a id="%s"></a>' % html_attr(c.args[0]))
        if c.name == "ref":
            label = c.args[0]
            number = self.labels[label][1] or "?"
            return raw('<a class="ref" href="#%s">%s</a>'
                       % (html_attr(label), number))
        if c.name == "bookfigure":
            fig = ch.figures[state["figure"]]
            state["figure"] += 1
            return html_figure(fig)
        return source


def raw(html_text):
    """HTML that l2h copies as it is."""
    return "\\begin{rawhtml}%s\\end{rawhtml}" % html_text


def html_attr(s):
    return (s.replace("&", "&amp;").replace('"', "&quot;")
            .replace("<", "&lt;"))


def html_figure(fig):
    alt = html_attr(latex_to_text(fig.caption))
    style = (' style="width: %d%%"' % round(fig.width * 100)
             if fig.width else "")
    return ("\n\n" + raw('<figure class="figure" id="fig:%s"><img src="'
                         'figures/%s.svg" alt="%s"%s><figcaption><span '
                         'class="num">Figure %s.</span> '
                         % (fig.name, fig.name, alt, style, fig.number))
            + fig.caption + raw("</figcaption></figure>") + "\n\n")


def tex_escape_code(s):
    """Quoted code ([[x]]) as text for \\texttt."""
    table = {"\\": "\\textbackslash{}", "{": "\\{", "}": "\\}",
             "_": "\\_", "#": "\\#", "%": "\\%", "&": "\\&", "$": "\\$",
             "~": "\\textasciitilde{}", "^": "\\textasciicircum{}"}
    return "".join(table.get(ch, ch) for ch in s)


def latex_title(s):
    """A title for LaTeX: [[code]] as \\texttt (a plain string in the PDF's
    bookmarks)."""
    return re.sub(r"\[\[(.*?)\]\](?!\])",
                  lambda m: "\\texorpdfstring{\\texttt{%s}}{%s}" % (
                      tex_escape_code(m.group(1)),
                      m.group(1).replace("_", "\\_")), s)


def latex_figure(fig):
    caption = re.sub(r"\[\[(.*?)\]\](?!\])",
                     lambda m: "\\texttt{%s}" % tex_escape_code(m.group(1)),
                     fig.caption)
    width = "%.3f" % fig.width if fig.width else ""
    env, where = (("sidewaysfigure", "") if fig.landscape
                  else ("figure", "[H]"))
    return ("\\begin{%s}%s\\centering\n"
            "\\bookgraphic{%s}{figures/%s}\n"
            "\\caption{%s}\\label{fig:%s}\n"
            "\\end{%s}" % (env, where, width, fig.name, caption, fig.name,
                            env))
