"""jieba's part-of-speech cut of each title, kept between builds (journal.memo).

The pinyin titles (pinyin.py) capitalise a place, a person or an organisation by jieba.posseg's
tags. Loading the tagger (jieba's dictionary, then its word tags and HMM tables) costs 1-2 s of
every build, more than all the citations' own work, and it tags the same titles every time. So
the cuts are kept in the project's cache (memo/posseg-<jieba version>.json): a build whose titles
are all there never imports jieba; only a new or edited title loads the tagger. The file holds
the tagger's answer as it was, not the pinyin: pinyin.py's rules can change without making the
cache wrong. An entry is used only if it is a list of [word, tag] whose words, put together,
give the text back.
"""

from functools import lru_cache

from ..memo import Memo, strings


@lru_cache(maxsize=1)
def _tagger():
    import jieba  # imported here: only a title not yet in the cache pays for the tagger
    import jieba.posseg

    jieba.setLogLevel(60)
    return jieba.posseg


def _cut(text):
    return [[pair.word, pair.flag] for pair in _tagger().cut(text)]


def _valid(text, cut):
    return strings(cut, 2) and all(len(pair) == 2 for pair in cut) and "".join(word for word, _ in cut) == text


@lru_cache(maxsize=1)
def cuts():
    """The process's cuts: jieba.posseg.cut with its defaults (HMM on for runs its dictionary lacks)."""
    return Memo("posseg", "jieba", _cut, _valid)


def cut(text):
    """jieba.posseg.cut(text) as ((word, tag), ...), from the cache when it holds the text."""
    return tuple((word, tag) for word, tag in cuts().get(text))
