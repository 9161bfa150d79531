"""Worker processes that do not outlive the build that forked them.

A build killed with SIGKILL cannot stop its workers itself (render workers, parse workers):
each asks the kernel, as it starts, to be killed when its parent dies.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent(parent: int) -> None:
    """Have the kernel SIGKILL this process when its parent dies (Linux; elsewhere nothing).

    The signal comes when the thread that forked us ends: the builds fork their workers from
    the main thread and wait for them. If the parent died before
    the request was made, no signal will come: the parent pid is then no longer `parent`,
    and the child ends at once.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return
    prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)
