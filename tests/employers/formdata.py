"""Read a rendered form's fields the way a browser would submit them (tests post back exactly what a page shows)."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, action_contains: str):
        super().__init__(convert_charrefs=True)
        self.action_contains = action_contains
        self.inside = False
        self.done = False
        self.values: dict[str, str] = {}
        self.ids: list[str] = []
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        where = f'{a.get("action") or ""} {a.get("hx-post") or ""} #{a.get("id") or ""}'
        if tag == "form" and not self.done and self.action_contains in where:
            self.inside = True
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.values[name] = a.get("value", "on")
            elif kind not in ("submit", "button", "file"):
                self.values[name] = a.get("value") or ""
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select:
            value = a.get("value") or ""
            if self._select_first is None:
                self._select_first = value
            if "selected" in a:
                self.values[self._select] = value
                self._select_chosen = True
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside, self.done = False, True
        elif tag == "select" and self._select:
            if not self._select_chosen:
                self.values[self._select] = self._select_first or ""
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.values[self._textarea] = re.sub(r"^\r?\n", "", "".join(self._text))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


def form_values(html: str, action_contains: str) -> dict[str, str]:
    """The fields of the first form whose action (or "#id") contains `action_contains`, as a browser posts them."""
    reader = _FormReader(action_contains)
    reader.feed(html)
    assert reader.done or reader.values, f"no form posting to {action_contains}"
    return reader.values


def element_ids(html: str) -> list[str]:
    """Every element id in the document, in order (duplicates included)."""
    reader = _FormReader("\0")
    reader.feed(html)
    return reader.ids


def table_rows(html: str, table_class: str = "conflict-table") -> list[list[str]]:
    """The cell texts of each body row of the first table with `table_class`."""
    match = re.search(rf'<table class="[^"]*{table_class}[^"]*">(.*?)</table>', html, re.S)
    assert match, f"no table .{table_class}"
    body = match.group(1).split("<tbody>", 1)[1]
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        rows.append([" ".join(unescape(re.sub(r"<[^>]+>", "", c)).split()) for c in cells])
    return rows


class _Nesting(HTMLParser):
    def __init__(self, prefix: str):
        super().__init__(convert_charrefs=True)
        self.prefix = prefix
        self.stack: list[str | None] = []
        self.parents: dict[str, str | None] = {}

    def handle_starttag(self, tag, attrs):
        if tag != "li":
            return
        element_id = dict(attrs).get("id") or ""
        if element_id.startswith(self.prefix):
            self.parents[element_id] = next((i for i in reversed(self.stack) if i), None)
            self.stack.append(element_id)
        else:
            self.stack.append(None)

    def handle_endtag(self, tag):
        if tag == "li" and self.stack:
            self.stack.pop()


def li_parents(html: str, prefix: str) -> dict[str, str | None]:
    """For each <li id="prefix..."> the id of the nearest enclosing such <li> (None at the top)."""
    reader = _Nesting(prefix)
    reader.feed(html)
    return reader.parents
