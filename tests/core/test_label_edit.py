"""Editing the label set: add, rename, recolour, rekey, with every span kept."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotator.core import guidelines
from annotator.core.formats import article_from_raw
from annotator.core.model import Label, LabelSet, Span, SpanStatus
from annotator.core.session import ActionError, Session

TEXT = "茂名市电白区举行招商推介会，区长陈国栋出席。"


def _session(store):
    art = article_from_raw(TEXT, "l.txt")
    art.spans = [
        Span(0, 6, "LOC", art.text[0:6], origin="test"),
        Span(8, 13, "EVENT", art.text[8:13], origin="test"),
        Span(14, 16, "TITLE", art.text[14:16], origin="test"),
        Span(16, 19, "PER", art.text[16:19], origin="test"),
    ]
    article_id, _ = store.add_article(art)
    session = Session(store, "amy")
    session.open_article(article_id)
    return session


def _with(labels, *changed, add=()):
    by_name = {lab.name: lab for lab in changed}
    out = []
    for lab in labels.values():
        new = by_name.get(lab.name)
        out.append(new if new is not None else lab)
    return LabelSet([*out, *add])


def test_rename_relabels_every_span_lexicon_and_history(store):
    sess = _session(store)
    sess.accept()  # LOC accepted, taught
    labels = LabelSet(
        replace(lab, name="PLACE") if lab.name == "LOC" else lab for lab in sess.labels.values()
    )
    assert sess.edit_labels(labels, {"LOC": "PLACE"}) == 1
    assert [s.label for s in store.spans(sess.article_id)] == ["PLACE", "EVENT", "TITLE", "PER"]
    assert list(store.labels())[1] == "PLACE" and store.labels()["PLACE"].key == "2"
    assert store.lexicon_polarity("茂名市电白区", "PLACE") == "positive"
    assert store.lexicon_polarity("茂名市电白区", "LOC") is None
    assert next(s.label for s in sess.spans) == "PLACE"
    sess.undo()  # the accept, under the new name: no LOC comes back
    first = store.spans(sess.article_id)[0]
    assert (first.label, first.status) == ("PLACE", SpanStatus.PENDING)
    assert "LOC" not in {s.label for s in store.spans(sess.article_id)}
    assert store.events()[-1]["action"] == "undo"
    assert any(e["action"] == "labels" for e in store.events())


def test_swapping_two_names_and_changing_colour(store):
    sess = _session(store)
    swapped = {"PER": "TITLE", "TITLE": "PER"}
    labels = LabelSet(
        replace(lab, name=swapped.get(lab.name, lab.name))
        if lab.name not in swapped
        else replace(
            lab, name=swapped[lab.name], colour="#123456" if lab.name == "PER" else lab.colour
        )
        for lab in sess.labels.values()
    )
    sess.edit_labels(labels, swapped)
    assert [s.label for s in store.spans(sess.article_id)] == ["LOC", "EVENT", "PER", "TITLE"]
    # The renamed label keeps its key and takes the new colour.
    assert (store.labels()["TITLE"].key, store.labels()["TITLE"].colour) == ("1", "#123456")


def test_adding_a_label_and_using_its_key(store):
    sess = _session(store)
    # Ten labels hold all ten digits: a new one takes a freed digit or none.
    freed = _with(sess.labels, replace(sess.labels["FAC"], key=""))
    labels = LabelSet([*freed.values(), Label("PRODUCT", "产品", "Product", "#AA5500", "0")])
    sess.edit_labels(labels)
    assert store.labels().by_key("0").name == "PRODUCT"
    assert store.labels()["FAC"].key == ""
    sess.set_current(sess.spans[1].id)
    sess.relabel("PRODUCT")
    assert store.spans(sess.article_id)[1].label == "PRODUCT"


def test_a_label_cannot_vanish_and_keys_must_stay_digits(store):
    sess = _session(store)
    fewer = LabelSet(lab for lab in sess.labels.values() if lab.name != "EVENT")
    with pytest.raises(ActionError, match="EVENT"):
        sess.edit_labels(fewer)
    with pytest.raises(ActionError):
        sess.edit_labels(sess.labels, {"NOPE": "X"})
    assert [s.label for s in store.spans(sess.article_id)][1] == "EVENT"
    with pytest.raises(ValueError):
        _with(sess.labels, replace(sess.labels["PER"], key="J"))  # J is next_span
    with pytest.raises(ValueError):
        _with(sess.labels, replace(sess.labels["PER"], key="2"))  # LOC has 2


def test_rename_follows_into_the_projects_guidelines(store, tmp_path):
    sess = _session(store)
    if guidelines.project_path(store.path) is None:
        pytest.skip("in-memory store")
    guidelines.ensure_project_copy(store.path)
    labels = LabelSet(
        replace(lab, name="SITE") if lab.name == "FAC" else lab for lab in sess.labels.values()
    )
    sess.edit_labels(labels, {"FAC": "SITE"})
    assert guidelines.load(store.path).section("SITE") is not None


def test_suggestions_after_a_rename_carry_the_new_name(store):
    from annotator.core.suggest import default_pipeline

    sess = _session(store)
    first = LabelSet(
        replace(lab, name="PLACE") if lab.name == "LOC" else lab for lab in sess.labels.values()
    )
    sess.edit_labels(first, {"LOC": "PLACE"})
    second = LabelSet(
        replace(lab, name="AREA") if lab.name == "PLACE" else lab for lab in first.values()
    )
    sess.edit_labels(second, {"PLACE": "AREA"})
    assert store.label_renames() == {"LOC": "AREA", "PLACE": "AREA"}
    labels = {s.label for s in default_pipeline(store=store).suggest("广东省韶关市召开会议。")}
    assert "AREA" in labels and "LOC" not in labels


def test_a_renamed_label_keeps_what_the_model_suggests(store):
    # The model learned the components' own label names: after a rename it reads the
    # same evidence, and its spans are the same, under the new name.
    from annotator.core.suggest import default_pipeline

    text = "3月5日，江城市委书记陈立新到青禾县调研，并考察了青禾港产业园。"
    before = [(s.start, s.end, s.label) for s in default_pipeline(store=store).suggest(text)]
    sess = _session(store)
    renamed = LabelSet(
        replace(lab, name="AREA") if lab.name == "LOC" else lab for lab in sess.labels.values()
    )
    sess.edit_labels(renamed, {"LOC": "AREA"})
    after = [(s.start, s.end, s.label) for s in default_pipeline(store=store).suggest(text)]
    assert "LOC" in {label for *_, label in before}
    assert after == [(a, b, "AREA" if label == "LOC" else label) for a, b, label in before]
