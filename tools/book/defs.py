# Copyright (c) 2026 The Naiad authors.  All rights reserved.
# SPDX-License-Identifier: BSD-2-Clause
"""The identifiers the book defines, for its index.

noweb's own finder (autodefs.c) misses most functions and every
structure, and takes uint32_t and __attribute__ for definitions.  This
one reads the code of each chunk as the language of the file it tangles
into (C, assembly, linker script) and finds, in Naiad's style (KNF: a
function's name at the start of its line):

- functions with a body; a prototype only where no chunk has the body
  (the function is written in assembly);
- structures, unions and enumerations, and the constants of an enum;
- typedefs and macros (not include guards);
- global variables (an extern declaration only where nothing defines it);
- global labels of assembly and symbols of the linker script.

Standard types, keywords and the C library's names are left out
(STOP): a reader does not look up uint32_t or memcpy in this book.
"""
import re

C_KEYWORDS = set("""auto break case char const continue default do double
else enum extern float for goto if inline int long register restrict return
short signed sizeof static struct switch typedef union unsigned void volatile
while _Bool _Complex _Alignas _Alignof _Atomic _Generic _Noreturn
_Static_assert _Thread_local asm __asm__ __volatile__ __attribute__
__builtin_expect typeof __typeof__""".split())

STANDARD = set("""int8_t int16_t int32_t int64_t uint8_t uint16_t uint32_t
uint64_t intptr_t uintptr_t intmax_t uintmax_t size_t ssize_t ptrdiff_t
off_t bool true false NULL va_list va_start va_arg va_end va_copy offsetof
static_assert assert CHAR_BIT INT_MAX INT_MIN UINT_MAX UINT32_MAX
INT32_MAX UINT8_MAX UINT16_MAX UINT64_MAX SIZE_MAX""".split())

LIBC = set("""memcpy memmove memset memcmp memchr strlen strnlen strcmp
strncmp strcpy strncpy strcat strncat strchr strrchr strstr strtol strtoul
atoi printf fprintf sprintf snprintf vprintf vfprintf vsprintf vsnprintf
puts putchar getchar malloc calloc realloc free abort exit qsort bsearch
isdigit isalpha isspace isxdigit isupper islower toupper tolower errno
main start end""".split())

STOP = C_KEYWORDS | STANDARD | LIBC

IDENT = r"[A-Za-z_]\w*"
MACRO = re.compile(r"^\s*#\s*define\s+(%s)" % IDENT)
GUARD = re.compile(r"^\s*#\s*ifndef\s+(%s)" % IDENT)
TAG = re.compile(r"^(typedef\s+)?(struct|union|enum)\s+(%s)\s*(\{)?"
                 % IDENT)
ANON_ENUM = re.compile(r"^(?:typedef\s+)?enum\s*\{")
TYPEDEF_FNPTR = re.compile(r"\(\s*\*\s*(%s)\s*\)\s*\(" % IDENT)
TYPEDEF_LAST = re.compile(r"(%s)\s*(?:\[[^\]]*\]\s*)*;" % IDENT)
TYPEDEF_CLOSE = re.compile(r"^\}\s*(%s)\s*;" % IDENT)
ENUM_MEMBER = re.compile(r"^\s+(%s)\s*(?:=|,|$|/\*)" % IDENT)
FUNC = re.compile(r"^((?:%s[\s\*]+)*?)(%s)\s*\(" % (IDENT, IDENT))
FNPTR_VAR = re.compile(r"^([\w\s\*]*?)\(\s*\*\s*(%s)\s*\)\s*\(" % IDENT)
ATTR = r"__attribute__\s*\(\(.*?\)\)"
QUALS = r"(?:static|extern|volatile|const|unsigned|signed|register|%s)" % ATTR
VAR = re.compile(
    r"^(?P<quals>(?:%s\s+)*)(?:(?:struct|union|enum)\s+%s|%s)"
    r"(?:\s+|\s*\*+\s*)(?:(?:const|volatile)\s+|\*\s*)*(?P<name>%s)\s*"
    r"(?:\[[^\]]*\]\s*)*(?:%s\s*)?(?:=|;|,)" % (QUALS, IDENT, IDENT, IDENT,
                                                 ATTR))
ASM_GLOBL = re.compile(r"^\s*\.globa?l\s+(.*)$")
ASM_LABEL = re.compile(r"^(%s):" % IDENT)
LD_SYMBOL = re.compile(r"^\s*(?:PROVIDE\s*\(\s*)?(%s)\s*=" % IDENT)


def _after_parens(lines, row, col):
    """What follows the parenthesized list that opens at lines[row][col]:
    "{" (a body), ";" (a declaration) or None."""
    depth = 0
    text = "\n".join(lines[row:row + 30])
    i = col
    while i < len(text):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                rest = text[i + 1:]
                rest = re.sub(r"^(?:\s|/\*.*?\*/|%s)*" % ATTR, "", rest,
                              flags=re.S)
                if rest.startswith("{"):
                    return "{"
                if rest[:1] in (";", ","):
                    return ";"
                return None
        i += 1
    return None


