"""The one exception the grader raises on purpose."""


class GradeError(Exception):
    """A problem the instructor must fix (bad lab name, broken lab.toml,
    unreadable tarball, missing emulator...).

    The command line prints the message, without a traceback, and exits
    with status 2.  Problems caused by a *submission* are never raised
    this way: they become failed tests with a reason.
    """
