# Copyright (c) 2026 The Naiad authors.  All rights reserved.
# SPDX-License-Identifier: BSD-2-Clause
"""Host tests of the book's build (tools/book/), on code and chapters
written here.  Run by tests/book/run with tools/ on PYTHONPATH."""
import os
import re
import tempfile
import unittest

import html

from book import defs, doxygen, pipeline, source
from book import html as bookhtml
from book.source import BookError


def clean(lines, mode="html"):
    """Lines of code through the Doxygen cleaner: [(text, dropped)]."""
    c = doxygen.Cleaner()
    out = []
    for line in lines:
        pieces, drop = c.line([("text", line)])
        out.append(("".join(t if k == "text" else "<%s>" % t
                            for k, t in pieces), drop))
    return out


class DoxygenTest(unittest.TestCase):
    def test_member_comment_loses_its_marker(self):
        [(text, drop)] = clean(["\tint ncpus;\t/**< usable CPUs */"])
        self.assertEqual(text, "\tint ncpus;\t/* usable CPUs */")
        self.assertFalse(drop)

    def test_brief_goes_and_a_is_italic(self):
        [(text, _)] = clean(["/** \\brief Print \\a fmt to the console. */"])
        self.assertEqual(text, "/* Print <fmt> to the console. */")

    def test_file_line_goes_and_return_reads(self):
        got = clean(["/**", " * \\file", " * \\brief Tail queues.",
                     " * \\return 0, or -EINVAL when \\a n is 0.", " */"])
        self.assertEqual([t for t, d in got if not d],
                         ["/*", " * Tail queues.",
                          " * Returns 0, or -EINVAL when <n> is 0.", " */"])
        self.assertEqual([d for _, d in got],
                         [False, True, False, False, False])

    def test_strings_and_code_are_untouched(self):
        line = 'kprintf("\\a bell /**< no comment */\\n"); x = a / b;'
        [(text, _)] = clean([line])
        self.assertEqual(text, line)

    def test_comment_state_spans_lines(self):
        got = clean(["/* a comment that", "   names \\a p */ f(\"\\a\");"])
        self.assertEqual(got[1][0], "   names <p> */ f(\"\\a\");")

    def test_mask_marks_comments_and_strings(self):
        m = doxygen.Mask()
        text = 'f("kern/x.h"); /* sectors */ g();'
        mask = m.line(text)
        self.assertEqual(mask[text.index("kern")], "x")
        self.assertEqual(mask[text.index("sectors")], "x")
        self.assertEqual(mask[text.index("g()")], "c")


C_CODE = """\
#ifndef NAIAD_X_H
#define NAIAD_X_H
#define WIDGET_MAX\t8\t/**< at most */
typedef uint32_t widget_id_t;
typedef void (*widget_fn)(void *);
typedef unsigned int uint32_t;
struct widget {
\tint\tw_id;
\tint\tncount;
};
enum widget_kind {
\tWK_SMALL,
\tWK_LARGE = 4,
};
extern int nwidgets;
int widget_make(int kind);
static void widget_helper(void);
int nwidgets = 0;
struct widget widget_table[WIDGET_MAX];

int
widget_make(int kind)
{
\tint ncount = kind;
\treturn ncount;
}
#endif
"""


class DefsTest(unittest.TestCase):
    def names(self, chunks):
        return {n for found in defs.definitions(chunks) for _, n in found}

    def test_c_definitions(self):
        got = self.names([("c", C_CODE.splitlines())])
        for name in ["WIDGET_MAX", "widget_id_t", "widget_fn", "widget",
                     "widget_kind", "WK_SMALL", "WK_LARGE", "nwidgets",
                     "widget_make", "widget_table"]:
            self.assertIn(name, got)
        # An include guard, a standard type, a member, and a prototype
        # of a function whose body is nowhere are not definitions to
        # look up... except the last, which is kept (assembly may have
        # the body): widget_helper has only its prototype.
        self.assertNotIn("NAIAD_X_H", got)
        self.assertNotIn("uint32_t", got)
        self.assertNotIn("w_id", got)
        self.assertIn("widget_helper", got)

    def test_definition_row_is_the_body_not_the_prototype(self):
        lines = C_CODE.splitlines()
        [found] = defs.definitions([("c", lines)])
        rows = [r for r, n in found if n == "widget_make"]
        self.assertEqual(rows, [lines.index("widget_make(int kind)")])
        rows = [r for r, n in found if n == "nwidgets"]
        self.assertEqual(rows, [lines.index("int nwidgets = 0;")])

    def test_a_name_also_used_for_locals_is_left_out(self):
        code = ["int line;", "void", "f(void)", "{", "\tchar *line = 0;",
                "}"]
        self.assertNotIn("line", self.names([("c", code)]))

    def test_stop_list(self):
        code = ["void *", "memcpy(void *d, const void *s, size_t n)", "{",
                "}", "int", "kmemcpy_like(void)", "{", "}"]
        got = self.names([("c", code)])
        self.assertNotIn("memcpy", got)
        self.assertIn("kmemcpy_like", got)

    def test_assembly_and_linker_script(self):
        asm = ["\t.globl\tcpu_switch", "cpu_switch:", "local:", "\tret"]
        ld = ["\t__bss_start = .;", "\t. = ALIGN(4);"]
        got = self.names([("asm", asm), ("ld", ld)])
        self.assertEqual(got, {"cpu_switch", "__bss_start"})


