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
import re
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
海军 陆军 空军 武警 海关
网信办 编办 外事办 金融办
""".split()

# Words that put a body at a level of the state, like 市 or 县 do (国家统计局, 中央气象台,
# 县直 + 机关工委: the bodies a county runs directly).
LEVEL_WORDS = "国家 中央 全国 地方 省直 市直 县直 区直".split()

# Programmes and strategies that Guangdong's news names without quotes, province-wide
# and national (ours; public knowledge). GUIDELINES: POLICY. (The province's greening
# campaign is 绿美 + 广东, as every place's is: CAMPAIGN_PREFIXES below; its 生态建设 is
# what the campaign does, not part of its name.)
PROGRAMMES = """
百千万工程 制造业当家 一核一带一区 以工代赈 工改工 双区建设 强镇兴村
""".split()

# Natural features a place name joins and stays a place: 朝鲜 + 半岛, 台湾 + 海峡; and
# the region a city anchors (广州 + 都市圈).
PLACE_FEATURES = "半岛 海峡 高原 盆地 平原 山脉 群岛 海域 海湾 三角洲 都市圈".split()

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
世界经济论坛 国际劳工组织 联合国粮农组织 粮农组织 世界粮食计划署 联合国难民署 联合国开发计划署 联合国儿童基金会
世行 基金组织 泛美卫生组织 美洲开发银行 泛美开发银行 非洲开发银行 欧洲复兴开发银行 国际清算银行 国际狮子会
国际扶轮 全球环境基金 世界反兴奋剂机构 国际武联 国际篮联 国际排联 国际网联 国际滑联 国际体联 共产国际
纳斯达克 纽约证券交易所 纽约证交所 伦敦证券交易所 东京证券交易所 香港联合交易所 港交所 上海证券交易所 上交所
深圳证券交易所 深交所
国际刑警组织 国际海事组织 国际民航组织 国际电信联盟 万国邮政联盟 世界气象组织 世界知识产权组织 国际法院
国际刑事法院 欧洲议会 欧盟委员会 欧洲委员会 欧洲央行 欧洲中央银行 美联储 英格兰银行 非洲统一组织 非统组织
美洲国家组织 阿拉伯国家联盟 海湾合作委员会 海合会 伊斯兰会议组织 不结盟运动 独联体 独立国家联合体 亚太经合组织
亚太经济合作组织 世界旅游组织 国际足球联合会 国际田联 国际泳联 国际乒联 国际羽联 奥委会 亚奥理事会 欧足联
国家杜马 联邦委员会 俄联邦委员会 白宫 五角大楼 国务院 克里姆林宫 唐宁街 爱丽舍宫 美国国会 参议院 众议院
中情局 联邦调查局 美国中央情报局 北大西洋公约组织 华约 巴解组织 巴勒斯坦解放组织 哈马斯 真主党 塔利班 基地组织
新华通讯社 中新社 中国新闻社 光明日报 经济日报 解放军报 中国日报 中国青年报 工人日报 农民日报 法制日报 科技日报
参考消息 环球时报 新民晚报 文汇报 解放日报 北京日报 南方周末 大公报 明报 联合早报 中央人民广播电台
中国国际广播电台 中国中央电视台 广东广播电视台 美联社 合众社 合众国际社 法新社 路透社 共同社 时事社 塔斯社
俄新社 安莎社 德新社 埃菲社 韩联社 朝中社 越南通讯社 中东社 美国有线电视新闻网 英国广播公司 日本广播协会
纽约时报 华盛顿邮报 华尔街日报 今日美国 洛杉矶时报 泰晤士报 金融时报 卫报 每日电讯报 世界报 费加罗报
朝日新闻 读卖新闻 每日新闻 日本经济新闻 产经新闻 时代周刊 新闻周刊 经济学人 福布斯 彭博社
人民网 新华网 央视网 央视新闻 央广网 中国新闻网 中新网 光明网 中国经济网 中国青年网 中青网 国际在线 环球网
澎湃新闻 新京报 界面新闻 封面新闻 红星新闻 上观新闻 第一财经 学习强国 今日头条 凤凰网 新浪网 腾讯网 腾讯新闻
网易新闻 搜狐网 南方网 南方+ 金羊网 羊城派 大洋网 广州日报 新快报 深圳特区报 深圳商报 深圳新闻网 触电新闻
荔枝网 香港商报 南华早报 中央广播电视总台 经济观察报 每日经济新闻 证券时报 中国证券报 上海证券报 中国新闻周刊
人民政协报 中国纪检监察报 法治日报 中国妇女报
微软 英特尔 国际商用机器公司 苹果公司 谷歌 亚马逊公司 脸书 甲骨文公司 思科 惠普 戴尔 摩托罗拉 诺基亚 爱立信
西门子 飞利浦 索尼 松下 东芝 日立 夏普 佳能 尼康 富士通 三星电子 三星集团 现代汽车 起亚 乐金 丰田 本田
马自达 三菱 三井 住友 通用汽车 福特汽车 克莱斯勒 大众汽车 奔驰 戴姆勒 宝马 奥迪 保时捷 沃尔沃 雷诺 菲亚特
法拉利 劳斯莱斯 波音 空中客车 空客 洛克希德 麦道 通用电气 埃克森美孚 壳牌 英国石油 雪佛龙 道达尔 可口可乐
百事可乐 麦当劳 肯德基 沃尔玛 家乐福 雀巢 联合利华 宝洁 强生 辉瑞 拜耳 巴斯夫 杜邦 高盛 摩根士丹利 花旗银行
花旗集团 汇丰银行 渣打银行 德意志银行 瑞士银行 瑞银 巴克莱银行 美洲银行 美国银行 大通银行 野村证券
迪斯尼 迪士尼 华纳兄弟 时代华纳 新闻集团 维旺迪 贝塔斯曼 耐克 阿迪达斯 国际奥林匹克委员会
海尔 华为 中兴 联想集团 长虹 康佳 TCL 格力 美的集团 海信 一汽 二汽 东风汽车 上汽 广汽 吉利 比亚迪 奇瑞
宝钢 鞍钢 首钢 武钢 邯钢 包钢 中石油 中石化 中海油 中国石油 中国石化 中国移动 中国联通 中国电信 国家电网
南方电网 中国银行 工商银行 中国工商银行 建设银行 中国建设银行 农业银行 中国农业银行 交通银行 招商银行 中信
光大集团 中国人民保险公司 中国人寿 中国平安 中粮 中远 中国远洋 招商局 华润 腾讯 阿里巴巴 百度 网易 新浪 搜狐 京东
""".split()

