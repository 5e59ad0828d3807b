"""THE table of actions and their default keys (DESIGN.md, "The keyboard").

It drives the window's shortcuts, the help overlay and the README's key section
(``python -m annotator.ui.keymap`` prints it as Markdown). One key per decision;
no two actions share a key (a test checks it).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class KeyAction:
    id: str
    keys: tuple[str, ...]
    zh: str
    en: str
    group: str  # review / edit / navigate / app

    def description(self, language: str) -> str:
        return self.zh if language == "zh" else self.en


_DIGITS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0")

ACTIONS: tuple[KeyAction, ...] = (
    KeyAction("next_span", ("J",), "下一个实体（待定优先）", "Next span (pending first)", "review"),
    KeyAction(
        "prev_span", ("K",), "上一个实体（待定优先）", "Previous span (pending first)", "review"
    ),
    KeyAction("accept", ("Space",), "接受当前实体", "Accept the current span", "review"),
    KeyAction("reject", ("X",), "拒绝当前实体", "Reject the current span", "review"),
    *(
        KeyAction(
            f"label_{d}",
            (d,),
            f"改为第 {d} 个标签并接受；有选区时以该标签新建",
            f"Label {d}: relabel and accept, or label the selection",
            "review",
        )
        for d in _DIGITS
    ),
    KeyAction(
        "accept_all",
        ("A",),
        "接受本文所有待定实体",
        "Accept every pending span in the article",
        "review",
    ),
    KeyAction(
        "propagate",
        ("P",),
        "传播：本文其他出现处接受，全库其他文章设为待定",
        "Propagate: accept other occurrences here, propose them corpus-wide",
        "review",
    ),
    KeyAction(
        "hints",
        ("F",),
        "提示字母：给视野内每个实体标上字母，按字母选中（F 或 Esc 退出）",
        "Hints: a letter on every span in view; type one to pick that span (F or Esc leaves)",
        "review",
    ),
    KeyAction(
        "word_hints",
        ("G",),
        "词提示：给视野内未标注的词标上字母，按字母选中该词",
        "Word hints: a letter on every unlabelled word in view; type one to select that word",
        "edit",
    ),
    KeyAction("start_left", ("Q",), "起点左移一个词", "Move the start one word left", "edit"),
    KeyAction("start_right", ("W",), "起点右移一个词", "Move the start one word right", "edit"),
    KeyAction("end_left", ("E",), "终点左移一个词", "Move the end one word left", "edit"),
    KeyAction("end_right", ("R",), "终点右移一个词", "Move the end one word right", "edit"),
    KeyAction(
        "start_left_char", ("Shift+Q",), "起点左移一字", "Move the start one character left", "edit"
    ),
    KeyAction(
        "start_right_char",
        ("Shift+W",),
        "起点右移一字",
        "Move the start one character right",
        "edit",
    ),
    KeyAction(
        "end_left_char", ("Shift+E",), "终点左移一字", "Move the end one character left", "edit"
    ),
    KeyAction(
        "end_right_char", ("Shift+R",), "终点右移一字", "Move the end one character right", "edit"
    ),
    KeyAction(
        "create",
        ("C",),
        "以选区新建实体（沿用上次标签）",
        "New span from the selection (last label)",
        "edit",
    ),
    KeyAction("delete", ("Delete",), "删除当前实体", "Delete the current span", "edit"),
    KeyAction("token_right", ("Ctrl+Right",), "光标移到下一个词", "Caret to the next word", "edit"),
    KeyAction(
        "token_left", ("Ctrl+Left",), "光标移到上一个词", "Caret to the previous word", "edit"
    ),
    KeyAction(
        "select_token_right",
        ("Ctrl+Shift+Right",),
        "选区向右扩展一个词",
        "Extend the selection by a word",
        "edit",
    ),
    KeyAction(
        "select_token_left",
        ("Ctrl+Shift+Left",),
        "选区向左扩展一个词",
        "Shrink/extend the selection left by a word",
        "edit",
    ),
    KeyAction(
        "select_to_stop",
        ("Ctrl+Shift+End",),
        "选区扩展到下一个标点或实体边界",
        "Extend the selection to the next punctuation or span edge",
        "edit",
    ),
    KeyAction("undo", ("Ctrl+Z",), "撤销", "Undo", "edit"),
    KeyAction("redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "重做", "Redo", "edit"),
    KeyAction(
        "pick_a",
        ("U",),
        "裁定：采用标注员 A 的版本",
        "Adjudicate: take annotator A's version",
        "review",
    ),
    KeyAction(
        "pick_b",
        ("I",),
        "裁定：采用标注员 B 的版本",
        "Adjudicate: take annotator B's version",
        "review",
    ),
    KeyAction(
        "pick_neither",
        ("O",),
        "裁定：两者都不要",
        "Adjudicate: take neither version",
        "review",
    ),
    KeyAction("next_article", ("L",), "下一篇文章", "Next article", "navigate"),
    KeyAction("prev_article", ("H",), "上一篇文章", "Previous article", "navigate"),
    KeyAction(
        "mark_done",
        ("D",),
        "接受其余待定实体、标记完成并打开下一篇未完成文章",
        "Accept the rest, mark done and open the next unfinished article",
        "navigate",
    ),
    KeyAction(
        "skip_article",
        ("Ctrl+K",),
        "跳过本文（再按一次取消）并打开下一篇未完成文章",
        "Skip the article (again to unskip) and open the next unfinished one",
        "navigate",
    ),
    KeyAction(
        "flag_article",
        ("Ctrl+M",),
        "标记/取消标记本文待复核",
        "Flag the article for review, or unflag it",
        "navigate",
    ),
    KeyAction(
        "comment_article", ("Ctrl+Shift+C",), "为本文写备注", "Comment on the article", "navigate"
    ),
    KeyAction(
        "filter_spans",
        ("Ctrl+Shift+F",),
        "筛选实体列表（标签/来源/状态；Tab 切换，Esc 返回正文）",
        "Filter the span list by label, origin, status (Tab between, Esc returns to the text)",
        "review",
    ),
    KeyAction(
        "accept_filtered",
        ("Ctrl+Shift+A",),
        "接受筛选出的全部待定实体（一步，可撤销）",
        "Accept every pending span the filter shows (one undoable step)",
        "review",
    ),
    KeyAction(
        "reject_filtered",
        ("Ctrl+Shift+X",),
        "拒绝筛选出的全部实体（一步，可撤销）",
        "Reject every span the filter shows (one undoable step)",
        "review",
    ),
    KeyAction(
        "search",
        ("Ctrl+F", "/"),
        "搜索文章（Esc 返回正文）",
        "Search articles (Esc returns to the text)",
        "navigate",
    ),
    KeyAction("focus_text", ("Escape",), "回到正文", "Back to the article text", "navigate"),
    KeyAction(
        "toggle_script",
        ("T",),
        "切换 原文/简体/繁体 显示",
        "Cycle original / Simplified / Traditional view",
        "app",
    ),
    KeyAction(
        "toggle_tags",
        ("Ctrl+T",),
        "在正文中显示所有实体的标签名",
        "Show every span's label name in the text",
        "app",
    ),
    KeyAction("dashboard", ("F4",), "统计面板", "Statistics dashboard", "app"),
    KeyAction(
        "next_annotator",
        ("F3",),
        "只看下一位标注员的文章和实体（轮换，最后回到全部）",
        "Show only the next annotator's articles and spans (cycles back to everyone)",
        "navigate",
    ),
    KeyAction("help", ("F1", "?"), "显示快捷键", "Show the shortcuts", "app"),
    KeyAction(
        "guidelines", ("F2",), "显示/隐藏标注规范", "Show or hide the annotation guidelines", "app"
    ),
    KeyAction("edit_labels", ("Ctrl+L",), "编辑标签集…", "Edit the label set…", "app"),
    KeyAction("open", ("Ctrl+O",), "打开项目", "Open a project", "app"),
    KeyAction("import", ("Ctrl+I",), "导入文件", "Import files", "app"),
    KeyAction(
        "import_folder",
        ("Ctrl+Shift+I",),
        "导入文件夹（含子文件夹）",
        "Import a folder (with its subfolders)",
        "app",
    ),
    KeyAction(
        "set_name",
        ("Ctrl+Shift+N",),
        "更改标注者名字",
        "Change the annotator's name",
        "app",
    ),
    KeyAction(
        "export",
        ("Ctrl+E",),
        "导出（选择格式与范围）",
        "Export (choose the format and articles)",
        "app",
    ),
    KeyAction(
        "suggest_all", ("Ctrl+Shift+S",), "重新生成全部建议", "Refresh all suggestions", "app"
    ),
    KeyAction("quit", ("Ctrl+Q",), "退出", "Quit", "app"),
)


def digit_of(action_id: str) -> str | None:
    return action_id.removeprefix("label_") if action_id.startswith("label_") else None


def merged(overrides: dict[str, list[str]] | None = None) -> dict[str, tuple[str, ...]]:
    """Action id -> keys, user overrides merged over the defaults."""
    keys = {a.id: a.keys for a in ACTIONS}
    for action_id, user_keys in (overrides or {}).items():
        if action_id not in keys:
            raise ValueError(f"unknown action {action_id!r} in key overrides")
        keys[action_id] = tuple(user_keys)
    return keys


def markdown(language: str = "en") -> str:
    lines = ["| keys | action | 操作 |", "|---|---|---|"]
    for action in ACTIONS:
        digit = digit_of(action.id)
        if digit == "1":
            lines.append(
                "| `1` … `9`, `0` | Label with that key: relabel and accept the current span, or"
                " label the selection | 按标签键：改标签并接受；有选区时以该标签新建 |"
            )
        if digit is not None:
            continue
        keys = " / ".join(f"`{k}`" for k in action.keys)
        lines.append(f"| {keys} | {action.en} | {action.zh} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown())
