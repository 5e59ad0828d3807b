"""The stacked sequence model: training, tagging, confidence, the project's own model."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.formats import article_from_raw
from annotator.core.model import ArticleStatus, SpanStatus
from annotator.core.suggest import default_pipeline, learner
from annotator.core.suggest.analysis import analyse
from annotator.core.suggest.calibration import Evidence
from annotator.core.suggest.learner import Model, ModelSource
from annotator.core.suggest.repeats import every_occurrence
from annotator.core.suggest.tags import bio, spans_of
from annotator.core.suggest.training import done_articles, train_docs, train_project

# Invented sentences: a made-up kind of facility (X云谷) the components do not know,
# so only a model trained on them finds one whole.
TRAIN = [
    "今年，恒远云谷在园区投产。",
    "据了解，华岭云谷扩大了规模。",
    "市里表示，启明云谷将新建厂房。",
    "会上，青禾云谷介绍了经验。",
    "明达云谷与高校签约。",
    "走进宏图云谷的车间，机器轰鸣。",
]


def _gold(text: str) -> list[tuple[int, int, str]]:
    start = text.index("云谷") - 2
    return [(start, start + 4, "FAC")]


@pytest.fixture(scope="module")
def small_model() -> Model:
    return Model(*train_docs([(t, _gold(t)) for t in TRAIN] * 3, base=None))


def test_bio_round_trip():
    spans = [(0, 2, "PER"), (2, 5, "LOC"), (7, 8, "ORG")]
    tags = bio(9, spans)
    assert tags[:3] == ["B-PER", "I-PER", "B-LOC"] and tags[5:7] == ["O", "O"]
    assert spans_of(tags) == spans
    # An I- after O starts a span rather than being lost.
    assert spans_of(["O", "I-LOC", "I-LOC"]) == [(1, 3, "LOC")]


def test_a_trained_model_finds_an_unseen_name_of_a_learned_shape(small_model):
    pipeline = default_pipeline(model=ModelSource(base=small_model))
    text = "近日，金川云谷获得表彰。"
    spans = pipeline.suggest(text)
    assert ("金川云谷", "FAC") in {(s.surface, s.label) for s in spans}
    for span in spans:
        assert 0.0 < span.confidence <= 1.0
        assert span.status is SpanStatus.PENDING
    # The components alone do not find it whole: the model did.
    alone = default_pipeline(model=False).suggest(text)
    assert ("金川云谷", "FAC") not in {(s.surface, s.label) for s in alone}


def test_a_spans_confidence_is_the_chance_of_its_very_edges(small_model):
    # 金川云谷 then 园: a model unsure whether the name goes on is as unsure of the span.
    pipeline = default_pipeline(model=False)
    text = "近日，金川云谷园获得表彰。"
    tagging = small_model.tag(pipeline.features(pipeline.analyse(text)))
    marginal = small_model._tagger.marginal  # of the text it tagged last
    assert tagging.spans
    for start, end, label, confidence in tagging.spans:
        tags = bio(end, [(start, end, label)])
        inside = math.prod(marginal(tags[i], i) for i in range(start, end))
        going_on = marginal("I-" + label, end) if end < len(text) else 0.0
        assert confidence == pytest.approx(inside * (1.0 - going_on))
        if going_on > 0.01:
            assert confidence < inside


def test_every_occurrence_copies_a_name_without_overlaps():
    text = "江南大桥通车。江南大桥很长，江南大桥头有店。"
    spans = every_occurrence(text, [(0, 4, "FAC", 0.9)])
    assert [(s, e) for s, e, _, _ in spans] == [(0, 4), (7, 11), (14, 18)]
    # A copy never overlaps a span already there, and a weak span is not copied.
    held = every_occurrence(text, [(0, 4, "FAC", 0.9), (15, 17, "LOC", 0.9)])
    assert (14, 18, "FAC", 0.9) not in held and len(held) == 3
    assert every_occurrence(text, [(0, 4, "FAC", 0.2)]) == [(0, 4, "FAC", 0.2)]


def test_model_labels_are_limited_to_the_projects(small_model):
    pipeline = default_pipeline(labels=["PER", "LOC"], model=ModelSource(base=small_model))
    spans = pipeline.suggest("近日，金川云谷在广东省江门市获得表彰。")
    assert spans and {s.label for s in spans} <= {"PER", "LOC"}


def test_taught_rejections_win_over_the_model(store, small_model):
    pipeline = default_pipeline(store=store, model=ModelSource(store, base=small_model))
    text = "近日，金川云谷获得表彰。"
    assert ("金川云谷", "FAC") in {(s.surface, s.label) for s in pipeline.suggest(text)}
    store.teach("金川云谷", "FAC", "negative", "amy")
    store.teach("金川", "LOC", "positive", "amy")
    got = {(s.surface, s.label) for s in pipeline.suggest(text)}
    assert ("金川", "LOC") in got
    assert not any(surface == "金川云谷" for surface, _ in got)


def test_taught_names_fill_what_the_components_leave(store, small_model):
    pipeline = default_pipeline(store=store, model=ModelSource(store, base=small_model))
    text = "昨天，青禾里的居民在榕荫坊种下一排树。"
    assert not any(s.surface == "青禾里" for s in pipeline.suggest(text))
    store.teach("青禾里", "LOC", "positive", "amy")
    assert ("青禾里", "LOC", "learned") in {
        (s.surface, s.label, s.origin) for s in pipeline.suggest(text)
    }


def test_a_taught_name_does_not_split_a_longer_name_a_component_found(store, small_model):
    # Taught as a place elsewhere, 广州 is here a word of an event's name.
    pipeline = default_pipeline(store=store, model=ModelSource(store, base=small_model))
    text = "昨天，第十届广州国际美食节在市区开幕。"
    before = {(s.surface, s.label) for s in pipeline.suggest(text)}
    assert ("第十届广州国际美食节", "EVENT") in before
    store.teach("广州", "LOC", "positive", "amy")
    assert {(s.surface, s.label) for s in pipeline.suggest(text)} == before


def test_a_taught_name_the_components_know_stays_where_the_model_set_it_aside(store):
    # A model that learned that 江门 of 江门大道 is no name; teaching 江门 as a place
    # elsewhere tells the suggesters nothing they did not know, and does not bring it back.
    roads = [
        "江门大道上车来车往。",
        "夜里的江门大道很美。",
        "游客走过江门大道。",
        "江门大道旁新开了书店。",
    ]
    docs = [(t, _gold(t)) for t in TRAIN] * 3 + [(t, []) for t in roads] * 3
    model = Model(*train_docs(docs, base=None))
    pipeline = default_pipeline(store=store, model=ModelSource(store, base=model))
    text = "周末，江门大道两旁人来人往。"
    assert not any(s.surface == "江门" for s in pipeline.suggest(text))
    store.teach("江门", "LOC", "positive", "amy")
    assert not any(s.surface == "江门" for s in pipeline.suggest(text))
    # (A name they do not know still fills what they leave: the test above.)


def test_the_shipped_base_model_loads_and_knows_the_default_labels():
    base = learner.base_model()
    assert base is not None
    assert {"PER", "LOC", "ORG", "DATE", "FAC"} <= base.labels
    spans = default_pipeline().suggest("2024年3月5日，广东省江门市召开大会。")
    assert ("2024年3月5日", "DATE") in {(s.surface, s.label) for s in spans}


def test_train_project_stores_a_model_the_pipeline_picks_up(store):
    ids = []
    for i, text in enumerate(TRAIN):
        article_id, _ = store.add_article(article_from_raw(text, f"{i}.txt"))
        start, end, label = _gold(text)[0]
        art = store.article(article_id)
        for span in art.spans:
            store.delete_span(span.id)
        from annotator.core.model import Span

        store.add_span(
            article_id,
            Span(start, end, label, text[start:end], origin="manual", status=SpanStatus.ACCEPTED),
        )
        store.set_article_status(article_id, ArticleStatus.DONE)
        ids.append(article_id)
    assert len(done_articles(store)) == len(TRAIN)
    source = ModelSource(store, base=False)
    pipeline = default_pipeline(store=store, model=source)
    text = "近日，金川云谷获得表彰。"
    assert not source.ready()  # no base, no project model yet: the components decide
    summary = train_project(store)
    assert summary["articles"] == len(TRAIN) and summary["spans"] == len(TRAIN)
    assert summary["labels"] == {"FAC": len(TRAIN)}
    saved = store.model(learner.PROJECT_MODEL)
    assert saved is not None and saved[1]["judged"] == summary["judged"]
    # What kinds of candidate it saw travel with it, and the pipeline reads them.
    assert summary["judged"] and all(n > 0 for n in summary["judged"].values())
    origin, count = next(iter(summary["judged"].items()))
    assert source.judged(origin) == count
    assert source.ready()
    assert ("金川云谷", "FAC") in {(s.surface, s.label) for s in pipeline.suggest(text)}


def test_training_without_done_articles_says_so(store):
    with pytest.raises(ValueError, match="no article is marked done"):
        train_project(store)


_alphabet = st.sampled_from(
    [*"广东省江门市委书记郭文海岭北镇“”《》()、，。2023年月日亿元会议产业园", "云谷", "\n", "?"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_alphabet, max_size=50).map("".join))
def test_property_with_the_model_spans_are_flat_and_fit(text):
    spans = _shipped().suggest(text)
    for span in spans:
        assert text[span.start : span.end] == span.surface and span.start < span.end
    for a, b in itertools.pairwise(spans):
        assert a.end <= b.start


_PIPELINE = []


def _shipped():
    if not _PIPELINE:
        _PIPELINE.append(default_pipeline())
    return _PIPELINE[0]


def test_bench_learn_scores_folds_it_never_trained_on(tmp_path):
    import argparse
    import json

    from annotator.bench.learn import bench_learn

    gold = tmp_path / "gold.jsonl"
    with gold.open("w", encoding="utf-8") as fh:
        renamed = [t.replace(t[t.index("云谷") - 2 : t.index("云谷")], "新港") for t in TRAIN]
        for i, text in enumerate(TRAIN + renamed):
            ents = [
                {"start": s, "end": e, "label": lab, "text": text[s:e]} for s, e, lab in _gold(text)
            ]
            fh.write(
                json.dumps({"id": str(i), "text": text, "entities": ents}, ensure_ascii=False)
                + "\n"
            )
    args = argparse.Namespace(
        gold=str(gold), folds=3, train_size=0, seed=0, prior_gold=None, prior_rest=False
    )
    report = bench_learn(args)
    assert report["articles"] == 12 and report["folds"] == 3
    assert not report["base_retrained_per_fold"]  # the shipped base never saw these
    assert [f["test_articles"] for f in report["per_fold"]] == [4, 4, 4]
    assert all(f["train_articles"] == 8 for f in report["per_fold"])
    # The shipped base does not know the invented kind; a project that annotated it does.
    assert report["learned"]["labels"]["FAC"] > report["zero_shot"]["labels"].get("FAC", 0.0)
    assert 0.0 <= report["learned"]["confidence"]["share"] <= 1.0


def _write_gold(path, texts):
    import json

    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(texts):
            ents = [
                {"start": s, "end": e, "label": lab, "text": text[s:e]} for s, e, lab in _gold(text)
            ]
            fh.write(
                json.dumps({"id": str(i), "text": text, "entities": ents}, ensure_ascii=False)
                + "\n"
            )


def test_bench_learn_on_texts_the_base_saw_learns_on_a_prior_of_other_gold(tmp_path, monkeypatch):
    import argparse

    from annotator.bench import learn
    from annotator.core.text import text_uid

    gold, other = tmp_path / "gold.jsonl", tmp_path / "other.jsonl"
    renamed = [t.replace(t[t.index("云谷") - 2 : t.index("云谷")], "新港") for t in TRAIN]
    _write_gold(gold, TRAIN)
    _write_gold(other, renamed + TRAIN[:2])  # two of GOLD's own texts: left out of the prior
    monkeypatch.setattr(learn, "_base_texts", lambda: {text_uid(t) for t in TRAIN})
    # What each learned project is checked against: its prior.
    priors = []
    validate = learn.validate

    def checked(train, *, base, pipeline):
        priors.append(base)
        return validate(train, base=base, pipeline=pipeline)

    monkeypatch.setattr(learn, "validate", checked)
    args = argparse.Namespace(
        gold=str(gold), folds=2, train_size=0, seed=0, prior_gold=None, prior_rest=False
    )
    report = learn.bench_learn(args)
    assert report["base_retrained_per_fold"] and report["learned_prior"] is None
    assert priors == [None, None]
    priors.clear()
    args.prior_gold = str(other)
    report = learn.bench_learn(args)
    assert report["learned_prior"] == f"{len(renamed)} articles of {other}"
    assert len(priors) == 2 and all(isinstance(p, learner.Model) for p in priors)
    assert all(f["train_articles"] == 3 for f in report["per_fold"])


def test_bench_learn_with_prior_rest_bases_each_project_on_articles_it_never_saw(
    tmp_path, monkeypatch
):
    import argparse

    from annotator.bench import learn
    from annotator.core.text import text_uid

    gold = tmp_path / "gold.jsonl"
    _write_gold(gold, TRAIN)
    monkeypatch.setattr(learn, "_base_texts", lambda: {text_uid(t) for t in TRAIN})
    bases = []  # the texts each base was trained on, in the order they were trained
    calibrated = learn.calibrated_base

    def recorded(docs, *, pipeline):
        bases.append({text for text, _ in docs})
        return calibrated(docs, pipeline=pipeline)

    priors = []
    validate = learn.validate

    def checked(train, *, base, pipeline):
        priors.append((base, {text for text, _ in train}))
        return validate(train, base=base, pipeline=pipeline)

    monkeypatch.setattr(learn, "calibrated_base", recorded)
    monkeypatch.setattr(learn, "validate", checked)
    args = argparse.Namespace(
        gold=str(gold), folds=2, train_size=1, seed=0, prior_gold=None, prior_rest=True
    )
    report = learn.bench_learn(args)
    assert report["learned_prior"] == "the other folds' articles the project did not annotate"
    # Per fold: the zero-shot base (every other fold), then the project's prior.
    assert len(bases) == 4 and len(priors) == 2
    for k, fold in enumerate(report["per_fold"]):
        zero_shot, prior = bases[2 * k], bases[2 * k + 1]
        base, train = priors[k]
        assert isinstance(base, learner.Model)
        assert len(train) == 1 and fold["prior_articles"] == len(prior) == len(zero_shot) - 1
        assert not prior & train and prior | train == zero_shot  # nothing of the fold


def test_train_command_prints_a_summary_and_refreshes_untouched_articles(tmp_path, capsys):
    import json

    from annotator.cli import main
    from annotator.core.model import Span
    from annotator.core.store import Store

    db = tmp_path / "p.db"
    with Store.open(db) as st:
        for i, text in enumerate(TRAIN):
            article_id, _ = st.add_article(article_from_raw(text, f"{i}.txt"))
            if i < 3:
                start, end, label = _gold(text)[0]
                st.add_span(
                    article_id,
                    Span(start, end, label, text[start:end], status=SpanStatus.ACCEPTED),
                )
                st.set_article_status(article_id, ArticleStatus.DONE)
    assert main(["train", "--db", str(db), "--refresh-new", "2"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["articles"] == 3 and summary["refreshed"] == 2
    with Store.open(db) as st:
        assert st.model(learner.PROJECT_MODEL) is not None


def test_train_command_on_a_project_with_nothing_done_is_one_clear_line(tmp_path, capsys):
    from annotator.cli import main
    from annotator.core.store import Store

    with Store.open(tmp_path / "p.db") as st:
        st.add_article(article_from_raw(TRAIN[0], "a.txt"))
    assert main(["train", "--db", str(tmp_path / "p.db")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no article is marked done" in err[0]


def test_a_kind_of_span_the_model_hardly_saw_is_not_cut_by_its_spans_inside(small_model):
    """The model learned 云谷 companies but never a 《》 title: inside one, its company
    does not cut the title apart; the longer span stands, as the model's own would."""
    text = "市里印发《关于支持金川云谷做大做强的若干措施》。"
    title = "关于支持金川云谷做大做强的若干措施"
    assert (title, "DOC") in {
        (s.surface, s.label) for s in default_pipeline(model=False).suggest(text)
    }
    assert small_model.judged is not None and small_model.judged.get("rule:book-title", 0) == 0
    pipeline = default_pipeline(model=ModelSource(base=small_model))
    assert ("金川云谷", "FAC") in {
        (s.surface, s.label) for s in pipeline.suggest("近日，金川云谷获得表彰。")
    }
    assert (title, "DOC") in {(s.surface, s.label) for s in pipeline.suggest(text)}


