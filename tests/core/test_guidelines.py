"""The project's guidelines file: where it lives, its label sections, its default."""

from __future__ import annotations

from annotator.core import guidelines
from annotator.core.model import LabelSet


def test_shipped_guidelines_define_every_default_label():
    doc = guidelines.Guidelines.parse(guidelines.default_text())
    for name in LabelSet.default():
        section = doc.section(name)
        assert section is not None and section.startswith(f"## {name}"), name
        assert "\n- " in section, f"{name} has no examples"


def test_project_file_beside_the_database_wins_over_the_default(tmp_path):
    db = tmp_path / "team" / "county.db"
    assert guidelines.project_path(db) == tmp_path / "team" / "county.guidelines.md"
    assert guidelines.project_path(":memory:") is None
    assert guidelines.load(db).path is None  # nothing written until someone edits
    assert not (tmp_path / "team").exists()
    path = guidelines.ensure_project_copy(db)
    assert path.read_text(encoding="utf-8") == guidelines.default_text()
    path.write_text(
        "# Ours\n\n## PER\nOnly full names.\n- 王小明\n\n## VENUE\nPlaces to meet.\n",
        encoding="utf-8",
    )
    doc = guidelines.load(db)
    assert doc.path == path
    assert doc.section("PER") == "## PER\nOnly full names.\n- 王小明"
    assert doc.section("VENUE") == "## VENUE\nPlaces to meet."
    assert doc.section("LOC") is None
    guidelines.ensure_project_copy(db)  # an existing file is never overwritten
    assert guidelines.load(db).section("VENUE")


def test_a_renamed_label_keeps_its_section(tmp_path):
    db = tmp_path / "p.db"
    assert not guidelines.rename_section(db, "FAC", "SITE")  # no project file: nothing to do
    guidelines.ensure_project_copy(db)
    assert guidelines.rename_section(db, "FAC", "SITE")
    doc = guidelines.load(db)
    assert doc.section("FAC") is None
    assert "北江绿色产业园" in (doc.section("SITE") or "")


def test_an_unreadable_file_falls_back_to_the_default(tmp_path):
    db = tmp_path / "p.db"
    guidelines.project_path(db).write_bytes(b"\xff\xfe\x00bad")
    assert guidelines.load(db).section("PER") is not None
