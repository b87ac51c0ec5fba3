"""Concurrent sessions share the store's reads: at most one read per cache window (a short run of bench/load.py)."""

from bench.load import run


def test_concurrent_sessions_cause_at_most_one_read_per_window():
    """12 sessions for 3 s with a 1-second window: reads never exceed the number of windows."""
    result = run(sessions=12, seconds=3, window=1.0)
    assert result["pages"] > result["reads"] >= 1
    assert result["reads"] <= result["windows"] + 1
