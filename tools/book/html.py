# Copyright (c) 2026 The Naiad authors.  All rights reserved.
# SPDX-License-Identifier: BSD-2-Clause
"""The HTML book: one page per chapter, a contents page, two indexes.

noweb weaves the whole book as one HTML text (so that its chunk and
identifier cross-references are computed once, over every chapter);
this module cuts it where source.Book marked the start of each chapter,
points every link at the page that holds its target, and adds the
navigation (previous, contents, index, next), a list of the chapter's
sections, the contents page (index.html: the parts, the chapters and
their sections) and the two index pages, whose entries name the
chapters where a chunk or an identifier is defined and used.
"""
import html
import os
import re

from .source import BookError, latex_to_text

STYLE = """
:root { --ink: #222; --accent: #2a5478; --pale: #eef2f6; --code: #f6f6f2; }
body { margin: 0; color: var(--ink); background: #fff;
       font: 17px/1.55 Charter, "Bitstream Charter", Georgia, serif; }
main { max-width: 48em; margin: 0 auto; padding: 0 1.2em 2em; }
nav.bar { background: var(--pale); border-bottom: 1px solid #cdd6df;
          font: 15px/1.4 system-ui, sans-serif; }
nav.bar div { max-width: 52em; margin: 0 auto; padding: .45em 1em;
              display: flex; gap: 1em; align-items: baseline; }
nav.bar .prev { flex: 1; } nav.bar .next { flex: 1; text-align: right; }
nav.bar.bottom { border-top: 1px solid #cdd6df; border-bottom: none;
                 margin-top: 3em; }
nav.bar .off { color: #999; }
a { color: var(--accent); }
h1, h2, h3, h4 { font-family: system-ui, sans-serif; line-height: 1.25;
                 color: #1d3a55; }
h1.chapter { font-size: 2.1em; margin: 1.2em 0 .6em; }
h1.chapter .num { display: block; font-size: .5em; font-weight: normal;
                  color: #667; letter-spacing: .05em; }
h2 { margin-top: 2em; border-bottom: 1px solid #d8dee5; padding-bottom: .15em; }
h2 .num, h3 .num { color: #667; font-weight: normal; margin-right: .3em; }
h5 { display: inline; font-size: 1em; margin: 0 .3em 0 0; }
.partbanner { font: 15px system-ui, sans-serif; color: #667; margin-top: 2em;
              text-transform: uppercase; letter-spacing: .08em; }
nav.sections { background: var(--pale); padding: .4em 1.2em; font-size: .92em;
               border-radius: 4px; }
nav.sections ul { margin: .3em 0; padding-left: 1.2em; }
pre { background: var(--code); padding: .6em .8em; overflow-x: auto;
      font: 14px/1.4 "DejaVu Sans Mono", Menlo, Consolas, monospace;
      border-left: 3px solid var(--accent); }
pre dfn { font-style: normal; font-weight: bold; color: #1d3a55; }
pre i { color: #5a3d00; }
code, tt { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace;
           font-size: .88em; }
pre code { font-size: 1em; }
blockquote { font-size: .85em; color: #555; margin: 0 0 1em 1.5em; }
figure.figure { margin: 1.5em 0; text-align: center; }
figure.figure img { max-width: 100%; height: auto; }
figcaption { font-size: .92em; color: #444; margin-top: .4em; }
figcaption .num { font-weight: bold; }
table { border-collapse: collapse; }
td { padding: .1em .6em; }
ul.contents { list-style: none; padding: 0; }
ul.contents li.part { margin-top: 1.4em; font: bold 1.05em system-ui,
                      sans-serif; color: #1d3a55; }
ul.contents li.chapter { margin: .5em 0 .2em 1em; }
ul.contents .num { display: inline-block; min-width: 2em; }
ul.contents .secs { display: block; margin-left: 3em; font-size: .86em;
                    color: #555; }
ul.index { columns: 2 20em; list-style: none; padding: 0; }
ul.index li { break-inside: avoid; margin-bottom: .2em; }
ul.index .where { color: #555; font-size: .9em; }
p.letters { font-family: system-ui, sans-serif; }
"""


def _title_html(ch):
    return html.escape(ch.plain_title)


def _chapter_label(ch):
    return ch.number or ch.plain_title.split(":")[0].split()[0]


