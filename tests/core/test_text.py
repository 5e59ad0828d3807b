from __future__ import annotations

import re
import unicodedata
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core import text as T

PINYIN_LEFT = re.compile(r"[\u4e00-\u9fff][(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]")


# ----------------------------------------------------------------- decoding
@pytest.mark.parametrize(
    ("encode", "expected"),
    [
        (lambda s: s.encode("utf-8"), "utf-8"),
        (lambda s: b"\xef\xbb\xbf" + s.encode("utf-8"), "utf-8"),
        (lambda s: s.encode("utf-16"), "utf-16"),
        (lambda s: s.encode("gb18030"), "gb18030"),
    ],
)
def test_decode_simplified_sample(samples, encode, expected):
    text = samples["003"]
    decoded, encoding = T.decode(encode(text))
    assert decoded == text
    assert encoding == expected


def test_decode_big5_and_gbk_are_told_apart():
    trad = "遂溪縣高質量發展暨百千萬工程推進會在嶺北鎮召開，深入學習貫徹黨的二十大精神。"
    simp = "遂溪县高质量发展暨百千万工程推进会在岭北镇召开，深入学习贯彻党的二十大精神。"
    assert T.decode(trad.encode("big5")) == (trad, "big5")
    assert T.decode(simp.encode("gbk")) == (simp, "gb18030")


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "empty"), (b"\x00\x01\x02PK\x03\x04" * 50, "binary"), (b"   \n\n", "no text")],
)
def test_decode_refuses_non_text(data, message):
    with pytest.raises(T.DecodeError, match=message):
        T.decode(data)


# ----------------------------------------------------------------- pinyin
def test_samples_lose_every_pinyin_gloss_and_keep_real_parentheses(samples):
    cleaned = {k: T.clean(v).text for k, v in samples.items()}
    for key, text in cleaned.items():
        assert not PINYIN_LEFT.search(text), key
        assert "(zh" not in text and "(fā" not in text
    joined = "\n".join(cleaned.values())
    for kept in ("推進(誓師)大會", "中歐(江門)", "黨委(擴大)", "村(社區)", "各鎮(街)黨(工)委"):
        assert kept in joined


def test_pinyin_rules():
    run = lambda s: T.strip_pinyin(T.MappedText.identity(s)).text  # noqa: E731
    assert run("鎮(zhèn)長(zhǎng)") == "鎮長"
    assert run("發(fā)展(zhǎn") == "發展"  # truncated at the very end
    assert run("(記者 葉嘉瑤)") == "(記者 葉嘉瑤)"
    assert run("人工智能(AI)") == "人工智能(AI)"
    assert run("應用(app)") == "應用(app)"  # not a pinyin syllable
    assert run("abc(fā)") == "abc(fā)"  # not after a Han character


# ----------------------------------------------------------------- boilerplate
def test_sample_003_keeps_body_and_byline_drops_furniture(samples):
    cleaned = T.clean(samples["003"])
    text = cleaned.text
    for gone in (
        "首页 达濠新闻",
        "路过",
        "鸡蛋",
        "全部评论",
        "快速评论",
        "Copyright",
        "ICP备",
        "公网安备",
        "video:",
        "mp.weixin.qq.com",
        "关于我们|帮助中心",
        "GMT+8",
        "濠江热文",
    ):
        assert gone not in text, gone
    for kept in (
        "濠江区现场会:把“百千万工程”",
        "9月26日,汕头市",
        "汕头市委书记温湛滨",
        "濠江区紧扣市构建“1+3+3”海上风电生态体系",
        "濠江区委书记李飞",
        "信息来源:南方+",
    ):
        assert kept in text, kept
    kinds = {b["kind"] for b in cleaned.flags["boilerplate"]}
    assert {"navigation", "comments", "copyright", "icp", "video"} <= kinds


def test_breadcrumbs_of_any_site_are_navigation_and_sentences_with_arrows_are_not():
    for line in (
        "您现在所在的地方:主页 > 本地新闻 > 县区动态",
        "某某晚报网 > 湾区 > 城事",
        "门户首页 » 专题 » 乡村振兴",
    ):
        assert T.boilerplate_kind(line) == "navigation", line
        assert line not in T.clean(f"{line}\n正文第一段。\n").text
    for line in (
        "全年增速>5%，高于全省平均水平。",
        "流程为申请>审核>公示>发放，群众办事更方便了，全程不超过五个工作日，比以前快了许多。",
    ):
        assert T.boilerplate_kind(line) is None, line


