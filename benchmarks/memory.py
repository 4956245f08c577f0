"""A process's own peak memory, for the benchmarks' child processes.

VmHWM in /proc/self/status is the high-water mark of this process's address space, which `exec` starts anew.
`getrusage(RUSAGE_SELF).ru_maxrss` is not: Linux keeps it across fork and exec, so a child started from a parent
that had grown to 613 MB reports 613 MB whatever it used itself (issue 19).
"""

from __future__ import annotations

import resource
from pathlib import Path


def peak_mb() -> float:
    """This process's peak resident memory in MB (ru_maxrss where /proc is missing)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
