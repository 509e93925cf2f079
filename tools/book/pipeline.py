# Copyright (c) 2026 The Naiad authors.  All rights reserved.
# SPDX-License-Identifier: BSD-2-Clause
"""noweb's pipeline, run stage by stage, with the book's own stages.

noweave is a shell script that pipes markup, filters and a back end;
this module runs the same programs (from noweb's library directory) so
that it can work on the stream in between:

  markup  ->  [chunks numbered across files, definitions for the index,
               Doxygen hidden]
          ->  finduses  ->  [uses in comments and strings dropped]
          ->  noidx  ->  [index entries filed under the right chunk, long
                          lists of uses cut; PDF: long lines wrapped,
                          quoted code breakable; HTML: chapter marks]
          ->  (HTML: l2h) ->  tohtml -localindex  |  totex

The stream's format is noweb's (see "The noweb Hacker's Guide"): one
token per line, "@text ...", "@nl", "@begin code N", "@defn NAME", ...
"""
import os
import re
import shutil
import subprocess

from . import defs
from . import doxygen
from .source import BookError

# A chunk used by more than this many others (the license, used by every
# file) gets "used in N chunks" instead of the list.
MAX_USES = 12
# Code lines longer than this many characters are wrapped in the PDF.
WRAP_COLUMNS = 81
ROOT_NAME = re.compile(r"^[\w./-]+\.\w+$")


