"""`streamlit run` with every script run timed: `python -m bench.timed_server app.py [options]`.

Each run (a whole script or a fragment) appends a line "<wall ms>\t<CPU ms>\t<full|fragment>" to
the file named by $BENCH_RUN_LOG. The CPU time is the script thread's own, so it hardly moves with
the machine's load, where the wall time does. Reruns Streamlit chains inside one call count as one.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from streamlit.runtime.scriptrunner import script_runner
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData
from streamlit.web import cli


def main() -> None:
    log = Path(os.environ["BENCH_RUN_LOG"])
    run_script = script_runner.ScriptRunner._run_script

    def timed(runner: script_runner.ScriptRunner, rerun_data: RerunData) -> None:
        start, start_cpu = time.perf_counter(), time.thread_time()
        try:
            run_script(runner, rerun_data)
        finally:
            wall = (time.perf_counter() - start) * 1000
            cpu = (time.thread_time() - start_cpu) * 1000
            kind = "fragment" if rerun_data.fragment_id_queue else "full"
            with log.open("a", encoding="utf-8") as file:
                file.write(f"{wall:.3f}\t{cpu:.3f}\t{kind}\n")

    script_runner.ScriptRunner._run_script = timed  # type: ignore[method-assign,assignment]
    sys.argv = ["streamlit", "run", *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
