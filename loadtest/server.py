"""Starting the app on loopback for a load run, and watching its memory."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from deploy.serve import wait_for_ok

PROJECT_ROOT = Path(__file__).resolve().parent.parent
STARTUP_TIMEOUT_S = 90


def is_loopback(url: str) -> bool:
    """Whether `url` points at this machine's loopback interface (the only target allowed)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def wait_healthy(url: str, timeout: float = STARTUP_TIMEOUT_S) -> None:
    """Poll `<url>/_stcore/health` until it answers `ok`; raise TimeoutError if it never does."""
    wait_for_ok(f"{url.rstrip('/')}/_stcore/health", timeout)


def start_app(port: int) -> subprocess.Popen[bytes]:
    """Start `streamlit run app.py` on 127.0.0.1:`port`, as `make run` would, and return the process."""
    command = [
        sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / "app.py"),
        "--server.headless", "true", "--server.address", "127.0.0.1",
        "--server.port", str(port), "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    return subprocess.Popen(
        command, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def rss_mb(pid: int) -> float:
    """Return the resident memory of process `pid` in MB (VmRSS from /proc); NaN once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return float("nan")
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """Return the CPU time (user + system) process `pid` has used so far, in seconds; NaN if gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:
        return float("nan")
    # Fields after the command name (which may hold spaces) start at the state, field 3.
    fields = stat.rsplit(")", 1)[1].split()
    user_ticks, system_ticks = int(fields[11]), int(fields[12])
    return (user_ticks + system_ticks) / os.sysconf("SC_CLK_TCK")


@dataclass
class MemoryTrace:
    """Resident memory of some processes over a run: (seconds since start, MB per process)."""

    pids: Sequence[int]
    points: list[tuple[float, tuple[float, ...]]] = field(default_factory=list)
    start: float = field(default_factory=time.monotonic)

    def sample(self) -> None:
        """Record the memory of every process now."""
        self.points.append((time.monotonic() - self.start, tuple(rss_mb(pid) for pid in self.pids)))

    async def sample_every(self, seconds: float) -> None:
        """Record memory every `seconds` until cancelled."""
        while True:
            self.sample()
            await asyncio.sleep(seconds)

    def totals(self) -> list[tuple[float, float]]:
        """(seconds, MB summed over the processes) at every sample."""
        return [(at, sum(values)) for at, values in self.points]


def pids_listening(ports: Sequence[int]) -> list[int]:
    """Return the pids of the processes listening on these loopback TCP ports (Linux /proc)."""
    wanted = {f"{port:04X}" for port in ports}
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text(encoding="ascii").splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            columns = row.split()
            if columns[3] == "0A" and columns[1].rsplit(":", 1)[1] in wanted:
                inodes.add(columns[9])
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            descriptors = list((entry / "fd").iterdir())
        except OSError:
            continue  # gone, or not ours to read
        links = set()
        for descriptor in descriptors:
            with contextlib.suppress(OSError):  # closed while we looked
                links.add(os.readlink(descriptor))
        if any(f"socket:[{inode}]" in links for inode in inodes):
            pids.append(int(entry.name))
    return sorted(pids)
