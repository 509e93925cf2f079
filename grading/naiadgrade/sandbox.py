"""The sandbox the build and the emulators run in (bubblewrap).

A submission's code runs twice on the grading host: when it is compiled
(a hand-in can `#include` or `.incbin` any file the compiler can read)
and when its kernel boots in an emulator.  Both run under `bwrap`:

- as an unprivileged user: uid and gid 65534 inside a new user
  namespace; when the grader runs as root, `setpriv` first drops to
  uid/gid 65534 on the host too, so that even outside the namespace the
  processes own nothing of the host;
- with their own network (none: a new network namespace), process,
  IPC and UTS namespaces, and no environment but PATH, HOME, TERM, LANG
  and TMPDIR;
- seeing only /usr (read-only, with the /bin, /lib... links a merged-/usr
  Debian has, and /etc/alternatives, through which /usr/bin/awk and the
  like point), a private /proc, a minimal /dev, an empty /tmp, and the
  directories the grader binds: the scratch tree read-write, and for an
  emulator the kernel it boots, read-only.  Not /etc, /root, /home, the
  reference tree, the grader, or any other submission.

When bwrap is missing or cannot make namespaces here (some containers,
Gradescope's among them, forbid them), `probe` says why; the command
line then refuses to grade unless told --no-sandbox, or --weak-sandbox:
as root, it then falls back to `UidSandbox`, which only drops to uid and
gid 65534 (files only root may read stay unread: the grader's, the
reference's solution; the network and world-readable host files do not).
See grading/README.md.
"""

import os
import shutil
import subprocess
import tempfile

from .errors import GradeError

BWRAP = "bwrap"
SETPRIV = "setpriv"
#: The unprivileged user the sandboxed processes run as ("nobody").
UID = GID = 65534
#: Top-level links of a merged-/usr system, reproduced inside.
USR_LINKS = ("bin", "sbin", "lib", "lib32", "lib64", "libx32")
INSTALL_HINT = "Debian: apt-get install bubblewrap"


class Sandbox:
    """How to run a command in the sandbox.  DROP says whether setpriv
    first drops the host uid to UID (when the grader is root)."""

    #: What this sandbox leaves unprotected (None: nothing it promises to
    #: protect), for the reports.
    weakness = None

    def __init__(self, drop):
        self.drop = drop

    def command(self, argv, cwd, writable=(), readable=(), env=None):
        """ARGV wrapped to run in CWD inside the sandbox, with CWD and
        WRITABLE bound read-write and READABLE read-only, at the same
        paths as on the host.  ENV adds variables (e.g. TMPDIR)."""
        wrapped = []
        if self.drop:
            wrapped += [SETPRIV, f"--reuid={UID}", f"--regid={GID}",
                        "--clear-groups", "--inh-caps=-all"]
        wrapped += [BWRAP, "--unshare-all", "--unshare-user",
                    "--die-with-parent", "--uid", str(UID), "--gid", str(GID),
                    "--ro-bind", "/usr", "/usr"]
        for name in USR_LINKS:
            host = "/" + name
            if os.path.islink(host):
                wrapped += ["--symlink", os.readlink(host), host]
            elif os.path.isdir(host):
                wrapped += ["--ro-bind", host, host]
        if os.path.isdir("/etc/alternatives"):
            wrapped += ["--ro-bind", "/etc/alternatives", "/etc/alternatives"]
        wrapped += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
                    "--clearenv", "--setenv", "PATH", "/usr/bin:/bin",
                    "--setenv", "HOME", cwd, "--setenv", "TERM", "xterm",
                    "--setenv", "LANG", "C.UTF-8"]
        for key, value in (env or {}).items():
            wrapped += ["--setenv", key, value]
        for path in [cwd] + list(writable):
            wrapped += ["--bind", path, path]
        for path in readable:
            wrapped += ["--ro-bind", path, path]
        wrapped += ["--chdir", cwd, "--"]
        return wrapped + list(argv)

    def give(self, path):
        """Let the sandbox's user write PATH (a file or a tree the grader
        made): with the host uid dropped, hand it over to UID."""
        if not self.drop:
            return
        _chown_tree(path, UID, GID)

    def wrapper(self, readable=()):
        """A function (argv, cwd) -> argv for supervise.run: the command
        in the sandbox with CWD (handed over first) writable and READABLE
        visible."""
        def wrap(argv, cwd):
            self.give(cwd)
            return self.command(argv, cwd, readable=readable)
        return wrap


