from annotator.ui import keymap


def test_no_two_actions_share_a_key():
    seen = {}
    for action in keymap.ACTIONS:
        for key in action.keys:
            assert key not in seen, f"{key} is bound to {seen.get(key)} and {action.id}"
            seen[key] = action.id


def test_every_action_has_descriptions_and_a_group():
    for action in keymap.ACTIONS:
        assert action.keys
        assert action.zh.strip() and action.en.strip()
        assert action.group in {"review", "edit", "navigate", "app"}


def test_overrides_merge_and_unknown_ids_fail():
    keys = keymap.merged({"accept": ["Return"]})
    assert keys["accept"] == ("Return",) and keys["reject"] == ("X",)
    try:
        keymap.merged({"nope": ["F2"]})
    except ValueError:
        pass
    else:
        raise AssertionError("unknown action accepted")


def test_readme_key_table_is_generated_from_the_keymap():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert keymap.markdown() in readme