class _SureOfNothing:
    """A model sure that no text holds any name, which learned from the given counts."""

    labels = frozenset({"ORG", "LOC", "TITLE"})

    def __init__(self, judged: dict[str, int]) -> None:
        self.counts = judged

    def ready(self) -> bool:
        return True

    def tag(self, features):
        return learner.Tagging([], lambda i: 1.0)

    def judged(self, origin: str, body: str = "") -> int:
        return self.counts.get(learner.judged_key(origin, body), 0)

    def calibrate(self, evidence: Evidence) -> float:
        return evidence.confidence

    def rate(self, label: str, origin: str) -> float | None:
        return None


class _FindsAlone(_SureOfNothing):
    """A model that finds one span no component proposes, and whose lone spans of that
    label were right ``rate`` of the time on texts it had not learned from."""

    def __init__(self, span: tuple[int, int, str], rate: float | None) -> None:
        super().__init__({})
        self.span, self.lone_rate = span, rate

    def tag(self, features):
        return learner.Tagging([(*self.span, 0.95)], lambda i: 0.0)

    def rate(self, label: str, origin: str) -> float | None:
        return self.lone_rate if origin == "model" else None


@pytest.mark.parametrize(("rate", "kept"), [(0.2, False), (0.8, True), (None, True)])
def test_a_lone_span_only_of_a_label_whose_lone_spans_were_often_right(rate, kept):
    text = "工人们在江州湾畔忙碌。"
    span = (4, 7, "LOC")  # 江州湾: no component proposes it
    assert span not in {
        (s.start, s.end, s.label) for s in default_pipeline(model=False).suggest(text)
    }
    suggested = default_pipeline(model=_FindsAlone(span, rate)).suggest(text)
    assert (span in {(s.start, s.end, s.label) for s in suggested}) is kept


