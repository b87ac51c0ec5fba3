"""Runs st-gsheets-connection (Streamlit's own Google Sheets connection) against the local emulator.

Run by bench/gsheets_requests.py in a separate virtual environment (st-gsheets-connection needs gspread < 6,
EduDesk gspread 6), so it imports nothing of ours. Its only change to the library: requests to Google's
hosts go to the emulator's address instead.

    python stgsheets_probe.py CONFIG.json read     — read every tab of CONFIG["tabs"], as a page would
    python stgsheets_probe.py CONFIG.json update   — read CONFIG["tab"], change one cell, write it back
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import requests

config = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
_request = requests.Session.request


def _to_emulator(self, method, url, *args, **kwargs):
    for host in ("https://sheets.googleapis.com", "https://www.googleapis.com"):
        url = url.replace(host, config["api"])
    return _request(self, method, url, *args, **kwargs)


requests.Session.request = _to_emulator

from streamlit_gsheets.gsheets_connection import GSheetsServiceAccountClient  # noqa: E402

client = GSheetsServiceAccountClient({**config["account"],
                                      "spreadsheet": f"https://docs.google.com/spreadsheets/d/{config['key']}/edit"})
if sys.argv[2] == "read":
    for tab in config["tabs"]:
        client.read(worksheet=tab, ttl=0)
else:
    frame = client.read(worksheet=config["tab"], ttl=0)
    Path(config["handshake"]).write_text("read", encoding="utf-8")  # the colleague edits now
    while Path(config["handshake"]).read_text(encoding="utf-8") != "go":
        time.sleep(0.05)
    row = frame.index[frame[config["key_header"]] == config["key_value"]][0]
    frame.loc[row, config["header"]] = config["value"]
    client.update(worksheet=config["tab"], data=frame)
print("ok")
