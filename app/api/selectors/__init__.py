"""Reads of the API: the statements its lists page through (always scoped to the token user's organisation, or to
what the network shares) and the batched extras of a page, in a fixed number of queries."""
