"""A person's name as the exports write it: the Chinese name and the romanised one, each split
into surname and given names (JATS name-alternatives, Crossref person_name and alt-name).

The splits are the model's (`journal.model.split_name`, `split_name_en`), so the exports name a
person as the citations and Highwire tags do. What is the exports' own: a transliterated
foreign name (穆罕默德·阿西夫) or a Latin one stays one string, not split.
"""

import re
from dataclasses import dataclass

from ..model import split_name_en
from .xmltext import one_line

_HAN_NAME = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2,}")


@dataclass(frozen=True)
class Name:
    surname: str
    given: str


def chinese(author):
    """The printed Chinese name split at the surname (吴|心伯, 欧阳|修), or None when it is
    not a Chinese name (穆罕默德·阿西夫, John Smith) or is empty."""
    name = one_line(author.name)
    if not _HAN_NAME.fullmatch(name):
        return None
    family, given = author.family_given
    if family + given != name:  # a split that does not give back the name: keep it whole
        return Name(name, "")
    return Name(family, given)


def latin(author):
    """The romanised name split (WU Xinbo → Wu|Xinbo, Muhammad ASIF → Asif|Muhammad), or None."""
    family, given = split_name_en(one_line(author.name_en))
    return Name(family, given) if family else None
