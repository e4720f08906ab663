"""Notes on a phone: a tap on a marker opens the note in place (a real <button> with
aria-expanded, focus moved into the sheet, Esc and a tap outside close it, focus returns),
without moving the page; with a mouse the markers stay links. The back-link never takes a
line of its own."""

from tests.reading.conftest import ARTICLE


def _marker_in_view(page, n=3):
    marker = page.locator(".note-ref").nth(n)
    marker.evaluate("el => el.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(300)
    return marker


def test_a_tap_on_a_marker_opens_the_note_in_place(phone, reading_server):
    phone.goto(reading_server + ARTICLE)
    marker = _marker_in_view(phone)
    assert marker.evaluate("el => el.tagName") == "BUTTON"
    assert marker.get_attribute("aria-expanded") == "false"
    assert marker.get_attribute("aria-controls") == "note-popover"
    before = phone.evaluate("() => scrollY")
    box = marker.bounding_box()
    phone.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    sheet = phone.locator("#note-popover")
    sheet.wait_for(state="visible")
    assert phone.evaluate("() => scrollY") == before  # the reader keeps the place
    assert marker.get_attribute("aria-expanded") == "true"
    assert phone.evaluate("() => document.activeElement.id") == "note-popover"
    assert sheet.get_attribute("role") == "dialog"
    note_id = marker.get_attribute("data-note")
    note_text = phone.locator(f"[id='{note_id}'] p").first.inner_text().strip()
    assert note_text[:20] in sheet.inner_text()
    assert sheet.locator(f"a[href='#{note_id}']").count() == 1  # the way to the note list
    assert sheet.locator(".footnote-backref").count() == 0
    phone.keyboard.press("Escape")
    assert not sheet.is_visible()
    assert marker.get_attribute("aria-expanded") == "false"
    assert phone.evaluate("() => document.activeElement.getAttribute('data-note')") == note_id
    assert phone.evaluate("() => scrollY") == before


def test_a_tap_outside_closes_the_note(phone, reading_server):
    phone.goto(reading_server + ARTICLE)
    marker = _marker_in_view(phone, 5)
    marker.click()
    phone.locator("#note-popover").wait_for(state="visible")
    phone.touchscreen.tap(200, 120)
    assert not phone.locator("#note-popover").is_visible()


def test_with_a_mouse_markers_stay_links(desktop, reading_server):
    desktop.goto(reading_server + ARTICLE)
    assert desktop.locator("a.footnote-ref").count() > 50
    assert desktop.locator("button.note-ref").count() == 0


def test_the_back_link_stays_on_the_note_s_last_line(phone, reading_server):
    phone.goto(reading_server + ARTICLE)
    rows = phone.evaluate("""() => [...document.querySelectorAll('.footnote li')].map(li => {
        const p = li.querySelector('p:last-of-type'), back = li.querySelector('.footnote-backref');
        const r = document.createRange(); r.setStart(p, 0); r.setEndBefore(back);
        const lines = [...r.getClientRects()].map(x => Math.round(x.bottom));
        const box = back.getBoundingClientRect();
        return [li.id, Math.round((box.top + box.bottom) / 2), Math.max(...lines.filter(b => b))]; })""")
    assert rows
    # The back-link's box is a 24 px tap target (issue 20): its middle sits on the last line.
    for note, back_middle, text_bottom in rows:
        assert back_middle <= text_bottom, (note, back_middle, text_bottom)


def test_notes_are_set_ragged_so_english_references_keep_word_spaces(phone, reading_server):
    # Justified without hyphenation, an English reference on a phone opened gaps of several
    # spaces between words; the body text stays justified.
    phone.goto(reading_server + ARTICLE)
    aligns = phone.evaluate("""() => [getComputedStyle(document.querySelector('.footnote li')).textAlign,
        getComputedStyle(document.querySelector('.article-body > p')).textAlign]""")
    assert aligns == ["start", "justify"], aligns


def test_chinese_tooltips_on_chinese_pages(reading_site):
    html = (reading_site / "2026" / "02" / "wang-fan" / "index.html").read_text(encoding="utf-8")
    assert "Jump back to footnote" not in html and "Permanent link" not in html
    assert 'title="返回正文注 1 处"' in html and 'title="本节链接"' in html