def test_names_the_components_chose_side_by_side_stay_apart_where_the_model_joins_them():
    text = "会上，江州市委市政府作出部署。"
    alone = {(s.surface, s.label) for s in default_pipeline(model=False).suggest(text)}
    assert {("江州市委", "ORG"), ("市政府", "ORG")} <= alone
    joined = (3, 10, "ORG")  # 江州市委市政府, which no component proposes
    suggested = default_pipeline(model=_FindsAlone(joined, None)).suggest(text)
    got = {(s.surface, s.label, s.confidence) for s in suggested}
    assert {("江州市委", "ORG", 0.95), ("市政府", "ORG", 0.95)} <= got
    # …and so do the names of a list that the model reads as one.
    text = "江州市委和市政府作出部署。"
    assert {("江州市委", "ORG"), ("市政府", "ORG")} <= {
        (s.surface, s.label) for s in default_pipeline(model=False).suggest(text)
    }
    suggested = default_pipeline(model=_FindsAlone((0, 8, "ORG"), None)).suggest(text)
    assert {("江州市委", "ORG"), ("市政府", "ORG")} <= {(s.surface, s.label) for s in suggested}
    # …and two occasions named as one.
    text = "江城马拉松暨全民健身运动会开跑。"
    assert {("江城马拉松", "EVENT"), ("全民健身运动会", "EVENT")} <= {
        (s.surface, s.label) for s in default_pipeline(model=False).suggest(text)
    }
    suggested = default_pipeline(model=_FindsAlone((0, 13, "EVENT"), None)).suggest(text)
    assert {("江城马拉松", "EVENT"), ("全民健身运动会", "EVENT")} <= {
        (s.surface, s.label) for s in suggested
    }
    text = "会上，江州市委市政府作出部署。"
    # A lone span that is no such pair stands (see above).
    across = (3, 12, "ORG")  # 江州市委市政府作出: the pieces do not cover it
    suggested = default_pipeline(model=_FindsAlone(across, None)).suggest(text)
    assert "江州市委市政府作出" in {s.surface for s in suggested}


