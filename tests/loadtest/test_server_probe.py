"""What the load run reads about the server's processes: CPU time, memory, listening ports."""

from __future__ import annotations

import math
import os
import socket
import time

from loadtest.server import cpu_seconds, pids_listening, rss_mb


def test_cpu_time_grows_while_a_process_works() -> None:
    before = cpu_seconds(os.getpid())
    deadline = time.process_time() + 0.3
    while time.process_time() < deadline:
        pass
    assert cpu_seconds(os.getpid()) - before >= 0.2


def test_memory_of_a_running_process_and_of_none() -> None:
    assert 5 < rss_mb(os.getpid()) < 4096
    assert math.isnan(rss_mb(2**22 + 1))  # above Linux's largest pid
    assert math.isnan(cpu_seconds(2**22 + 1))


def test_the_process_listening_on_a_port_is_found() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        assert pids_listening([listener.getsockname()[1]]) == [os.getpid()]
