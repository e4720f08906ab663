"""Punctuation compression across a note marker (clreq 3.1.6), as a Python-Markdown extension
(`journal.site.punctuation` in mkdocs.yml, after `footnotes`).

A closing mark followed by an opening one is set with half a character of space between them,
which the browser does itself (`text-spacing-trim`) when the two are adjacent. A note marker
between them (秩序；⁴“离岸平衡”) keeps them apart, and the gap stays a whole character. Here the
closing mark before such a marker is wrapped in `<span class="punct-half">`, which journal.css
sets with the font's half-width form (`font-feature-settings: "halt"`): a font without that
form leaves it full-width, so nothing overlaps. The text is unchanged (search, copy, 繁).
"""

from xml.etree import ElementTree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

CLOSING = set("，。、；：！？）】〕〉》」』”’")
OPENING = set("（【〔〈《「『“‘")
CLASS = "punct-half"


def _is_note_marker(element):
    return element.tag == "sup" and (element.get("id") or "").startswith("fnref")


class HalfWidthBeforeMarker(Treeprocessor):
    def run(self, root):
        for parent in list(root.iter()):
            for index in range(len(parent) - 1, -1, -1):  # backwards: inserting shifts later ones
                marker = parent[index]
                if not _is_note_marker(marker) or (marker.tail or "")[:1] not in OPENING:
                    continue
                before = parent.text if index == 0 else parent[index - 1].tail
                if not before or before[-1] not in CLOSING:
                    continue
                span = ElementTree.Element("span", {"class": CLASS})
                span.text = before[-1]
                if index == 0:
                    parent.text = before[:-1]
                else:
                    parent[index - 1].tail = before[:-1]
                parent.insert(index, span)


class PunctuationExtension(Extension):
    def extendMarkdown(self, md):
        # After the inline patterns (priority 20), which make the footnote markers.
        md.treeprocessors.register(HalfWidthBeforeMarker(md), "journal-punctuation", 5)


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    return PunctuationExtension(**kwargs)
