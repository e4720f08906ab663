"""What a reader sees of a nav label: each label carries both languages (journal plugin,
nav_label/nav_either) and reader.css hides .nav-zh on <html lang="en"> and .nav-en on every
other page. The tests read the built HTML the way that stylesheet shows it."""

from html.parser import HTMLParser

from tests.html_tools import VOID


def hidden_class(lang):
    """The class reader.css hides on a page in `lang`."""
    return "nav-zh" if lang == "en" else "nav-en"


class Shown(HTMLParser):
    """The text of an HTML fragment a page in `lang` shows, white space folded."""

    def __init__(self, html, lang):
        super().__init__(convert_charrefs=True)
        self.hide, self._open, self.parts = hidden_class(lang), [], []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self._open.append((tag, self.hide in (dict(attrs).get("class") or "").split()))

    def handle_endtag(self, tag):
        while self._open and self._open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if not any(hidden for _, hidden in self._open):
            self.parts.append(data)

    @property
    def text(self):
        return " ".join("".join(self.parts).split())


def shown(html, lang):
    return Shown(str(html), lang).text
