# Copyright (c) 2026 The Naiad authors.  All rights reserved.
# SPDX-License-Identifier: BSD-2-Clause
"""The PDF book: naiad.tex from the preamble (preamble.tex), a title
page, the woven chapters and the indexes; the figures converted from SVG
to PDF with rsvg-convert; pdflatex run until the cross-references
settle.  What the PDF needs is not in CI's install, so its absence is
said, with the line that installs it, and is not an error."""
import os
import re
import shutil
import subprocess

from . import pipeline
from .source import BookError

HERE = os.path.dirname(os.path.abspath(__file__))
APT_LINE = ("apt-get update && apt-get install -y --no-install-recommends "
            "texlive-latex-base texlive-latex-recommended texlive-latex-extra "
            "texlive-fonts-recommended lmodern librsvg2-bin")
STYLES = ["lmodern.sty", "charter.sty", "titlesec.sty", "fancyhdr.sty",
          "microtype.sty", "hyperref.sty", "noweb.sty", "float.sty",
          "caption.sty", "emptypage.sty", "underscore.sty"]


def missing_tools():
    """What the PDF needs and this machine lacks."""
    missing = [t for t in ("pdflatex", "kpsewhich", "rsvg-convert")
               if shutil.which(t) is None]
    if shutil.which("kpsewhich"):
        proc = subprocess.run(["kpsewhich"] + STYLES, capture_output=True,
                              text=True)
        found = {os.path.basename(p) for p in proc.stdout.split()}
        missing += [s for s in STYLES if s not in found]
    return missing


def escape_chunk_names(tex):
    """noweave leaves the underscores of file names in chunk names bare,
    which LaTeX refuses outside math: escape them where chunk names
    appear (definitions, uses and the chunk index)."""
    def fix(line):
        if ("\\moddef{" in line or "\\LA{}" in line
                or "\\nwixlogsorted{c}" in line):
            return re.sub(r"(?<!\\)_", r"\\_", line)
        return line
    return "\n".join(fix(line) for line in tex.split("\n"))


def _git(*args):
    try:
        proc = subprocess.run(["git"] + list(args), capture_output=True,
                              text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return proc.stdout.strip() if proc.returncode == 0 else ""


def title_page():
    commit = _git("log", "-1", "--format=%h, %cs")
    built = ("\\par\\vspace{1ex}{\\small Built from commit %s.}" % commit
             if commit else "")
    return ("\\begin{titlepage}\\centering\\vspace*{.22\\textheight}\n"
            "{\\fontsize{54}{60}\\selectfont\\bfseries\\color{headcolor} "
            "Naiad\\par}\\vspace{2.2em}\n"
            "{\\Large A small SMP kernel in the manner of DragonFly BSD,\\\\"
            "written as a literate program\\par}\\vspace{3em}\n"
            "{\\large The Naiad authors\\par}\\vfill\n"
            "{\\small BSD 2-clause license.  The C and assembly of "
            "\\texttt{src/} are tangled from this book.}%s\n"
            "\\end{titlepage}\n" % built)


def document(body):
    with open(os.path.join(HERE, "preamble.tex"), encoding="utf-8") as fh:
        preamble = fh.read()
    return (preamble + "\\begin{document}\n\\frontmatter\n" + title_page()
            + "\\tableofcontents\n" + escape_chunk_names(body)
            + "\n\\backmatter\n"
            "\\chapter{Index of chunks}\n"
            "Each chunk with the chunks that define it (underlined) and "
            "use it; a chunk number is the page and a letter for the "
            "chunk on that page.\\par\\medskip\n\\nowebchunks\n"
            "\\chapter{Index of identifiers}\n"
            "The functions, structures, types, macros and global variables "
            "the book defines; the chunk that defines one is "
            "underlined.\\par\\medskip\n\\nowebindex\n"
            "\\end{document}\n")


def convert_figures(book, outdir):
    dest = os.path.join(outdir, "figures")
    os.makedirs(dest, exist_ok=True)
    for fig in book.figures():
        src = book.figure_path(fig.name)
        pdf = os.path.join(dest, fig.name + ".pdf")
        if (os.path.exists(pdf)
                and os.path.getmtime(pdf) >= os.path.getmtime(src)):
            continue
        proc = subprocess.run(["rsvg-convert", "-f", "pdf", "-o", pdf, src],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            raise BookError("rsvg-convert %s failed:\n%s"
                            % (src, proc.stderr))


def overfull(log):
    """[(points, line of naiad.tex)] of the lines wider than the page."""
    return [(float(m.group(1)), int(m.group(3) or m.group(4) or 0))
            for m in re.finditer(r"Overfull \\hbox \(([\d.]+)pt too wide\) "
                                 r"(?:in paragraph at lines (\d+)--(\d+)|"
                                 r"detected at line (\d+))", log)]


def build(book, outdir):
    """Typeset build/book/naiad.pdf.  Returns its path, or None (and says
    why) when this machine cannot."""
    missing = missing_tools()
    if missing:
        print("mkbook: no PDF: this machine lacks %s.  To make the PDF, "
              "as root:\n  %s" % (", ".join(missing), APT_LINE))
        return None
    convert_figures(book, outdir)
    body = pipeline.weave(book, "latex", os.path.join(outdir, "src-latex"))
    with open(os.path.join(outdir, "naiad.tex"), "w", encoding="utf-8") as f:
        f.write(document(body))
    log = ""
    for attempt in range(4):
        proc = subprocess.run(["pdflatex", "-interaction=nonstopmode",
                               "-halt-on-error", "naiad.tex"], cwd=outdir,
                              capture_output=True, text=True,
                              errors="replace")
        with open(os.path.join(outdir, "naiad.log"), encoding="utf-8",
                  errors="replace") as fh:
            log = fh.read()
        if proc.returncode != 0:
            tail = "\n".join(proc.stdout.splitlines()[-20:])
            raise BookError("pdflatex failed; the end of its output:\n"
                            + tail)
        if attempt >= 1 and not re.search(r"Rerun to get|Label\(s\) may "
                                          r"have changed", log):
            break
    wide = [w for w in overfull(log) if w[0] > 1.0]
    pages = re.search(r"Output written on naiad.pdf \((\d+) pages", log)
    print("mkbook: %s/naiad.pdf (%s pages)" % (outdir, pages.group(1)
                                               if pages else "?"))
    if wide:
        worst = sorted(wide, reverse=True)[:5]
        print("mkbook: %d lines wider than the page (widest: %s)"
              % (len(wide), ", ".join("%.1fpt at naiad.tex:%d" % w
                                      for w in worst)))
    return os.path.join(outdir, "naiad.pdf")
