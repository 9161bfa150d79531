"""A code change restarts the preview in place: the same pid and the same listening socket (so
the same port, and no request refused), once a fresh interpreter shows the new code loads."""

from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys

import click

FD_ENV = "CHRONOLOGY_SERVE_FD"  # the listening socket, handed to the re-executed process

# What the preview needs to run at all: the changed files compile, the commands, the build,
# the plugin and the preview import, and every schema compiles.
_CHECK = """\
import sys
for name in sys.argv[1:]:
    compile(open(name, encoding='utf-8').read(), name, 'exec')
import generator.cli, generator.build, generator.site.plugin, generator.editing.serve
from generator.records.schema import schema
for kind in ('incident', 'bases', 'actors', 'statements', 'chronology'):
    schema(kind)
"""
CHECK_TIMEOUT = 60  # seconds: a check that hangs must not hold the preview forever


def listen(host: str, port: int) -> tuple[socket.socket, bool]:
    """The listening socket, and whether it was inherited from the process before a restart."""
    inherited = os.environ.pop(FD_ENV, None)
    if inherited:
        try:
            sock = socket.socket(fileno=int(inherited))
            os.set_inheritable(sock.fileno(), False)
            return sock, True
        except (OSError, ValueError):
            pass
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family, backlog=64), False
    except OSError as err:
        taken = err.errno == errno.EADDRINUSE
        raise click.ClickException(
            f"cannot listen on {host}:{port}: {err.strerror}"
            + ("; another preview may be running: try --port 8001" if taken else "")
        ) from None


def preflight(files: list[str]) -> str:
    """'' when the changed code compiles and the generator imports in a fresh interpreter."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", _CHECK, *files],
            capture_output=True,
            text=True,
            timeout=CHECK_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return f"checking the new code took more than {CHECK_TIMEOUT} s"
    return "" if done.returncode == 0 else (done.stderr or done.stdout or "failed")


def reexec(sock: socket.socket) -> None:
    """Run this command again in this process, handing it the listening socket."""
    fd = sock.fileno()
    os.set_inheritable(fd, True)
    os.environ[FD_ENV] = str(fd)
    sys.stdout.flush()
    sys.stderr.flush()
    argv = list(getattr(sys, "orig_argv", None) or [sys.executable, *sys.argv])
    os.execv(sys.executable, [sys.executable, *argv[1:]])