def noweb_lib():
    """noweb's library directory, where noweave finds its stages."""
    noweave = shutil.which("noweave")
    if noweave is None:
        raise BookError("noweave not found (apt-get install noweb)")
    with open(noweave, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            m = re.match(r"^LIB=(\S+)", line)
            if m:
                return m.group(1)
    return "/usr/lib/noweb"


def run_stage(argv, text):
    proc = subprocess.run(argv, input=text, capture_output=True, text=True)
    if proc.returncode != 0:
        raise BookError("%s failed:\n%s" % (os.path.basename(argv[0]),
                                             proc.stderr))
    return proc.stdout


# ---- the stream as chunks ----------------------------------------------

def _code_chunks(lines):
    """Yield (start, end) index ranges of code chunks in the stream:
    lines[start] is "@begin code N", lines[end] is "@end code N"."""
    start = None
    for i, line in enumerate(lines):
        if line.startswith("@begin code"):
            start = i
        elif line.startswith("@end code") and start is not None:
            yield start, i
            start = None


def _split_lines(lines, start, end):
    """A code chunk as (header, [line items]): header is the tokens up to
    and including the first @nl (the definition line); each code line is
    a list of tokens without its @nl."""
    i = start
    header = []
    while i < end:
        header.append(lines[i])
        i += 1
        if lines[i - 1] == "@nl":
            break
    code, cur = [], []
    while i < end:
        if lines[i] == "@nl":
            code.append(cur)
            cur = []
        else:
            cur.append(lines[i])
        i += 1
    if cur:
        code.append(cur)
    return header, code


def _line_text(tokens):
    return "".join(t[6:] if t.startswith("@text ") else
                   ("<<use>>" if t.startswith("@use ") else "")
                   for t in tokens)


def _languages(lines):
    """The language of every chunk name, from the root it tangles into."""
    children, used = {}, set()
    for start, end in _code_chunks(lines):
        name = None
        for t in lines[start:end]:
            if t.startswith("@defn "):
                name = t[6:]
                children.setdefault(name, set())
            elif t.startswith("@use ") and name is not None:
                children[name].add(t[5:])
                used.add(t[5:])
    lang = {}
    for root in children:
        if root in used or not ROOT_NAME.match(root):
            continue
        todo, seen = [root], set()
        while todo:
            n = todo.pop()
            if n in seen:
                continue
            seen.add(n)
            lang.setdefault(n, defs.language(root))
            todo.extend(children.get(n, ()))
    return lang


def _literal_italic(mode, word):
    if mode == "html":
        return "@literal <i>%s</i>" % word.replace("&", "&amp;").replace(
            "<", "&lt;").replace(">", "&gt;")
    return "@literal \\nwparam{%s}" % "".join(
        {"\\": "\\\\", "{": "\\{", "}": "\\}"}.get(c, c) for c in word)


def _renumber(lines):
    """markup numbers the chunks of each file from 0; noidx, which places
    the anchors of uses in documentation by chunk number, then mixes up
    the chunks of different chapters.  Number them across the book."""
    n = -1
    for i, t in enumerate(lines):
        m = re.match(r"^@(begin|end) (docs|code) \d+$", t)
        if m:
            if m.group(1) == "begin":
                n += 1
            lines[i] = "@%s %s %d" % (m.group(1), m.group(2), n)
    return lines


def before_index(stream, mode):
    """The first stage of ours: definitions for the index, and Doxygen's
    markup hidden in the code (the tangled files keep it)."""
    lines = _renumber(stream.split("\n"))
    lang = _languages(lines)
    chunks = list(_code_chunks(lines))
    parsed = []
    for start, end in chunks:
        header, code = _split_lines(lines, start, end)
        name = next((t[6:] for t in header if t.startswith("@defn ")), "")
        parsed.append((header, code, lang.get(name, "c")))
    found = defs.definitions([(lg, [_line_text(c) for c in code])
                              for _, code, lg in parsed])
    out, pos = [], 0
    for (start, end), (header, code, _), names in zip(chunks, parsed,
                                                      found):
        out.extend(lines[pos:start])
        out.extend(header)
        by_row = {}
        for row, name in names:
            by_row.setdefault(row, []).append(name)
        cleaner = doxygen.Cleaner()
        for row, tokens in enumerate(code):
            pieces = [("text", t[6:]) if t.startswith("@text ")
                      else ("raw", t) for t in tokens]
            pieces, drop = cleaner.line(pieces)
            if drop:
                continue
            for kind, t in pieces:
                if kind == "text":
                    out.append("@text " + t)
                elif kind == "italic":
                    out.append(_literal_italic(mode, t))
                else:
                    out.append(t)
            for name in by_row.get(row, ()):
                out.append("@index defn " + name)
            out.append("@nl")
        out.append(lines[end])
        pos = end + 1
    out.extend(lines[pos:])
    return "\n".join(out)


def drop_hidden_uses(stream):
    """finduses links every occurrence of a defined name, also in a
    comment ("in 512-byte sectors" is not a use of sectors()) or a
    string ("kern/kprintf.h"): keep only the uses in code."""
    lines = stream.split("\n")
    out = []
    mask = None
    cur = []

    def flush():
        text = "".join(t[6:] if t.startswith("@text ") else
                       ("\0" if t.startswith("@use ") else "") for t in cur)
        m = mask.line(text)
        pos = 0
        for k, t in enumerate(cur):
            if t.startswith("@index use "):
                nxt = cur[k + 1] if k + 1 < len(cur) else ""
                if nxt.startswith("@text ") and m[pos:pos + 1] == "x":
                    continue
            out.append(t)
            if t.startswith("@text "):
                pos += len(t) - 6
            elif t.startswith("@use "):
                pos += 1
        cur.clear()

    for t in lines:
        if t.startswith("@begin code"):
            mask = doxygen.Mask()
            out.append(t)
        elif t.startswith("@end code"):
            flush()
            mask = None
            out.append(t)
        elif mask is not None and t == "@nl":
            flush()
            out.append(t)
        elif mask is not None:
            cur.append(t)
        else:
            out.append(t)
    return "\n".join(out)


# ---- after noidx ----------------------------------------------------------

def _cut_uses(lines, mode):
    """Drop the list of users of a chunk used very often; LaTeX says how
    many instead."""
    out, i = [], 0
    note = None
    while i < len(lines):
        t = lines[i]
        if t == "@xref beginuses":
            j = i
            while lines[j] != "@xref enduses":
                j += 1
            n = sum(1 for x in lines[i:j] if x.startswith("@xref useitem"))
            if n > MAX_USES:
                note = n
                i = j + 1
                continue
        if t.startswith("@end code") and note is not None:
            if mode == "latex":
                out.append("@literal \\nwmanyuses{%d}" % note)
            note = None
        out.append(t)
        i += 1
    return out


def _width(tokens):
    w = 0
    for t in tokens:
        if t.startswith("@text "):
            w += len(t) - 6
        elif t.startswith("@use "):
            w += len(t) - 5 + 6
        elif t.startswith("@literal \\nwparam{"):
            w += len(t) - len("@literal \\nwparam{") - 1
    return w


def _squeeze(tokens, columns):
    """A line a little too long loses spaces from its widest gaps (the
    alignment of a trailing comment), down to two, before it is broken."""
    excess = _width(tokens) - columns
    while excess > 0:
        best = None
        for k, t in enumerate(tokens):
            if not t.startswith("@text "):
                continue
            for m in re.finditer(r"(?<=\S)  +(?=\S)", t[6:]):
                if best is None or len(m.group(0)) > best[2] - best[1]:
                    best = (k, m.start(), m.end())
        if best is None or best[2] - best[1] <= 2:
            return tokens
        k, a, b = best
        s = tokens[k][6:]
        cut = min(excess, b - a - 2)
        tokens = tokens[:k] + ["@text " + s[:a] + " " * (b - a - cut) +
                               s[b:]] + tokens[k + 1:]
        excess -= cut
    return tokens


def _wrap_line(tokens, columns):
    """A code line too long for the page as several lines: each break
    marked at its end, the continuation indented under the line."""
    tokens = _squeeze(tokens, columns)
    first = next((t[6:] for t in tokens if t.startswith("@text ")), "")
    indent = len(first) - len(first.lstrip(" ")) + 4
    out_lines = []
    cur = tokens
    limit = columns
    while _width(cur) > limit:
        col, cut = 0, None
        for k, t in enumerate(cur):
            if t.startswith("@text "):
                s = t[6:]
                for m in re.finditer(r" +", s):
                    if col + m.start() <= limit - 2 and col + m.start() > \
                            indent:
                        cut = (k, m.start(), m.end())
                col += len(s)
            elif t.startswith("@use "):
                col += len(t) - 5 + 6
            elif t.startswith("@literal \\nwparam{"):
                col += len(t) - len("@literal \\nwparam{") - 1
            if col > limit - 2:
                break
        if cut is None:
            break
        k, a, b = cut
        s = cur[k][6:]
        head = cur[:k] + (["@text " + s[:a]] if a else [])
        tail = (["@text " + s[b:]] if b < len(s) else []) + cur[k + 1:]
        # An identifier's link (@xref ref, @index use) stays with it.
        while head and not head[-1].startswith(("@text ", "@literal ",
                                                "@use ")):
            tail.insert(0, head.pop())
        out_lines.append(head + ["@literal \\nwbreak{}"])
        cur = ["@text " + " " * indent, "@literal \\nwcontinue{}"] + tail
        limit = columns
    out_lines.append(cur)
    return out_lines


def _wrap(lines, columns):
    out = []
    i = 0
    in_code = False
    cur = []
    seen_defline = False
    while i < len(lines):
        t = lines[i]
        if t.startswith("@begin code"):
            in_code, seen_defline, cur = True, False, []
            out.append(t)
        elif t.startswith("@end code"):
            out.extend(cur)
            cur = []
            in_code = False
            out.append(t)
        elif in_code and t == "@nl":
            if seen_defline and _width(cur) > columns:
                for piece in _wrap_line(cur, columns):
                    out.extend(piece)
                    out.append("@nl")
            else:
                out.extend(cur)
                out.append("@nl")
            cur = []
            seen_defline = True
        elif in_code:
            cur.append(t)
        else:
            out.append(t)
        i += 1
    return out


def _breakable_quotes(lines):
    """Quoted code in the text ([[src/kern/kprintf.c]], a QEMU option)
    may break after a slash, a comma or an equals sign, where a long one
    would otherwise run into the margin."""
    out = []
    in_docs = in_quote = False
    for t in lines:
        if t.startswith("@begin docs"):
            in_docs = True
        elif t.startswith("@end docs"):
            in_docs = False
        elif t == "@quote":
            in_quote = True
        elif t == "@endquote":
            in_quote = False
        elif in_docs and in_quote and t.startswith("@text "):
            parts = re.split(r"(?<=[/,=])(?=.)", t[6:])
            for k, p in enumerate(parts):
                if k:
                    out.append("@literal \\allowbreak{}")
                out.append("@text " + p)
            continue
        out.append(t)
    return out


def _fix_index(lines):
    """noidx files a use in the documentation under the anchor of the
    chunk before it (for a chapter's first paragraphs, in the previous
    chapter).  Rebuild the index entries and the lists of users of each
    definition, filing each use under the chunk it is in: a code chunk's
    own label (the @xref ref after its @xref label), or the anchor of the
    documentation chunk (the last one before it, if it has none)."""
    seen = {}
    where = None
    i = 0
    while i < len(lines):
        t = lines[i]
        if t.startswith("@begin docs"):
            j = i + 1
            while not lines[j].startswith("@end docs"):
                if lines[j].startswith("@xref label "):
                    where = lines[j][12:]
                    break
                j += 1
        elif t.startswith("@begin code"):
            j = i + 1
            while not lines[j].startswith(("@xref ref ", "@end code")):
                j += 1
            if lines[j].startswith("@xref ref "):
                where = lines[j][10:]
        elif t.startswith(("@index use ", "@index defn ")) and where:
            kind, name = t[7:].split(" ", 1)
            seen.setdefault(name, []).append((kind, where))
        i += 1

    def entries(name):
        recs = seen.get(name, [])
        defs = {r for k, r in recs if k == "defn"}
        out, done = [], set()
        for k, r in recs:
            key = ("entrydefn" if k == "defn" else "entryuse", r)
            if (k == "use" and r in defs) or key in done:
                continue
            done.add(key)
            out.append("@index %s %s" % key)
        return out

    def users(names):
        out, done = [], set()
        for name in names:
            for k, r in seen.get(name, []):
                if k == "use" and r not in done:
                    done.add(r)
                    out.append("@index isused " + r)
        return out

    out, i = [], 0
    while i < len(lines):
        t = lines[i]
        if t.startswith("@index entrybegin "):
            name = t.split(" ", 3)[3]
            out.append(t)
            i += 1
            while not lines[i].startswith("@index entryend"):
                i += 1
            out.extend(entries(name))
            continue
        if t == "@index begindefs":
            j = i
            while lines[j] != "@index enddefs":
                j += 1
            block = lines[i + 1:j]
            names = [b[15:] for b in block
                     if b.startswith("@index defitem ")]
            out.append(t)
            out.extend(users(names))
            out.extend(b for b in block if not b.startswith("@index isused"))
            i = j
            continue
        out.append(t)
        i += 1
    return out


def after_index(stream, mode):
    """The second stage of ours, between noidx and the back end."""
    lines = _fix_index(stream.split("\n"))
    lines = _cut_uses(lines, mode)
    if mode == "latex":
        lines = _wrap(lines, WRAP_COLUMNS)
        lines = _breakable_quotes(lines)
    else:
        lines = _mark_chapters(lines)
    return "\n".join(lines)


def _mark_chapters(lines):
    """Marks for html.pages to cut at: each chapter file begins with
    <!--naiad:chapter K--> (first thing in its first documentation
    chunk, before any anchor), the indexes with <!--naiad:indexes-->."""
    out, k, pending = [], 0, False
    for t in lines:
        if t.startswith("@file "):
            pending = True
        out.append(t)
        if pending and t.startswith("@begin docs"):
            out.append("@literal <!--naiad:chapter %d-->" % k)
            k += 1
            pending = False
    for i, t in enumerate(out):
        if t == "@xref beginchunks":
            out[i:i] = ["@begin docs 1000000",
                        "@literal <!--naiad:indexes-->",
                        "@end docs 1000000"]
            break
    return out


def weave(book, mode, workdir):
    """The woven book: HTML (the body, for html.pages) or LaTeX (the body,
    for latex.document).  The rewritten chapters are left in workdir."""
    lib = noweb_lib()
    os.makedirs(workdir, exist_ok=True)
    paths = []
    for ch in book.chapters:
        path = os.path.join(workdir, ch.stem + ".nw")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(book.rewritten(ch, mode))
        paths.append(path)
    proc = subprocess.run([os.path.join(lib, "markup")] + paths,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise BookError("noweb markup failed:\n" + proc.stderr)
    stream = before_index(proc.stdout, mode)
    stream = run_stage([os.path.join(lib, "finduses")], stream)
    stream = drop_hidden_uses(stream)
    noidx = [os.path.join(lib, "noidx")]
    if mode == "html":
        noidx += ["-docanchor", "10"]
    stream = run_stage(noidx, stream)
    stream = after_index(stream, mode)
    if mode == "html":
        stream = run_stage([os.path.join(lib, "l2h")], stream)
        return run_stage([os.path.join(lib, "tohtml"), "-localindex"],
                         stream)
    return run_stage([os.path.join(lib, "totex")], stream)
