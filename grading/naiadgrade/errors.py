"""The exceptions the grader raises on purpose."""


class GradeError(Exception):
    """A problem the instructor must fix (bad lab name, broken lab.toml,
    missing emulator, no sandbox...).

    The command line prints the message, without a traceback, writes it
    as the reason in every report it was to write, and exits with status
    2.  Problems caused by a *submission* are SubmissionErrors, or failed
    tests with a reason.
    """


class SubmissionError(GradeError):
    """A submission that cannot be graded at all (missing, damaged or
    refused: a link, a bomb, too large...).  It scores 0 with this
    message as the reason; the exit status is 2 and a batch goes on."""
