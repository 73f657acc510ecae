"""A short name for the device of a login session, from its User-Agent (for the list of my sessions)."""

from __future__ import annotations

import re

# Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari", every one says "Mozilla".
BROWSERS = (("Edg/", "Edge"), ("EdgA/", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser/", "Samsung Internet"),
            ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"), ("CriOS/", "Chrome"), ("Chromium/", "Chromium"),
            ("Chrome/", "Chrome"), ("Safari/", "Safari"))
SYSTEMS = (("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("Windows", "Windows"),
           ("Mac OS X", "macOS"), ("Macintosh", "macOS"), ("CrOS", "ChromeOS"), ("Linux", "Linux"))
_HEADLESS = re.compile(r"Headless", re.IGNORECASE)


def device_label(user_agent: str) -> str:
    """"Firefox · Windows", "Safari · iPhone", or the start of an unknown User-Agent ("" when there is none)."""
    agent = user_agent or ""
    browser = next((name for marker, name in BROWSERS if marker in agent), None)
    system = next((name for marker, name in SYSTEMS if marker in agent), None)
    if browser and _HEADLESS.search(agent):
        browser = f"{browser} (headless)"
    if browser and system:
        return f"{browser} · {system}"
    return browser or system or agent[:40]
