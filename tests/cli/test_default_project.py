"""The command line and the window share one default project, and reading creates none."""

from __future__ import annotations

import json

from annotator.cli import main
from annotator.core.formats import article_from_raw
from annotator.core.paths import data_dir
from annotator.core.settings import Settings
from annotator.core.store import Store


def test_stats_reads_the_project_the_window_last_opened(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ANNOTATOR_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("ANNOTATOR_DB", raising=False)
    project = tmp_path / "elsewhere" / "team.db"
    with Store.open(project) as store:
        store.add_article(article_from_raw("镇里召开农业工作会议。", "a.txt"))
    settings = Settings.load()
    settings.last_project = str(project)
    settings.save()
    assert main(["stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["articles"] == 1
    assert not (data_dir() / "project.db").exists()


def test_a_reading_command_does_not_create_a_database(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ANNOTATOR_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("ANNOTATOR_DB", raising=False)
    for argv in (
        ["stats"],
        ["stats", "--json"],
        ["export", "--format", "jsonl"],
        ["agreement"],
        ["stats", "--db", str(tmp_path / "typo.db")],
    ):
        assert main(argv) == 1, argv
        err = capsys.readouterr().err
        assert "no such project" in err and len(err.strip().splitlines()) == 1
    assert not (data_dir() / "project.db").exists()
    assert not (tmp_path / "typo.db").exists()
