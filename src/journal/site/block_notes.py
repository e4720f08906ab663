"""A table's or figure's notes and source set as such, as a Python-Markdown extension
(`journal.site.block_notes` in mkdocs.yml).

Print sets the lines under a table or figure (注：…, 资料来源：…) smaller than the text. The
pages keep them as plain paragraphs (the content contract asks no markup of an editor), and CSS
cannot tell them apart: a selector cannot read a paragraph's first words, and not every
paragraph after a table is a note. So here each paragraph that follows a table or a figure,
directly or after another such note, and opens with 注： or 资料来源： gets `class="block-note"`
(journal.css and the PDF galley's galley.css style it). The text is unchanged.
"""

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

OPENINGS = ("注：", "资料来源：", "数据来源：")
CLASS = "block-note"


def _is_table_block(element, md):
    """A raw HTML block is left in the tree as a placeholder paragraph; its stashed text says
    what it holds. A figure (md_in_html) is a real element."""
    if element.tag == "figure":
        return True
    if element.tag != "p" or not element.text or len(element):
        return False
    text = element.text.strip()
    for index, raw in enumerate(md.htmlStash.rawHtmlBlocks):
        if text == md.htmlStash.get_placeholder(index):
            return str(raw).lstrip().startswith("<table")
    return False


def _opens_note(element):
    return element.tag == "p" and (element.text or "").lstrip().startswith(OPENINGS)


class BlockNotes(Treeprocessor):
    def run(self, root):
        after_block = False
        for element in root:
            if after_block and _opens_note(element):
                element.set("class", CLASS)
                continue
            after_block = _is_table_block(element, self.md)


class BlockNotesExtension(Extension):
    def extendMarkdown(self, md):
        # Figures are in the tree from the block stage (md_in_html); the paragraphs are final
        # once the inline patterns (priority 20) have run.
        md.treeprocessors.register(BlockNotes(md), "journal-block-notes", 4)


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    return BlockNotesExtension(**kwargs)
