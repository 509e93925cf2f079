"""Reading labs/LAB/lab.toml (PROTOCOL.md section 5) and ordering labs.

Every problem in a lab.toml is reported as a GradeError that names the
file and the field, so that an instructor can fix it without reading
this code.
"""

import os
import re
import tomllib
from dataclasses import dataclass, field

from .errors import GradeError

#: What a lab or test name may look like (it becomes part of file names).
NAME_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")

#: Defaults for runs that no lab.toml describes (--kernel --tests ...).
DEFAULT_CPUS = [1]
DEFAULT_SEEDS = [1]
DEFAULT_TIMEOUT = 60


@dataclass
class Hole:
    """A noweb chunk that the lab's starter replaces with a stub."""
    file: str    # book file, relative to the tree
    chunk: str   # chunk name, without << >>=
    stub: str    # stub file, relative to labs/LAB/


@dataclass
class LabTest:
    """One graded ktest and the runs it needs."""
    name: str
    points: float
    cpus: list
    seeds: list
    timeout: float
    quiet: float = None     # progress limit (s); None: the grader's default
    part: object = None     # its Part, if the lab has [[part]]s


@dataclass
class Part:
    """A part of a lab as its handout numbers it: the holes the student
    writes for it and the tests that grade it."""
    number: int
    title: str
    holes: list = field(default_factory=list)    # chunk names
    tests: list = field(default_factory=list)    # test names

    @property
    def label(self):
        return f"part {self.number}: {self.title}"


@dataclass
class Lab:
    """A lab as described by its lab.toml."""
    name: str
    title: str
    directory: str
    prerequisites: list = field(default_factory=list)
    handin: list = field(default_factory=list)
    holes: list = field(default_factory=list)
    tests: list = field(default_factory=list)
    parts: list = field(default_factory=list)
    starter_score: float = 0.0   # what the starter scores (its handout says)

    @property
    def max_score(self):
        return sum(t.points for t in self.tests)

    def part_of(self, test_name):
        """The Part that test TEST_NAME belongs to, or None."""
        return next((p for p in self.parts if test_name in p.tests), None)


def labs_dir(ref):
    """The labs/ directory of reference tree REF."""
    return os.path.join(ref, "labs")


def lab_names(ref):
    """Names of the labs of REF (directories holding a lab.toml), sorted."""
    top = labs_dir(ref)
    if not os.path.isdir(top):
        return []
    return sorted(d for d in os.listdir(top)
                  if os.path.isfile(os.path.join(top, d, "lab.toml")))


def load_lab(ref, name):
    """Read and check labs/NAME/lab.toml of reference tree REF."""
    names = lab_names(ref)
    if name not in names:
        known = ", ".join(names) if names else "none"
        raise GradeError(f"no lab named {name!r} in {labs_dir(ref)} "
                         f"(labs with a lab.toml: {known})")
    directory = os.path.join(labs_dir(ref), name)
    path = os.path.join(directory, "lab.toml")
    try:
        with open(path, "rb") as f:
            doc = tomllib.load(f)
    except OSError as e:
        raise GradeError(f"{path}: cannot read: {e.strerror}") from None
    except tomllib.TOMLDecodeError as e:
        raise GradeError(f"{path}: not valid TOML: {e}") from None
    return _parse(doc, path, name, directory)


def _parse(doc, path, dirname, directory):
    """Build a Lab from the parsed TOML DOC, checking every field."""
    head = doc.get("lab")
    if not isinstance(head, dict):
        raise GradeError(f"{path}: missing [lab] table")
    where = f"{path}: [lab]"
    name = _get(head, "name", str, where)
    if name != dirname:
        raise GradeError(f"{where} name = {name!r} but the directory is "
                         f"labs/{dirname}/: they must agree")
    cpus = _int_list(head, "cpus", where)
    seeds = _int_list(head, "seeds", where, minimum=0)
    timeout = _positive(head, "timeout", where)
    quiet = _nonnegative(head, "progress_timeout", where, None)
    lab = Lab(name=name,
              title=_get(head, "title", str, where, default=name),
              directory=directory,
              prerequisites=_str_list(head, "prerequisites", where, []),
              handin=_str_list(head, "handin", where),
              starter_score=_nonnegative(head, "starter_score", where, 0.0))
    for rel in lab.handin:
        _check_relative(rel, f"{where} handin")
    if name in lab.prerequisites:
        raise GradeError(f"{where} lists itself as a prerequisite")

    for i, h in enumerate(_table_list(doc, "hole", path), 1):
        w = f"{path}: [[hole]] number {i}"
        hole = Hole(_get(h, "file", str, w), _get(h, "chunk", str, w),
                    _get(h, "stub", str, w))
        _check_relative(hole.file, f"{w} file")
        _check_relative(hole.stub, f"{w} stub")
        if not os.path.isfile(os.path.join(directory, hole.stub)):
            raise GradeError(f"{w}: stub file labs/{name}/{hole.stub} "
                             f"does not exist")
        lab.holes.append(hole)

    seen = set()
    for i, t in enumerate(_table_list(doc, "test", path), 1):
        w = f"{path}: [[test]] number {i}"
        tname = _get(t, "name", str, w)
        if not NAME_RE.match(tname):
            raise GradeError(f"{w}: name {tname!r} is not a ktest name")
        if tname in seen:
            raise GradeError(f"{w}: test {tname!r} is listed twice")
        seen.add(tname)
        w = f"{path}: test {tname!r}"
        lab.tests.append(LabTest(
            name=tname,
            points=_positive(t, "points", w),
            cpus=_int_list(t, "cpus", w, default=cpus),
            seeds=_int_list(t, "seeds", w, default=seeds, minimum=0),
            timeout=_positive(t, "timeout", w, default=timeout),
            quiet=_nonnegative(t, "progress_timeout", w, quiet)))
    if not lab.tests:
        raise GradeError(f"{path}: the lab has no [[test]]")
    _parse_parts(doc, path, lab)
    return lab