def test_the_model_overrules_only_kinds_of_organisation_it_has_seen():
    """A model that saw many organisations from the lexicon, all of them governments,
    and none that ends in 公司: its silence drops a government, not a company."""
    text = "英特尔公司与江州市政府签约。"
    alone = default_pipeline(model=False).suggest(text)
    assert {("英特尔公司", "ORG"), ("江州市政府", "ORG")} <= {(s.surface, s.label) for s in alone}
    origins = {s.origin for s in alone if s.label == "ORG"}
    analysis = analyse(text)
    bodies = learner.body_words(analysis.lattice)
    government = learner.body_word(analysis.simplified, bodies, 6, 11)
    assert government.endswith("政府")
    counts = {o: 50 for o in origins} | {learner.judged_key(o, government): 50 for o in origins}
    suggested = default_pipeline(model=_SureOfNothing(counts)).suggest(text)
    assert {(s.surface, s.label) for s in suggested if s.label == "ORG"} == {("英特尔公司", "ORG")}
    # Trained, the counts by body word are recorded beside those by origin.
    _data, judged = train_docs([(text, [(0, 5, "ORG"), (6, 11, "ORG")])], base=None)
    assert any(learner.JUDGED_SEP in key and key.endswith("公司") for key in judged)


def test_the_model_does_not_judge_a_name_with_an_aside_inside():
    """The model reads 村(社区)书记 as pieces around a bracket: even a model sure that
    nothing is there, which saw many titles, leaves it standing; a plain title it drops."""
    text = "会上，村(社区)书记和镇长发言。"
    alone = default_pipeline(model=False).suggest(text)
    assert {("村(社区)书记", "TITLE"), ("镇长", "TITLE")} <= {(s.surface, s.label) for s in alone}
    counts = {s.origin: 50 for s in alone}
    suggested = default_pipeline(model=_SureOfNothing(counts)).suggest(text)
    assert {(s.surface, s.label) for s in suggested} == {("村(社区)书记", "TITLE")}


