"""`python -m loadtest`: simulated people against the app on loopback; prints latency percentiles.

Without --url it starts its own `streamlit run app.py` on a free loopback port and stops it after.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import sys
from collections.abc import Sequence

from deploy.serve import free_port
from loadtest.server import (
    MemoryTrace,
    is_loopback,
    pids_listening,
    start_app,
    wait_healthy,
)
from loadtest.session import LoadConfig, run_load
from loadtest.stats import Sample, error_counts, summarise, summary_table

MEMORY_EVERY_S = 5.0
MAX_USERS = 500
MAX_DURATION_S = 3600


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(prog="python -m loadtest", description=__doc__)
    parser.add_argument("--url", help="app to load, on loopback (default: start one)")
    parser.add_argument("--users", type=int, default=10, help="people at once (default 10)")
    parser.add_argument("--ramp", type=float, default=10.0, help="seconds to start them all")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of the run")
    parser.add_argument("--think", type=float, nargs=2, default=(2.0, 5.0), metavar=("MIN", "MAX"),
                        help="seconds a person pauses between actions")  # fmt: skip
    parser.add_argument("--moves", type=int, default=5, help="slider moves per visit")
    parser.add_argument("--page", default="scenario", help="URL path of the page opened")
    parser.add_argument("--slider", default="growth", help="key of the slider moved")
    parser.add_argument(
        "--timeout", type=float, default=30.0, help="seconds before an action fails"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--visits", type=int, default=0,
                        help="visits per user, then it leaves (default 0: until the duration ends)")  # fmt: skip
    parser.add_argument("--memory-ports", type=int, nargs="*", default=(),
                        help="with --url: ports of the app processes whose memory to report")  # fmt: skip
    args = parser.parse_args(argv)
    if args.url and not is_loopback(args.url):
        parser.error(f"--url must be on loopback (127.0.0.1, ::1, localhost): {args.url}")
    if not 1 <= args.users <= MAX_USERS:
        parser.error(f"--users must be 1-{MAX_USERS}")
    if not 0 < args.duration <= MAX_DURATION_S:
        parser.error(f"--duration must be 1-{MAX_DURATION_S} seconds")
    if not 0 <= args.think[0] <= args.think[1]:
        parser.error("--think MIN MAX needs 0 <= MIN <= MAX")
    return args


def config_from(args: argparse.Namespace, url: str) -> LoadConfig:
    """Turn the command line into a load configuration for the app at `url`."""
    return LoadConfig(
        base_url=url,
        users=args.users,
        ramp_seconds=args.ramp,
        duration_seconds=args.duration,
        think_seconds=(args.think[0], args.think[1]),
        moves=args.moves,
        page=args.page,
        slider_key=args.slider,
        timeout_seconds=args.timeout,
        seed=args.seed,
        visits=args.visits,
    )


async def measured_run(config: LoadConfig, pids: Sequence[int]) -> tuple[list[Sample], MemoryTrace]:
    """Run the load while sampling the memory of `pids`."""
    trace = MemoryTrace(pids)
    sampler = asyncio.create_task(trace.sample_every(MEMORY_EVERY_S))
    try:
        samples = await run_load(config)
    finally:
        sampler.cancel()
    trace.sample()
    return samples, trace


def report(config: LoadConfig, samples: Sequence[Sample], trace: MemoryTrace) -> str:
    """The run's configuration, latency table, errors and memory, as Markdown."""
    lines = [
        f"{config.users} users, ramp {config.ramp_seconds:g} s, duration {config.duration_seconds:g} s, "
        f"think {config.think_seconds[0]:g}-{config.think_seconds[1]:g} s, "
        f"{config.moves} slider moves per visit of /{config.page} -> {config.base_url}",
        "",
        summary_table(summarise(samples)),
    ]
    errors = error_counts(samples)
    if errors:
        lines += ["", "errors:", *(f"  {count} x {error}" for error, count in errors.items())]
    totals = [total for _, total in trace.totals() if not math.isnan(total)]
    if trace.pids and totals:
        lines += [
            "",
            f"server memory (MB, {len(trace.pids)} process(es)): start {totals[0]:.0f}, "
            f"peak {max(totals):.0f}, end {totals[-1]:.0f}",
        ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the load test; exit status 1 if any action failed."""
    args = parse_args(argv)
    process = None
    if args.url:
        url = args.url
        pids = pids_listening(args.memory_ports) if args.memory_ports else []
    else:
        port = free_port()
        process = start_app(port)
        url = f"http://127.0.0.1:{port}"
        pids = [process.pid]
    try:
        wait_healthy(url)
        config = config_from(args, url)
        samples, trace = asyncio.run(measured_run(config, pids))
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
    print(report(config, samples, trace))
    return 1 if any(sample.error for sample in samples) else 0


if __name__ == "__main__":
    sys.exit(main())
