"""Configuration: where it is found, what each setting does, and errors with file:line."""

import textwrap
from pathlib import Path

import pytest
from clitools import run

from lint.packs import config

ROOT = Path(__file__).resolve().parents[1]

# A draft with an editor note (line 5, error) and doubled spaces (line 3, suggestion).
DRAFT = (
    "Storm damages harbor\n"
    "\n"
    "The storm hit  the harbor Tuesday, harbor master Ruth Alder said.\n"
    "\n"
    "It is too early to know whether anyone was hurt, the harbor master said. JEFF OK’D\n"
)




def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path):
    write(tmp_path / "drafts" / "storm.txt", DRAFT)
    return tmp_path


def rules_of(stdout):
    return sorted(line.split()[2] for line in stdout.splitlines() if line.startswith("drafts/"))


def test_no_config_checks_everything(repo):
    result = run(repo, "check", "drafts")
    assert result.returncode == 1
    assert rules_of(result.stdout) == ["hygiene.double-space", "hygiene.editor-note"]


def test_yaml_config_found_walking_up_and_paths_relative_to_it(repo):
    write(repo / "copydesk.yaml", "ignore: [hygiene.double-space]\n")
    sub = repo / "drafts"
    result = run(sub, "check", "storm.txt")
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[0].startswith("storm.txt:5:74: error hygiene.editor-note")
    assert "double-space" not in result.stdout


def test_dot_copydesk_yaml_and_pyproject(repo):
    write(repo / ".copydesk.yaml", "select: [hygiene.double-space]\n")
    assert rules_of(run(repo, "check", "drafts").stdout) == ["hygiene.double-space"]
    (repo / ".copydesk.yaml").unlink()
    write(repo / "pyproject.toml", """\
        [project]
        name = "newsroom"

        [tool.copydesk]
        select = ["hygiene.editor-note"]
        """)
    assert rules_of(run(repo, "check", "drafts").stdout) == ["hygiene.editor-note"]


def test_pyproject_without_tool_table_is_skipped(repo, tmp_path):
    write(repo / "copydesk.yaml", "ignore: [hygiene.double-space]\n")
    write(repo / "drafts" / "pyproject.toml", "[project]\nname = 'x'\n")
    assert config.find_config(repo / "drafts") == (repo / "copydesk.yaml").resolve()


def test_config_flag_beats_discovered_file(repo):
    write(repo / "copydesk.yaml", "ignore: [hygiene.editor-note]\n")
    write(repo / "other.yaml", "ignore: [hygiene.double-space]\n")
    assert rules_of(run(repo, "check", "drafts").stdout) == ["hygiene.double-space"]
    assert rules_of(run(repo, "check", "--config", "other.yaml", "drafts").stdout) == ["hygiene.editor-note"]


def test_flags_beat_config(repo):
    write(repo / "copydesk.yaml", "fail-on: suggestion\nselect: [hygiene.double-space]\n")
    assert run(repo, "check", "drafts").returncode == 1  # a suggestion fails, per config
    assert run(repo, "check", "--fail-on", "error", "drafts").returncode == 0
    # --select replaces the config's select
    assert rules_of(run(repo, "check", "--select", "hygiene.editor-note", "drafts").stdout) == ["hygiene.editor-note"]


def test_cli_select_wins_over_config_ignore_of_the_same_rule(repo):
    write(repo / "copydesk.yaml", "ignore: [hygiene]\n")
    assert rules_of(run(repo, "check", "drafts").stdout) == []
    assert rules_of(run(repo, "check", "--select", "hygiene.editor-note", "drafts").stdout) == ["hygiene.editor-note"]


def test_severity_override_and_fail_on(repo):
    write(repo / "copydesk.yaml", """\
        severity:
          hygiene.editor-note: warning
        """)
    result = run(repo, "check", "drafts")
    assert "drafts/storm.txt:5:74: warning hygiene.editor-note" in result.stdout
    assert result.returncode == 0  # nothing at error level any more
    write(repo / "copydesk.yaml", "severity: {hygiene.editor-note: warning}\nfail-on: warning\n")
    assert run(repo, "check", "drafts").returncode == 1


