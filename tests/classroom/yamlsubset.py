"""A parser for the small part of YAML that a simple GitHub workflow uses.

Python's standard library has no YAML parser, so tests/classroom/run reads
grading/classroom/naiad-grade.yml with this one.  It knows block mappings,
block sequences (with a mapping starting on the dash's line), plain,
single- and double-quoted scalars, integers, true/false/null and comments.
Anything else (flow collections, anchors, tags, block scalars `|` `>`,
tabs, several documents, a duplicated key) is refused with its line
number, never guessed: a workflow that needs more must grow this parser
and its test together.
"""

import json
import re


class YamlSubsetError(ValueError):
    pass


INDICATORS = set("[]{}&*!|>%@`")
INT_RE = re.compile(r"^-?\d+$")


def _strip_comment(text, lineno):
    """TEXT without a trailing comment (a # after a space, outside
    quotes)."""
    quote = None
    for i, c in enumerate(text):
        if quote:
            if c == quote:
                quote = None
        elif c in "\"'" and (i == 0 or text[i - 1] in " :-"):
            quote = c
        elif c == "#" and (i == 0 or text[i - 1] == " "):
            return text[:i].rstrip()
    if quote:
        raise YamlSubsetError(f"line {lineno}: unterminated quote")
    return text.rstrip()


def _lines(text):
    out = []
    for n, raw in enumerate(text.split("\n"), 1):
        if "\t" in raw[:len(raw) - len(raw.lstrip())]:
            raise YamlSubsetError(f"line {n}: a tab in the indentation")
        body = _strip_comment(raw.strip(), n)
        if not body:
            continue
        if body in ("---", "...") or body.startswith("%"):
            raise YamlSubsetError(f"line {n}: documents and directives "
                                  f"are not in the subset")
        out.append([len(raw) - len(raw.lstrip(" ")), body, n])
    return out


def scalar(text, lineno):
    if text.startswith('"'):
        if len(text) < 2 or not text.endswith('"'):
            raise YamlSubsetError(f"line {lineno}: bad double-quoted "
                                  f"scalar")
        try:
            return json.loads(text)
        except ValueError:
            raise YamlSubsetError(f"line {lineno}: an escape outside the "
                                  f"subset in {text}") from None
    if text.startswith("'"):
        inner = text[1:-1]
        if len(text) < 2 or not text.endswith("'") or \
                "'" in inner.replace("''", ""):
            raise YamlSubsetError(f"line {lineno}: bad single-quoted "
                                  f"scalar")
        return inner.replace("''", "'")
    if text[0] in INDICATORS:
        raise YamlSubsetError(f"line {lineno}: {text!r} starts with an "
                              f"indicator outside the subset")
    if ": " in text or text.endswith(":"):
        raise YamlSubsetError(f"line {lineno}: {text!r}: a colon in a "
                              f"plain scalar (quote it)")
    if text in ("null", "~"):
        return None
    if text in ("true", "false"):
        return text == "true"
    if INT_RE.match(text):
        return int(text)
    return text


def _starts_mapping(text):
    """True when TEXT (after a dash) is 'key: ...' or 'key:'."""
    if text[0] in "'\"":
        end = text.find(text[0], 1)
        return end != -1 and text[end + 1:end + 2] == ":"
    return ": " in text or text.endswith(":")


def _is_item(body):
    return body == "-" or body.startswith("- ")


def _split_key(body, lineno):
    """'key: rest' -> (key, rest); rest '' when the value follows below."""
    if body.startswith(("'", '"')):
        end = body.find(body[0], 1)
        while body[0] == "'" and end != -1 and body[end:end + 2] == "''":
            end = body.find("'", end + 2)
        if end == -1:
            raise YamlSubsetError(f"line {lineno}: unterminated key")
        key, rest = scalar(body[:end + 1], lineno), body[end + 1:]
    else:
        i = body.find(": ")
        if i == -1 and body.endswith(":"):
            i = len(body) - 1
        if i == -1:
            raise YamlSubsetError(f"line {lineno}: {body!r} is neither "
                                  f"'key: value' nor '- item'")
        key, rest = scalar(body[:i], lineno), body[i:]
    if not rest.startswith(":") or (len(rest) > 1 and rest[1] != " "):
        raise YamlSubsetError(f"line {lineno}: no ': ' after the key")
    return key, rest[1:].strip()


def _block(lines, i, indent):
    if _is_item(lines[i][1]):
        return _sequence(lines, i, indent)
    return _mapping(lines, i, indent)


def _value_below(lines, i, indent, lineno):
    """The value of a key whose line ends with ':' (at lines[i-1])."""
    if i < len(lines) and lines[i][0] > indent:
        return _block(lines, i, lines[i][0])
    if i < len(lines) and lines[i][0] == indent and _is_item(lines[i][1]):
        return _sequence(lines, i, indent)
    return None, i


def _mapping(lines, i, indent):
    out = {}
    while i < len(lines) and lines[i][0] == indent \
            and not _is_item(lines[i][1]):
        _, body, lineno = lines[i]
        key, rest = _split_key(body, lineno)
        if key in out:
            raise YamlSubsetError(f"line {lineno}: key {key!r} twice")
        if rest:
            out[key], i = scalar(rest, lineno), i + 1
        else:
            out[key], i = _value_below(lines, i + 1, indent, lineno)
    if i < len(lines) and lines[i][0] > indent:
        raise YamlSubsetError(f"line {lines[i][2]}: unexpected indentation")
    return out, i


def _sequence(lines, i, indent):
    out = []
    while i < len(lines) and lines[i][0] == indent and _is_item(lines[i][1]):
        _, body, lineno = lines[i]
        content = body[1:].lstrip(" ")
        if not content:
            if i + 1 < len(lines) and lines[i + 1][0] > indent:
                value, i = _block(lines, i + 1, lines[i + 1][0])
            else:
                value, i = None, i + 1
        elif _is_item(content):
            raise YamlSubsetError(f"line {lineno}: nested '- -' is not in "
                                  f"the subset")
        elif _starts_mapping(content):
            # A mapping that starts on the dash's line, at the column of
            # its first key.
            col = indent + (len(body) - len(content))
            lines[i] = [col, content, lineno]
            value, i = _mapping(lines, i, col)
        else:
            value, i = scalar(content, lineno), i + 1
        out.append(value)
    return out, i


def load(text):
    """The value of YAML document TEXT (within the subset)."""
    lines = _lines(text)
    if not lines:
        return None
    if lines[0][0] != 0:
        raise YamlSubsetError(f"line {lines[0][2]}: the document must "
                              f"start at column 0")
    value, i = _block(lines, 0, 0)
    if i != len(lines):
        raise YamlSubsetError(f"line {lines[i][2]}: unexpected content")
    return value
