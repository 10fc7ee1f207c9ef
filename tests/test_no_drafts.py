"""A run that finds no draft fails (exit 2) and names where it looked: CI must not pass while
checking nothing (drafts moved to stories/, the config still says drafts/)."""

from clitools import run

DRAFT = "Council closes the pool\n\nThe council voted 7-2 on Monday, the clerk said.\n"


def test_a_corpus_that_matches_nothing_fails_naming_its_globs(tmp_path):
    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "pool.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "copydesk.yaml").write_text("corpus:\n  - 'drafts/**/*.md'\n  - 'drafts/**/*.txt'\n", encoding="utf-8")
    for env in ({}, {"GITHUB_ACTIONS": "true"}):  # the workflow's run: `copydesk check --format github`
        result = run(tmp_path, "check", env=env)
        assert result.returncode == 2, result.stdout
        assert result.stderr.startswith(
            "copydesk: no drafts found: copydesk.yaml:1: the corpus (drafts/**/*.md, drafts/**/*.txt, under .) matches no draft."
        )
        assert "Checked 0 drafts" not in result.stdout


def test_a_folder_given_with_no_drafts_fails_naming_it(tmp_path):
    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "photo.jpg").write_bytes(b"\xff\xd8")
    result = run(tmp_path, "check", "stories")
    assert result.returncode == 2
    assert "copydesk: no drafts found in stories (drafts are .txt, .text, .md, .markdown, .html, .htm files)" in result.stderr


def test_files_named_one_by_one_that_the_config_excludes_are_not_a_failure(tmp_path):
    # pre-commit passes the commit's files: a commit of an excluded template checks nothing, and passes
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "blank.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "copydesk.yaml").write_text("exclude: ['templates/**']\n", encoding="utf-8")
    result = run(tmp_path, "check", "templates/blank.md", env={"PRE_COMMIT": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Checked 0 drafts: no findings.\n"
