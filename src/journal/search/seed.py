"""Propose thesaurus groups found in the archive's own text: python -m journal.search.seed [docs]

Prints YAML groups for an editor to review and copy into thesaurus.yaml (nothing is written):
- a name and the abbreviation defined after it in parentheses: 上海合作组织（以下简称“上合组织”）,
  《联合国海洋法公约》（UNCLOS）, and in the English abstracts United Nations … (UNCLOS);
- a Latin abbreviation defined in both languages joins the two (联合国海洋法公约 = UNCLOS =
  United Nations Convention on the Law of the Sea);
- reversed pairs: 中巴 and 巴中 both in the archive (a country's one-character name with 中);
- groups already in the thesaurus are left out.
"""

import re
import sys
from pathlib import Path

from mkdocs.utils.meta import get_data

from .thesaurus import PATH, key, load

HAN = "\u4e00-\u9fff"
# 《联合国海洋法公约》（UNCLOS） or 上海合作组织（以下简称“上合组织”）: the name is the run of Chinese
# before the parenthesis (at most 16 characters), the abbreviation what the parenthesis holds.
ZH_DEFINED = re.compile(rf"《?([{HAN}]{{3,16}})》?[（(](?:以下)?(?:简称)?[“\"]?([A-Z][A-Za-z0-9]{{1,9}}|[{HAN}]{{2,6}})[”\"]?[）)]")
# United Nations Convention on the Law of the Sea (UNCLOS): capitalised words (with of/the/and/on/for
# between them) or lower-case words whose initials spell the abbreviation.
EN_DEFINED = re.compile(r"((?:[A-Za-z][\w'-]*\s){1,8})\(([A-Z][A-Za-z0-9]{1,9})\)")
SMALL = {"of", "the", "and", "on", "for", "in", "to"}
COUNTRY = "美俄日韩朝印巴英法德欧非澳越菲泰老柬缅蒙伊沙土埃以加"


def _long_name(run, short):
    """The shortest end of `run` that holds `short`'s characters in order and starts with its first."""
    for start in range(len(run) - len(short), -1, -1):
        tail = run[start:]
        if tail[0] == short[0] and _in_order(short, tail) and tail != short:
            return tail
    return None


def _in_order(short, text):
    at = 0
    for char in short:
        at = text.find(char, at)
        if at < 0:
            return False
        at += 1
    return True


def _english_name(words, abbreviation):
    """The last words before '(ABBR)' whose initials (small words skipped) spell ABBR."""
    words = words.split()
    for start in range(len(words) - 1, -1, -1):
        tail = words[start:]
        initials = "".join(w[0] for w in tail if w.lower() not in SMALL).upper()
        if initials == abbreviation.upper():
            return " ".join(tail)
    return None


def proposals(docs):
    texts, english = [], []
    for path in sorted(Path(docs).rglob("*.md")):
        body, meta = get_data(path.read_text(encoding="utf-8"))
        texts.append(" ".join(str(meta.get(k) or "") for k in ("title", "abstract", "keywords")) + body)
        english.append(str(meta.get("abstract_en") or "") + " " + str(meta.get("title_en") or ""))
    whole = "\n".join(texts)
    groups = {}  # key of a name -> set of names

    def join(*names):
        names = {n for n in names if n}
        merged = set(names)
        for name in names:
            merged |= groups.get(key(name), set())
        for name in merged:
            groups[key(name)] = merged

    for run, short in ZH_DEFINED.findall(whole):
        if re.fullmatch(f"[{HAN}]+", short):
            join(_long_name(run, short), short) if _long_name(run, short) else None
        elif len(run) <= 12:
            join(run, short)
    for text in english:
        for words, abbreviation in EN_DEFINED.findall(text):
            name = _english_name(words, abbreviation)
            if name:
                join(name, abbreviation)
    for char in COUNTRY:
        if f"中{char}" in whole and f"{char}中" in whole and whole.count(f"中{char}") >= 3:
            join(f"中{char}", f"{char}中")
    known = {key(name) for group in load() for name in group}
    unique = {id(g): g for g in groups.values()}.values()
    return [sorted(g) for g in unique if len({key(n) for n in g}) > 1 and not {key(n) for n in g} & known]


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    docs = argv[0] if argv else "docs"
    found = proposals(docs)
    print(f"# {len(found)} group(s) found in {docs} and not yet in {PATH.name}: review each before adding it")
    for group in found:
        print("- [" + ", ".join(group) + "]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