class WrapTest(unittest.TestCase):
    def test_short_line_is_kept(self):
        toks = ["@text int x;"]
        self.assertEqual(pipeline._wrap_line(toks, 20), [toks])

    def test_gap_is_squeezed_before_breaking(self):
        toks = ["@text #define A 1" + " " * 10 + "/* one */"]
        [line] = pipeline._wrap_line(toks, 24)
        self.assertLessEqual(pipeline._width(line), 24)
        self.assertIn("/* one */", line[0])

    def test_long_line_breaks_at_a_space_with_marks(self):
        words = " ".join("word%d" % i for i in range(20))
        lines = pipeline._wrap_line(["@text \t" + words], 40)
        self.assertGreater(len(lines), 2)
        for ln in lines:
            self.assertLessEqual(pipeline._width(ln), 40)
        self.assertEqual(lines[0][-1], "@literal \\nwbreak{}")
        self.assertEqual(lines[1][1], "@literal \\nwcontinue{}")
        text = "".join(t[6:] for ln in lines for t in ln
                       if t.startswith("@text "))
        self.assertEqual(text.split(), ("\t" + words).split())

    def test_an_identifier_link_stays_with_its_identifier(self):
        toks = ["@text " + "x" * 30 + " ", "@index use ident",
                "@text ident", "@text (" + "y" * 30 + ")"]
        lines = pipeline._wrap_line(toks, 40)
        for ln in lines:
            for k, t in enumerate(ln):
                if t.startswith("@index use"):
                    self.assertEqual(ln[k + 1], "@text ident")


PREFACE = r"""\chapter*{Preface}
Read it in order.
"""
ALPHA = r"""\part{The first part}
\chapter{Alpha}
\label{chap:alpha}
The picture: \bookfigure{pic}{A picture of [[alpha_fn]].}

\section{Code}
<<alpha.c>>=
/**
 * \file
 * \brief What alpha does.
 */
typedef unsigned int uint32_t;
/** \brief Make an alpha from \a seed. */
uint32_t
alpha_fn(uint32_t seed)
{
	return seed + 1;	/**< the next one */
}
@
"""
BETA = r"""\chapter{Beta}
As Chapter~\ref{chap:alpha} and Figure~\ref{fig:pic} show, [[alpha_fn]]
is used here:
<<beta.c>>=
int
beta_fn(void)
{
	return alpha_fn(2);
}
@
"""


class FixtureBook:
    """A three-chapter book in a temporary directory, the working
    directory while it is in use."""

    def __init__(self, chapters, figures=("pic",)):
        self.tmp = tempfile.TemporaryDirectory()
        self.old = os.getcwd()
        os.chdir(self.tmp.name)
        os.makedirs(os.path.join("book", "figures"))
        for name, text in chapters.items():
            with open(os.path.join("book", name), "w") as fh:
                fh.write(text)
        for fig in figures:
            with open(os.path.join("book", "figures", fig + ".svg"),
                      "w") as fh:
                fh.write('<svg xmlns="http://www.w3.org/2000/svg"/>')

    def book(self):
        return source.Book(sorted(
            os.path.join("book", n) for n in os.listdir("book")
            if n.endswith(".nw")))

    def close(self):
        os.chdir(self.old)
        self.tmp.cleanup()


CHAPTERS = {"00-preface.nw": PREFACE, "01-alpha.nw": ALPHA,
            "02-beta.nw": BETA}


