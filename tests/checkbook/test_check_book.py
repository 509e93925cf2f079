# Copyright (c) 2026 The Naiad authors.  All rights reserved.
# SPDX-License-Identifier: BSD-2-Clause
"""Host tests of tools/check-book.

The tokenizer and the reading of definitions and calls on small pieces
of C written here; the whole check on small books written into a
temporary directory, each with the one mistake a test is about; and the
real book: it has no forward call, and it gets one as soon as an
extension point is replaced by a direct call into a later chapter.
Every expected value follows from the text the test wrote.
"""
import importlib.machinery
import importlib.util
import io
import os
import re
import shutil
import subprocess
import tempfile
import textwrap
import unittest

ROOT = os.path.normpath(os.path.join(os.path.dirname(
    os.path.abspath(__file__)), "..", ".."))
TOOL = os.path.join(ROOT, "tools", "check-book")


def load_tool():
    loader = importlib.machinery.SourceFileLoader("check_book", TOOL)
    spec = importlib.util.spec_from_loader("check_book", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


cb = load_tool()


def kinds(tokens):
    return [(t.kind, t.text) for t in tokens]


class Tokenizer(unittest.TestCase):
    def test_comments_strings_and_chars_hide_their_contents(self):
        toks = cb.tokenize('a("f(x) /* no */", \'(\'); // g(y)\n/* h(z) */ b')
        self.assertEqual(
            [t.text for t in toks if t.kind == "ident"], ["a", "b"])
        self.assertEqual([t.kind for t in toks].count("comment"), 2)

    def test_a_directive_is_one_token_with_its_continuations(self):
        toks = cb.tokenize("#define M(x) \\\n\tf(x)\nint y;\n")
        self.assertEqual(toks[0].kind, "pp")
        self.assertIn("f(x)", toks[0].text)
        self.assertEqual(toks[1].text, "int")
        self.assertEqual(toks[1].line, 3)

    def test_lines_are_counted_across_a_long_comment(self):
        toks = cb.tokenize("/* one\n two\n three */\nx")
        self.assertEqual(toks[-1].line, 4)

    def test_an_unterminated_comment_is_refused(self):
        with self.assertRaises(ValueError):
            cb.tokenize("x /* never closed")


def names(facts, how=None):
    return sorted({n for n, _, h in facts.uses if how is None or h == how})


def defs(facts, kind="function"):
    return sorted(d.name for d in facts.defs if d.kind == kind)


class Facts(unittest.TestCase):
    def test_a_knf_definition_is_not_a_call(self):
        f = cb.c_facts("static int\nfoo(int x)\n{\n\treturn bar(x);\n}\n")
        self.assertEqual(defs(f), ["foo"])
        self.assertEqual(names(f, "call"), ["bar"])
        self.assertTrue(f.defs[0].static)

    def test_a_prototype_is_neither_definition_nor_call(self):
        f = cb.c_facts("void foo(int);\nstruct thread *bar(void);\n")
        self.assertEqual(defs(f), [])
        self.assertEqual(names(f, "call"), [])

    def test_calls_in_expressions(self):
        f = cb.c_facts("int\nf(void)\n{\n\tint a = 2 * g(1);\n"
                       "\treturn (int)h(a) + sizeof(a);\n}\n")
        self.assertEqual(names(f, "call"), ["g", "h"])

    def test_members_and_keywords_are_not_calls(self):
        f = cb.c_facts("void\nf(void)\n{\n\tif (x) s->fn(1); t.go(2);"
                       " while (y) ;\n}\n")
        self.assertEqual(names(f, "call"), [])

    def test_a_function_named_as_a_value_is_a_use(self):
        f = cb.c_facts("static struct hook h = { tick, 3 };\n")
        self.assertIn("tick", names(f, "name"))

    def test_attributes_do_not_hide_a_definition(self):
        f = cb.c_facts("static void __attribute__((noreturn))\n"
                       "die(void)\n{\n\tfor (;;) ;\n}\n")
        self.assertEqual(defs(f), ["die"])

    def test_macros_and_includes(self):
        f = cb.c_facts('#include "kern/x.h"\n#define TWICE(a) add(a, a)\n'
                       '#define LIMIT 8\n')
        self.assertEqual(defs(f, "macro"), ["LIMIT", "TWICE"])
        self.assertEqual(names(f, "call"), ["add"])
        self.assertEqual(names(f, "include"), ["src/kern/x.h"])

    def test_a_comment_just_above_counts_and_a_blank_line_breaks_it(self):
        f = cb.c_facts("/* Why. */\nint\na(void)\n{\n\treturn 0;\n}\n\n"
                       "/* Why not. */\n\nint\nb(void)\n{\n\treturn 1;\n}\n")
        got = {d.name: d.commented for d in f.defs}
        self.assertEqual(got, {"a": True, "b": False})

    def test_assembly_labels_and_calls(self):
        f = cb.asm_facts("\t.globl start\nstart:\n\tcall main_c\n"
                         "local:\n\tjmp local\n")
        self.assertEqual(defs(f), ["start"])
        self.assertEqual(names(f, "call"), ["local", "main_c"])


def chapter(number, topic, body, title=None, label=None, star=False):
    """The text of a chapter file."""
    head = "\\chapter%s{%s}\n" % ("*" if star else "", title or topic)
    if not star:
        head += "\\label{%s}\n" % (label or "chap:" + topic)
    return head + "\n" + textwrap.dedent(body)


LICENSE = "<<license>>=\n/* license */\n@\n"


class Tree:
    """A small tree with a book, written into a temporary directory."""

    def __init__(self, chapters, extra=None):
        self.dir = tempfile.mkdtemp(prefix="check-book-")
        os.makedirs(os.path.join(self.dir, "book"))
        for name, text in chapters.items():
            self.write("book/" + name, text)
        for name, text in (extra or {}).items():
            self.write(name, text)

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    def tangle(self):
        """Write the roots as tools/tangle would (for the comment check)."""
        files = sorted(os.path.join("book", n) for n in
                       os.listdir(os.path.join(self.dir, "book"))
                       if n.endswith(".nw"))
        roots = subprocess.run(["noroots"] + files, cwd=self.dir,
                               capture_output=True, text=True).stdout
        for line in roots.split("\n"):
            if line.startswith("<<src/"):
                root = line[2:-2]
                text = subprocess.run(["notangle", "-R" + root] + files,
                                      cwd=self.dir, capture_output=True,
                                      text=True).stdout
                self.write(root, text)

    def check(self):
        out = io.StringIO()
        n = cb.check(self.dir, out=out)
        return n, out.getvalue()

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


PREFACE = chapter(0, "preface", "Read on.\n" + LICENSE, title="Preface",
                  star=True)


def two_chapters(first_body, second_body):
    return {
        "00-preface.nw": PREFACE,
        "01-one.nw": chapter(1, "one", first_body),
        "02-two.nw": chapter(2, "two", second_body),
    }


ONE_CALLS_TWO = """\
    <<src/kern/one.c>>=
    <<license>>
    /* Starts everything. */
    void
    one(void)
    {
    \ttwo();
    }
    @
    """
TWO_DEFINES_TWO = """\
    <<src/kern/two.c>>=
    <<license>>
    /* The second step. */
    void
    two(void)
    {
    }
    @
    """


class WholeCheck(unittest.TestCase):
    def tree(self, chapters, extra=None):
        t = Tree(chapters, extra)
        self.addCleanup(t.close)
        t.tangle()
        return t

    def test_a_call_into_a_later_chapter_fails(self):
        t = self.tree(two_chapters(ONE_CALLS_TWO, TWO_DEFINES_TWO))
        n, out = t.check()
        self.assertEqual(n, 1, out)
        self.assertIn("chapter 01 calls two, which only chapter 02", out)

    def test_a_call_into_an_earlier_chapter_passes(self):
        t = self.tree(two_chapters(
            TWO_DEFINES_TWO.replace("kern/two.c", "kern/one.c"),
            ONE_CALLS_TWO.replace("kern/one.c", "kern/two.c")))
        n, out = t.check()
        self.assertEqual(n, 0, out)

    def test_a_listed_exception_passes_and_a_stale_one_fails(self):
        t = self.tree(two_chapters(ONE_CALLS_TWO, TWO_DEFINES_TWO), {
            "book/forward-calls":
                "book/01-one.nw two the reason, in words\n"
                "book/01-one.nw three no longer called\n"})
        n, out = t.check()
        self.assertIn("listed: two (the reason, in words)", out)
        self.assertIn("book/01-one.nw three is no longer a forward call",
                      out)
        self.assertEqual(n, 1, out)

    def test_an_exception_needs_a_reason(self):
        t = self.tree(two_chapters(ONE_CALLS_TWO, TWO_DEFINES_TWO), {
            "book/forward-calls": "book/01-one.nw two\n"})
        n, out = t.check()
        self.assertIn("needs a chapter file, a name and a reason", out)

    def test_an_include_of_a_later_file_fails(self):
        t = self.tree(two_chapters(
            '<<src/kern/one.c>>=\n<<license>>\n#include "kern/two.h"\n@\n',
            "<<src/kern/two.h>>=\n<<license>>\n#define TWO 2\n@\n"))
        n, out = t.check()
        self.assertIn("chapter 01 includes src/kern/two.h", out)

    def test_a_chunk_used_before_its_chapter_fails(self):
        t = self.tree(two_chapters(
            "<<src/kern/one.c>>=\n<<license>>\n<<more>>\n@\n",
            "<<more>>=\nint more;\n@\n"))
        n, out = t.check()
        self.assertIn("chapter 01 uses chunk <<more>>, which only chapter "
                      "02", out)

    def test_an_extension_point_opened_early_passes(self):
        t = self.tree(two_chapters(
            "<<src/kern/one.c>>=\n<<license>>\n<<more>>\n@\n"
            "<<more>>=\n/* later chapters add theirs */\n@\n",
            "<<more>>=\nint more;\n@\n"))
        n, out = t.check()
        self.assertEqual(n, 0, out)

    def test_a_static_function_of_another_file_is_not_seen(self):
        t = self.tree(two_chapters(
            ONE_CALLS_TWO.replace("void\n    two", "static void\n    two"),
            TWO_DEFINES_TWO.replace("void\n    two",
                                    "static void\n    two")))
        n, out = t.check()
        self.assertEqual(n, 0, out)

    def test_another_program_is_not_seen(self):
        t = self.tree(two_chapters(
            ONE_CALLS_TWO.replace("src/kern/one.c", "src/boot/mkdisk.c"),
            TWO_DEFINES_TWO))
        n, out = t.check()
        self.assertEqual(n, 0, out)

    def test_the_c_library_calling_main_is_not_a_forward_call(self):
        t = self.tree(two_chapters(
            ONE_CALLS_TWO.replace("src/kern/one.c", "user/lib/start.c"),
            TWO_DEFINES_TWO.replace("src/kern/two.c", "user/bin/prog.c")))
        n, out = t.check()
        self.assertEqual(n, 0, out)

    def test_a_program_calling_a_later_c_library_function_fails(self):
        t = self.tree(two_chapters(
            ONE_CALLS_TWO.replace("src/kern/one.c", "user/bin/sh/main.c"),
            TWO_DEFINES_TWO.replace("src/kern/two.c", "user/lib/two.c")))
        n, out = t.check()
        self.assertIn("chapter 01 calls two, which only chapter 02", out)

    def test_one_user_program_does_not_see_another(self):
        t = self.tree(two_chapters(
            ONE_CALLS_TWO.replace("src/kern/one.c", "user/bin/cat.c"),
            TWO_DEFINES_TWO.replace("src/kern/two.c", "user/sbin/init.c")))
        n, out = t.check()
        self.assertEqual(n, 0, out)

    def test_a_gap_in_the_numbers_fails(self):
        chapters = two_chapters("Text.\n", "Text.\n")
        chapters["03-three.nw"] = chapters.pop("02-two.nw")
        t = self.tree(chapters)
        n, out = t.check()
        self.assertIn("without a gap", out)

    def test_a_chapter_file_with_a_letter_is_named_not_a_traceback(self):
        # A chapter squeezed in as 01a- has no place in the order until
        # it is renumbered: said plainly, before any check of the order.
        chapters = two_chapters(ONE_CALLS_TWO, TWO_DEFINES_TWO)
        chapters["01a-between.nw"] = chapter(
            2, "between",
            TWO_DEFINES_TWO.replace("two", "three") +
            ONE_CALLS_TWO.replace("one", "four").replace("two", "three"))
        t = self.tree(chapters)
        n, out = t.check()
        self.assertIn("01a-between.nw: a chapter file is named NN-topic.nw",
                      out)
        self.assertNotIn("Traceback", out)
        self.assertGreater(n, 0, out)

    def test_a_chapter_needs_one_chapter_and_its_label(self):
        chapters = two_chapters("Text.\n", "Text.\n")
        chapters["02-two.nw"] = "\\chapter{Two}\nNo label.\n"
        t = self.tree(chapters)
        n, out = t.check()
        self.assertIn("must be followed by \\label{chap:NAME}", out)

    def test_a_chapter_named_by_number_fails(self):
        t = self.tree(two_chapters("As Chapter 2 shows.\n",
                                   "As Chapter~\\ref{chap:one} shows.\n"),
                      {"README.md": "See chapter 1.\n"})
        n, out = t.check()
        self.assertIn('"Chapter 2" names a chapter by number', out)
        self.assertIn('README.md:1: "chapter 1"', out)
        self.assertEqual(n, 2, out)

    def test_a_reference_to_no_chapter_fails(self):
        t = self.tree(two_chapters("See Chapter~\\ref{chap:nine}.\n",
                                   "Text.\n"))
        n, out = t.check()
        self.assertIn("\\ref{chap:nine}: no chapter has this label", out)

    def test_a_path_that_does_not_exist_fails(self):
        t = self.tree(two_chapters(
            "See [[tests/kern/none.c]] and [[book/02-two.nw]] and "
            "[[labs/LAB/README.md]].\n", "Text.\n"))
        n, out = t.check()
        self.assertIn("tests/kern/none.c does not exist", out)
        self.assertEqual(n, 1, out)

    def test_a_file_the_reader_writes_is_declared(self):
        t = self.tree(two_chapters(
            "%check-book: the reader writes tests/kern/yours.c\n"
            "Write [[tests/kern/yours.c]]; not [[tests/kern/mine.c]].\n",
            "Text.\n"))
        n, out = t.check()
        self.assertNotIn("yours.c does not exist", out)
        self.assertIn("tests/kern/mine.c does not exist", out)
        self.assertEqual(n, 1, out)

    def test_a_part_of_several_holes_numbers_them_all(self):
        """A [[part]] may list several holes: each is marked with that
        part's number, in the book and in the handout; a hole no part
        lists keeps its place's number."""
        lab = ('[lab]\nname = "x"\nhandin = ["book/01-one.nw"]\n'
               '[[hole]]\nfile = "book/01-one.nw"\nchunk = "a"\n'
               'stub = "s"\n'
               '[[hole]]\nfile = "book/01-one.nw"\nchunk = "b"\n'
               'stub = "s"\n'
               '[[hole]]\nfile = "book/01-one.nw"\nchunk = "c"\n'
               'stub = "s"\n'
               '[[part]]\nnumber = 1\nholes = ["a", "b"]\ntests = []\n')
        readme = ("| part | chunk |\n|---|---|\n| 1 | `<<a>>` |\n"
                  "| 1 | `<<b>>` |\n| 3 | `<<c>>` |\n")
        body = ("In the x lab this chunk is yours: part 1.\n\n<<a>>=\n@\n"
                "In the x lab this chunk is yours: part %s.\n\n<<b>>=\n@\n"
                "In the x lab this chunk is yours: part 3.\n\n<<c>>=\n@\n")
        good = self.tree(two_chapters(body % "1", "Text.\n"),
                         {"labs/x/lab.toml": lab, "labs/x/README.md": readme})
        n, out = good.check()
        self.assertEqual(n, 0, out)
        bad = self.tree(two_chapters(body % "2", "Text.\n"),
                        {"labs/x/lab.toml": lab, "labs/x/README.md": readme})
        n, out = bad.check()
        self.assertIn("<<b>> is part 1 of the x lab", out)
        self.assertEqual(n, 1, out)

    def test_a_function_without_its_comment_fails(self):
        t = self.tree(two_chapters(
            "<<src/kern/one.c>>=\n<<license>>\nint x;\n\nvoid\none(void)\n"
            "{\n}\n@\n", "Text.\n"))
        n, out = t.check()
        self.assertIn("src/kern/one.c:4: one has no comment just above it",
                      out)
        self.assertEqual(n, 1, out)


class RealBook(unittest.TestCase):
    """The book as it is, and as it would be without its extension
    points: the check must tell the two apart."""

    def copy(self):
        d = tempfile.mkdtemp(prefix="check-book-real-")
        self.addCleanup(shutil.rmtree, d, True)
        for sub in ("book", "src", "labs", "tests", "tools", "grading"):
            shutil.copytree(os.path.join(ROOT, sub), os.path.join(d, sub))
        for f in ("README.md", "Makefile"):
            shutil.copy(os.path.join(ROOT, f), d)
        return d

    def forward_calls(self, top):
        out = io.StringIO()
        cb.check(top, out=out)
        return [l for l in out.getvalue().split("\n")
                if "which only chapter" in l]

    def edit(self, top, name, old, new):
        path = os.path.join(top, "book", name)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        self.assertIn(old, text, "the book changed: update this test")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(old, new, 1))

    def test_the_book_has_no_forward_call(self):
        self.assertEqual(self.forward_calls(ROOT), [])

    def test_a_boot_step_called_by_name_from_chapter_01_fails(self):
        top = self.copy()
        self.edit(top, "01-multiboot.nw", "\tsysinit_run();\n",
                  "\tsysinit_run();\n\tcons_init();\n")
        got = self.forward_calls(top)
        self.assertEqual(len(got), 1, got)
        self.assertIn("chapter 01 calls cons_init, which only chapter 03",
                      got[0])

    def test_a_new_chapter_plugs_in_without_editing_an_earlier_one(self):
        """Part III's first chapter, as tests/checkbook/21-hello.nw.example
        writes it: a boot step, a per-CPU field and its initializer, a
        tick hook and a monitor command, and no earlier file touched."""
        top = self.copy()
        # It goes after the last chapter, whatever number that has now.
        last = max(int(f[:2]) for f in os.listdir(os.path.join(top, "book"))
                   if re.match(r"\d\d-.*\.nw$", f))
        name = "%02d-hello.nw" % (last + 1)
        with open(os.path.join(ROOT, "tests", "checkbook",
                               "21-hello.nw.example"), encoding="utf-8") as f:
            text = f.read().replace("book/21-hello.nw", "book/" + name)
        with open(os.path.join(top, "book", name), "w",
                  encoding="utf-8") as f:
            f.write(text)
        out = io.StringIO()
        n = cb.check(top, out=out)
        self.assertEqual(n, 0, out.getvalue())

    def test_the_scheduler_called_from_the_tick_fails(self):
        top = self.copy()
        self.edit(top, "13-apic.nw",
                  "\t\tth->th_func(gd, tf);\n",
                  "\t\tth->th_func(gd, tf);\n\tlwkt_schedulerclock();\n")
        got = self.forward_calls(top)
        self.assertEqual(len(got), 1, got)
        self.assertIn("chapter 13 calls lwkt_schedulerclock, which only "
                      "chapter 17", got[0])


if __name__ == "__main__":
    unittest.main()