class UidSandbox(Sandbox):
    """The fallback where namespaces are forbidden (--weak-sandbox, as
    root): the command runs as uid/gid 65534 with a clean environment,
    nothing more."""

    weakness = ("no namespaces here: the build and the emulators ran as "
                "uid 65534 only, so the network and world-readable host "
                "files were not hidden from them")

    def __init__(self):
        super().__init__(drop=True)

    def command(self, argv, cwd, writable=(), readable=(), env=None):
        """ARGV as uid/gid 65534 with only PATH, HOME, TERM, LANG and ENV
        in its environment (the caller runs it in CWD)."""
        wrapped = [SETPRIV, f"--reuid={UID}", f"--regid={GID}",
                   "--clear-groups", "--inh-caps=-all", "env", "-i",
                   "PATH=/usr/bin:/bin", f"HOME={cwd}", "TERM=xterm",
                   "LANG=C.UTF-8"]
        wrapped += [f"{key}={value}" for key, value in (env or {}).items()]
        return wrapped + list(argv)


def _chown_tree(path, uid, gid):
    os.chown(path, uid, gid, follow_symlinks=False)
    if not os.path.isdir(path) or os.path.islink(path):
        return
    for top, dirs, files in os.walk(path):
        for name in dirs + files:
            os.chown(os.path.join(top, name), uid, gid,
                     follow_symlinks=False)


def probe(weak_ok=False):
    """A working Sandbox, or raise GradeError saying why there is none.
    WEAK_OK: as root, fall back to a UidSandbox when bwrap cannot work.

    As root, first try dropping the host uid (setpriv, then bwrap in an
    unprivileged user namespace); where the kernel allows user namespaces
    only to root, fall back to bwrap as root (uid 65534 inside, the host
    uid outside: only the mount namespace then keeps host files away)."""
    tries, problems = [], []
    if shutil.which(BWRAP) is None:
        problems.append(f"{BWRAP} not found ({INSTALL_HINT})")
    else:
        if os.geteuid() == 0 and shutil.which(SETPRIV):
            tries.append(Sandbox(drop=True))
        tries.append(Sandbox(drop=False))
    if weak_ok and os.geteuid() == 0 and shutil.which(SETPRIV):
        tries.append(UidSandbox())
    for box in tries:
        problem = _try(box)
        if problem is None:
            return box
        problems.append(problem)
    raise GradeError("no sandbox can be made here: " + "; ".join(problems))


def _try(box):
    """None if BOX runs a command that sees its directory and no
    network, else what went wrong."""
    with tempfile.TemporaryDirectory(prefix="naiad-sandbox-") as d:
        box.give(d)
        argv = box.command(["sh", "-c", "echo ok >probe && id -u"], d)
        try:
            done = subprocess.run(argv, capture_output=True, text=True,
                                  timeout=30, stdin=subprocess.DEVNULL,
                                  cwd=d)
        except (OSError, subprocess.SubprocessError) as e:
            return f"{argv[0]}: {e}"
        if done.returncode != 0:
            return (done.stderr.strip() or done.stdout.strip()
                    or f"status {done.returncode}")[-300:]
        if done.stdout.strip() != str(UID) or \
                not os.path.isfile(os.path.join(d, "probe")):
            return f"unexpected result {done.stdout.strip()!r}"
    return None