def test_a_menu_of_words_spaced_apart_is_navigation_and_names_or_bylines_are_not():
    menu = "江城通 江城发布 江城日报 江城市人民政府网 江城融媒"
    assert T.boilerplate_kind(menu) == "navigation"
    assert menu not in T.clean(f"{menu}\n正文第一段。\n").text
    for line in ("张立 李海 王芳 赵丹 钱进 孙亮", "记者 李海燕 通讯员 王芳 黄小明 摄"):
        assert T.boilerplate_kind(line) is None, line
        assert line in T.clean(f"正文第一段。\n{line}\n").text


_HEADLINES = (
    "夜市开张迎客\n05-11老街小店🎈\n山区小学添新书\n05-12阿青🎁\n"
    "台风过境 张小明受表彰\n05-12甜品屋\n湖边新建步道\n05-13"
)


def test_a_list_of_dated_headlines_goes_and_suggests_nothing():
    body = "县委书记到白沙镇调研，部署春耕工作。（完）"
    text = f"{body}\n{_HEADLINES}\n\n[05-14] 县城新图书馆开放\n"
    cleaned = T.clean(text).text
    assert cleaned.strip() == body
    from annotator.core.suggest import default_pipeline

    spans = default_pipeline(model=False).suggest(f"{body}\n{_HEADLINES}")
    assert spans and all(s.end <= len(body) for s in spans)


def test_dates_in_an_article_are_no_list_of_headlines():
    for lines in (
        # A timeline with its commas; lines that start with a range of years or ages.
        "05-11，村里召开动员会\n05-12，开始清淤\n05-13，完成验收\n05-14，通水",
        "3-5年内建成两个园区\n10-12岁儿童免费入园\n1-2个月完成招标\n6-8人一组",
        # One dated line alone.
        "2024-05-16 发布\n青石镇召开会议，部署春耕工作。",
    ):
        assert T.clean(lines).text == lines, lines
        assert T.navigation_lines(lines) == [], lines


def test_suggestions_skip_navigation_lines_left_in_a_text():
    from annotator.core.suggest import default_pipeline

    text = "某某晚报网 > 广州 > 天河\n广州市天河区召开会议。"
    spans = default_pipeline(model=False).suggest(text)
    body = text.index("\n")
    assert spans and all(s.start > body for s in spans)
    assert ("广州市天河区", "LOC") in {(s.surface, s.label) for s in spans}


def test_sentences_that_mention_permission_or_printing_are_not_notices():
    from annotator.core.text import clean

    kept = [
        "该公司未经许可擅自占用耕地12亩，已被责令整改。",
        "村民举报该厂未經授權排放污水",
        "3D打印产业园今年投产",
        "市场监管局为58家企业办理了食品经营许可证。",
        "全市开通不良信息举报平台。",
    ]
    notices = [
        "未经许可，不得转载",
        "本網站原創內容，未經授權不得轉載",
        "版权所有：某某市人民政府办公室",
        "【打印】 【关闭窗口】",
        "发布日期：2024-03-01  浏览次数：125",
        "粤ICP备12345678号",
    ]
    cleaned = clean("标题\n" + "\n".join(kept + notices) + "\n正文完。")
    assert cleaned.text.splitlines() == ["标题", *kept, "正文完。"]
    assert len(cleaned.flags["boilerplate"]) == len(notices)


