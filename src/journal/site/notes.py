"""A heading over an article's notes, as a Python-Markdown extension (`journal.site.notes` in
mkdocs.yml, after `footnotes` and before `toc`).

Python-Markdown's footnotes extension appends the notes as `<div class="footnote">` with no
heading, so the page's table of contents has no entry for them and a reader cannot jump to
them. This puts `<h2 id="notes">注释 <span lang="en">Notes</span></h2>` at the top of that
block, before the toc extension collects the headings: the entry comes out of the same
machinery as every other heading. Pages hold no more Markdown than before.
"""

from xml.etree import ElementTree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor


class NotesHeading(Treeprocessor):
    def __init__(self, md, title, title_en, anchor):
        super().__init__(md)
        self.title, self.title_en, self.anchor = title, title_en, anchor

    def run(self, root):
        for block in root.iter("div"):
            if "footnote" not in (block.get("class") or "").split():
                continue
            heading = ElementTree.Element("h2", {"id": self.anchor, "class": "notes-heading"})
            heading.text = self.title
            if self.title_en:
                heading.text += " "
                english = ElementTree.SubElement(heading, "span", {"lang": "en", "class": "label-en"})
                english.text = self.title_en
            # After the footnotes' <hr>, so the rule still separates the notes from the text.
            at = 1 if len(block) and block[0].tag == "hr" else 0
            block.insert(at, heading)
            return


class NotesExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "title": ["注释", "the heading over the notes"],
            "title_en": ["Notes", "its English gloss (lang=en), empty for none"],
            "anchor": ["notes", "the heading's id"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # The footnotes extension adds its block at priority 50; the toc collects headings at 5.
        md.treeprocessors.register(
            NotesHeading(md, self.getConfig("title"), self.getConfig("title_en"), self.getConfig("anchor")),
            "journal-notes-heading", 30)


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    return NotesExtension(**kwargs)
