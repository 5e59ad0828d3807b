"""Every session action and its undo, without a window."""

from __future__ import annotations

import pytest

from annotator.core.formats import article_from_raw
from annotator.core.model import ArticleStatus, Span, SpanStatus
from annotator.core.session import ActionError, Session

TEXT = "江门市委书记郭文海在鹤山调研。鹤山要抓落实，鹤山项目加快。"


def _setup(store, text=TEXT, spans=()):
    art = article_from_raw(text, "a.txt")
    art.spans = [Span(s, e, lab, art.text[s:e], origin="test") for s, e, lab in spans]
    article_id, _ = store.add_article(art)
    session = Session(store, "amy")
    session.open_article(article_id)
    return session, article_id


def state(session):
    return [(s.surface, s.label, s.status.value) for s in session.store.spans(session.article_id)]


@pytest.fixture
def sess(store):
    session, _ = _setup(
        store, spans=[(0, 6, "TITLE"), (6, 9, "PER"), (10, 12, "LOC"), (15, 17, "ORG")]
    )
    return session


def test_open_selects_first_pending(sess):
    assert sess.current_span().surface == "江门市委书记"


def test_accept_advances_logs_and_undoes(sess):
    before = state(sess)
    sess.accept()
    assert state(sess)[0] == ("江门市委书记", "TITLE", "accepted")
    assert sess.current_span().surface == "郭文海"
    assert ("江门市委书记", "TITLE", "positive") in sess.store.lexicon()
    assert sess.store.events()[-1]["action"] == "accept"
    assert sess.store.article(sess.article_id).status is ArticleStatus.IN_PROGRESS
    assert sess.undo()
    assert state(sess) == before
    assert sess.store.lexicon() == []
    assert sess.store.article(sess.article_id).status is ArticleStatus.NEW
    assert sess.current_span().surface == "江门市委书记"
    assert sess.redo()
    assert state(sess)[0][2] == "accepted"


def test_reject_teaches_negative_and_undoes(sess):
    sess.step_span(1)  # 郭文海
    sess.reject()
    assert state(sess)[1] == ("郭文海", "PER", "rejected")
    assert ("郭文海", "PER", "negative") in sess.store.lexicon()
    sess.undo()
    assert state(sess)[1] == ("郭文海", "PER", "pending")
    assert sess.store.lexicon() == []


def test_relabel_accepts_with_new_label(sess):
    sess.set_current(sess.spans[3].id)  # 鹤山 as ORG
    sess.relabel("LOC")
    assert state(sess)[3] == ("鹤山", "LOC", "accepted")
    assert ("鹤山", "ORG", "negative") in sess.store.lexicon()
    sess.undo()
    assert state(sess)[3] == ("鹤山", "ORG", "pending")


def test_move_boundaries_both_ways_and_undo(sess):
    sess.set_current(sess.spans[0].id)
    sess.move_boundary("end", -1)
    sess.move_boundary("end", -1)
    assert state(sess)[0] == ("江门市委", "TITLE", "accepted")
    sess.move_boundary("start", 1)
    assert state(sess)[0][0] == "门市委"
    sess.move_boundary("start", -1)
    assert state(sess)[0][0] == "江门市委"
    with pytest.raises(ActionError):
        sess.move_boundary("start", -1)  # before the text
    for _ in range(3):
        sess.undo()
    assert state(sess)[0] == ("江门市委书", "TITLE", "accepted")
    sess.undo()
    assert state(sess)[0] == ("江门市委书记", "TITLE", "pending")


def test_move_rejects_pending_in_the_way_and_refuses_accepted(sess):
    sess.set_current(sess.spans[0].id)
    sess.move_boundary("end", 1)  # now overlaps 郭文海 (pending) -> rejected
    assert ("郭文海", "PER", "rejected") in state(sess)
    sess.undo()
    sess.set_current(sess.spans[1].id)
    sess.accept()
    sess.set_current(sess.spans[0].id)
    with pytest.raises(ActionError, match="overlaps"):
        sess.move_boundary("end", 1)


def test_create_and_delete_with_undo(sess):
    start = TEXT.index("鹤山项目")
    sess.create(start, start + 4, "FAC")
    created = sess.current_span()
    assert (created.surface, created.label, created.origin) == ("鹤山项目", "FAC", "manual")
    sess.delete()
    assert "鹤山项目" not in [s[0] for s in state(sess)]
    sess.undo()
    assert ("鹤山项目", "FAC", "accepted") in state(sess)
    sess.undo()
    assert "鹤山项目" not in [s[0] for s in state(sess)]
    sess.redo()
    assert ("鹤山项目", "FAC", "accepted") in state(sess)


def test_create_trims_spaces_and_needs_text(sess):
    with pytest.raises(ActionError):
        sess.create(5, 5, "LOC")


def test_accept_all_and_undo(sess):
    sess.accept_all()
    assert {s[2] for s in state(sess)} == {"accepted"}
    sess.undo()
    assert {s[2] for s in state(sess)} == {"pending"}


def test_propagate_in_article_and_corpus(store):
    sess, first = _setup(store, spans=[(10, 12, "LOC")])
    other, _ = store.add_article(article_from_raw("鹤山市召开会议，鹤山发展。", "b.txt"))
    sess.open_article(first)
    job = sess.propagate()
    assert store.spans(other) == []  # the rest of the corpus is the job's
    sess.attach(job, job.run(store))
    here = [(s.start, s.surface, s.status.value) for s in store.spans(first)]
    assert [h[1:] for h in here] == [("鹤山", "accepted")] * 3
    there = store.spans(other)
    assert [(s.surface, s.status.value, s.origin) for s in there] == [
        ("鹤山", "pending", "propagated"),
        ("鹤山", "pending", "propagated"),
    ]
    sess.undo()
    assert [s.status.value for s in store.spans(first)] == ["pending"]
    assert store.spans(other) == []