def test_the_model_overrules_only_kinds_of_span_it_has_seen(small_model):
    """Trained on texts with no country abbreviation, the model is sure 中 and 美 are
    nothing; the components' abbreviations stand, unless it is not known what the model
    saw (then, as before, its silence drops them)."""
    text = "中美关系不断发展，中日合作也在推进。"
    alone = {(s.surface, s.label) for s in default_pipeline(model=False).suggest(text)}
    assert {("中", "LOC"), ("美", "LOC")} <= alone
    saw = small_model.judged
    assert saw is not None and saw.get("rule:abbreviation", 0) == 0
    judged = default_pipeline(model=ModelSource(base=small_model)).suggest(text)
    assert {("中", "LOC"), ("美", "LOC")} <= {(s.surface, s.label) for s in judged}
    unknown = Model(small_model.data)
    silenced = default_pipeline(model=ModelSource(base=unknown)).suggest(text)
    assert ("美", "LOC") not in {(s.surface, s.label) for s in silenced}


def test_a_project_model_that_does_not_beat_the_base_is_kept_but_not_used(store):
    """The annotators accepted exactly what the base suggested: a project model can at
    best tie, so suggestions stay the base's."""
    from annotator.core.model import Span

    texts = [
        "上午，江门市委书记在台山市调研乡村振兴工作。",
        "会上，肇庆市副市长介绍了端州区的经验。",
        "下午，韶关市长到乐昌市检查防汛工作。",
        "江门市委书记强调，要抓好台山市的项目建设。",
    ]
    base = default_pipeline()
    for i, text in enumerate(texts):
        article_id, _ = store.add_article(article_from_raw(text, f"{i}.txt"))
        for span in store.article(article_id).spans:
            store.delete_span(span.id)
        for s in base.suggest(text):
            store.add_span(
                article_id,
                Span(
                    s.start, s.end, s.label, s.surface, origin=s.origin, status=SpanStatus.ACCEPTED
                ),
            )
        store.set_article_status(article_id, ArticleStatus.DONE)
    summary = train_project(store)
    assert summary["validated"]["base_f1"] == 1.0
    assert summary["in_use"] is False
    assert store.model(learner.PROJECT_MODEL) is not None  # kept
    # Not used: what the suggester knows it saw is the base's alone.
    origin = next(iter(summary["judged"]))
    shipped = learner.base_model()
    assert shipped is not None and shipped.judged is not None
    assert ModelSource(store).judged(origin) == shipped.judged.get(origin, 0)
    text = "清远市委书记到英德市调研。"
    project = default_pipeline(store=store)
    assert [(s.start, s.end, s.label) for s in project.suggest(text)] == [
        (s.start, s.end, s.label) for s in base.suggest(text)
    ]


