"""The institution an author's bio names (作者简介 → affiliation), for the metadata indexers
read: JATS <aff>, Crossref <institution_name>, and any tag that wants one
(`journal.model.Author.affiliation` is the way in).

The rule: the bio up to its first title or post (TITLES), without a trailing 、，的. The
earliest title in the bio wins, the longest at one place (副研究员 before 研究员); a title word
followed by a unit's character names a unit, not a title (研究生院, 编辑部). A bio that names
no title is all affiliation; one that starts with a title (教授) has none. Only the first
affiliation of a bio that names several is taken
(四川大学中国南亚研究中心副研究员、四川大学巴基斯坦研究中心主任 → 四川大学中国南亚研究中心).
"""

import re

TITLES = (
    "博士生导师", "硕士生导师", "博士研究生", "硕士研究生", "博士后研究人员", "博士后", "研究生",
    "特聘研究员", "高级研究员", "助理研究员", "副研究员", "研究员", "研究助理",
    "特聘教授", "讲席教授", "助理教授", "副教授", "教授", "讲师", "助教",
    "副主任", "主任", "副所长", "所长", "副院长", "院长", "副主编", "主编", "编辑", "学者",
    "执行主任", "秘书长", "首席专家", "专家", "博士", "硕士",
)
UNIT_ENDS = set("院部处所点系室组会")
# An alternation of fixed words: the regex engine tries each at each place, linear in the bio.
_TITLE = re.compile("|".join(sorted(TITLES, key=len, reverse=True)))


def affiliation(bio):
    """The institution in `bio` ('' for an empty bio or one that starts with a title)."""
    bio = " ".join(str(bio or "").split()).rstrip("。.")
    for match in _TITLE.finditer(bio):
        if bio[match.end():match.end() + 1] in UNIT_ENDS:
            continue
        return bio[: match.start()].rstrip("、，,;；的 ")
    return bio