def _nav(prev_ch, next_ch, where):
    def side(ch, cls, arrow_left):
        if ch is None:
            return '<span class="%s off"></span>' % cls
        text = "%s %s" % (ch.number or "", _title_html(ch))
        text = text.strip()
        label = ("\u2190 " + text) if arrow_left else (text + " \u2192")
        return '<a class="%s" rel="%s" href="%s">%s</a>' % (
            cls, cls, ch.page, label)
    return ('<nav class="bar %s"><div>%s<a href="index.html">Contents</a>'
            '<a href="identifiers.html">Index</a>%s</div></nav>'
            % (where, side(prev_ch, "prev", True),
               side(next_ch, "next", False)))


def _page(title, body, prev_ch=None, next_ch=None):
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, '
            'initial-scale=1"><title>%s</title>'
            '<link rel="stylesheet" href="style.css"></head>\n<body>\n%s\n'
            '<main>\n%s\n</main>\n%s\n</body></html>\n'
            % (html.escape(title), _nav(prev_ch, next_ch, "top"), body,
               _nav(prev_ch, next_ch, "bottom")))


def _section_list(ch):
    items = ['<li><a href="#%s">%s%s</a></li>'
             % (s.anchor, (s.number + " ") if s.number else "",
                html.escape(latex_to_text(s.title)))
             for s in ch.sections if s.level == 1]
    if not items:
        return ""
    return ('<nav class="sections">In this chapter:<ul>%s</ul></nav>'
            % "".join(items))


def _contents(book):
    out = ['<h1 class="chapter">Naiad</h1>',
           '<p>A small SMP kernel for 32-bit x86 in the manner of DragonFly '
           'BSD, written as a literate program: this book is its source.  '
           'The same book as a PDF: <a href="naiad.pdf">naiad.pdf</a> '
           '(<code>make book</code> makes it where LaTeX is installed).  '
           'Indexes: <a href="chunks.html">chunks</a>, '
           '<a href="identifiers.html">identifiers</a>.</p>',
           '<ul class="contents">']
    for part, chapters in book.parts():
        if part:
            out.append('<li class="part">Part %s: %s</li>'
                       % (part[0], html.escape(latex_to_text(part[1]))))
        for ch in chapters:
            secs = ", ".join(
                '<a href="%s#%s">%s</a>' % (ch.page, s.anchor, html.escape(
                    latex_to_text(s.title)))
                for s in ch.sections if s.level == 1)
            out.append('<li class="chapter"><span class="num">%s</span>'
                       '<a href="%s">%s</a>%s</li>'
                       % (ch.number or "", ch.page, _title_html(ch),
                          '<span class="secs">%s</span>' % secs if secs
                          else ""))
    out.append("</ul>")
    return "\n".join(out)


LINK = re.compile(r'<a ([^>]*?)href="#([^"]+)"([^>]*)>(.*?)</a>', re.S)


def _index_items(ul, anchors, chapters_by_page):
    """The items of one of tohtml's index lists, with each reference
    named by the chapter it is in: [(key, name html, first link,
    [(kind, page, anchor)])]."""
    items = []
    for li in re.findall(r"<li>(.*?)(?=<li>|</ul>)", ul, re.S):
        links = LINK.findall(li)
        if not links:
            continue
        attrs, target, _, label = links[0]
        m = re.search(r'name="([^"]+)"', attrs)
        ident = m.group(1) if m else None
        refs = []
        for _, tgt, _, lab in links[1:]:
            kind = "def" if lab.startswith("D") else "use"
            refs.append((kind, anchors.get(tgt), tgt))
        key = html.unescape(re.sub(r"<[^>]+>", "", label)).strip("<>_")
        items.append((key.lower(), ident, label, target, refs))
    return items


def _index_page(title, intro, items, anchors, chapters_by_page, code):
    letters = []
    rows = []
    last = None
    for key, ident, label, target, refs in sorted(items):
        first = key[:1].upper() if key[:1].isalpha() else "_"
        if first != last:
            letters.append(first)
            last = first
            rows.append('<li id="letter-%s"></li>' % first)
        where = []
        for kind in ("def", "use"):
            seen, links = set(), []
            for k, page, tgt in refs:
                if k != kind or page in seen or page is None:
                    continue
                seen.add(page)
                ch = chapters_by_page.get(page)
                links.append('<a href="%s#%s" title="%s">%s</a>' % (
                    page, tgt, _title_html(ch) if ch else "",
                    _chapter_label(ch) if ch else "?"))
            if links:
                where.append("%s %s" % ("defined in" if kind == "def"
                                        else "used in", ", ".join(links)))
        text = label if not code else "<code>%s</code>" % label
        rows.append('<li%s><a href="%s#%s">%s</a> <span class="where">%s'
                    '</span></li>' % (
                        ' id="%s"' % ident if ident else "",
                        anchors.get(target, ""), target, text,
                        "; ".join(where)))
    bar = " ".join('<a href="#letter-%s">%s</a>' % (l, l) for l in letters)
    return ('<h1 class="chapter">%s</h1><p>%s</p><p class="letters">%s</p>'
            '<ul class="index">%s</ul>' % (title, intro, bar,
                                           "\n".join(rows)))


