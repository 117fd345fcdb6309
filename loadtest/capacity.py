"""`python -m loadtest.capacity`: latency and memory as the number of people grows, and a soak.

Steps: for each user count, a fresh run of the load generator against the same server; one row
per step with slider p50/p95, page-load p95, errors and the server's memory. Soak: one long run
at a fixed count, memory sampled over time, then memory once everyone has left.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from deploy.serve import free_port, serving
from loadtest.server import (
    MemoryTrace,
    cpu_seconds,
    is_loopback,
    pids_listening,
    rss_mb,
    start_app,
    wait_healthy,
)
from loadtest.session import LoadConfig, run_load
from loadtest.stats import Sample, error_counts, milliseconds, summarise

SETTLE_S = 20.0  # after a step, before memory is read again
# After a soak: Streamlit keeps a closed tab's session for server.disconnectedSessionTTL (120 s)
# in case it reconnects, so memory is read once that has passed.
RELEASE_S = 150.0
HEALTH_TIMEOUT_S = 10.0  # a health answer slower than this counts as failed (Kubernetes: 1 s)


async def probe_health(url: str, seconds: list[float], every: float = 2.0) -> None:
    """Time `/_stcore/health` every `every` seconds until cancelled (inf when it fails)."""
    while True:
        started = time.monotonic()
        try:
            await asyncio.to_thread(wait_healthy, url, HEALTH_TIMEOUT_S)
            seconds.append(time.monotonic() - started)
        except TimeoutError:
            seconds.append(math.inf)
        await asyncio.sleep(every)


def step_row(users: int, config: LoadConfig, pids: Sequence[int]) -> tuple[str, str]:
    """Run one step; return its Markdown table row and a line naming its errors ("" if none)."""
    trace = MemoryTrace(pids)

    health: list[float] = []

    async def measured() -> list[Sample]:
        sampler = asyncio.create_task(trace.sample_every(2.0))
        prober = asyncio.create_task(probe_health(config.base_url, health))
        try:
            return await run_load(config)
        finally:
            sampler.cancel()
            prober.cancel()

    cpu_before = sum(cpu_seconds(pid) for pid in pids)
    own_before = time.process_time()
    samples = asyncio.run(measured())
    server_cpu = sum(cpu_seconds(pid) for pid in pids) - cpu_before
    own_cpu = time.process_time() - own_before
    summaries = {row.action: row for row in summarise(samples)}
    time.sleep(SETTLE_S)
    after = sum(rss_mb(pid) for pid in pids)
    peak = max((total for _, total in trace.totals()), default=float("nan"))
    slider, load = summaries.get("slider"), summaries.get("load")
    actions = sum(row.count for row in summaries.values())
    errors = sum(row.errors for row in summaries.values())
    errors_seen = "; ".join(f"{count} x {error}" for error, count in error_counts(samples).items())
    return (
        f"| {users} | {milliseconds(slider.p50) if slider else '-'} | "
        f"{milliseconds(slider.p95) if slider else '-'} | {milliseconds(load.p95) if load else '-'} | "
        f"{actions} | {errors} | {server_cpu / max(actions - errors, 1):.2f} | "
        f"{server_cpu / config.duration_seconds:.2f} | {own_cpu / config.duration_seconds:.2f} | "
        f"{peak:.0f} | {after:.0f} | {milliseconds(max(health, default=math.nan))} |"
    ), (f"{users} users: {errors_seen}" if errors_seen else "")


def soak(config: LoadConfig, pids: Sequence[int], every: float) -> list[str]:
    """Run a long load while sampling memory; return Markdown rows (minute, MB)."""
    trace = MemoryTrace(pids)

    async def measured() -> list[Sample]:
        sampler = asyncio.create_task(trace.sample_every(every))
        try:
            samples = await run_load(config)
        finally:
            sampler.cancel()
        return samples

    samples = asyncio.run(measured())
    time.sleep(RELEASE_S)
    trace.sample()
    rows = [f"| {at / 60:.1f} | {total:.0f} |" for at, total in trace.totals()]
    rows[-1] = rows[-1].rstrip("|") + f" (everyone gone for {RELEASE_S:.0f} s) |"
    visits = sum(1 for sample in samples if sample.action == "load")
    errors = "; ".join(f"{count} x {error}" for error, count in error_counts(samples).items())
    return [
        *rows,
        "",
        f"{visits} sessions opened and closed, {len(samples)} actions; errors: {errors or 'none'}",
    ]


def target(args: argparse.Namespace, stack: contextlib.ExitStack) -> tuple[str, list[int]]:
    """Start what the command line asks for (or use --url); return its URL and app pids."""
    if args.url:
        return args.url, pids_listening(args.memory_ports)
    if args.replicas:
        topology = stack.enter_context(serving(args.replicas, free_port()))
        return topology.url, [replica.process.pid for replica in topology.replicas]
    port = free_port()
    process = start_app(port)
    stack.callback(process.wait, 30)
    stack.callback(process.terminate)
    return f"http://127.0.0.1:{port}", [process.pid]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the steps (and the soak if asked) and print Markdown."""
    parser = argparse.ArgumentParser(prog="python -m loadtest.capacity", description=__doc__)
    parser.add_argument("--url", help="app on loopback (default: start one process)")
    parser.add_argument("--memory-ports", type=int, nargs="*", default=(),
                        help="with --url: ports of the app processes (their memory is summed)")  # fmt: skip
    parser.add_argument("--replicas", type=int, default=0,
                        help="start this many processes behind nginx (deploy.serve)")  # fmt: skip
    parser.add_argument("--steps", type=int, nargs="*", default=(10, 25, 50, 100))
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per step")
    parser.add_argument("--ramp", type=float, default=15.0)
    parser.add_argument("--think", type=float, nargs=2, default=(2.0, 5.0))
    parser.add_argument("--soak", type=float, default=0.0, help="soak seconds (0: none)")
    parser.add_argument("--soak-users", type=int, default=10)
    args = parser.parse_args(argv)
    if args.url and not is_loopback(args.url):
        parser.error("--url must be on loopback")
    with contextlib.ExitStack() as stack:
        url, pids = target(args, stack)
        wait_healthy(url)
        base = LoadConfig(
            base_url=url, think_seconds=(args.think[0], args.think[1]), timeout_seconds=30.0
        )
        warm = replace(base, users=2 * len(pids), ramp_seconds=0, duration_seconds=8)
        asyncio.run(run_load(warm))  # the first run fills the data caches; not a user's wait
        started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        print(f"{url}, {len(pids)} process(es), started {started}")
        print(f"idle after warm-up: {sum(rss_mb(pid) for pid in pids):.0f} MB\n")
        if args.steps:
            print("| users | slider p50 (ms) | slider p95 (ms) | page load p95 (ms) | actions | errors "
                  "| server CPU s per action | server cores busy | load generator cores busy "
                  "| peak memory (MB) | memory after (MB) | slowest health check (ms) |")  # fmt: skip
            print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|", flush=True)
        notes: list[str] = []
        for users in args.steps:
            config = replace(
                base,
                users=users,
                ramp_seconds=args.ramp,
                duration_seconds=args.duration,
                seed=users,
            )
            row, errors_seen = step_row(users, config, pids)
            print(row, flush=True)
            if errors_seen:
                notes.append(errors_seen)
        print("\n".join(["", *notes]) if notes else "", flush=True)
        if args.soak:
            config = replace(
                base,
                users=args.soak_users,
                ramp_seconds=args.ramp,
                duration_seconds=args.soak,
                seed=7,
            )
            print("\n| minute | memory (MB) |\n|---:|---:|")
            print("\n".join(soak(config, pids, every=max(args.soak / 20, 5.0))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
