"""Read the pictures an issue's figures name, from the images/ folder beside its source.

The dump writes a figure as `![](images/<name>)` and puts the file in `images/`. The file is
copied beside the article's page as `<slug>-figure-N.<ext>`, its type read from its first
bytes (the name's extension says nothing reliable), at most MAX_PICTURE_BYTES. SVG is refused:
it is a document that can carry script, not a picture. A picture named but missing stops the
import at the line that names it.
"""

from ..diagnostics import Diagnostic

# A figure of a printed page is well under 1 MB; 5 MiB bounds what every reader downloads
# (the same bound as the content check's, journal/checks/files.py).
MAX_PICTURE_BYTES = 5 * 1024 * 1024


def picture_type(data):
    """'png', 'jpg', 'gif' or 'webp' from the first bytes; None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def looks_like_svg(data):
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in head


def read_picture(folder, name, line, article, path):
    """(extension, bytes) of images/<name>, or a Diagnostic at the line that names it."""
    file = folder / "images" / name
    shown = f"images/{name}"
    if file.is_symlink():
        raise Diagnostic(path, line, f"the picture '{shown}' of '{article.title}' is a symbolic link; expected the file itself")
    if not file.is_file():
        raise Diagnostic(path, line, f"the picture '{shown}' of '{article.title}' is missing: expected the file {file} "
                                     "(the dump's images/ folder beside the source)")
    with open(file, "rb") as handle:
        data = handle.read(MAX_PICTURE_BYTES + 1)
    if len(data) > MAX_PICTURE_BYTES:
        raise Diagnostic(path, line, f"the picture '{shown}' of '{article.title}' is larger than "
                                     f"{MAX_PICTURE_BYTES // 2**20} MiB; expected a figure of a printed page (well under 1 MB)")
    if name.lower().endswith(".svg") or looks_like_svg(data):
        raise Diagnostic(path, line, f"the picture '{shown}' of '{article.title}' is SVG, which can carry script; "
                                     "expected a PNG, JPEG, WebP or GIF")
    kind = picture_type(data)
    if kind is None:
        raise Diagnostic(path, line, f"the picture '{shown}' of '{article.title}' is not a PNG, JPEG, WebP or GIF "
                                     "(read from its first bytes)")
    return kind, data