def test_an_article_of_notices_only_is_an_error_not_a_duplicate(tmp_path):
    from annotator.core.formats import read_paths
    from annotator.core.model import LabelSet

    (tmp_path / "a.txt").write_text("未經授權不得轉載\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("版权所有 © 2024\n首页 > 新闻\n", encoding="utf-8")
    items = list(read_paths([tmp_path], LabelSet.default()))
    assert [type(i).__name__ for i in items] == ["InputError", "InputError"]
    assert all("nothing is left" in i.message for i in items)


def test_bylines_survive(samples):
    text = T.clean(samples["002"]).text
    assert "采寫:南方日報、南方+記者 任龍" in text
    assert "責任編輯:黃俊亮" in text


# ----------------------------------------------------------------- garbled
@pytest.mark.parametrize("key", ["000", "001"])
def test_garbled_runs_flagged_with_offsets(samples, key):
    cleaned = T.clean(samples[key])
    runs = cleaned.flags["garbled"]
    assert runs
    for start, end in runs:
        assert "?" in cleaned.text[start:end]


def test_garbled_ignores_urls_and_question_marks():
    assert T.find_garbled("见 https://x.cn/a?t=1 与 你好吗?\n") == []
    assert T.find_garbled("部署??h直單位") == [(2, 5)]
    assert T.find_garbled("壞\ufffd\ufffd字") == [(1, 3)]


# ----------------------------------------------------------------- offsets
def test_clean_maps_every_character_back_to_raw(samples):
    for raw in samples.values():
        cleaned = T.clean(raw)
        mt = cleaned.mapping
        for i, ch in enumerate(cleaned.text):
            assert raw[mt.starts[i]] == ch or (ch == "\n" and raw[mt.starts[i]] in "\r\n")


_chunks = st.lists(
    st.one_of(
        st.text(alphabet="鎮發展會黨縣區長村社中歐江門(）)abc \n\r\t　?", min_size=1, max_size=12),
        st.sampled_from(
            [
                "(zhèn)",
                "(fā)",
                "(誓師)",
                "\r\n",
                "首页 > 新闻\n",
                "  • 0\n",
                "路过\n",
                "Copyright © 2023\n",
                "??h",
                "\ufffd",
            ]
        ),
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(_chunks)
def test_property_cleaned_chars_come_from_raw(chunks):
    raw = "".join(chunks)
    cleaned = T.clean(raw)
    mt = cleaned.mapping
    assert len(mt.starts) == len(mt.ends) == len(cleaned.text)
    for i, ch in enumerate(cleaned.text):
        assert 0 <= mt.starts[i] < mt.ends[i] <= len(raw)
        origin = raw[mt.starts[i] : mt.ends[i]]
        assert ch in origin or (ch == "\n" and "\r" in origin)
    # Offsets only move forward: the cleaned text is a subsequence of the raw text.
    assert list(mt.starts) == sorted(mt.starts)
    for start, end in cleaned.flags.get("garbled", []):
        assert 0 <= start < end <= len(cleaned.text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="發展會議黨縣區長鎮後裡乾隆頭髮麵麪台臺週幹著于於鬱系係干乾", max_size=40))
def test_property_script_conversion_keeps_length(s):
    assert len(T.to_simplified(s)) == len(s)
    assert len(T.to_traditional(s)) == len(s)


def test_script_detection(samples):
    assert T.clean(samples["000"]).script == "traditional"
    assert T.clean(samples["003"]).script == "simplified"


def test_mapped_edit_rejects_overlap():
    mt = T.MappedText.identity("abcdef")
    with pytest.raises(ValueError):
        mt.edit([(0, 3, ""), (2, 4, "")])
    assert mt.delete([(1, 2), (4, 6)]).text == "acd"
    assert mt.to_raw(0, 2) == (0, 2)


def test_an_identity_map_counts_every_character_whatever_the_length():
    for n in (0, 1, 7, (1 << 16) - 1, 1 << 16, (1 << 16) + 3):
        mapped = T.MappedText.identity("字" * n)
        assert mapped.starts == array("q", range(n))
        assert mapped.ends == array("q", range(1, n + 1))
    # Each map is its own: changing one leaves the next as it was.
    T.MappedText.identity("甲乙").starts[0] = 9
    assert list(T.MappedText.identity("甲乙").starts) == [0, 1]


def test_the_control_characters_a_binary_file_is_told_by():
    # Unicode's control characters, but the tab, line and form feeds and carriage return.
    for code in range(0x3000):
        ch = chr(code)
        control = unicodedata.category(ch) == "Cc" and ch not in "\t\n\f\r"
        assert bool(T._CONTROLS.fullmatch(ch)) == control, hex(code)
