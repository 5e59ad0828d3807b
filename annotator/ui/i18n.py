"""Interface text in Chinese and English. Follows the system language; switchable."""

from __future__ import annotations

import re

from PySide6.QtCore import QLocale

_STRINGS: dict[str, tuple[str, str]] = {
    "app.title": ("新闻实体标注", "News Entity Annotator"),
    "menu.file": ("文件(&F)", "&File"),
    "menu.edit": ("编辑(&E)", "&Edit"),
    "menu.annotate": ("标注(&A)", "&Annotate"),
    "menu.view": ("视图(&V)", "&View"),
    "menu.help": ("帮助(&H)", "&Help"),
    "menu.language": ("界面语言", "Language"),
    "menu.language.zh": ("中文", "中文 (Chinese)"),
    "menu.language.en": ("English（英文）", "English"),
    "menu.script": ("显示字体", "Script"),
    "menu.script.original": ("原文", "As written"),
    "menu.script.simplified": ("简体", "Simplified"),
    "menu.script.traditional": ("繁体", "Traditional"),
    "menu.theme": ("外观", "Appearance"),
    "menu.theme.system": ("跟随系统", "As the system"),
    "menu.theme.light": ("浅色", "Light"),
    "menu.theme.dark": ("深色", "Dark"),
    "list.filter.all": ("全部", "All"),
    "list.search": ("搜索全文…  (Ctrl+F)", "Search text…  (Ctrl+F)"),
    "list.col.status": ("状态", "Status"),
    "list.col.title": ("标题", "Title"),
    "list.col.pending": ("待定", "Pending"),
    "list.col.accepted": ("已接受", "Accepted"),
    "status.new": ("未开始", "New"),
    "status.in_progress": ("进行中", "In progress"),
    "status.done": ("已完成", "Done"),
    "status.skipped": ("已跳过", "Skipped"),
    "span.pending": ("待定", "pending"),
    "span.accepted": ("已接受", "accepted"),
    "span.rejected": ("已拒绝", "rejected"),
    "spans.col.label": ("标签", "Label"),
    "spans.col.text": ("文本", "Text"),
    "spans.col.status": ("状态", "Status"),
    "spans.col.origin": ("来源", "Origin"),
    "spans.title": ("实体", "Spans"),
    "spans.filter.label": ("全部标签", "Any label"),
    "spans.filter.origin": ("全部来源", "Any origin"),
    "spans.filter.status": ("全部状态", "Any status"),
    "bar.batch_accepted": ("已接受筛选出的 {n} 个实体", "Accepted {n} spans the filter shows"),
    "bar.batch_rejected": ("已拒绝筛选出的 {n} 个实体", "Rejected {n} spans the filter shows"),
    "bar.batch_none": ("筛选出的实体中没有可改的", "No span the filter shows needs that"),
    "palette.title": ("标签", "Labels"),
    "view.script.original": ("原文字体", "Original script"),
    "view.script.simplified": ("简体显示", "Simplified view"),
    "view.script.traditional": ("繁体显示", "Traditional view"),
    "bar.done_rest": (
        "已接受其余 {n} 个实体，本文完成",
        "Accepted the remaining {n}, article done",
    ),
    "bar.progress": ("完成 {done}/{total} 篇", "{done}/{total} articles done"),
    "bar.speed": (
        "本次 {n} 个决定 · {rate:.0f}/小时",
        "{n} decisions this session · {rate:.0f}/hour",
    ),
    "bar.current": (
        "当前：{surface} · {label} · {status} · {origin}",
        "Current: {surface} · {label} · {status} · {origin}",
    ),
    "bar.none": ("没有选中实体", "No span selected"),
    "bar.skipped": ("已跳过该文章", "Article skipped"),
    "bar.unskipped": ("已取消跳过", "Article no longer skipped"),
    "bar.flagged": ("已标记待复核", "Flagged for review"),
    "bar.unflagged": ("已取消复核标记", "Review flag cleared"),
    "bar.no_article": ("没有打开的文章", "No article is open"),
    "note.flagged": ("⚑ 待复核", "⚑ Flagged for review"),
    "note.comment": ("备注：{comment}", "Comment: {comment}"),
    "dialog.comment.title": ("文章备注", "Comment on the article"),
    "dialog.comment.text": (
        "写给其他标注员或审核人的备注（留空则删除；Ctrl+Return 保存）：",
        "A note for the other annotators or the reviewer (empty removes it; Ctrl+Return keeps it):",
    ),
    "list.filter.flagged": ("⚑ 待复核", "⚑ Flagged for review"),
    "guidelines.title": ("标注规范", "Guidelines"),
    "guidelines.edit": ("编辑文件…", "Edit the file…"),
    "guidelines.file": ("本项目的规范文件：{path}", "This project's guidelines: {path}"),
    "guidelines.default": (
        "显示的是内置规范；点“编辑文件”会在此创建本项目的副本：{path}",
        "Showing the built-in guidelines; “Edit” makes the project's own copy at {path}",
    ),
    "guidelines.no_span": ("（没有选中实体）", "(no span selected)"),
    "guidelines.missing": (
        "规范文件中还没有这个标签的说明：在文件中加一节 `## {name}`。",
        "The guidelines say nothing about this label yet: add a `## {name}` section.",
    ),
    "labels.title": ("编辑标签集", "Edit the label set"),
    "labels.col.name": ("名称", "Name"),
    "labels.col.zh": ("中文", "Chinese"),
    "labels.col.en": ("英文", "English"),
    "labels.col.colour": ("颜色", "Colour"),
    "labels.col.key": ("按键", "Key"),
    "labels.add": ("添加标签", "Add a label"),
    "labels.colour": ("选择颜色…", "Choose colour…"),
    "labels.hint": (
        "双击或按 F2 编辑单元格。改名会把已有实体一并改名，任何实体都不会丢失。按键只能是 {keys} 之一或留空。",
        "Double-click or press F2 to edit a cell. Renaming a label relabels its spans; no span is lost. A key is one of {keys}, or empty.",
    ),
    "labels.bad_key": (
        "标签 {name}：按键 {digit} 不可用（只能是数字，且不与其他快捷键冲突）",
        "label {name}: key {digit} cannot be used (a digit no other action has)",
    ),
    "bar.labels_saved": (
        "标签集已保存；{n} 个实体已改名",
        "Label set saved; {n} spans relabelled",
    ),
    "bar.garbled": ("此处为乱码，请勿标注", "Garbled text: do not label here"),
    "bar.task": ("{title} {done}/{total} · {rate:.1f}/秒", "{title} {done}/{total} · {rate:.1f}/s"),
    "bar.task.left": (" · 还剩 {left}", " · {left} left"),
    "empty.importing": (
        "正在导入文章，导入的文章会陆续出现…",
        "Importing: articles appear as they arrive…",
    ),
    "task.import": ("正在导入…", "Importing…"),
    "task.suggest": ("正在生成建议…", "Suggesting…"),
    "task.export": ("正在导出…", "Exporting…"),
    "task.loading": ("正在加载词典…", "Loading dictionaries…"),
    "task.done.import": (
        "已导入 {added} 篇，重复 {duplicates} 篇，失败 {failed} 个",
        "Imported {added}, {duplicates} already present, {failed} failed",
    ),
    "task.done.export_none": (
        "没有已完成的文章，导出的文件是空的。先按 D 标记完成，或在导出时选择“全部文章”。",
        "No article is done, so the exported file is empty. Mark articles done (D) first,"
        " or choose “Every article” when exporting.",
    ),
    "task.done.export": ("已导出 {n} 篇到 {path}", "Exported {n} articles to {path}"),
    "task.done.train": (
        "建议模型已按 {n} 篇完成的文章重新训练",
        "Suggestion model retrained on {n} done articles",
    ),
    "task.done.train_unused": (
        "已按 {n} 篇完成的文章训练建议模型；基础模型目前仍更准，暂不使用它",
        "Suggestion model trained on {n} done articles; the base model still suggests"
        " better, so it is not used yet",
    ),
    "task.done.suggest": ("已为 {n} 篇文章更新建议", "Suggestions refreshed for {n} articles"),
    "task.filter": ("正在筛选文章…", "Filtering articles…"),
    "task.propagate": ("正在传播到全部文章…", "Propagating to every article…"),
    "task.done.propagate": (
        "“{surface}”已在其他文章中标出 {n} 处（待定）",
        "“{surface}” proposed at {n} places in other articles (pending)",
    ),
    "task.cancelled.propagate": ("已取消传播到其他文章", "Propagation to other articles cancelled"),
    "task.cancel": ("取消", "Cancel"),
    "task.failed": ("失败：{error}", "Failed: {error}"),
    "dialog.name.title": ("欢迎", "Welcome"),
    "dialog.name.text": (
        "请输入您的名字（会记录在每个标注决定中）：",
        "Your name (recorded with every decision):",
    ),
    "dialog.import": ("导入文件", "Import files"),
    "dialog.import.accept": ("导入", "Import"),
    "dialog.open.accept": ("打开或新建", "Open or create"),
    "dialog.filter.project": (
        "项目数据库 (*.db *.sqlite);;所有文件 (*)",
        "Project database (*.db *.sqlite);;All files (*)",
    ),
    "dialog.filter.import": (
        "文本和网页 (*.txt *.html *.htm *.jsonl);;所有文件 (*)",
        "Text and web pages (*.txt *.html *.htm *.jsonl);;All files (*)",
    ),
    "dialog.file.look_in": ("查找范围：", "Look in:"),
    "dialog.file.name": ("文件名：", "File name:"),
    "dialog.file.type": ("文件类型：", "Files of type:"),
    "dialog.ok": ("确定", "OK"),
    "dialog.cancel": ("取消", "Cancel"),
    "dialog.export.next": ("选择文件…", "Choose the file…"),
    "dialog.export.accept": ("导出", "Export"),
    "export.format": ("格式：", "Format:"),
    "export.format.jsonl": ("JSONL（本工具格式）", "JSONL (native)"),
    "export.format.doccano": ("doccano JSONL", "doccano JSONL"),
    "export.format.label-studio": ("Label Studio JSON", "Label Studio JSON"),
    "export.format.conll": ("CoNLL（BIO）", "CoNLL (BIO)"),
    "export.format.spacy": ("spaCy DocBin", "spaCy DocBin"),
    "export.status": ("文章：", "Articles:"),
    "export.status.done": ("仅已完成的文章", "Done articles only"),
    "export.status.all": ("全部文章", "Every article"),
    "export.pending": ("包括待定的建议", "Include pending suggestions"),
    "action.set_name": ("更改标注者名字…", "Change annotator name…"),
    "bar.annotator": ("标注者：{name}", "Annotator: {name}"),
    "bar.name_not_saved": (
        "以 {name} 的名义标注（未保存）：用“文件 → 更改标注者名字”（Ctrl+Shift+N）设置",
        "Annotating as {name} (not saved): set your name with File → Change annotator name (Ctrl+Shift+N)",
    ),
    "dialog.import_folder": ("导入文件夹", "Import a folder"),
    "dialog.export": ("导出", "Export"),
    "dialog.open": ("打开项目数据库", "Open project database"),
    "empty": (
        "项目中还没有文章。用“文件 → 导入”（Ctrl+I）添加。",
        "No articles yet. Use File → Import (Ctrl+I) to add some.",
    ),
    "help.title": ("键盘快捷键", "Keyboard shortcuts"),
    "help.digits": (
        "按标签键：改标签并接受；有选区时以该标签新建",
        "Label key: relabel and accept, or label the selection",
    ),
    "help.close": ("按任意键关闭", "Press any key to close"),
    "action.open": ("打开项目…", "Open project…"),
    "action.import": ("导入…", "Import…"),
    "action.export": ("导出…", "Export…"),
    "action.suggest_all": ("重新生成全部建议", "Refresh all suggestions"),
    "action.quit": ("退出", "Quit"),
    "error.title": ("无法完成", "Cannot do that"),
    "error.database": (
        "未能保存到数据库，此操作未生效：{error}",
        "Could not save to the database; nothing was changed: {error}",
    ),
    "adjudicate.title": ("裁定分歧（本文待定 {n}）", "Adjudicate ({n} pending here)"),
    "adjudicate.none": ("（未标注）", "(nothing)"),
    "adjudicate.neither": ("两者都不要", "neither"),
    "adjudicate.settled": (
        "当前实体已裁定；J/K 走到下一处分歧，D 完成本文",
        "The current span is settled; J/K to the next difference, D when the article is done",
    ),
    "adjudicate.no_team": (
        "这里没有两位标注员的版本可选",
        "There are no two annotators' versions to pick from here",
    ),
    "dash.title": ("统计面板", "Statistics"),
    "dash.summary": (
        "完成 {done}/{total} 篇 · 已接受实体 {accepted} · 决定 {decisions} 次",
        "{done}/{total} articles done · {accepted} spans accepted · {decisions} decisions",
    ),
    "dash.annotators": ("标注员：{names}", "annotators: {names}"),
    "dash.progress": ("进度：每位标注员完成的文章", "Progress: articles done, per annotator"),
    "dash.hours": ("小时", "hours"),
    "dash.speed": ("每位标注员每小时决定数", "Decisions per hour, per annotator"),
    "dash.times": ("每篇用时（篇数）", "Time per article (articles)"),
    "dash.median": ("中位数 {s} 秒", "median {s} s"),
    "dash.labels": ("各标签的实体数", "Spans per label"),
    "dash.origins": (
        "各建议来源：接受 / 修改 / 拒绝",
        "Per suggester: accepted / corrected / rejected",
    ),
    "dash.origins_team": (
        "各建议来源：标注员接受 / 拒绝",
        "Per suggester: accepted / rejected by the annotators",
    ),
    "dash.accepted": ("接受", "accepted"),
    "dash.corrected": ("修改后接受", "corrected"),
    "dash.rejected": ("拒绝", "rejected"),
    "dash.agreement": ("一致性 {a} / {b}：各标签 κ", "Agreement {a} / {b}: κ per label"),
    "dash.agreement_figures": (
        "F1 精确 {exact:.3f} · F1 重叠 {overlap:.3f} · 总 κ {kappa}",
        "F1 exact {exact:.3f} · F1 overlap {overlap:.3f} · overall κ {kappa}",
    ),
    "dash.no_agreement": (
        "只有一位标注员：合并多人的数据库后这里显示一致性",
        "One annotator: merge several annotators' databases to see their agreement here",
    ),
    "task.stats": ("统计中", "Counting"),
    "filter.annotator": (
        "只显示 {name} 的文章和实体（F3 换人）",
        "Showing {name}'s articles and spans only (F3: next)",
    ),
    "filter.everyone": ("显示全部标注员", "Showing everyone's work"),
    "db.read_only": ("只读", "read-only"),
    "db.read_only.bar": ("只读：不会保存任何决定", "Read-only: no decision is saved"),
    "db.waiting": (
        "数据库正被其他程序写入，等待中（操作已排队）…",
        "Another program is writing to the database; waiting (your keys are queued)…",
    ),
    "db.gave_up": (
        "数据库被占用超过 {s} 秒，{n} 个操作未保存：{error}",
        "The database stayed busy for {s} s; {n} action(s) not saved: {error}",
    ),
    "group.review": ("审阅", "Review"),
    "group.edit": ("编辑实体", "Edit spans"),
    "group.navigate": ("导航", "Navigate"),
    "group.app": ("应用", "Application"),
}

