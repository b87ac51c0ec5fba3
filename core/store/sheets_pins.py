"""Developer metadata as the handle of a write on a shared Google Sheet.

Google has no lock and no conditional write, but two of its documented rules give one
(https://developers.google.com/workspace/sheets/api/guides/metadata, «About developer metadata»):

- metadata on a row or column «remains associated at those locations as they move around», and is deleted with
  its row or column;
- «metadataId must be distinct»: creating metadata with an id that exists fails, and with it the whole
  batchUpdate («if any request is not valid, the entire request will fail and nothing will be applied»).

So a write carries its own handle:

- a **claim** for a handed-out number: metadata whose id is derived from the tab and the number, made in the
  same batchUpdate as the row. A second session handing out the same number at the same moment cannot make the
  same id: its whole write fails, and it takes the next number. No two records get one number, and nobody is
  told a number that is not theirs.
- a **token** on each new row (or the claim): after a lost answer, `developerMetadata:search` says whether the
  write happened and where its rows are now — by what the write carried, never by looking for equal values.
- **pins** on the record's row and the row below it, made with a read of that row in one request: the write
  that follows first deletes each pin at the exact place it expects it and makes it there again. If a colleague
  inserted or deleted a row in between, a pin is elsewhere, the delete finds nothing, the create meets the
  existing id, and Google applies nothing. The pin below catches the record's own row being deleted (its pin
  goes with it; the one below moves up).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable

from gspread.urls import SPREADSHEET_URL

ROW_TOKEN = "edudesk.row"  # a new row: the write that made it
NUMBER_CLAIM = "edudesk.number"  # a handed-out number, kept while it is among the newest
PIN = "edudesk.pin"  # a row or column an update is about to write to
KEEP_CLAIMS = 50  # rows above the end of a tab whose claims and tokens may go: numbers there are long taken


def fresh_id() -> int:
    return secrets.randbelow(2_000_000_000 - 1) + 1


def claim_id(sheet_id: int, number: object) -> int:
    """The same id for the same number on the same tab in every session (a positive 31-bit int)."""
    digest = hashlib.sha256(f"{sheet_id}\x00{str(number).strip().casefold()}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % (2_000_000_000 - 1) + 1


def span(sheet_id: int, index: int, dimension: str = "ROWS") -> dict:
    return {"sheetId": sheet_id, "dimension": dimension, "startIndex": index, "endIndex": index + 1}


def create(meta_id: int, key: str, value: str, sheet_id: int, index: int, dimension: str = "ROWS") -> dict:
    return {"createDeveloperMetadata": {"developerMetadata": {
        "metadataId": meta_id, "metadataKey": key, "metadataValue": value, "visibility": "DOCUMENT",
        "location": {"dimensionRange": span(sheet_id, index, dimension)}}}}


def delete(meta_id: int) -> dict:
    return {"deleteDeveloperMetadata": {"dataFilter": {"developerMetadataLookup": {"metadataId": meta_id}}}}


def delete_above(key: str, sheet_id: int, end: int) -> list[dict]:
    """Old claims and tokens of a tab: those on rows above `end` (0-based, exclusive)."""
    if end <= 0:
        return []
    lookup = {"metadataKey": key, "metadataLocation": {"dimensionRange": {
        "sheetId": sheet_id, "dimension": "ROWS", "startIndex": 0, "endIndex": end}},
        "locationMatchingStrategy": "INTERSECTING_LOCATION"}
    return [{"deleteDeveloperMetadata": {"dataFilter": {"developerMetadataLookup": lookup}}}]


def guard(meta_id: int, key: str, sheet_id: int, index: int, dimension: str = "ROWS") -> list[dict]:
    """Requests that fail the whole batchUpdate unless metadata `meta_id` is at exactly this row or column."""
    exact = {"metadataId": meta_id, "locationMatchingStrategy": "EXACT_LOCATION",
             "metadataLocation": {"dimensionRange": span(sheet_id, index, dimension)}}
    return [{"deleteDeveloperMetadata": {"dataFilter": {"developerMetadataLookup": exact}}},
            create(meta_id, key, "", sheet_id, index, dimension)]


def where(store, ids: Iterable[int]) -> dict[int, tuple[int, int, str]]:
    """Where metadata of these ids is now: id → (sheetId, 0-based row or column index, its value); absent ids
    left out."""
    filters = [{"developerMetadataLookup": {"metadataId": i}} for i in ids]
    if not filters:
        return {}
    url = f"{SPREADSHEET_URL % store.key}/developerMetadata:search"
    answer = store.http.request("post", url, json={"dataFilters": filters}).json()
    found = {}
    for match in answer.get("matchedDeveloperMetadata", []):
        meta = match.get("developerMetadata", {})
        place = meta.get("location", {}).get("dimensionRange", {})
        found[meta.get("metadataId")] = (place.get("sheetId", 0), place.get("startIndex", 0),
                                         meta.get("metadataValue", ""))
    return found
