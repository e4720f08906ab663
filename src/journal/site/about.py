"""The journal's own facts (data/journal.yaml): the About page, the e-mail route for error
reports, the 404 page. Read once per build into a frozen dataclass; a missing key, an unknown
key or a value that is not a one-line string stops the build with `file:line: expected …`.

A fact nobody has supplied yet is the string 待补: templates print it marked (`is_pending`),
never a guess."""

from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import quote

import yaml

from ..diagnostics import Diagnostic

PENDING = "待补"


@dataclass(frozen=True)
class JournalData:
    name: str
    name_en: str
    publisher: str
    publisher_en: str
    editor_in_chief: str
    cn: str
    issn: str
    frequency: str
    frequency_en: str
    submission: str
    report_email: str
    report_email_known: bool
    licence: str
    reuse: str

    @staticmethod
    def is_pending(value):
        return str(value).strip() == PENDING

    def report_mailto(self, title, url):
        """mailto: with the article's title (and its address) in the subject, every part
        percent-encoded (RFC 6068), so a title with ?, & or # cannot break the link. None while
        the address is a placeholder: a reader is never sent to an address that cannot answer."""
        if not self.report_email_known:
            return None
        subject = f"《{self.name}》网络版报告错误：{title}"
        body = f"文章 / Article: {url}\n\n错误 / What is wrong:\n"
        return f"mailto:{quote(self.report_email, safe='@')}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def load(path):
    """JournalData from the YAML file at `path`; raises Diagnostic."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise Diagnostic(path, None, f"expected the journal's data file ({error.strerror})") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise Diagnostic(path, mark.line + 1 if mark else None, "expected valid YAML") from None
    if not isinstance(data, dict):
        raise Diagnostic(path, 1, "expected a mapping of the journal's facts")
    lines = {key.value: key.start_mark.line + 1 for key, _ in node.value} if node else {}
    names = {f.name: f for f in fields(JournalData)}
    for key in data:
        if key not in names:
            raise Diagnostic(path, lines.get(key), f"expected one of {', '.join(names)}, not {key!r}")
    values = {}
    for name, field in names.items():
        if name not in data:
            raise Diagnostic(path, None, f"expected the key {name!r} (write {PENDING} when it is not known)")
        value = data[name]
        if field.type is bool or field.type == "bool":
            if not isinstance(value, bool):
                raise Diagnostic(path, lines.get(name), f"expected true or false for {name!r}")
        else:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str) or not value.strip() or "\n" in value.strip():
                raise Diagnostic(path, lines.get(name), f"expected one line of text for {name!r}")
            value = value.strip()
        values[name] = value
    return JournalData(**values)
