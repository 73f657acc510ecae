"""Benchmarks and the synthetic regional-scale data they run on (DESIGN.md "Performance")."""