# National ministries and agencies, present and past: each names one body of the state,
# so the bare word is an organisation (教育部), unlike a local body (教育局 of which city?).
NATIONAL_BODIES = """
外交部 国防部 公安部 国家安全部 民政部 司法部 财政部 人力资源和社会保障部 人社部 自然资源部 生态环境部
住房和城乡建设部 住建部 交通运输部 交通部 水利部 农业农村部 农业部 商务部 文化和旅游部 文化部 文旅部 卫生部
教育部 科学技术部 科技部 工业和信息化部 工信部 退役军人事务部 应急管理部 审计署 海关总署 国家税务总局
国家统计局 国家发展和改革委员会 国家发改委 国家卫生健康委员会 国家卫健委 国家民族事务委员会 国家民委
国务院国资委 国家市场监督管理总局 国家林业和草原局 国家广播电视总局 国家新闻出版署 国家体育总局 国家旅游局
人事部 劳动部 劳动和社会保障部 铁道部 邮电部 信息产业部 电力工业部 电力部 煤炭工业部 煤炭部 冶金工业部
冶金部 化学工业部 化工部 机械工业部 电子工业部 建设部 地质矿产部 国土资源部 林业部 内贸部 国内贸易部
对外贸易经济合作部 外经贸部 广播电影电视部 广电部 国家计委 国家计划委员会 国家经贸委 国家教委 国家体委 国家科委
国家计生委 国家环保总局 国家工商行政管理局 国家工商总局 国家技术监督局 国家质检总局 国家外汇管理局 国家版权局
国家文物局 国家海洋局 国家气象局 中国气象局 中国地震局 中国科学院 中科院 中国社会科学院 社科院 中国工程院
最高法 最高检 中央纪委 中央组织部 中组部 中央宣传部 中宣部 中央统战部 中联部 中央对外联络部 中央办公厅
国务院办公厅 国务院新闻办公室 国新办 国务院港澳办 国务院台办 国台办 全国妇联 全国总工会 共青团中央 团中央
中国科协 中国侨联 中国残联 中国作协 中国文联 中华全国工商业联合会 全国工商联 民革 民盟 民建 民进 农工党
致公党 九三学社 台盟 中华全国总工会 中国足协 中国奥委会
内政部 内务部 总检察院 央行 中国人民银行 人民银行 红军 新四军 八路军
""".split()

