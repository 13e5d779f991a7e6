"""Benchmarks and held-out measurements (run as scripts: python bench/<name>.py)."""