class SourceTest(unittest.TestCase):
    def tearDown(self):
        self.fixture.close()

    def test_structure(self):
        self.fixture = FixtureBook(CHAPTERS)
        b = self.fixture.book()
        self.assertEqual([c.number for c in b.chapters], [None, "1", "2"])
        self.assertEqual(b.chapters[1].part, ("I", "The first part"))
        self.assertEqual(b.labels["chap:alpha"][1], "1")
        self.assertEqual(b.labels["fig:pic"][1], "1.1")
        self.assertEqual(b.chapters[1].sections[0].number, "1.1")

    def test_reference_to_nothing_fails(self):
        self.fixture = FixtureBook(dict(CHAPTERS, **{
            "02-beta.nw": BETA.replace("chap:alpha", "chap:gamma")}))
        with self.assertRaisesRegex(BookError, "chap:gamma"):
            self.fixture.book()

    def test_missing_figure_fails(self):
        self.fixture = FixtureBook(CHAPTERS, figures=())
        with self.assertRaisesRegex(BookError, "pic.svg"):
            self.fixture.book()

    def test_figure_for_latex(self):
        self.fixture = FixtureBook(CHAPTERS)
        b = self.fixture.book()
        tex = b.rewritten(b.chapters[1], "latex")
        self.assertIn("\\bookgraphic{}{figures/pic}", tex)
        self.assertIn("\\caption{A picture of \\texttt{alpha\\_fn}.}"
                      "\\label{fig:pic}", tex)
        self.assertIn("\\mainmatter\n\\part{The first part}", tex)


class HtmlBookTest(unittest.TestCase):
    """The fixture woven to HTML pages, through noweb."""

    @classmethod
    def setUpClass(cls):
        cls.fixture = FixtureBook(CHAPTERS)
        b = cls.fixture.book()
        woven = pipeline.weave(b, "html", "work")
        bookhtml.pages(b, woven, "out")
        cls.pages = {}
        for name in os.listdir("out"):
            if name.endswith(".html"):
                with open(os.path.join("out", name)) as fh:
                    cls.pages[name] = fh.read()

    @classmethod
    def tearDownClass(cls):
        cls.fixture.close()

    def test_one_page_per_chapter_and_the_others(self):
        self.assertEqual(sorted(self.pages), [
            "00-preface.html", "01-alpha.html", "02-beta.html",
            "chunks.html", "identifiers.html", "index.html"])

    def test_previous_and_next(self):
        a = self.pages["01-alpha.html"]
        self.assertIn('rel="prev" href="00-preface.html"', a)
        self.assertIn('rel="next" href="02-beta.html"', a)
        self.assertNotIn('rel="prev"', self.pages["00-preface.html"])
        self.assertNotIn('rel="next"', self.pages["02-beta.html"])

    def test_contents_lists_the_part_and_the_chapters(self):
        index = self.pages["index.html"]
        self.assertIn("Part I: The first part", index)
        order = [index.index('href="%s"' % p) for p in
                 ("00-preface.html", "01-alpha.html", "02-beta.html")]
        self.assertEqual(order, sorted(order))

    def test_references_cross_pages(self):
        beta = self.pages["02-beta.html"]
        self.assertIn('href="01-alpha.html#chap:alpha">1</a>', beta)
        self.assertIn('href="01-alpha.html#fig:pic">1.1</a>', beta)
        # The use of alpha_fn in beta's code links to alpha's page.
        self.assertRegex(beta, r'href="01-alpha.html#NW[^"]*">alpha_fn</a>')

    def test_doxygen_hidden(self):
        code = html.unescape(re.sub(r"<(?!/?i>)[^>]+>", "", "".join(
            re.findall(r"<pre>.*?</pre>", self.pages["01-alpha.html"],
                       re.S))))
        for mark in ("/**", "\\brief", "\\file", "\\a "):
            self.assertNotIn(mark, code)
        self.assertIn("<i>seed</i>", code)

    def test_index_has_definitions_not_standard_types(self):
        ids = self.pages["identifiers.html"]
        self.assertIn(">alpha_fn</code>", ids)
        self.assertIn(">beta_fn</code>", ids)
        self.assertNotIn("uint32_t", ids)
        entry = re.search(r'<li id="NWI-alpha_fn">.*?</li>', ids).group(0)
        self.assertIn('defined in <a href="01-alpha.html', entry)
        self.assertIn('used in <a href="02-beta.html', entry)

    def test_figure_element(self):
        self.assertRegex(self.pages["01-alpha.html"],
                         r'<figure class="figure" id="fig:pic"><img '
                         r'src="figures/pic.svg"[^>]*><figcaption><span '
                         r'class="num">Figure 1.1.</span>')


if __name__ == "__main__":
    unittest.main()