def test_per_file_ignores_and_exclude(repo):
    write(repo / "drafts" / "wire" / "ap.txt", DRAFT)
    write(repo / "drafts" / "templates" / "blank.txt", DRAFT)
    write(repo / "copydesk.yaml", """\
        per-file-ignores:
          "drafts/wire/**": [hygiene.editor-note, hygiene.double-space]
          "storm.txt": "hygiene.double-space"
        exclude:
          - templates/
        """)
    result = run(repo, "check", "drafts")
    lines = [l.split(": ")[0] + " " + l.split()[2] for l in result.stdout.splitlines() if l.startswith("drafts/")]
    assert lines == ["drafts/storm.txt:5:74 hygiene.editor-note"]
    assert "Found 1 error in 1 of 2 drafts." in result.stdout
    # a file named on the command line is excluded too (pre-commit passes every changed file)
    result = run(repo, "check", "drafts/templates/blank.txt")
    assert result.stdout.strip() == "Checked 0 drafts: no findings."


def test_packs_keeps_named_builtins_and_loads_local_pack_files(repo):
    write(repo / "style" / "house.yaml", """\
        name: house
        description: House style.
        rules:
          harbour:
            kind: substitution
            level: warning
            message: "Use “{expected}”, not “{match}”"
            swap: {harbour: harbor}
            examples:
              fail: ["The harbour froze.\\n"]
              pass: ["The harbor froze.\\n"]
        """)
    write(repo / "drafts" / "uk.txt", "The harbour froze. JEFF OK’D\n")
    write(repo / "copydesk.yaml", "packs: [style/house.yaml]\n")  # no built-in named: none kept
    result = run(repo / "drafts", "check", "uk.txt")
    assert rules_of("drafts/" + result.stdout) == ["house.harbour"], result.stderr
    write(repo / "copydesk.yaml", "packs: [hygiene, style/house.yaml]\n")
    result = run(repo, "check", "drafts/uk.txt")
    assert rules_of(result.stdout) == ["house.harbour", "hygiene.editor-note"]
    write(repo / "copydesk.yaml", "packs: [builtin]\n")
    assert rules_of(run(repo, "check", "drafts/uk.txt").stdout) == ["hygiene.editor-note"]


def test_corpus_no_paths_checks_the_corpus(repo):
    write(repo / "elsewhere" / "x.txt", DRAFT)
    write(repo / "copydesk.yaml", "corpus: ['drafts/*.txt']\nselect: [hygiene.editor-note]\n")
    result = run(repo, "check")
    assert result.stdout.splitlines() == [
        "drafts/storm.txt:5:74: error hygiene.editor-note “JEFF OK’D” looks like a note to editors left in the copy: resolve it and delete it before publishing",
        "Found 1 error in 1 of 1 draft. The error fails the check.",
        "To pass: fix the error above (`copydesk explain RULE` says what each rule wants).",
    ]


def test_corpus_feeds_cross_draft_checks_but_only_passed_files_are_reported(tmp_path):
    furniture = "More From Our Network"
    for i, (headline, body) in enumerate(
        [("Storm floods coast", "The storm hit Tuesday."), ("Mayor resigns", "The mayor quit Monday."),
         ("Team wins title", "The team won 3-1."), ("Bridge reopens", "The bridge reopened Friday.")]
    ):
        write(tmp_path / "archive" / f"s{i}.txt", f"{headline}\n\n{body}\n\n{furniture}\n")
    write(tmp_path / "new.txt", "Port strike ends\n\nDockworkers returned Friday.\n\nMore From Our Network\n")
    alone = run(tmp_path, "check", "new.txt")
    assert alone.returncode == 0, alone.stdout  # one draft alone: a line repeated nowhere else
    write(tmp_path / "copydesk.yaml", "corpus: ['archive/*.txt']\n")
    result = run(tmp_path, "check", "new.txt")
    assert result.returncode == 1
    assert [l.split(" ")[0] + " " + l.split(" ")[2] for l in result.stdout.splitlines() if l.startswith("new.txt:")] == [
        "new.txt:5:1: hygiene.boilerplate"
    ]
    assert "Found 1 error in 1 of 1 draft." in result.stdout