def pages(book, woven, outdir):
    """Write the pages; return the number of links pointed at other
    pages.  A link to an anchor no page holds is an error."""
    main, sep, tail = woven.partition("<!--naiad:indexes-->")
    if not sep:
        raise BookError("the woven HTML has no index marker")
    cut = re.split(r"<!--naiad:chapter (\d+)-->", main)
    if len(cut) != 2 * len(book.chapters) + 1:
        raise BookError("the woven HTML has %d chapter markers for %d "
                        "chapters" % ((len(cut) - 1) // 2,
                                      len(book.chapters)))
    bodies = {}
    for i in range(1, len(cut), 2):
        bodies[book.chapters[int(cut[i])].page] = cut[i + 1]
    lists = re.findall(r"<ul>.*?</ul>", tail, re.S)
    chunk_ul = next((u for u in lists if "<i>&lt;" in u), "<ul></ul>")
    ident_ul = next((u for u in lists if 'name="NWI-' in u), "<ul></ul>")

    anchors = {}
    for page, body in bodies.items():
        for a in re.findall(r'\b(?:name|id)="([^"]+)"', body):
            anchors.setdefault(a, page)
    chapters_by_page = {ch.page: ch for ch in book.chapters}
    for a in re.findall(r'name="(NWI-[^"]+)"', ident_ul):
        anchors.setdefault(a, "identifiers.html")

    chunk_items = _index_items(chunk_ul, anchors, chapters_by_page)
    ident_items = _index_items(ident_ul, anchors, chapters_by_page)
    docs = {
        "chunks.html": ("Index of chunks", _index_page(
            "Index of chunks", "Every chunk of code by name, with the "
            "chapters that define it and those that use it.", chunk_items,
            anchors, chapters_by_page, False)),
        "identifiers.html": ("Index of identifiers", _index_page(
            "Index of identifiers", "The functions, structures, types, "
            "macros and global variables the book defines, with the "
            "chapters that define and use them.", ident_items, anchors,
            chapters_by_page, True)),
    }
    for page, (_, body) in docs.items():
        for a in re.findall(r'\bid="([^"]+)"', body):
            anchors.setdefault(a, page)

    broken = []
    crossed = [0]

    def relink(page, body):
        def fix(m):
            attrs, target, rest, inner = m.groups()
            where = anchors.get(target)
            if where is None:
                broken.append("%s: #%s" % (page, target))
                where = page
            if where == page:
                return m.group(0)
            crossed[0] += 1
            return '<a %shref="%s#%s"%s>%s</a>' % (attrs, where, target,
                                                   rest, inner)
        return LINK.sub(fix, body)

    os.makedirs(outdir, exist_ok=True)
    chs = book.chapters
    for n, ch in enumerate(chs):
        body = relink(ch.page, bodies[ch.page])
        body = re.sub(r"(</h1>)", lambda m: m.group(1) + _section_list(ch),
                      body, count=1)
        banner = ('<p class="partbanner">Part %s: %s</p>'
                  % (ch.part[0], html.escape(latex_to_text(ch.part[1])))
                  if ch.part else "")
        title = "%s %s \u2014 Naiad" % (ch.number or "", ch.plain_title)
        _write(outdir, ch.page, _page(title.strip(), banner + body,
                                      chs[n - 1] if n > 0 else None,
                                      chs[n + 1] if n + 1 < len(chs)
                                      else None))
    for page, (title, body) in docs.items():
        _write(outdir, page, _page(title + " \u2014 Naiad",
                                   relink(page, body)))
    _write(outdir, "index.html", _page("Naiad: the book", _contents(book),
                                       None, chs[0]))
    _write(outdir, "style.css", STYLE.lstrip())
    if broken:
        raise BookError("links to no anchor:\n  " + "\n  ".join(broken[:20]))
    return crossed[0]


def _write(outdir, name, text):
    with open(os.path.join(outdir, name), "w", encoding="utf-8") as fh:
        fh.write(text)
