"""Same-site redirects only (RELIABILITY.md D3)."""

from __future__ import annotations

from urllib.parse import urlsplit


def safe_path(target: str | None, fallback: str) -> str:
    """`target` if it is a path on this site, else `fallback`."""
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return fallback
    return target
