"""Take full-page screenshots of running app pages at desktop and phone width, for review.

Usage: python scripts/screenshots.py http://127.0.0.1:8501 / /flows?year=2023 --out screenshots
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from playwright.sync_api import sync_playwright

WIDTHS = {"desktop": 1366, "phone": 375}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main() -> None:
    """Screenshot each path at each width into the output folder."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("base_url")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        for path in args.paths:
            for label, width in WIDTHS.items():
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(args.base_url.rstrip("/") + path)
                page.wait_for_selector(
                    "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000
                )
                page.wait_for_timeout(1500)
                # The app scrolls inside its own container: grow the viewport to show it all.
                content_height = page.evaluate(
                    '() => Math.max(...[...document.querySelectorAll(\'[data-testid="stMain"], section.main, '
                    '[data-testid="stAppViewContainer"]\')].map(e => e.scrollHeight), 900)'
                )
                page.set_viewport_size({"width": width, "height": min(int(content_height), 12000)})
                page.wait_for_timeout(800)
                name = re.sub(r"[^a-z0-9]+", "_", path.lower()).strip("_") or "overview"
                target = args.out / f"{name}_{label}.png"
                page.screenshot(path=str(target), full_page=True)
                print(target)
                page.close()
        browser.close()


if __name__ == "__main__":
    main()