def test_house_and_registry_reach_the_context(repo, monkeypatch):
    from lint.cli import main as cli
    from lint.engine import runner as engine

    write(repo / "people.yaml", "people: []\n")
    write(repo / "copydesk.yaml", "house:\n  us-form: U.S.\nregistry: people.yaml\n")
    seen = {}
    real = engine.Engine

    class Spy(real):
        def __init__(self, rules, context=None):
            seen["context"] = context
            super().__init__(rules, context)

    monkeypatch.setattr(engine, "Engine", Spy)
    monkeypatch.chdir(repo)
    assert cli.main(["check", "drafts"]) == 1
    assert seen["context"].house == {"us-form": "U.S."}
    assert config.load().registry == (repo / "people.yaml").resolve()


@pytest.mark.parametrize(
    "name,text,expected",
    [
        ("copydesk.yaml", "select: [hygiene]\nfial-on: warning\n",
         "copydesk.yaml:2: unknown setting 'fial-on' (did you mean 'fail-on'?"),
        ("copydesk.yaml", "select: [hygiene]\n\nexclude: 3\n",
         "copydesk.yaml:3: `exclude` must be a list of file globs, not int 3"),
        ("copydesk.yaml", "severity:\n  hygiene.boilerplate: warning\n  hygiene.editor-note: loud\n",
         "copydesk.yaml:3: `severity` of 'hygiene.editor-note' must be error, warning or suggestion, not 'loud'"),
        ("copydesk.yaml", "fail-on: [error]\n", "copydesk.yaml:1: `fail-on` must be error, warning or suggestion, not a list"),
        ("copydesk.yaml", "house:\n  us-form: [U.S.]\n", "copydesk.yaml:2: `house` choice 'us-form' must be a word"),
        ("copydesk.yaml", "ignore: [hygene]\n", "copydesk.yaml:1: no rule matches 'hygene' (did you mean 'hygiene'?"),
        ("copydesk.yaml", "select: [hygiene]\nhouse:\n  us-form: U.S.\n  us-fom: US\n",
         "copydesk.yaml:4: unknown `house` setting 'us-fom' (did you mean 'us-form'? house settings: dateline-dash, ellipsis, headline-case, spelling, us-form)"),
        ("copydesk.yaml", "house:\n  serial-comma: false\n", "copydesk.yaml:2: unknown `house` setting 'serial-comma'"),
        ("copydesk.yaml", "house:\n\n  us-form: U.S\n",
         "copydesk.yaml:3: `house` choice 'us-form' must be one of 'U.S.', 'US' (read by style.us-form), "
         "not 'U.S' (did you mean 'U.S.'? see `copydesk explain style.us-form`)"),
        ("copydesk.yaml", "packs: [hygene]\n", "copydesk.yaml:1: no built-in pack 'hygene'"),
        ("copydesk.yaml", "registry: nobody.yaml\n", "copydesk.yaml:1: registry"),
        ("copydesk.yaml", "select: [a\n", "copydesk.yaml:2: invalid YAML"),
        ("copydesk.yaml", "- select\n", "copydesk.yaml:1: the config is a mapping of settings"),
        ("pyproject.toml", '[project]\nname = "x"\n\n[tool.copydesk]\nselect = ["hygiene"]\nfail_on = "warning"\n',
         "pyproject.toml:6: unknown setting 'fail_on' (did you mean 'fail-on'?"),
        ("pyproject.toml", '[tool.copydesk]\nselect = ["hygiene"]\n\n[tool.copydesk.severity]\n"hygiene.boilerplate" = "warning"\n"hygiene.editor-note" = 2\n',
         "pyproject.toml:6: `severity` of 'hygiene.editor-note' must be error, warning or suggestion, not int 2"),
        ("pyproject.toml", '[tool.copydesk]\nper-file-ignores = { "a/*" = ["hygiene"], "b/*" = 7 }\n',
         "pyproject.toml:2: `per-file-ignores` of 'b/*' must be a list of rule-id prefixes, not int 7"),
        ("pyproject.toml", '[tool.copydesk]\nselect = [\n  "hygiene",\n  3,\n]\ncorpus = 1\n',
         "pyproject.toml:2: `select` must be a list of rule-id prefixes, not a list of mixed values"),
        ("pyproject.toml", '[tool.copydesk]\nselect = [\n', "pyproject.toml:2: invalid TOML"),
    ],
)
def test_config_errors_name_file_and_line_and_exit_2(repo, name, text, expected):
    write(repo / name, text)
    result = run(repo, "check", "drafts")
    assert result.returncode == 2
    assert result.stdout == ""  # nothing half-printed that looks like success
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") <= 2