TITLES = """
书记 副书记 常务副书记 党委书记 党委副书记 党组书记 党组成员 党委委员 党工委书记 支部书记 总书记 市委书记 县委书记 区委书记
镇党委书记 省委书记 纪委书记 市长 副市长 常务副市长 县长 副县长 区长 副区长 镇长 副镇长 乡长 副乡长 省长
副省长 村长 主任 副主任 常务副主任 局长 副局长 处长 副处长 科长 副科长 厅长 副厅长 部长 副部长 院长
副院长 检察长 副检察长 庭长 所长 站长 校长 副校长 主席 副主席 委员 常委 委员长 秘书长 副秘书长 总指挥
副总指挥 指挥长 组长 副组长 队长 会长 副会长 理事长 董事长 总经理 副总经理 经理 总裁 行长 社长 台长
主编 总编辑 责任编辑 编辑 记者 通讯员 特约记者 首席记者 人大代表 党代表 政协委员 主任委员 调研员 巡视员
干事 专员 总理 副总理 国务委员 总统 副总统 首相 大使 总领事 发言人 新闻发言人 司令员 政委 政治委员 参谋长
国务卿 财长 外长 外相 防长 副首相 议长 副议长 参议员 众议员 议员 州长 总督 国王 女王 王储 领事 参赞 特使
公使 武官 总干事 司令 总司令 司令官 指挥官 将军 元帅 上将 中将 少将 大校 上校 中校 少校 舰长 机长
教练 主教练 教练员 领队 裁判 主裁判 队长 主帅 教授 副教授 院士 研究员 副研究员 工程师 总工程师 高级工程师
法官 检察官 大法官 审判长 警官 总监 董事 理事 监事长 主持人 评论员 编导 主任医师
""".split()

