"""Peak resident memory of this process, in MB.

Linux keeps `ru_maxrss` across fork and exec, so a child process started by a process that
was already large (the benchmark after generating data, say) would report its parent's peak.
The kernel's high-water mark of the process's own memory map, VmHWM in /proc/self/status,
starts afresh at exec; it is used where it exists, ru_maxrss elsewhere.
"""

from __future__ import annotations

import resource


def peak_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
