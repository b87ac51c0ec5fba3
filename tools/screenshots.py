"""Screenshots of every page for docs/screenshots/ (`make screenshots`, with `make run` serving the app).

Drives Debian's chromium (/usr/bin/chromium) with Playwright; waits until Streamlit has rendered.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = "http://127.0.0.1:8501"
PAGES = {"home": "", "checks": "checks", "help": "help", "applications": "applications", "groups": "groups",
         "progress": "progress", "certificates": "certificates", "group_documents": "group_documents",
         "assessment": "assessment", "state_plan": "state_plan", "roadmap": "roadmap",
         "exam_schedule": "exam_schedule", "exam_draw": "exam_draw", "exam_costs": "exam_costs",
         "calculators": "calculators", "paid_plan": "paid_plan", "paid_card": "paid_card", "paid_split": "paid_split"}
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def main(out: Path = Path("docs/screenshots")) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        for name, path in PAGES.items():
            page.goto(f"{BASE}/{path}")
            page.wait_for_selector("h1", timeout=60_000)
            page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
            page.wait_for_timeout(1500)
            page.screenshot(path=str(out / f"{name}.png"))
            print(out / f"{name}.png")
        browser.close()


if __name__ == "__main__":
    main(*(Path(a) for a in sys.argv[1:]))
