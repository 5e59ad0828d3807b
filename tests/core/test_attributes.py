"""What the model reads: tagging with only the attributes a model knows changes nothing."""

from __future__ import annotations

from dataclasses import replace

import pycrfsuite
import pytest

from annotator.core.suggest import default_pipeline, learner
from annotator.core.suggest.attributes import EVERY, Tables, attributes, known_attributes
from annotator.core.suggest.learner import Model
from annotator.core.suggest.training import train_docs

# Invented text: names, places and dates the models know in part, and character pairs
# most of which they have no weight for.
TEXT = (
    "2025年10月8日，青岚县副县长周立衡带队到白沙河镇调研，察看了新建的翠屏山隧道。"
    "他说，县里将与南岭新材料有限公司合作，投入1200万元改造老旧厂房。\n"
    "（记者 林晓棠）据悉，《青岚县乡村振兴五年规划》已经印发。"
)


def _marginals(data: bytes, items: list[list[bytes]]) -> tuple[list[str], list[list[float]]]:
    tagger = pycrfsuite.Tagger()
    tagger.open_inmemory(data)
    tags = tagger.tag(items)
    labels = tagger.labels()
    return tags, [[tagger.marginal(y, i) for y in labels] for i in range(len(items))]


def _models() -> list[tuple[Model, object]]:
    base = learner.base_model()
    assert base is not None
    docs = [(TEXT, [(23, 27, "LOC"), (81, 84, "PER")])] * 2
    stacked = Model(*train_docs(docs, base=base))
    return [(base, None), (stacked, base)]


@pytest.mark.parametrize("which", [0, 1], ids=["base", "stacked"])
def test_tagging_with_only_known_attributes_gives_the_same_tags_and_marginals(which):
    model, base = _models()[which]
    pipeline = default_pipeline(model=False)
    features = pipeline.features(pipeline.analyse(TEXT))
    if base is not None:
        features = replace(features, prior=base.spans(features))
    known = known_attributes(model.data)
    assert known is not None
    every = attributes(features)
    kept = attributes(features, Tables(known))
    # Something was left out, only what the model does not know, in the same order.
    assert sum(map(len, kept)) < sum(map(len, every))
    assert kept == [[a for a in item if a in known] for item in every]
    tags, marginals = _marginals(model.data, every)
    assert (tags, marginals) == _marginals(model.data, kept)
    # And the model's own spans and confidences are those of every attribute.
    unfiltered = Model(model.data)
    unfiltered._tables = EVERY
    assert model.tag(features).spans == unfiltered.tag(features).spans


def test_known_attributes_are_those_the_model_learned():
    docs = [(TEXT, [(23, 27, "LOC")])] * 2
    pipeline = default_pipeline(model=False)
    data = Model(*train_docs(docs, base=None, pipeline=pipeline)).data
    known = known_attributes(data)
    assert known is not None
    seen = {a for item in attributes(pipeline.features(pipeline.analyse(TEXT))) for a in item}
    assert known <= seen and "c=白".encode() in known
    # Bytes laid out otherwise: nothing is left out rather than the wrong things.
    assert known_attributes(b"not a model at all") is None
    assert known_attributes(data[:200]) is None


def test_each_character_is_read_with_its_neighbours_and_their_kinds():
    """The first attributes of a character, by their definition: itself, the characters
    one and two before and after it (padded with \\x02 before the text and \\x03 after),
    the pairs it makes with the one before and after, and the three kinds around it."""
    text = "县长A1到访，"
    pipeline = default_pipeline(model=False)
    features = pipeline.features(pipeline.analyse(text))
    padded = "\x02\x02" + text + "\x03\x03"
    kind = {"县": "H", "长": "H", "A": "L", "1": "D", "到": "H", "访": "H", "，": "P"}
    kinds = "BB" + "".join(kind[ch] for ch in text) + "EE"
    for i, item in enumerate(attributes(features)):
        j = i + 2
        want = [
            f"c={padded[j]}",
            f"c-1={padded[j - 1]}",
            f"c+1={padded[j + 1]}",
            f"c-2={padded[j - 2]}",
            f"c+2={padded[j + 2]}",
            f"b-={padded[j - 1 : j + 1]}",
            f"b+={padded[j : j + 2]}",
            f"k={kinds[j - 1 : j + 2]}",
        ]
        assert item[:8] == [a.encode() for a in want]
