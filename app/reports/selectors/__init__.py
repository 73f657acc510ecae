"""Report queries: every figure is aggregated in SQL (GROUP BY, CASE) in a fixed number of queries."""
