"""Build the shipped lexicons from the seed data in ``shared/data/`` (reproducible).

    python resources/lexicons/build_lexicons.py ../shared/data

Writes ``lexicon.tsv`` (surface, type, origin) beside this file. Types:
LOC, ORG, PER, TITLE, BODY (an organisation word that follows a place: 市委, 司法局, 大学),
POLICY (named programmes), CAMPAIGN (a word a place joins to name a campaign: 绿美),
FEATURE (a natural feature a place joins and stays a place: 半岛).
The hand-written lists below are ours; everything else is a mechanical filter of a
seed file, named in the origin column. Licences and attribution: ATTRIBUTION.md.
Re-run after changing a rule; the output is sorted, so diffs stay readable.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import jieba
import jieba.posseg
import opencc

HERE = Path(__file__).resolve().parent

# A short form is dropped when jieba knows it as a common word of another kind
# (共和, 大同, 东风): matching it everywhere would flood the suggestions.
COMMON_FREQ = 100
DIVISION_SUFFIXES = (
    "各族自治县",
    "瑶族自治县",
    "壮族瑶族自治县",
    "自治县",
    "街道",
    "省",
    "市",
    "县",
    "区",
    "镇",
    "乡",
)
PLACE_END = tuple("省市县区镇乡村州岛湾港山江河湖")

# Government bodies and organisation words that combine with a place or level
# (江门 + 市委, 区 + 纪委监委, 市 + 人民医院). Ours; HanLP's nis suffixes add more.
BODIES = """
市委 县委 区委 省委 镇委 乡委 党委 党工委 党组 党支部 总支 党总支 街道党工委 镇党委 村党支部 村委 村委会
居委会 纪委 监委 纪委监委 纪工委 政法委 组织部 宣传部 统战部 人民政府 政府 市政府 县政府 区政府 镇政府
乡政府 省政府 人大 人大常委会 常委会 政协 人民法院 法院 人民检察院 检察院 公安局 公安分局 派出所 司法局
财政局 税务局 教育局 民政局 人社局 自然资源局 住建局 交通运输局 农业农村局 水务局 商务局 文广旅体局
卫生健康局 卫健局 应急管理局 市场监管局 生态环境局 统计局 审计局 发改局 工信局 科技局 林业局 城管局
发展和改革局 工业和信息化局 发展改革委 发改委 国资委 办公室 办公厅 委员会 管委会 指挥部 指挥办 工作组
人民医院 中医院 医院 卫生院 大学 学院 中学 小学 学校 银行 分行 支行 集团 有限公司 股份有限公司 公司
协会 商会 联合会 研究院 研究所 中心 电视台 报社 日报 妇联 团委 共青团 总工会 工会 残联 科协 侨联
队 女队 男队 代表队 国家队 俱乐部 代表团 议会 国会 政府 内阁 外交部 国防部 财政部 商务部 教育部
""".split()

# Words that put a body at a level of the state, like 市 or 县 do (国家统计局, 中央气象台).
LEVEL_WORDS = "国家 中央 全国 地方".split()

# Programmes and strategies that Guangdong's news names without quotes, province-wide
# and national (ours; public knowledge). GUIDELINES: POLICY.
PROGRAMMES = """
百千万工程 制造业当家 绿美广东生态建设 一核一带一区 以工代赈 工改工 双区建设 强镇兴村 百县千镇万村高质量发展工程
""".split()

# Natural features a place name joins and stays a place: 朝鲜 + 半岛, 台湾 + 海峡.
PLACE_FEATURES = "半岛 海峡 高原 盆地 平原 山脉 群岛 海域 海湾 三角洲".split()

# Campaign words a place joins to name its own campaign: 绿美 + 鹤山 (GUIDELINES: 绿美鹤山).
CAMPAIGN_PREFIXES = "绿美".split()

# International bodies and national organs news names most (ours; public knowledge).
WORLD_ORGS = """
联合国 安理会 联合国安理会 欧盟 欧洲联盟 欧共体 北约 东盟 非盟 阿盟 欧佩克 石油输出国组织 世贸组织 世界贸易组织
世界银行 国际货币基金组织 亚洲开发银行 亚行 亚投行 世界卫生组织 世卫组织 国际奥委会 国际足联 亚足联 红十字会
国际红十字会 联合国教科文组织 国际原子能机构 经合组织 二十国集团 七国集团 上合组织 上海合作组织 金砖国家
中共中央 中央委员会 全国人大 全国人大常委会 全国政协 国务院 中央军委 最高人民法院 最高人民检察院 解放军
中国人民解放军 新华社 人民日报 中央电视台 央视 南方日报 羊城晚报 南方都市报 中国共产党 中共 共产党 国民党
民进党 共和党 民主党 工党 保守党 自民党 北京大学 北大 清华大学 清华 复旦大学 中山大学 暨南大学
""".split()

TITLES = """
书记 副书记 常务副书记 党委书记 党委副书记 党组书记 党工委书记 支部书记 总书记 市委书记 县委书记 区委书记
镇党委书记 省委书记 纪委书记 市长 副市长 常务副市长 县长 副县长 区长 副区长 镇长 副镇长 乡长 副乡长 省长
副省长 村长 主任 副主任 常务副主任 局长 副局长 处长 副处长 科长 副科长 厅长 副厅长 部长 副部长 院长
副院长 检察长 副检察长 庭长 所长 站长 校长 副校长 主席 副主席 委员 常委 委员长 秘书长 副秘书长 总指挥
副总指挥 指挥长 组长 副组长 队长 会长 副会长 理事长 董事长 总经理 副总经理 经理 总裁 行长 社长 台长
主编 总编辑 责任编辑 编辑 记者 通讯员 特约记者 首席记者 人大代表 党代表 政协委员 主任委员 调研员 巡视员
干事 专员 总理 副总理 国务委员 总统 副总统 首相 大使 总领事 发言人 新闻发言人 司令员 政委 政治委员 参谋长
""".split()

# Countries, regions and world cities news names most (ours; public knowledge). jieba
# tags many of these as person names (莫斯科, 科索沃), so they must be known as places.
WORLD_PLACES = """
中国 美国 日本 俄罗斯 英国 法国 德国 意大利 西班牙 葡萄牙 荷兰 比利时 瑞士 瑞典 挪威 丹麦 芬兰 冰岛 爱尔兰
奥地利 波兰 捷克 斯洛伐克 匈牙利 罗马尼亚 保加利亚 希腊 土耳其 乌克兰 白俄罗斯 立陶宛 拉脱维亚 爱沙尼亚
塞尔维亚 克罗地亚 斯洛文尼亚 波黑 黑山 阿尔巴尼亚 马其顿 南斯拉夫 科索沃 摩尔多瓦 格鲁吉亚 亚美尼亚 阿塞拜疆
哈萨克斯坦 乌兹别克斯坦 吉尔吉斯斯坦 塔吉克斯坦 土库曼斯坦 蒙古 朝鲜 韩国 越南 老挝 柬埔寨 泰国 缅甸
马来西亚 新加坡 印度尼西亚 印尼 菲律宾 文莱 东帝汶 印度 巴基斯坦 孟加拉国 孟加拉 斯里兰卡 尼泊尔 不丹 马尔代夫
阿富汗 伊朗 伊拉克 叙利亚 约旦 黎巴嫩 以色列 巴勒斯坦 沙特阿拉伯 沙特 也门 阿曼 阿联酋 卡塔尔 巴林 科威特
埃及 利比亚 突尼斯 阿尔及利亚 摩洛哥 苏丹 埃塞俄比亚 肯尼亚 坦桑尼亚 乌干达 卢旺达 索马里 尼日利亚 加纳
科特迪瓦 塞内加尔 马里 喀麦隆 刚果 安哥拉 赞比亚 津巴布韦 莫桑比克 南非 纳米比亚 博茨瓦纳 马达加斯加
加拿大 墨西哥 古巴 牙买加 海地 巴拿马 哥斯达黎加 危地马拉 洪都拉斯 尼加拉瓜 萨尔瓦多 哥伦比亚 委内瑞拉
厄瓜多尔 秘鲁 玻利维亚 巴西 巴拉圭 乌拉圭 阿根廷 智利 澳大利亚 新西兰 斐济 巴布亚新几内亚
亚洲 欧洲 非洲 美洲 北美 南美 拉美 拉丁美洲 大洋洲 中东 东南亚 南亚 西亚 中亚 东亚 东欧 西欧 北欧 南欧 中欧
太平洋 大西洋 印度洋 北冰洋 地中海 加勒比海 波斯湾 南海 东海 黄海 渤海 台湾海峡
北京市 天津市 上海市 重庆市 河北省 山西省 辽宁省 吉林省 黑龙江省 江苏省 浙江省 安徽省 福建省 江西省 山东省 河南省
湖北省 湖南省 广东省 海南省 四川省 贵州省 云南省 陕西省 甘肃省 青海省 台湾省 内蒙古 广西 西藏 宁夏 新疆 河北 山西
辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 云南 陕西 甘肃 青海 粤港澳
珠三角 长三角 大湾区 粤港澳大湾区 粤东 粤西 粤北 京津冀 华南 华北 华东 华中 西南 西北 东北
长江 黄河 珠江 淮河 海河 辽河 松花江 雅鲁藏布江 澜沧江 怒江 汉江 湘江 漓江 西江 北江 东江 韩江 钱塘江
泰山 黄山 华山 衡山 嵩山 恒山 庐山 峨眉山 武夷山 昆仑山 天山 秦岭 喜马拉雅山 珠穆朗玛峰 青藏高原 黄土高原
云贵高原 内蒙古高原 塔里木盆地 四川盆地 华北平原 东北平原 长江三角洲 珠江三角洲 渤海湾 北部湾 琼州海峡 西沙群岛
南沙群岛 钓鱼岛 海南岛 舟山群岛 洞庭湖 鄱阳湖 太湖 西湖 青海湖 中南海
北京 上海 天津 重庆 香港 澳门 台湾 台北 广州 深圳 南京 杭州 武汉 成都 西安 沈阳 大连 长春 哈尔滨 济南 青岛
郑州 石家庄 太原 呼和浩特 合肥 福州 厦门 南昌 长沙 南宁 海口 昆明 贵阳 拉萨 兰州 西宁 银川 乌鲁木齐
华盛顿 纽约 洛杉矶 芝加哥 旧金山 波士顿 东京 大阪 首尔 汉城 平壤 莫斯科 圣彼得堡 伦敦 巴黎 柏林 罗马 马德里
维也纳 日内瓦 布鲁塞尔 阿姆斯特丹 斯德哥尔摩 华沙 布拉格 布达佩斯 雅典 安卡拉 伊斯坦布尔 基辅 贝尔格莱德
开罗 德黑兰 巴格达 大马士革 耶路撒冷 特拉维夫 利雅得 新德里 孟买 伊斯兰堡 卡拉奇 曼谷 河内 金边 万象 仰光
吉隆坡 雅加达 马尼拉 悉尼 墨尔本 堪培拉 惠灵顿 渥太华 多伦多 温哥华 墨西哥城 哈瓦那 巴西利亚 布宜诺斯艾利斯
圣地亚哥 利马 约翰内斯堡 内罗毕 法兰克福 慕尼黑 米兰 威尼斯 巴塞罗那 里斯本 苏黎世 釜山 横滨 名古屋
""".split()

# Common nouns jieba tags as places (城市, 两国, 山区): never a LOC on their own.
GENERIC_PLACES = frozenset(
    """