# Countries, regions, world cities and the bodies of the solar system, where news
# places events (ours; public knowledge). jieba tags many of these as person names
# (莫斯科, 科索沃), so they must be known as places.
WORLD_PLACES = """
苏联 前苏联 东德 西德 民主德国 联邦德国 普鲁士 奥匈帝国 奥斯曼帝国 罗马帝国 拜占庭 沙俄 锡兰 波斯 暹罗 扎伊尔
罗得西亚 蒙古国 捷克斯洛伐克
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
粤东西北 珠西 珠东 南粤 横琴粤澳深度合作区
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
卢森堡 摩纳哥 梵蒂冈 安道尔 列支敦士登 圣马力诺 马耳他 塞浦路斯 布隆迪 吉布提 厄立特里亚 南苏丹 乍得 尼日尔
布基纳法索 贝宁 多哥 几内亚 几内亚比绍 塞拉利昂 利比里亚 冈比亚 毛里塔尼亚 佛得角 赤道几内亚 加蓬
刚果（金） 刚果（布） 马拉维 莱索托 斯威士兰 毛里求斯 塞舌尔 科摩罗 阿鲁巴 多米尼加 巴哈马 巴巴多斯 格林纳达
特立尼达和多巴哥 圭亚那 苏里南 伯利兹 汤加 萨摩亚 瓦努阿图 所罗门群岛 基里巴斯 瑙鲁 图瓦卢 帕劳 密克罗尼西亚
巴格达 安曼 贝鲁特 多哈 迪拜 阿布扎比 马斯喀特 萨那 科威特城 麦纳麦 喀布尔 德里 加尔各答 达卡 加德满都 科伦坡
廷布 马累 仰光 内比都 万象 新德里 乌兰巴托 阿斯塔纳 阿拉木图 塔什干 比什凯克 杜尚别 阿什哈巴德 第比利斯
埃里温 巴库 明斯克 基希讷乌 维尔纽斯 里加 塔林 赫尔辛基 奥斯陆 哥本哈根 雷克雅未克 都柏林 爱丁堡 伯尔尼 日内瓦
洛桑 波恩 汉堡 科隆 杜塞尔多夫 斯图加特 不来梅 德累斯顿 莱比锡 斯特拉斯堡 马赛 里昂 尼斯 戛纳 图卢兹 波尔多
那不勒斯 佛罗伦萨 都灵 热那亚 巴伦西亚 塞维利亚 波尔图 鹿特丹 海牙 安特卫普 萨格勒布 卢布尔雅那 萨拉热窝
斯科普里 地拉那 索非亚 布加勒斯特 基辅 敖德萨 伏尔加格勒 新西伯利亚 符拉迪沃斯托克 海参崴 哈巴罗夫斯克
阿尔及尔 突尼斯城 的黎波里 拉巴特 卡萨布兰卡 喀土穆 亚的斯亚贝巴 摩加迪沙 坎帕拉 基加利 布琼布拉 达累斯萨拉姆
卢萨卡 哈拉雷 马普托 比勒陀利亚 开普敦 德班 温得和克 哈博罗内 罗安达 金沙萨 布拉柴维尔 雅温得 阿布贾 拉各斯
阿克拉 阿比让 达喀尔 巴马科 瓦加杜古 尼亚美 恩贾梅纳 努瓦克肖特 蒙罗维亚 弗里敦 科纳克里 洛美 科托努
波哥大 圣菲波哥大 加拉加斯 基多 拉巴斯 亚松森 蒙得维的亚 里约热内卢 圣保罗 巴拿马城 圣何塞 马那瓜 特古西加尔巴
危地马拉城 圣萨尔瓦多 金斯敦 太子港 圣多明各 蒙特利尔 魁北克 卡尔加里 西雅图 休斯敦 达拉斯 迈阿密 亚特兰大
费城 底特律 丹佛 拉斯维加斯 檀香山 夏威夷 阿拉斯加 加利福尼亚 加州 得克萨斯 德克萨斯 佛罗里达 纽约州
华盛顿州 弗吉尼亚 马里兰 俄亥俄 密歇根 伊利诺伊 宾夕法尼亚 马萨诸塞 新泽西 亚利桑那 科罗拉多 佐治亚 路易斯安那
北海道 本州 九州 四国 冲绳 京都 神户 广岛 长崎 福冈 札幌 仙台 奈良 神奈川 仁川 大邱 光州 济州岛 开城
奥克兰 珀斯 布里斯班 阿德莱德 昆士兰 新南威尔士 维多利亚州 塔斯马尼亚 新加坡城 槟城 曼德勒 胡志明市 海防 岘港
宿务 达沃 泗水 巴厘岛 清迈 普吉岛 芭堤雅 帕塔亚 加沙 约旦河西岸 戈兰高地 西奈半岛 克什米尔 查谟 旁遮普
车臣 达吉斯坦 西伯利亚 远东 巴尔干 高加索 斯堪的纳维亚 北爱尔兰 苏格兰 威尔士 英格兰 巴伐利亚 加泰罗尼亚
波斯尼亚 黑塞哥维那 中美洲 北非 西非 东非 南部非洲 中非共和国 撒哈拉 亚马孙河 亚马逊河 尼罗河 密西西比河
多瑙河 莱茵河 伏尔加河 恒河 湄公河 幼发拉底河 底格里斯河 约旦河 阿尔卑斯山 安第斯山 落基山 乌拉尔山 富士山
乞力马扎罗山 苏伊士运河 巴拿马运河 英吉利海峡 马六甲海峡 直布罗陀 黑海 红海 死海 里海 波罗的海 北海 爱琴海
亚得里亚海 阿拉伯海 日本海 鄂霍次克海 白令海峡 南极 北极 南极洲 格陵兰
地球 月球 火星 金星 水星 木星 土星 天王星 海王星 冥王星 太阳系 银河系
阿拉伯 达沃斯 切尔诺贝利 硅谷 华尔街 好莱坞 中关村 外滩 王府井 西单 天安门
中华人民共和国 亚太 北爱 北平 新界 九龙 港岛 太行山 大别山 井冈山 长白山 祁连山 武当山 五台山 九华山
普陀山 峨嵋山 三峡 长江三峡 黄浦江 嘉陵江 乌江 岷江 大渡河 金沙江 汉水 滇池 洱海 千岛湖 呼伦湖 纳木错
""".split()

