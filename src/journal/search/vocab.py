"""What the browser needs to cut a query into words the way jieba would: the dictionary words
the archive holds, with jieba's frequencies, in shards by first character (search/words/NN.json).

jieba runs here, at build time, over every article's text (`cut_for_search`, no HMM: the words
it finds and their parts). Only words of jieba's dictionary are kept, with the dictionary's
frequency, plus every Chinese character the archive holds (jieba's frequency, or 1), plus the
archive's keywords and the thesaurus's names (their frequency high enough that a query keeps
them whole). search-query.js `segment` runs jieba's own algorithm (the route of highest
probability through the words found at each position, `jieba.Tokenizer.calc`) over the shards
of the query's characters: a query whose words the archive holds is cut as jieba cuts it
(tests/search/test_vocab.py), and a word the archive does not hold cannot be found anyway.

A shard is the words whose first character's code point is n modulo SHARDS: a query of k
distinct characters fetches at most k small files, whatever the archive's size.
"""

import json
import math
import re
from dataclasses import dataclass

SHARDS = 64
HAN_RUN = re.compile("[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# Frequency given to keywords and thesaurus names that jieba does not know (or knows as rarer):
# high enough that the route through them wins over their parts.
NAME_FREQ = 50000


def _dictionary():
    import jieba  # imported here: only a build that writes a search index pays for it

    jieba.setLogLevel(60)
    jieba.dt.check_initialized()
    return jieba, jieba.dt.FREQ, jieba.dt.total


@dataclass(frozen=True)
class Vocabulary:
    words: dict  # word -> frequency
    total: int  # jieba's dictionary total (the route's denominator)

    def shards(self):
        """{shard number: {word: frequency}}."""
        out = {}
        for word, freq in self.words.items():
            out.setdefault(shard_of(word), {})[word] = freq
        return out

    def write(self, folder):
        folder.mkdir(parents=True, exist_ok=True)
        for number, words in sorted(self.shards().items()):
            (folder / f"{number}.json").write_text(json.dumps(words, ensure_ascii=False, separators=(",", ":"), sort_keys=True), encoding="utf-8")
        (folder / "meta.json").write_text(json.dumps({"total": self.total, "shards": SHARDS}), encoding="utf-8")


def shard_of(word):
    return ord(word[0]) % SHARDS


def build(texts, names=()):
    """The Vocabulary of `texts` (strings), with `names` (keywords, thesaurus terms) kept whole."""
    jieba, freq, total = _dictionary()
    words = {}
    # A run met before gives the same words: cut once (a fifth of one issue's runs repeat,
    # more across an archive: headings, formulas, names; jieba is most of this step's time).
    seen = set()
    for text in texts:
        for run in HAN_RUN.findall(text):
            if run in seen:
                continue
            seen.add(run)
            for char in run:
                words[char] = freq.get(char) or 1
            for word in jieba.cut_for_search(run, HMM=False):
                if len(word) > 1 and freq.get(word):
                    words[word] = freq[word]
    for name in names:
        for run in HAN_RUN.findall(name):
            if len(run) > 1:
                words[run] = max(words.get(run, 0), freq.get(run) or 0, NAME_FREQ)
            for char in run:
                words.setdefault(char, freq.get(char) or 1)
    return Vocabulary(words, total)


def segment(run, words, total):
    """A run of Chinese cut as jieba cuts it without HMM (`__cut_DAG_NO_HMM`) over `words`;
    search-query.js `segment` is the same code in JavaScript."""
    n, log_total = len(run), math.log(total)
    route = [(0.0, 0)] * (n + 1)
    for i in range(n - 1, -1, -1):
        ends = [j for j in range(i + 1, n + 1) if j == i + 1 or run[i:j] in words]
        route[i] = max((math.log(words.get(run[i:j]) or 1) - log_total + route[j][0], j - 1) for j in ends)
    out, i = [], 0
    while i < n:
        j = route[i][1] + 1
        out.append(run[i:j])
        i = j
    return out
