# Copyright (c) 2026 The Naiad authors.  All rights reserved.
# SPDX-License-Identifier: BSD-2-Clause
"""Doxygen's markup, hidden in the woven book.

The tangled code keeps its Doxygen comments (make docs reads them); the
book shows the same comments as a reader wants them: /** and /**< become
/*, \\brief and \\file disappear (a line that held only \\file goes),
\\return reads "Returns", a parameter named with \\a or \\p is set in
italics, \\c and \\b leave their word plain.  Only comments are touched:
a backslash in a string stays.
"""
import re

# Commands that take the next word: how the word is shown.
WORD = {"a": "italic", "p": "italic", "e": "italic", "em": "italic",
        "c": "plain", "b": "plain", "ref": "plain"}
# Commands replaced by words (or by nothing).
PHRASE = {"brief": "", "short": "", "details": "", "file": "",
          "return": "Returns", "returns": "Returns", "retval": "Returns",
          "see": "See", "sa": "See", "note": "Note:", "warning": "Warning:",
          "pre": "Requires:", "post": "Ensures:"}
COMMAND = re.compile(
    r"(?:\\(?P<bs>[a-z]+)|@(?P<at>brief|short|details|file|returns?|retval|"
    r"see|sa|note|warning|pre|post|param|ref|a|p|c|b|e|em)(?![\w@.]))"
    r"(?:\[[a-z,]+\])?")
SPACE_AFTER = re.compile(r"[ \t]*")


def _markup_comment(text):
    """[(kind, text)] for the inside of a comment, kind "text" or
    "italic"; Doxygen's commands removed or rendered."""
    out, pos = [], 0
    for m in COMMAND.finditer(text):
        name = m.group("bs") or m.group("at")
        if name not in WORD and name not in PHRASE and name != "param":
            continue
        out.append(("text", text[pos:m.start()]))
        end = m.end()
        if name == "param" or name in WORD:
            sp = SPACE_AFTER.match(text, end).end()
            w = re.match(r"[A-Za-z_][\w.\->\[\]]*?(?=[\s,.;:)]|$)|\S+",
                         text[sp:])
            if w:
                word = w.group(0)
                style = "italic" if name == "param" else WORD[name]
                out.append((style if style == "italic" else "text", word))
                end = sp + len(word)
                if name == "param":
                    out.append(("text", ":"))
            else:
                end = sp
        else:
            phrase = PHRASE[name]
            sp = SPACE_AFTER.match(text, end).end()
            if phrase:
                out.append(("text", phrase + (" " if sp < len(text) else "")))
            end = sp
        pos = end
    out.append(("text", text[pos:]))
    return [(k, t) for k, t in out if t]


class Cleaner:
    """Walks the code of one chunk line by line, keeping track of
    whether a block comment is open."""

    def __init__(self):
        self.in_comment = False

    def line(self, pieces):
        """pieces: the line's [(kind, text)] (kind "text" for code text,
        anything else passed through).  Returns (pieces, drop): the
        rewritten pieces, and whether the line should go (it held only a
        \\file command)."""
        out = []
        had_file = False
        for kind, text in pieces:
            if kind != "text":
                out.append((kind, text))
                continue
            for k, t in self._split(text):
                if k == "code":
                    out.append(("text", t))
                else:
                    if re.search(r"[\\@]file\b", t):
                        had_file = True
                    out.extend(_markup_comment(t))
        out = self._merge(out)
        if had_file:
            rest = "".join(t for k, t in out if k != "raw")
            if re.fullmatch(r"\s*\*?\s*", rest):
                return [], True
        return out, False

    @staticmethod
    def _merge(pieces):
        merged = []
        for k, t in pieces:
            if merged and k == "text" and merged[-1][0] == "text":
                merged[-1] = ("text", merged[-1][1] + t)
            else:
                merged.append((k, t))
        return merged

    def _split(self, text):
        """[(kind, text)], kind "code" or "comment" (the inside of a
        comment, after its opening marker), for one piece of a line."""
        out, i, start = [], 0, 0
        n = len(text)
        quote = None
        while i < n:
            if self.in_comment:
                j = text.find("*/", i)
                if j < 0:
                    out.append(("comment", text[i:]))
                    return out
                out.append(("comment", text[i:j]))
                i = start = j
                self.in_comment = False
                continue
            c = text[i]
            if quote:
                if c == "\\":
                    i += 2
                    continue
                if c == quote:
                    quote = None
                i += 1
                continue
            if c in "\"'":
                quote = c
                i += 1
                continue
            if text.startswith("//", i):
                out.append(("code", text[start:i + 2]))
                out.append(("comment", text[i + 2:]))
                return out
            if text.startswith("/*", i):
                opener = "/*"
                skip = 2
                if text.startswith("/**<", i):
                    skip = 4
                elif (text.startswith("/**", i)
                      and not text.startswith("/**/", i)
                      and (i + 3 == n or text[i + 3] in " \t")):
                    skip = 3
                elif text.startswith("/*!", i):
                    skip = 3
                out.append(("code", text[start:i] + opener))
                i = start = i + skip
                self.in_comment = True
                continue
            i += 1
        if start < n:
            out.append(("code", text[start:]))
        return [(k, t) for k, t in out if t]


class Mask:
    """Which characters of a chunk's code lie in a comment or a string
    literal, line after line (a block comment may span lines)."""

    def __init__(self):
        self.in_comment = False

    def line(self, text):
        """A string as long as text: "c" for code, "x" for a character
        of a comment or of a string or character literal."""
        out = []
        i, n = 0, len(text)
        quote = None
        while i < n:
            if self.in_comment:
                j = text.find("*/", i)
                j = n if j < 0 else j + 2
                out.append("x" * (j - i))
                if j <= n and text.endswith("*/", 0, j):
                    self.in_comment = False
                i = j
                continue
            c = text[i]
            if quote:
                step = 2 if c == "\\" else 1
                out.append("x" * min(step, n - i))
                if c == quote:
                    quote = None
                i += step
                continue
            if c in "\"'":
                quote = c
                out.append("x")
            elif text.startswith("//", i):
                out.append("x" * (n - i))
                break
            elif text.startswith("/*", i):
                self.in_comment = True
                out.append("xx")
                i += 2
                continue
            else:
                out.append("c")
            i += 1
        return "".join(out)[:n]