def test_mark_done_opens_next_unfinished_and_undoes(store):
    sess, first = _setup(store)
    second, _ = store.add_article(article_from_raw("第二篇文章。", "b.txt"))
    sess.open_article(first)
    assert sess.mark_done() == second
    assert sess.article_id == second
    assert store.article(first).status is ArticleStatus.DONE
    sess.undo()
    assert store.article(first).status is ArticleStatus.NEW
    assert sess.article_id == first


def test_resume_reopens_where_annotator_was(store):
    sess, first = _setup(store, spans=[(0, 6, "TITLE"), (6, 9, "PER")])
    sess.accept()  # now on 郭文海
    span_id = sess.current
    again = Session(store, "amy")
    assert again.resume()
    assert again.article_id == first and again.current == span_id
    other = Session(store, "bob")
    assert other.resume() and other.article_id == first


def test_step_span_prefers_pending_and_wraps(sess):
    sess.accept()
    sess.accept()
    assert sess.current_span().surface == "鹤山"
    sess.step_span(1)
    assert sess.current_span().start == 15
    sess.step_span(1)
    assert sess.current_span().start == 10  # wraps to the first pending
    sess.step_span(-1)
    assert sess.current_span().start == 15


def test_span_status_enum_roundtrip(sess):
    sess.accept()
    assert sess.store.spans(sess.article_id)[0].status is SpanStatus.ACCEPTED


def test_decisions_teach_the_other_articles_without_restart(store):
    sess, first = _setup(store, spans=[(10, 12, "LOC")])
    other = article_from_raw("鹤山市委召开会议，鹤山发展很快。", "b.txt")
    other.spans = [Span(0, 2, "ORG", "鹤山", origin="jieba")]  # a wrong suggestion
    second, _ = store.add_article(other)
    sess.open_article(first)
    sess.accept()  # 鹤山 is a place
    sess.open_article(second)
    got = [(s.start, s.surface, s.label, s.status.value, s.origin) for s in sess.spans]
    # The accepted surface is proposed where nothing stood; the ORG guess at 0 stays,
    # as it is not a rejected (surface, label).
    assert (9, "鹤山", "LOC", "pending", "learned") in got
    assert (0, "鹤山", "ORG", "pending", "jieba") in got
    sess.set_current(next(s.id for s in sess.spans if s.start == 0))
    sess.reject()  # 鹤山 is not an organisation
    third, _ = store.add_article(
        _with_spans(article_from_raw("鹤山人民欢迎你。", "c.txt"), [(0, 2, "ORG")])
    )
    sess.open_article(third)
    assert [(s.surface, s.label, s.origin) for s in sess.spans] == [("鹤山", "LOC", "learned")]


def _with_spans(article, spans):
    article.spans = [Span(s, e, lab, article.text[s:e], origin="jieba") for s, e, lab in spans]
    return article


def test_repeats_are_offered_only_for_whole_words(store):
    # 海城 three times; in 海城区 it is part of a longer word: no offer there.
    text = "海城开会。海城区在海城旁边。"
    sess, _ = _setup(store, text=text)
    sess._edges = (sess.article_id, [0, 2, 4, 5, 8, 9, 11, 13, 14])
    sess.create(0, 2, "LOC")
    got = [(s.start, s.label, s.status.value, s.origin) for s in store.spans(sess.article_id)]
    assert got == [(0, "LOC", "accepted", "manual"), (9, "LOC", "pending", "repeat")]
    sess.undo()
    assert store.spans(sess.article_id) == []


def test_mark_done_accepts_what_is_left_and_undo_takes_it_back(sess):
    sess.reject()
    sess.mark_done()
    assert sess.article.status is ArticleStatus.DONE  # the only article: it stays open
    assert [s[2] for s in state(sess)] == ["rejected", *["accepted"] * 3]
    assert sess.accepted_rest == 3
    sess.undo()
    assert [s[2] for s in state(sess)] == ["rejected", *["pending"] * 3]


def test_a_new_span_is_current_even_when_occurrences_are_offered_with_it(store):
    text = "海城开会。海城区在海城旁边。"
    sess, _ = _setup(store, text=text)
    sess._edges = (sess.article_id, [0, 2, 4, 5, 8, 9, 11, 13, 14])
    sess.create(9, 11, "LOC")  # offers 海城 at 0
    assert (sess.current_span().start, sess.current_span().status) == (9, SpanStatus.ACCEPTED)


def test_reject_withdraws_the_pending_copies_of_the_name_at_once_and_undoes(store):
    """As reopening the article would (a taught rejection withdraws them), but now:
    the window never shows a suggestion the project no longer holds. A copy with
    another label stays."""
    text = "鹤山要抓落实，鹤山项目加快，鹤山人勤劳。"
    session, article_id = _setup(store, text, spans=[(0, 2, "ORG"), (7, 9, "ORG"), (14, 16, "LOC")])
    session.reject()
    assert state(session) == [("鹤山", "ORG", "rejected"), ("鹤山", "LOC", "pending")]
    assert [(s.label, s.status.value) for s in session.spans] == [
        ("ORG", "rejected"),
        ("LOC", "pending"),
    ]
    reopened = Session(store, "amy")
    reopened.open_article(article_id)
    assert [(s.start, s.label, s.status) for s in reopened.spans] == [
        (s.start, s.label, s.status) for s in session.spans
    ]
    session.undo()
    assert state(session) == [
        ("鹤山", "ORG", "pending"),
        ("鹤山", "ORG", "pending"),
        ("鹤山", "LOC", "pending"),
    ]