def find_c(lines):
    """[(row, name, how)] for the definitions in C lines; how is "def",
    or "decl" for a prototype or extern declaration."""
    found = []
    guards = {m.group(1) for m in (GUARD.match(l) for l in lines) if m}
    enum_open = False
    typedef_open = False
    continued = False
    for row, line in enumerate(lines):
        # The inside of a multi-line macro is not at file scope.
        was_continued, continued = continued, line.rstrip().endswith("\\")
        if was_continued:
            continue
        m = MACRO.match(line)
        if m:
            if m.group(1) not in guards:
                found.append((row, m.group(1), "def"))
            continue
        if enum_open:
            if line.lstrip().startswith("}"):
                enum_open = False
            else:
                m = ENUM_MEMBER.match(line)
                if m:
                    found.append((row, m.group(1), "def"))
                continue
        if typedef_open and line.startswith("}"):
            typedef_open = False
            m = TYPEDEF_CLOSE.match(line)
            if m:
                found.append((row, m.group(1), "def"))
            continue
        if not line or line[0] in " \t#/*{}":
            continue
        m = TAG.match(line)
        if m and "(" not in line.split("{")[0]:
            opens = m.group(4) or (row + 1 < len(lines)
                                   and lines[row + 1].startswith("{"))
            if opens:
                found.append((row, m.group(3), "def"))
                if m.group(2) == "enum":
                    enum_open = "}" not in line
                if m.group(1) and "}" not in line:
                    typedef_open = True
                continue
        if ANON_ENUM.match(line):
            enum_open = "}" not in line
            typedef_open = line.startswith("typedef") and not enum_open
            continue
        if line.startswith("typedef"):
            if "{" in line and "}" not in line:
                typedef_open = True
                continue
            m = TYPEDEF_FNPTR.search(line) or TYPEDEF_LAST.search(line)
            if m:
                found.append((row, m.group(1), "def"))
            continue
        extern = line.startswith("extern")
        m = FNPTR_VAR.match(line)
        if m and "=" not in m.group(1):
            found.append((row, m.group(2), "decl" if extern else "def"))
            continue
        m = FUNC.match(line)
        if m and "=" not in m.group(1):
            name = m.group(2)
            if name in C_KEYWORDS or name.upper() == name:
                continue
            after = _after_parens(lines, row, m.end() - 1)
            if after == "{":
                found.append((row, name, "def"))
            elif after == ";":
                found.append((row, name, "decl"))
            continue
        m = VAR.match(line)
        if m:
            how = "decl" if "extern" in m.group("quals") else "def"
            found.append((row, m.group("name"), how))
    return found


def find_asm(lines):
    found, globl = [], set()
    for line in lines:
        m = ASM_GLOBL.match(line)
        if m:
            globl.update(n.strip() for n in m.group(1).split(","))
    for row, line in enumerate(lines):
        m = MACRO.match(line)
        if m:
            found.append((row, m.group(1), "def"))
            continue
        m = ASM_LABEL.match(line)
        if m and m.group(1) in globl:
            found.append((row, m.group(1), "def"))
    return found


def find_ld(lines):
    found = []
    for row, line in enumerate(lines):
        m = LD_SYMBOL.match(line)
        if m and m.group(1) != ".":
            found.append((row, m.group(1), "def"))
    return found


FINDERS = {"c": find_c, "asm": find_asm, "ld": find_ld}

# A local variable or parameter: a type, then the name, then one of ;,)=[
LOCAL = re.compile(
    r"\b(?:char|short|int|long|unsigned|signed|bool|size_t|u?int(?:8|16|32|"
    r"64|ptr)_t|\w+_t|(?:struct|union|enum)\s+\w+)\b[\s\*]*(?:const\s+)?"
    r"\**\s*(%s)\s*(?=[;,)=\[])" % IDENT)


def locals_of(lines):
    """Names declared as local variables or parameters in C lines (not
    structure members): an identifier that is also one of those would
    link every use of the local to the global, so the index leaves it
    out."""
    names = set()
    stack = []
    for line in lines:
        code = re.sub(r'"(?:\\.|[^"\\])*"|/\*.*?(?:\*/|$)', "", line)
        member = bool(stack) and stack[-1] == "struct"
        if not member:
            if line[:1] in (" ", "\t"):
                names.update(LOCAL.findall(code))
            elif "(" in code and not code.startswith("#"):
                names.update(LOCAL.findall(code[code.index("("):]))
        opener = ("struct" if re.match(r"^\s*(?:typedef\s+)?(?:struct|union|"
                                        r"enum)\b[^;(=]*\{", code)
                  else "block")
        for c in code:
            if c == "{":
                stack.append(opener)
            elif c == "}" and stack:
                stack.pop()
    return names


def language(root):
    """The language of a root chunk's file: c, asm, ld, or None."""
    ext = root.rsplit(".", 1)[-1] if "." in root else ""
    return {"c": "c", "h": "c", "S": "asm", "s": "asm", "ld": "ld"}.get(ext)


def definitions(chunks):
    """chunks: [(lang, [line text])] in book order.  Returns, for each
    chunk, [(row, name)] of the definitions to index: a declaration only
    where no chunk defines the name."""
    raw = []
    for lang, lines in chunks:
        finder = FINDERS.get(lang)
        raw.append(finder(lines) if finder else [])
    defined = {name for found in raw for _, name, how in found
               if how == "def"}
    ambiguous = set()
    for lang, lines in chunks:
        if lang == "c":
            ambiguous |= locals_of(lines)
    result = []
    for found in raw:
        keep, seen = [], set()
        for row, name, how in found:
            if (name in STOP or name in ambiguous
                    or (how == "decl" and name in defined)):
                continue
            if (row, name) in seen:
                continue
            seen.add((row, name))
            keep.append((row, name))
        result.append(keep)
    return result
