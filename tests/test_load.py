"""Concurrent sessions share the store's reads: at most one batchGet per cache window (a short run of bench/load.py)."""

from bench.load import run


def test_concurrent_sessions_cause_at_most_one_batch_get_per_window():
    """12 sessions for 3 s with a 1-second window: batchGets never exceed the number of windows."""
    result = run(sessions=12, seconds=3, window=1.0)
    assert result["pages"] > result["batch_gets"] >= 1
    assert result["batch_gets"] <= result["windows"] + 1
