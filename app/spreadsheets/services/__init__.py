"""Writes of the import package, by stage: staging (upload, rows, mapping), preview, commit, undo."""
