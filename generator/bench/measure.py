"""Run one command and measure it: wall time, CPU time, peak memory of its whole process tree.

CPU time comes from wait4(): user + system time of the command and of every descendant it
waited for (forked workers, Hugo's threads, Pagefind). Peak memory is sampled from /proc every
`interval` seconds over the command and all its descendants, two ways:

- tree RSS: the sum of every process's resident set; counts pages shared copy-on-write by
  forked workers once per worker, so it overstates what a forking build really uses;
- tree PSS: the sum of proportional set sizes (/proc/PID/smaps_rollup), where a page shared by
  n processes counts 1/n in each: the memory the tree really occupies.

`maxrss` (from wait4) is the largest single process of the tree, as `/usr/bin/time` reports it.
Sampling can miss a peak shorter than `interval` (PSS: sampled more sparsely, see
TreeSampler); PSS is what the targets are checked against.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

_PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Measured:
    command: list[str]
    returncode: int
    wall: float  # seconds
    cpu: float  # seconds, user + system, the command and its reaped descendants
    peak_rss_mb: float  # sum over the process tree, sampled
    peak_pss_mb: float  # sum over the process tree, sampled
    maxrss_mb: float  # largest single process (wait4)
    stdout: str
    stderr: str

    def as_dict(self) -> dict:
        data = asdict(self)
        data.pop("stdout")
        data["stderr"] = self.stderr[-2000:]
        return data


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # The command name is in parentheses and may contain spaces: split after the last ')'.
        fields = stat[stat.rfind(b")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(name))
    return children


def tree(root: int) -> list[int]:
    children = _children_map()
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, ()))
    return out


def _rss_pss(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith(b"Pss:"):
                    pss = int(line.split()[1]) * 1024
                    break
    except (OSError, ValueError):
        try:
            with open(f"/proc/{pid}/statm", "rb") as handle:
                rss = pss = int(handle.read().split()[1]) * _PAGE
        except (OSError, ValueError, IndexError):
            pass
    return rss, pss


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


class TreeSampler(threading.Thread):
    """Samples the memory of a process tree until stopped; keeps the peaks of the sums.

    The sampler runs on the machine it measures, so it must stay cheap: RSS (statm, a few
    microseconds) every `interval`; PSS (smaps_rollup: the kernel walks every mapping, a few
    milliseconds for a big process) when the RSS sum reaches a new high, and at most every
    `pss_interval` otherwise; the process list every 5 samples.
    """

    def __init__(self, root: int, interval: float = 0.05, pss_interval: float = 1.0):
        super().__init__(daemon=True)
        self.root, self.interval, self.pss_interval = root, interval, pss_interval
        self.peak_rss = self.peak_pss = 0
        self._halt = threading.Event()
        self._pids: list[int] = [root]
        self._last_pss = 0.0

    def sample(self, rescan: bool) -> None:
        if rescan:
            self._pids = tree(self.root)
        rss = sum(_rss(pid) for pid in self._pids)
        now = time.monotonic()
        if rss > self.peak_rss * 1.01 or now - self._last_pss >= self.pss_interval:
            self._last_pss = now
            pss = sum(_rss_pss(pid)[1] for pid in self._pids)
            self.peak_pss = max(self.peak_pss, pss)
        self.peak_rss = max(self.peak_rss, rss)

    def run(self) -> None:
        n = 0
        while not self._halt.is_set():
            self.sample(rescan=n % 5 == 0)
            n += 1
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def run(
    command: list[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    interval: float = 0.05,
) -> Measured:
    """Run `command` to completion and measure it (stdout/stderr are captured, not shown)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err)
        sampler = TreeSampler(proc.pid, interval)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        sampler.stop()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Measured(
            command=[str(c) for c in command],
            returncode=proc.returncode,
            wall=wall,
            cpu=usage.ru_utime + usage.ru_stime,
            peak_rss_mb=sampler.peak_rss / 2**20,
            peak_pss_mb=sampler.peak_pss / 2**20,
            maxrss_mb=usage.ru_maxrss / 1024,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


def count_files(folder: Path) -> tuple[int, int]:
    """(HTML pages, all files) under `folder`."""
    html = files = 0
    for _, _, names in os.walk(folder):
        files += len(names)
        html += sum(1 for n in names if n.endswith(".html"))
    return html, files