城市 农村 乡村 城镇 两国 三国 各国 本国 外国 大国 强国 国内 国外 境内 境外 海外 全国 全球 世界 国际 海洋 山水
山区 平原 高原 沿海 内地 边疆 边境 地方 当地 本地 外地 各地 异地 基层 一线 前线 后方 黑洞 治安 上半场 下半场
东部 西部 南部 北部 中部 东南部 西南部 东北部 西北部 城区 郊区 市区 辖区 社区 小区 景区 园区 片区 街区 灾区
老区 新区 港口 码头 车站 机场 广场 公园 医院 学校 南方 北方 东方 西方 中央 地区 区域 流域 周边 沿线
大桥 大街 大道 海关 海港 冰山 大洲 四海 长达 爱国 半壁江山 藩篱 江山 山河 大城 三中 一中 二中 华西
圩镇 中心镇 中心村 自然村 行政村
""".split()
)

# Words jieba tags as a name, place or organisation in news text where they are not one
# (the stop list). Also the generic groups GUIDELINES.md rules out.
STOP = """
暨 高水平 高质量 全县 全市 全区 全镇 全省 各镇 各村 各部门 各区 各县 典型镇 典型村 镇村 与会人员 城乡 县域
镇域 村居 百千万 头号工程 乡村振兴 城中村 工业园区 产业园区 园区 中心城区 城区 社区 片区 市区 市直 县直 区直
""".split()


def _common(
    word: str, freq: dict[str, int], tags: dict[str, str], keep_tags: tuple[str, ...]
) -> bool:
    return freq.get(word, 0) >= COMMON_FREQ and not tags.get(word, "").startswith(keep_tags)


def divisions(path: Path, freq: dict[str, int], tags: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name, level = row["name"], row["level"]
            if level == "town" and not name.endswith(("镇", "街道", "乡")):
                continue  # farms, forest farms, parks and prisons are not places to tag
            if name == "城区":
                continue
            out.setdefault(name, f"divisions:{level}")
            for suffix in DIVISION_SUFFIXES:
                if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                    short = name[: -len(suffix)]
                    if not _common(short, freq, tags, ("ns",)):
                        out.setdefault(short, f"divisions:{level}:short")
                    break
    return out


def thuocl(path: Path, freq: dict[str, int], tags: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    # The file has old-Mac CR line ends; splitlines() handles every convention.
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        word = line.split("\t")[0].strip()
        if len(word) < 2 or word in GENERIC_PLACES:
            continue
        tag = tags.get(word)
        if tag == "ns" or (tag is None and len(word) >= 3 and word.endswith(PLACE_END)):
            out[word] = "thuocl"
    return out


def hanlp_rows(path: Path) -> list[tuple[str, str, int]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.replace("\t", " ").split()
            if len(parts) >= 3 and parts[0] != "word":
                rows.append((parts[0], parts[1], int(parts[2]) if parts[2].isdigit() else 1))
    return rows


def main(data: Path) -> None:
    jieba.setLogLevel(60)
    jieba.initialize()
    freq = jieba.dt.FREQ
    tags = jieba.posseg.dt.word_tag_tab
    t2s = opencc.OpenCC("t2s")
    entries: dict[tuple[str, str], str] = {}

    def add(word: str, kind: str, origin: str) -> None:
        word = t2s.convert(word.strip())
        if len(word) >= 2 or kind in ("BODY",):
            entries.setdefault((word, kind), origin)

    for word, origin in divisions(
        data / "divisions" / "guangdong_divisions.csv", freq, tags
    ).items():
        add(word, "LOC", origin)
    for word, origin in thuocl(
        data / "lexicons" / "thuocl" / "THUOCL_diming.txt", freq, tags
    ).items():
        add(word, "LOC", origin)
    ours = [
        (WORLD_PLACES, "LOC", "ours:world"),
        (BODIES, "BODY", "ours"),
        (WORLD_ORGS, "ORG", "ours:world"),
        (LEVEL_WORDS, "LEVEL", "ours"),
        (PROGRAMMES, "POLICY", "ours"),
        (CAMPAIGN_PREFIXES, "CAMPAIGN", "ours"),
        (PLACE_FEATURES, "FEATURE", "ours"),
        (TITLES, "TITLE", "ours"),
    ]
    for words, kind, origin in ours:
        for word in words:
            add(word, kind, origin)
    hanlp = data / "lexicons" / "hanlp"
    for word, _tag, n in hanlp_rows(hanlp / "nis_org_suffixes.tsv"):
        if n >= 5 and len(word) >= 2 and not _common(word, freq, tags, ("nt", "n")):
            add(word, "BODY", "hanlp:nis")
    for word, _tag, n in hanlp_rows(hanlp / "nnt_titles.tsv"):
        if n >= 3 and word.endswith(
            ("长", "书记", "主任", "主席", "委员", "经理", "编辑", "记者", "秘书")
        ):
            add(word, "TITLE", "hanlp:nnt")
    from annotator.core.suggest.lexicon import place_and_kind

    def is_place(word: str) -> bool:
        return (word, "LOC") in entries and tags.get(word) == "ns"

    for name in ("nt_orgs_core.tsv", "机构名词典.txt"):
        for word, tag, _n in hanlp_rows(hanlp / name):
            if (
                tag.startswith("nt")
                and len(word) >= 3
                and not _common(word, freq, tags, ("nt",))
                and not place_and_kind(word, is_place)
            ):
                add(word, "ORG", f"hanlp:{tag}")
    for word, tag, _n in hanlp_rows(hanlp / "人名词典.txt"):
        if tag.startswith("nr") and 2 <= len(word) <= 4 and "·" not in word:
            # A two-character name may be a common word too (文明, 建国); longer ones
            # rarely are, even where jieba's tag is wrong (周恩来 is "t" there).
            if len(word) >= 3 or not _common(word, freq, tags, ("nr",)):
                add(word, "PER", f"hanlp:{tag}")
    stop = set(STOP) | GENERIC_PLACES
    lines = sorted(
        f"{word}\t{kind}\t{origin}"
        for (word, kind), origin in entries.items()
        if word not in stop or kind == "FEATURE"  # 平原 alone is no place; 华北平原 is
    )
    lines += sorted(f"{word}\tSTOP\tours" for word in stop)
    # The character model of names (annotator/core/suggest/names.py): Chinese names of
    # the person lexicon against jieba's dictionary words.
    from annotator.core.suggest.names import NameModel

    names = [w for (w, kind), origin in entries.items() if kind == "PER" and origin == "hanlp:nr"]
    model = NameModel.train(names, ((w, n) for w, n in freq.items() if n > 0))
    (HERE / "name_model.json").write_text(model.to_json() + "\n", encoding="utf-8")
    (HERE / "lexicon.tsv").write_text(
        "surface\ttype\torigin\n" + "\n".join(lines) + "\n", encoding="utf-8"
    )
    print(f"wrote {len(lines)} entries to {HERE / 'lexicon.tsv'}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data"))
