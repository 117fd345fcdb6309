"""`make serve`: n Streamlit processes of the dashboard behind nginx, on this machine.

    python -m deploy.serve --replicas 2 --port 8080

Each replica listens on a free loopback port; nginx (Debian's) listens on `--port` and keeps a
browser on one replica with a cookie (see deploy/nginx.conf.template). Ctrl-C stops everything.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

DEPLOY_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = DEPLOY_DIR.parent
TEMPLATE = DEPLOY_DIR / "nginx.conf.template"
COMPOSE_CONF = DEPLOY_DIR / "nginx.compose.conf"
NGINX_CANDIDATES = ("nginx", "/usr/sbin/nginx")
STARTUP_TIMEOUT_S = 90
UPSTREAM_OPTIONS = "max_fails=1 fail_timeout=10s"


def render_nginx_config(
    *, listen: str, upstreams: Sequence[str], run_dir: str, log_dir: str | None = None
) -> str:
    """Fill the nginx template.

    Args:
        listen: what nginx listens on, e.g. "127.0.0.1:8080" or "8080".
        upstreams: the Streamlit processes, "host:port" each.
        run_dir: where nginx keeps its pid file and temporary files.
        log_dir: where it writes access and error logs (default: `run_dir`).
    """
    if not upstreams:
        raise ValueError("at least one upstream is needed")
    servers = "\n".join(f"        server {address} {UPSTREAM_OPTIONS};" for address in upstreams)
    text = TEMPLATE.read_text(encoding="utf-8")
    for name, value in (
        ("@LISTEN@", listen),
        ("@UPSTREAMS@", servers),
        ("@RUN_DIR@", run_dir),
        ("@LOG_DIR@", log_dir or run_dir),
    ):
        text = text.replace(name, value)
    return text


def compose_config() -> str:
    """The nginx configuration of the container topology (deploy/compose.yaml)."""
    return render_nginx_config(
        listen="8080", upstreams=["app:8501"], run_dir="/tmp", log_dir="/var/log/nginx"
    )


def nginx_binary() -> str:
    """Return Debian's nginx; `make serve` installs it, so its absence is an error."""
    for candidate in NGINX_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    raise FileNotFoundError("nginx is not installed: `make serve` installs Debian's nginx as root")


def free_port() -> int:
    """Return a TCP port on the loopback interface that is free now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_ok(url: str, timeout: float = STARTUP_TIMEOUT_S) -> None:
    """Poll `<url>` until it answers `ok`; raise TimeoutError if it never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as reply:
            if reply.read().strip() == b"ok":
                return
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer 'ok' within {timeout:.0f} s")


@dataclass
class Replica:
    """One `streamlit run app.py` process."""

    port: int
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        """Where the replica answers directly (bypassing nginx)."""
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Topology:
    """nginx on `port` and the replicas behind it."""

    port: int
    replicas: list[Replica]
    nginx: subprocess.Popen[bytes]
    run_dir: Path

    @property
    def url(self) -> str:
        """The address people open."""
        return f"http://127.0.0.1:{self.port}"

    def access_log(self) -> str:
        """nginx's access log so far (one line per request, with the upstream that served it)."""
        return (self.run_dir / "access.log").read_text(encoding="utf-8")


def start_replica(port: int, cookie_secret: str) -> Replica:
    """Start one Streamlit process on 127.0.0.1:`port`."""
    command = [
        sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / "app.py"),
        "--server.headless", "true", "--server.address", "127.0.0.1",
        "--server.port", str(port), "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    # One cookie secret for all replicas: a cookie signed by one is valid at the others.
    env = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret}
    process = subprocess.Popen(
        command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return Replica(port, process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a process we started, politely first."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def serving(
    replicas: int, port: int, run_dir: Path | None = None, address: str = "127.0.0.1"
) -> Iterator[Topology]:
    """Run `replicas` Streamlit processes behind nginx on `address`:`port` while in the block."""
    if replicas < 1:
        raise ValueError(f"replicas must be at least 1, got {replicas}")
    nginx = nginx_binary()
    with contextlib.ExitStack() as stack:
        if run_dir is None:
            run_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="ca-serve-")))
        run_dir.mkdir(parents=True, exist_ok=True)
        secret = secrets.token_hex(32)
        started: list[Replica] = []
        for _ in range(replicas):
            started.append(start_replica(free_port(), secret))
            stack.callback(stop, started[-1].process)
        for replica in started:
            wait_for_ok(f"{replica.url}/_stcore/health")
        conf = run_dir / "nginx.conf"
        conf.write_text(
            render_nginx_config(
                listen=f"{address}:{port}",
                upstreams=[f"127.0.0.1:{replica.port}" for replica in started],
                run_dir=str(run_dir),
            ),
            encoding="utf-8",
        )
        nginx_command = [nginx, "-p", str(run_dir), "-e", str(run_dir / "error.log"),
                         "-c", str(conf), "-g", "daemon off;"]  # fmt: skip
        checked = subprocess.run(
            [*nginx_command, "-t"], capture_output=True, text=True, check=False
        )
        if checked.returncode != 0:
            raise RuntimeError(f"nginx refused the configuration:\n{checked.stderr}")
        proxy = subprocess.Popen(
            nginx_command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        stack.callback(stop, proxy)
        topology = Topology(port, started, proxy, run_dir)
        wait_for_ok(f"{topology.url}/_stcore/health")
        yield topology


def main(argv: Sequence[str] | None = None) -> int:
    """Serve until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m deploy.serve", description=__doc__)
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--address", default="127.0.0.1", help="where nginx listens")
    parser.add_argument("--run-dir", type=Path, help="nginx's files and logs (default: temporary)")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with serving(args.replicas, args.port, args.run_dir, args.address) as topology:
        ports = " ".join(str(replica.port) for replica in topology.replicas)
        print(f"{topology.url}: nginx -> {args.replicas} replica(s) on ports {ports}", flush=True)
        print(f"nginx logs: {topology.run_dir}; Ctrl-C stops", flush=True)
        # nginx sends people to the replicas still up; stop when none is.
        with contextlib.suppress(KeyboardInterrupt):
            while any(replica.process.poll() is None for replica in topology.replicas):
                time.sleep(1)
            print("every replica has stopped", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