def _parse_parts(doc, path, lab):
    """Read the [[part]] tables: each names its number (the handout's),
    title, holes (chunk names of [[hole]]) and tests; when a lab has
    parts, every test belongs to exactly one."""
    holes = {h.chunk for h in lab.holes}
    tests = {t.name: t for t in lab.tests}
    numbers = set()
    for i, p in enumerate(_table_list(doc, "part", path), 1):
        w = f"{path}: [[part]] number {i}"
        number = _get(p, "number", int, w)
        if number < 1 or number in numbers:
            raise GradeError(f"{w}: number {number} must be a positive "
                             f"integer that no other part has")
        numbers.add(number)
        part = Part(number, _get(p, "title", str, w),
                    _str_list(p, "holes", w, []), _str_list(p, "tests", w))
        for chunk in part.holes:
            if chunk not in holes:
                raise GradeError(f"{w}: hole {chunk!r} is not the chunk of "
                                 f"any [[hole]]")
        for name in part.tests:
            if name not in tests:
                raise GradeError(f"{w}: test {name!r} is not a [[test]] of "
                                 f"the lab")
            if tests[name].part is not None:
                raise GradeError(f"{w}: test {name!r} is already in part "
                                 f"{tests[name].part.number}")
            tests[name].part = part
        lab.parts.append(part)
    lab.parts.sort(key=lambda p: p.number)
    orphans = [t.name for t in lab.tests if t.part is None]
    if lab.parts and orphans:
        raise GradeError(f"{path}: test(s) in no [[part]]: "
                         f"{', '.join(orphans)}")


_MISSING = object()


def _get(table, key, kind, where, default=_MISSING):
    """TABLE[KEY], which must be of type KIND."""
    if key not in table:
        if default is _MISSING:
            raise GradeError(f"{where}: missing field {key!r}")
        return default
    value = table[key]
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise GradeError(f"{where}: field {key!r} must be a "
                         f"{kind.__name__}, not {value!r}")
    return value


def _positive(table, key, where, default=_MISSING):
    value = _get(table, key, float, where, default)
    if value <= 0:
        raise GradeError(f"{where}: field {key!r} must be positive")
    return value


def _nonnegative(table, key, where, default=_MISSING):
    value = _get(table, key, float, where, default)
    if value is not None and value < 0:
        raise GradeError(f"{where}: field {key!r} must not be negative")
    return value


def _int_list(table, key, where, default=_MISSING, minimum=1):
    value = _get(table, key, list, where, default)
    if not value or not all(isinstance(v, int) and not isinstance(v, bool)
                            and v >= minimum for v in value):
        raise GradeError(f"{where}: field {key!r} must be a non-empty list "
                         f"of integers >= {minimum}, not {value!r}")
    return list(value)


def _str_list(table, key, where, default=_MISSING):
    value = _get(table, key, list, where, default)
    if not all(isinstance(v, str) and v for v in value):
        raise GradeError(f"{where}: field {key!r} must be a list of "
                         f"non-empty strings, not {value!r}")
    return list(value)


def _table_list(doc, key, path):
    value = doc.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict)
                                              for v in value):
        raise GradeError(f"{path}: {key} must be written [[{key}]]")
    return value


def _check_relative(rel, where):
    """Refuse absolute paths and '..' in paths taken from a lab.toml."""
    parts = rel.replace("\\", "/").split("/")
    if rel.startswith("/") or ".." in parts:
        raise GradeError(f"{where}: {rel!r} must be a path inside the tree")


def in_prerequisite_order(ref, names=None):
    """Load the labs NAMES (default: all) and their prerequisites, and
    return them so that every lab comes after its prerequisites; labs
    that do not depend on each other keep alphabetical order."""
    names = lab_names(ref) if names is None else list(names)
    loaded, order, state = {}, [], {}

    def visit(name, path):
        if state.get(name) == "done":
            return
        if state.get(name) == "visiting":
            cycle = " -> ".join(path + [name])
            raise GradeError(f"lab prerequisites form a cycle: {cycle}")
        state[name] = "visiting"
        lab = loaded.get(name) or load_lab(ref, name)
        loaded[name] = lab
        for pre in lab.prerequisites:
            if pre not in lab_names(ref):
                raise GradeError(f"lab {name!r} has unknown prerequisite "
                                 f"{pre!r}")
            visit(pre, path + [name])
        state[name] = "done"
        order.append(lab)

    for name in names:
        visit(name, [])
    return order


def adhoc_lab(test_names, cpus=None, seeds=None, timeout=None):
    """A lab-like description for `--kernel K --tests a,b` without --lab:
    each test is worth one point."""
    lab = Lab(name="tests", title="ad hoc tests", directory="")
    for name in test_names:
        lab.tests.append(LabTest(name, 1.0, list(cpus or DEFAULT_CPUS),
                                 list(seeds or DEFAULT_SEEDS),
                                 float(timeout or DEFAULT_TIMEOUT)))
    return lab