# Common nouns jieba tags as places (城市, 两国, 山区): never a LOC on their own.
GENERIC_PLACES = frozenset(
    """
城市 农村 乡村 城镇 两国 三国 各国 本国 外国 大国 强国 国内 国外 境内 境外 海外 全国 全球 世界 国际 海洋 山水
山区 平原 高原 沿海 内地 边疆 边境 地方 当地 本地 外地 各地 异地 基层 一线 前线 后方 黑洞 治安 上半场 下半场
东部 西部 南部 北部 中部 东南部 西南部 东北部 西北部 城区 郊区 市区 辖区 社区 小区 景区 园区 片区 街区 灾区
老区 新区 港口 码头 车站 机场 广场 公园 医院 学校 南方 北方 东方 西方 中央 地区 区域 流域 周边 沿线
大桥 大街 大道 海关 海港 冰山 大洲 四海 长达 爱国 半壁江山 藩篱 江山 山河 大城 三中 一中 二中 华西
圩镇 中心镇 中心村 自然村 行政村 苏区 滨海 临港 山林
""".split()
)

# Words jieba tags as a name, place or organisation in news text where they are not one
# (the stop list): the generic groups GUIDELINES.md rules out, and loanwords jieba's
# dictionary tags as people or places (尼古丁, 马拉松, 吉他).
STOP = """
暨 高水平 高质量 全县 全市 全区 全镇 全省 各镇 各村 各部门 各区 各县 典型镇 典型村 镇村 与会人员 城乡 县域
镇域 村居 百千万 头号工程 乡村振兴 城中村 工业园区 产业园区 园区 中心城区 城区 社区 片区 市区 市直 县直 区直
尼古丁 厄尔尼诺 拉尼娜 桑巴 桑巴舞 沙林 斯诺克 阿尔法 贝塔 伽马 马拉松 沙拉 巧克力 吉普 雷达 摩托 巴士 托福
雅思 海洛因 尼龙 探戈 华尔兹 桑拿 威士忌 伏特加 高尔夫 迪斯科 蒙太奇 托拉斯 卡特尔 麦克风 吉他 萨克斯
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


# Short forms of divisions that are everyday words first (日照 sunshine, 来宾 guests,
# 长治 in 长治久安, 上街 to go out): only the full name (日照市) is matched.
EVERYDAY_WORDS = frozenset(
    "日照 大同 开封 来宾 安康 白银 阿里 海口 长治 包头 上街 东坡 城关".split()
)
COUNTY_WORD_FREQ = 500

# Names in the national list that are no place of their own: placeholders, and districts
# named only by what they are (城区, 郊区, 矿区 of several cities).
_NOT_DIVISIONS = frozenset(
    "市辖区 县 省直辖县级行政区划 自治区直辖县级行政区划 城区 郊区 矿区 西区 东区".split()
)
# Endings of a division's full name that its short form drops, longest first.
CHINA_SUFFIXES = (
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "林区",
    "地区",
    "省",
    "市",
    "县",
    "区",
    "旗",
    "盟",
    "州",
)


def china_divisions(folder: Path, freq: dict[str, int], tags: dict[str, str]) -> dict[str, str]:
    """Every province, city and county of China (cpca's national list), with its short
    form: 苏州市 → 苏州, 宁夏回族自治区 → 宁夏, 延边朝鲜族自治州 → 延边."""
    peoples = [
        line.strip() for line in (folder / "56_nations.csv").read_text(encoding="utf-8").split()
    ]
    out: dict[str, str] = {}
    with (folder / "adcodes.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name, code = row["name"], row["adcode"]
            if name in _NOT_DIVISIONS or len(name) < 2:
                continue
            level = (
                "province"
                if code[2:].strip("0") == ""
                else "city"
                if code[4:].strip("0") == ""
                else "county"
            )
            if len(name) == 2 and tags.get(name) != "ns":
                continue  # 和县, 新县: too easily two words of a sentence (书记和县长)
            out.setdefault(name, f"cpca:{level}")
            short = _short_form(name, peoples)
            # jieba's tags are no guide for cities (桂林 is a name there, 孝感 a noun), so
            # a city's short form counts unless it is an everyday word. Of counties there
            # are thousands, and their short forms are often words (万全, 东光): one counts
            # only where jieba knows it as a place and not as a frequent word (its "places"
            # 新建, 兴国, 朝阳 are), or does not know it at all.
            if (
                short
                and short not in EVERYDAY_WORDS
                and (
                    level != "county"
                    or not freq.get(short)
                    or (tags.get(short) == "ns" and freq[short] < COUNTY_WORD_FREQ)
                )
            ):
                out.setdefault(short, f"cpca:{level}:short")
    return out


def _short_form(name: str, peoples: list[str]) -> str | None:
    for suffix in CHINA_SUFFIXES:
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            break
    else:
        return None
    if suffix.startswith("自治"):
        # The peoples named before 自治 go too: 黔江土家族苗族自治县 → 黔江.
        cuts = [stem.find(p, 2) for p in peoples]
        cut = min((c for c in cuts if c >= 2), default=len(stem))
        stem = stem[:cut]
        if stem in peoples:
            stem = stem[:-1]  # 东乡族自治县 → 东乡
    return stem if len(stem) >= 2 else None


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
    for word, origin in china_divisions(HERE / "sources" / "cpca", freq, tags).items():
        add(word, "LOC", origin)
    for word, origin in thuocl(
        data / "lexicons" / "thuocl" / "THUOCL_diming.txt", freq, tags
    ).items():
        add(word, "LOC", origin)
    ours = [
        (WORLD_PLACES, "LOC", "ours:world"),
        (BODIES, "BODY", "ours"),
        (WORLD_ORGS, "ORG", "ours:world"),
        (NATIONAL_BODIES, "ORG", "ours:national"),
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
    # HanLP's organisation suffixes hold facility words too (基地, 电站, 博物馆): those end
    # a facility's name (GUIDELINES: FAC), so they are no body word here; a common word
    # before one then names a kind (育苗基地), not an organisation.
    from annotator.core.suggest import vocab

    facility_words = vocab.words("facility_ends") | vocab.words("facility_ends_after_names")
    for word, _tag, n in hanlp_rows(hanlp / "nis_org_suffixes.tsv"):
        if (
            n >= 5
            and len(word) >= 2
            and word not in facility_words
            and not _common(word, freq, tags, ("nt", "n"))
        ):
            add(word, "BODY", "hanlp:nis")
    for word, _tag, n in hanlp_rows(hanlp / "nnt_titles.tsv"):
        if n >= 3 and word.endswith(
            ("长", "书记", "主任", "主席", "委员", "经理", "编辑", "记者", "秘书")
        ):
            add(word, "TITLE", "hanlp:nnt")
    from annotator.core.suggest.lexicon import place_and_kind

    def is_place(word: str) -> bool:
        return (word, "LOC") in entries and tags.get(word) == "ns"

    # Two bodies written together are two organisations (某县委县政府: GUIDELINES), which
    # the composition reads apart.
    joint_bodies = re.compile(
        "委[" + "".join(sorted(vocab.chars("place_levels"))) + "]+政府"
    ).search

    # An organisation word after these is any organisation of its kind (三甲医院, 上市公司).
    generic_starts = tuple(vocab.ordered("generic_org_starts"))
    for name in ("nt_orgs_core.tsv", "机构名词典.txt"):
        for word, tag, _n in hanlp_rows(hanlp / name):
            if (
                tag.startswith("nt")
                and len(word) >= 3
                and not _common(word, freq, tags, ("nt",))
                and not place_and_kind(word, is_place)
                and not t2s.convert(word).startswith(generic_starts)
                and not joint_bodies(t2s.convert(word))
            ):
                add(word, "ORG", f"hanlp:{tag}")
    for word, tag, _n in hanlp_rows(hanlp / "人名词典.txt"):
        # A two-character name may be a common word too (文明, 建国); longer ones
        # rarely are, even where jieba's tag is wrong (周恩来 is "t" there).
        if (
            tag.startswith("nr")
            and 2 <= len(word) <= 4
            and "·" not in word
            and (len(word) >= 3 or not _common(word, freq, tags, ("nr",)))
        ):
            add(word, "PER", f"hanlp:{tag}")
    stop = set(STOP) | GENERIC_PLACES
    lines = sorted(
        f"{word}\t{kind}\t{origin}"
        for (word, kind), origin in entries.items()
        # 平原 alone is no place, but 华北平原 is; 市直 alone names no body, but it puts
        # one at its level (县直 + 机关工委).
        if word not in stop or kind in ("FEATURE", "LEVEL")
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
