"""Synthetic issues whose text differs, for the scale benchmark (bench/scale.py).

An archive made of one issue copied N times flatters every size and the indexes (gzip and zip
find the same text again; the keyword and author indexes have one entry with N links). Each
synthetic issue here is the real source with:

- its corrections (sources/2026-02/corrections.yaml) applied first, so a correction's `find`
  cannot be moved or doubled by what follows; the copy's corrections.yaml keeps only `allow`;
- its people renamed: every author gets another Chinese name of the same length (a fixed
  list of surnames and given-name characters, drawn with the issue's seed) and the English
  name made from it by pypinyin, wherever the old name stands (contents, byline, bio, English
  contents, notes citing them), so authors, slugs and the author index differ per issue;
- its sentences reshuffled: every complete sentence of a body paragraph (a line of running
  text; not a heading, note, abstract or byline) that carries no note call, link or markup and
  whose quotes and brackets are balanced is a free slot; the slots of all articles are refilled
  from the pool of all such sentences by a random generator seeded with the issue's year and
  number. Sentences with note calls keep their places, so notes still follow their calls, and
  a line's first and last fragments (a paragraph broken over a page) stay where they are.

The same (year, number) always gives the same text. Titles, abstracts and keywords stay as
printed (the contents and the English contents must agree with the articles' headings).
"""

import random
import re

SURNAMES = "赵钱孙李周吴郑冯陈褚卫蒋沈韩杨朱秦许何吕施张孔曹严华金魏陶姜谢邹章苏潘葛范彭鲁马方俞任袁柳鲍史唐薛雷贺倪汤罗郝安常傅齐康伍余顾孟黄穆萧尹姚邵汪祁毛狄米贝明臧计成戴宋庞熊纪舒屈项祝董梁杜阮蓝闵席季贾路江童颜郭梅盛林钟徐邱骆高夏蔡田胡凌霍虞万柯卢莫房解应丁宣邓洪包左石崔龚程邢裴陆荣翁荀甄曲封储靳段焦巴弓牧山谷车侯全班秋仲伊宫宁仇栾甘厉戎祖武符刘景詹龙叶幸司黎薄印白怀蒲从鄂索咸赖卓蔺屠蒙池乔阴胥苍双闻党翟谭贡劳姬申扶堵冉宰郦雍桑桂濮牛寿通边燕冀尚农温庄晏柴瞿阎慕连习艾鱼容向古易廖终居衡步都耿满弘匡国文寇广禄东欧沃利蔚越隆师巩聂晁勾敖融冷辛阚那简饶空曾沙养鞠须丰巢关蒯相查荆红游竺权盖益桓"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红飞兰波宁建国志新春雪梅琳晨宇浩然子涵思远一鸣晓东海燕立群文博嘉怡佳慧婷若凡亦舟云鹏振宇欣悦书瑶梓轩泽宇诗雨逸安"
SENTENCE = re.compile(r"[^。！？]*[。！？]")  # linear: one negated class, then one mark
PAIRS = ("“”", "《》", "（）", "()", "「」", "〈〉", "‘’", "【】")
FIXED_PREFIXES = ("#", "-", "[", "〔", "□", "*", ">", "|", "<", "■", "Abstract", "Key")


def pinyin_name(name):
    """'YANG Jiemian' for 杨洁勉: surname in capitals, given name capitalised, as the journal prints."""
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(name)
    return f"{syllables[0].upper()} {''.join(syllables[1:]).capitalize()}"


def new_names(authors, rng):
    """{old Chinese name: new one of the same length}, all different from each other and the old ones."""
    taken, out = set(authors), {}
    for old in authors:
        while True:
            new = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(len(old) - 1))
            if new not in taken:
                taken.add(new)
                out[old] = new
                break
    return out


def rename(text, names):
    """Every form of each old name replaced: 杨洁勉, the spaced 王 帆 of bylines, YANG Jiemian."""
    for old, new in names.items():
        forms = [(old, new), (pinyin_name(old), pinyin_name(new))]
        if len(old) == 2:
            forms.append((f"{old[0]} {old[1]}", f"{new[0]} {new[1]}"))
        for a, b in forms:
            text = text.replace(a, b)
    return text


def balanced(sentence):
    return all(sentence.count(a) == sentence.count(b) for a, b in PAIRS)


def free(sentence):
    """Whether a sentence may move: no note call, markup or link, balanced quotes and brackets."""
    return balanced(sentence) and not any(c in sentence for c in "<>[]*`_") and len(sentence) >= 8


def is_body_line(line):
    stripped = line.strip()
    return len(stripped) > 40 and "。" in stripped and not stripped.startswith(FIXED_PREFIXES) \
        and "〔" not in stripped and stripped != "---"


def split_line(line):
    """(head, [sentences], tail): the line's complete sentences between a leading fragment that
    continues the previous line's paragraph and a trailing one the next line continues."""
    sentences = SENTENCE.findall(line)
    joined = "".join(sentences)
    tail = line[len(joined):]
    if sentences and not line.startswith(sentences[0]):
        raise AssertionError("findall does not cover the line from its start")
    # The first "sentence" may be the end of a paragraph begun on the previous line: it stays.
    head = sentences.pop(0) if sentences else ""
    return head, sentences, tail


def vary(text, year, number, authors):
    """The source text as a different issue (see the module's docstring); `authors`: the
    Chinese names of the real issue's authors."""
    rng = random.Random(f"{year}-{number:02d}")
    text = rename(text, new_names(authors, rng))
    lines = text.split("\n")
    slots, pool = [], []
    for i, line in enumerate(lines):
        if not is_body_line(line):
            continue
        head, sentences, tail = split_line(line)
        parts = [head] + sentences + [tail]
        for j in range(1, len(parts) - 1):
            if free(parts[j]):
                slots.append((i, j))
                pool.append(parts[j])
        lines[i] = parts
    rng.shuffle(pool)
    for (i, j), sentence in zip(slots, pool):
        lines[i][j] = sentence
    return "\n".join("".join(line) if isinstance(line, list) else line for line in lines)