_PIECES = st.lists(
    st.tuples(
        st.integers(0, 20), st.integers(1, 8), st.sampled_from(["BODY", "TYPE", "LOC", "ORG"])
    ),
    max_size=30,
)


@given(_PIECES, st.integers(0, 20), st.integers(1, 12))
def test_the_body_word_is_the_longest_body_piece_of_two_to_six_characters_ending_a_span(
    pieces, start, length
):
    """By its definition: of the body pieces (BODY or TYPE) that end where the span ends,
    start within it and are two to six characters long, the longest."""
    text = "某" * 40
    lattice: dict[int, list[tuple[int, str]]] = {}
    for s, n, kind in pieces:
        lattice.setdefault(s, []).append((s + n, kind))
    end = start + length
    fitting = [
        s
        for s, ends in lattice.items()
        for e, kind in ends
        if e == end and kind in ("BODY", "TYPE") and s >= start and 2 <= end - s <= 6
    ]
    want = text[min(fitting) : end] if fitting else ""
    assert learner.body_word(text, learner.body_words(lattice), start, end) == want


def test_what_a_project_taught_does_not_change_what_its_model_learns(store):
    # A project's model learns from its done articles, whose accepted names are also
    # taught: read as candidates, they would be right at every one of them, and the
    # model would learn to take a taught name wherever it stands.
    from annotator.core.suggest.training import component_pipeline

    docs = [(t, _gold(t)) for t in TRAIN]
    untaught = train_docs(docs, pipeline=component_pipeline(store))
    for text, gold in docs:
        for start, end, label in gold:
            store.teach(text[start:end], label, "positive", "amy")
    assert train_docs(docs, pipeline=component_pipeline(store)) == untaught