def test_missing_config_flag_file(repo):
    result = run(repo, "check", "--config", "nope.yaml", "drafts")
    assert result.returncode == 2
    assert "--config nope.yaml: no such file" in result.stderr


def test_glob_semantics():
    assert config.matches_any("drafts/wire/ap.txt", ["drafts/wire/**"])
    assert config.matches_any("drafts/wire/ap.txt", ["wire/"])  # a folder name at any depth
    assert config.matches_any("a/b/README.md", ["README.md"])
    assert not config.matches_any("a/b/README.md", ["a/README.md"])  # anchored when it has a /
    assert config.matches_any("a/x/y/z.md", ["a/**/z.md"]) and config.matches_any("a/z.md", ["a/**/z.md"])
    assert not config.matches_any("drafts/storm.txt", ["drafts/*.md"])
    assert not config.matches_any("drafts/sub/storm.txt", ["drafts/*.txt"])


@pytest.mark.parametrize(
    "text",
    [
        '[tool.copydesk]\nselect = ["hygiene"]\n',
        '[ tool . "copydesk" ]\nselect = ["hygiene"]\n',
        "['tool'.'copydesk'.severity]\n\"hygiene.boilerplate\" = \"warning\"\n",
        '[tool]\ncopydesk = { select = ["hygiene"] }\n',
        '[tool]\ncopydesk.select = ["hygiene"]\n',
        '[tool]\n  "copydesk" . select = ["hygiene"]\n',
        'tool.copydesk.select = ["hygiene"]\n[project]\nname = "x"\n',
        'tool = { copydesk = { select = ["hygiene"] } }\n',
        '"tool" = {copydesk={select=["hygiene"]}}\n',
        '# a comment about [tool.copydesk]\n[tool.copydesk]  # the config\nselect = ["hygiene"]\n',
    ],
)
def test_every_way_toml_gives_tool_a_copydesk_table_is_read(tmp_path, text):
    """pyproject.toml is parsed only when the text can hold `tool.copydesk` (a regex, to spare
    the TOML parser in the common case): each TOML spelling of it must get through."""
    assert "copydesk" in config.toml_module().loads(text)["tool"]
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    assert config.find_config(tmp_path) == tmp_path / "pyproject.toml"


def test_a_pyproject_that_only_depends_on_copydesk_is_not_a_config(tmp_path):
    text = (
        '[project]\nname = "newsroom"\ndependencies = ["copydesk>=0.1", "pyyaml"]\n\n'
        '[project.scripts]\ncopydesk = "lint.cli.main:run"\n\n[tool]\nruff = { line-length = 100 }\n'
        '# [tool.copydesk] would configure it\n'
    )
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    assert config.find_config(tmp_path) is None
    # and finding that out does not parse it: no TOML parser loaded (10-15 ms a run)
    import subprocess
    import sys

    code = f"import sys; from lint.packs import config; config.find_config({str(tmp_path)!r}); print('tomllib' in sys.modules or 'tomli' in sys.modules)"
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stdout + result.stderr