# Messages of import errors (annotator.core, English) and their Chinese: a pattern
# over the message, the Chinese with the pattern's groups. Unknown ones stay English.
_ERRORS: tuple[tuple[str, str], ...] = (
    (r"no such file or folder", "没有这个文件或文件夹"),
    (r"cannot read: (.*)", "无法读取：{0}"),
    (r"(.*), not a file: skipped", "{0}，不是文件：已跳过"),
    (r"the file is empty", "文件是空的"),
    (r"starts with a (.*) BOM but is not \1", "以 {0} BOM 开头，但内容不是 {0}"),
    (r"binary data \(NUL bytes\), not text", "二进制数据（含 NUL 字节），不是文本"),
    (r"binary data \(NUL bytes\), not HTML", "二进制数据（含 NUL 字节），不是 HTML"),
    (r"binary data \(control characters\), not text", "二进制数据（含控制字符），不是文本"),
    (r"not UTF-8, GB18030 or Big5 text", "不是 UTF-8、GB18030 或 Big5 编码的文本"),
    (r"the file has no text", "文件中没有文字"),
    (r"the page has no visible text", "网页中没有可见的文字"),
    (r"line too long", "行太长"),
    (r"not UTF-8 \(JSONL must be UTF-8\)", "不是 UTF-8（JSONL 必须是 UTF-8）"),
    (r"JSON nested too deeply", "JSON 嵌套太深"),
    (r"too large(.*)", "文件太大{0}"),
)

_language = "en"


def system_language() -> str:
    return "zh" if QLocale.system().name().startswith("zh") else "en"


def set_language(language: str | None) -> str:
    global _language
    _language = language if language in ("zh", "en") else system_language()
    return _language


def language() -> str:
    return _language


def tr(key: str, **values: object) -> str:
    zh, en = _STRINGS.get(key, (key, key))
    text = zh if _language == "zh" else en
    return text.format(**values) if values else text


def keys() -> list[str]:
    return list(_STRINGS)


def tr_error(message: str) -> str:
    """An import error's message in the interface language."""
    if _language != "zh":
        return message
    for pattern, zh in _ERRORS:
        match = re.fullmatch(pattern, message)
        if match:
            return zh.format(*match.groups())
    return message


def error_line(error: object) -> str:
    """One import error (an InputError) as a line: where, then the translated cause."""
    text, message = str(error), str(getattr(error, "message", ""))
    if message and text.endswith(message):
        return text[: len(text) - len(message)] + tr_error(message)
    return text
