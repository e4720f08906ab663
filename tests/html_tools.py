"""A small HTML reader for tests: tags with their attributes, and visible text."""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Document(HTMLParser):
    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags = []  # (tag, attrs dict)
        self.text_parts = []
        self._skip = 0
        self.scripts = []  # (attrs, text)
        self._script = None
        self.elements = []  # [tag, attrs, visible text inside], in document order
        self._open = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v or "") for k, v in attrs}
        self.tags.append((tag, attrs))
        if tag not in VOID:
            element = [tag, attrs, ""]
            self.elements.append(element)
            self._open.append(element)
        if tag in ("script", "style"):
            self._skip += 1
            if tag == "script":
                self._script = [attrs, ""]

    def handle_endtag(self, tag):
        for at in range(len(self._open) - 1, -1, -1):
            if self._open[at][0] == tag:
                del self._open[at:]
                break
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
            if tag == "script" and self._script:
                self.scripts.append(tuple(self._script))
                self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script[1] += data
        elif not self._skip:
            self.text_parts.append(data)
            for element in self._open:
                element[2] += data

    @property
    def text(self):
        return "".join(self.text_parts)

    def find_all(self, tag=None, **attrs):
        found = []
        for name, have in self.tags:
            if tag and name != tag:
                continue
            if all(have.get(k.rstrip("_")) == v if v is not True else k.rstrip("_") in have for k, v in attrs.items()):
                found.append(have)
        return found

    def with_class(self, cls):
        return [(t, a) for t, a in self.tags if cls in a.get("class", "").split()]

    def texts(self, cls):
        """The visible text of each element with class `cls`, white space folded."""
        return [" ".join(text.split()) for tag, attrs, text in self.elements if cls in attrs.get("class", "").split()]

    def ids(self):
        return [a["id"] for _, a in self.tags if "id" in a]

    def meta(self, name):
        return [a.get("content", "") for a in self.find_all("meta", name=name)]


def read(path):
    return Document(path.read_text(encoding="utf-8"))
