"""The folder walk: drafts only, never installed packages, caches or what git ignores."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import run_cli
from lint.drafts import reader

DRAFT = "Harbor strike\n\nDock workers walked out on Tuesday. JEFF OK’D\n"


def _tree(root: Path, files) -> None:
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DRAFT, encoding="utf-8")


def _found(folder: Path):
    files, problems = reader.find_drafts([str(folder)], [])
    assert problems == []
    return sorted(Path(f).relative_to(folder).as_posix() for f in files)


def test_installed_packages_caches_and_virtualenvs_are_not_walked(tmp_path):
    _tree(tmp_path, [
        "drafts/harbor.md",
        "node_modules/left-pad/README.md",
        "drafts/node_modules/x/CHANGELOG.md",
        ".venv/lib/python3.11/site-packages/pkg/README.txt",
        "venv/lib/python3.11/site-packages/pkg/LICENSE.txt",  # a virtualenv by another name
        "envs/newsroom/conda-meta/history.txt",
        ".git/description.txt",
        "__pycache__/notes.txt",
    ])
    (tmp_path / "venv" / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    (tmp_path / "envs" / "newsroom" / "conda-meta").mkdir(parents=True, exist_ok=True)
    assert _found(tmp_path) == ["drafts/harbor.md"]


def test_gitignore_files_are_honoured_as_git_does(tmp_path):
    _tree(tmp_path, [
        "top.md", "build.md",
        "drafts/a.md", "drafts/notes.txt", "drafts/keep.txt",
        "drafts/scratch/b.md",
        "drafts/wire/c.txt", "drafts/wire/d.txt", "drafts/wire/tmp.md",
    ])
    (tmp_path / ".git" / "info").mkdir(parents=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("tmp.md\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("# generated\n/build.md\n", encoding="utf-8")
    (tmp_path / "drafts" / ".gitignore").write_text("scratch/\n*.txt\n!keep.txt\n", encoding="utf-8")
    (tmp_path / "drafts" / "wire" / ".gitignore").write_text("!c.txt\n", encoding="utf-8")  # deeper decides first
    expected = ["drafts/a.md", "drafts/keep.txt", "drafts/wire/c.txt", "top.md"]
    assert _found(tmp_path) == expected
    # walking a folder inside the repository still reads the .gitignore files above it
    assert _found(tmp_path / "drafts" / "wire") == ["c.txt"]
    # and a folder git ignores is walked when it is named: the user asked for it
    assert _found(tmp_path / "drafts" / "scratch") == ["b.md"]


def test_without_a_repository_the_walked_trees_gitignore_still_counts(tmp_path):
    _tree(tmp_path, ["a.md", "old/b.md"])
    (tmp_path / ".gitignore").write_text("old/\n", encoding="utf-8")
    assert _found(tmp_path) == ["a.md"]


def test_a_file_named_on_the_command_line_is_checked_even_if_ignored(tmp_path):
    _tree(tmp_path, ["drafts/a.md", "drafts/scratch.md", "node_modules/x/README.md"])
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("scratch.md\n", encoding="utf-8")
    result = run_cli("check", "drafts", "drafts/scratch.md", "--select", "hygiene.editor-note", cwd=tmp_path)
    paths = sorted(line.split(":")[0] for line in result.stdout.splitlines() if "hygiene.editor-note" in line)
    assert paths == [os.path.join("drafts", "a.md"), os.path.join("drafts", "scratch.md")]
    result = run_cli("check", ".", "--select", "hygiene.editor-note", cwd=tmp_path)
    assert "Found 1 error in 1 of 1 draft" in result.stdout, result.stdout + result.stderr
