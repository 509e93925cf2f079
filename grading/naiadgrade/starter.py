"""The starter version of a lab's book files: each hole's chunk body
replaced by its stub.  tools/lab-start writes these for students; the
grader uses them for a hand-in file a submission lacks, so that handing
in nothing earns nothing."""

import os

from .errors import GradeError
from .labprose import hide_solution_prose
from .noweb import replace_chunk


def starter_books(lab, top):
    """The book files of LAB with each hole's chunk body replaced by its
    stub, as {relative path: new text}, and what was done.  Everything is
    checked before anything is written."""
    texts, done = {}, []
    for hole in lab.holes:
        stub = os.path.join(lab.directory, hole.stub)
        try:
            if hole.file not in texts:
                with open(os.path.join(top, hole.file), encoding="utf-8") as f:
                    texts[hole.file] = f.read()
            with open(stub, encoding="utf-8") as f:
                body = f.read()
        except OSError as e:
            raise GradeError(f"lab {lab.name}: hole in {hole.file}: "
                             f"{e.filename}: {e.strerror}") from None
        texts[hole.file] = replace_chunk(texts[hole.file], hole.chunk, body,
                                         where=hole.file)
        texts[hole.file] = hide_solution_prose(texts[hole.file], hole.chunk,
                                               where=hole.file)
        done.append(f"{hole.file}: <<{hole.chunk}>> replaced by "
                    f"labs/{lab.name}/{hole.stub}")
    return texts, done
