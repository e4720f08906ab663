"""Draw the journal's seal (国研 in a red square, as a seal is cut: white characters) as SVG
outlines, so the logo needs no font on the reader's machine and nothing is fetched; then the
PNG favicons from it with the project's Chromium (Playwright).

    .venv/bin/python tools/make_logo.py /usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc

The outlines come from Noto Serif CJK SC Bold (SIL Open Font License 1.1, Debian's
fonts-noto-cjk), which permits embedding glyphs in artwork. Run again only to redraw the mark.
"""

import sys
from pathlib import Path

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTCollection

OUT = Path(__file__).resolve().parent.parent / "overrides/assets/images"
RED = "#8e1b1b"  # the site's primary colour (journal.css)


def glyph_path(font, char, x, y, size):
    """The glyph of `char` as an SVG path, scaled to `size` units, its em box at (x, y)."""
    glyphs = font.getGlyphSet()
    name = font.getBestCmap()[ord(char)]
    upem = font["head"].unitsPerEm
    ascent = font["hhea"].ascent
    pen = SVGPathPen(glyphs, ntos=lambda v: f"{v:.1f}".rstrip("0").rstrip("."))
    scale = size / upem
    # Font units grow upwards; SVG's y grows downwards.
    glyphs[name].draw(TransformPen(pen, (scale, 0, 0, -scale, x, y + ascent * scale * 0.88)))
    return pen.getCommands()


def seal(font):
    # Two characters, read left to right as the site's text is: 国研.
    size = 40
    paths = [glyph_path(font, "国", 10, 6, size), glyph_path(font, "研", 50, 6, size)]
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 56" role="img" aria-label="国际问题研究">'
        f'<rect x="2" y="2" width="96" height="52" rx="6" fill="{RED}"/>'
        '<rect x="6" y="6" width="88" height="44" rx="3" fill="none" stroke="#fff" stroke-width="1.6"/>'
        + "".join(f'<path fill="#fff" d="{d}"/>' for d in paths) + "</svg>\n"
    )


def favicon(font):
    # Square, one character (国) large enough to read at 16-32 px.
    d = glyph_path(font, "国", 14, 8, 72)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
        f'<rect width="100" height="100" rx="14" fill="{RED}"/>'
        '<rect x="6" y="6" width="88" height="88" rx="9" fill="none" stroke="#fff" stroke-width="3"/>'
        f'<path fill="#fff" d="{d}"/></svg>\n'
    )


def main(font_file):
    collection = TTCollection(font_file)
    font = next(f for f in collection.fonts if "SC" in f["name"].getDebugName(1))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "logo.svg").write_text(seal(font), encoding="utf-8")
    (OUT / "favicon.svg").write_text(favicon(font), encoding="utf-8")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        sys.path.insert(0, str(OUT.parents[2]))
        from bench import browser as helper  # Debian's Chromium, off the network
        browser = helper.launch(p)
        for name, px in (("favicon-32.png", 32), ("apple-touch-icon.png", 180)):
            page = browser.new_page(viewport={"width": px, "height": px})
            svg = (OUT / "favicon.svg").read_text(encoding="utf-8")
            page.set_content(f'<style>html,body{{margin:0;background:transparent}}svg{{width:{px}px;height:{px}px;display:block}}</style>{svg}')
            page.screenshot(path=str(OUT / name), omit_background=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc")
