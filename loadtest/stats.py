"""Latency samples per action and their summary (percentiles, error counts), as a table."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Sample:
    """One timed user action.

    Attributes:
        action: what the user did: "load" (open a page), "slider" (move it, wait for the rerun),
            "page" (switch page in the same tab).
        seconds: from sending the request to the end of the run it started, in seconds.
        error: what went wrong, or "" if the action succeeded.
        started: when the action started, seconds since the run began.
    """

    action: str
    seconds: float
    error: str = ""
    started: float = 0.0


@dataclass(frozen=True)
class Summary:
    """Latency percentiles (seconds) of the successful actions of one kind, and the failures."""

    action: str
    count: int
    errors: int
    p50: float
    p95: float
    p99: float
    worst: float


def percentile(values: Sequence[float], share: float) -> float:
    """Return the `share` (0-1) percentile of `values` by the nearest-rank method.

    Nearest rank returns a value that was observed, so a p95 of 20 samples is the 19th slowest
    and never an interpolation between two.
    """
    if not values:
        return math.nan
    if not 0 < share <= 1:
        raise ValueError(f"share must be in (0, 1], got {share}")
    ordered = sorted(values)
    rank = math.ceil(share * len(ordered))
    return ordered[rank - 1]


def summarise(samples: Sequence[Sample]) -> list[Summary]:
    """Summarise samples per action, in the order actions first appear."""
    actions = list(dict.fromkeys(sample.action for sample in samples))
    summaries = []
    for action in actions:
        of_action = [sample for sample in samples if sample.action == action]
        good = [sample.seconds for sample in of_action if not sample.error]
        summaries.append(
            Summary(
                action=action,
                count=len(of_action),
                errors=len(of_action) - len(good),
                p50=percentile(good, 0.50),
                p95=percentile(good, 0.95),
                p99=percentile(good, 0.99),
                worst=max(good, default=math.nan),
            )
        )
    return summaries


def error_counts(samples: Sequence[Sample]) -> dict[str, int]:
    """Return how often each distinct error occurred, most frequent first."""
    counts: dict[str, int] = {}
    for sample in samples:
        if sample.error:
            counts[sample.error] = counts.get(sample.error, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def milliseconds(seconds: float) -> str:
    """Write seconds as whole milliseconds with a thousands separator; '-' when there is none."""
    return "-" if math.isnan(seconds) else f"{seconds * 1000:,.0f}"


def summary_table(summaries: Sequence[Summary]) -> str:
    """Return a Markdown table of the summaries, latencies in milliseconds."""
    lines = [
        "| action | count | errors | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {row.action} | {row.count} | {row.errors} | {milliseconds(row.p50)} | "
        f"{milliseconds(row.p95)} | {milliseconds(row.p99)} | {milliseconds(row.worst)} |"
        for row in summaries
    ]
    return "\n".join(lines)


def start_offsets(users: int, ramp_seconds: float) -> list[float]:
    """Return when each user starts, seconds after the first: evenly spread over the ramp."""
    if users < 1:
        raise ValueError(f"users must be at least 1, got {users}")
    if ramp_seconds < 0:
        raise ValueError(f"ramp must not be negative, got {ramp_seconds}")
    return [ramp_seconds * index / users for index in range(users)]
