"""--fix, --diff and --unsafe-fixes: fixes land in the source, files keep how they were saved."""

from __future__ import annotations

import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from lint.cli import main as cli
from lint.fixes import apply as fixer
from lint.drafts import formats
from lint.engine.runner import Engine
from lint.fixes.edit import apply_fixes
from lint.model import Fix
from lint.packs.loader import load_rules
from conftest import SEEDS

ROOT = Path(__file__).resolve().parent.parent

DRAFT = (
    "Strikes hit militia sites\n"
    "\n"
    "The strikes hit  three facilities , harbor master Ruth Alder said.\n"
    "\n"
    "It is too early to know if there were casualties, the official said. JEFF OK’D\n"
    "\n"
    "Iran retaliated with missile strikes, wounding dozens of soldiers, the ministry said.\n"
    "\n"
    "Back to top button\n"
)
FIXED = (
    "Strikes hit militia sites\n"
    "\n"
    "The strikes hit three facilities, harbor master Ruth Alder said.\n"
    "\n"
    "It is too early to know if there were casualties, the official said. JEFF OK’D\n"
    "\n"
    "Iran retaliated with missile strikes, wounding dozens of soldiers, the ministry said.\n"
)

UNSAFE_PACK = """
name: house
description: test pack with an unsafe fix
rules:
  towards:
    kind: substitution
    level: warning
    message: "Use “{expected}”"
    safe: false
    swap:
      towards: toward
    examples:
      fail: ["They walked towards the base.\\n"]
      pass: ["They walked toward the base.\\n"]
"""


def run_cli(*args, input=None):
    return subprocess.run([sys.executable, "-m", "lint", *args], capture_output=True, cwd=ROOT, input=input)


def snapshot(folder: Path):
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_ino) for p in sorted(folder.iterdir())}


@pytest.fixture
def seeds(tmp_path):
    if not SEEDS.is_dir():
        pytest.skip("the newsroom's sample drafts are not here")
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, tmp_path / seed.name)
    return tmp_path


# ---- the sample drafts ---------------------------------------------------------------


def test_fix_removes_boilerplate_from_the_samples_and_a_second_run_has_nothing_to_fix(seeds):
    before = {p.name: p.read_text(encoding="utf-8") for p in seeds.iterdir()}
    result = run_cli("check", "--fix", str(seeds))
    assert result.returncode == 1  # the editor's note is not fixable: it remains
    stderr = result.stderr.decode()
    assert "copydesk: fixed 4 findings in 2 drafts" in stderr
    out = result.stdout.decode()
    assert "hygiene.boilerplate" not in out
    assert "draft-a.txt:9:366: error hygiene.editor-note" in out
    after = {p.name: p.read_text(encoding="utf-8") for p in seeds.iterdir()}
    assert "Back to top button" not in after["draft-a.txt"]
    assert after["draft-a.txt"].endswith("wounding dozens of soldiers.")
    assert "In Other News" not in after["draft-b.txt"] and "Load More" not in after["draft-b.txt"]
    # nothing else changed: the old text minus the furniture lines, with the two safe AP
    # fixes (the dateline's em dash at a:3, the spaced ellipsis at b:27)
    assert before["draft-a.txt"].replace("WASHINGTON –", "WASHINGTON —").startswith(after["draft-a.txt"])
    assert before["draft-b.txt"].replace("“We... will", "“We ... will").startswith(after["draft-b.txt"])
    # no temporary files left behind
    assert sorted(p.name for p in seeds.iterdir()) == ["draft-a.txt", "draft-b.txt"]

    state = snapshot(seeds)
    again = run_cli("check", "--fix", str(seeds))
    assert "copydesk: nothing to fix" in again.stderr.decode()
    assert snapshot(seeds) == state  # not even touched


def test_diff_prints_the_fixes_and_leaves_the_files_byte_identical(seeds):
    state = snapshot(seeds)
    result = run_cli("check", "--diff", str(seeds))
    assert result.returncode == 1
    out = result.stdout.decode()
    assert f"--- {seeds}/draft-a.txt\n+++ {seeds}/draft-a.txt\n" in out
    assert "-Back to top button\n" in out
    assert "-In Other News\n-Load More\n" in out
    assert "copydesk: would fix 4 findings in 2 drafts" in result.stderr.decode()
    assert snapshot(seeds) == state


def test_fix_keeps_crlf_and_bom_of_the_samples(seeds):
    for path in seeds.iterdir():
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    result = run_cli("check", "--fix", str(seeds))
    assert b"fixed 4 findings in 2 drafts" in result.stderr
    for path in seeds.iterdir():
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        assert data.count(b"\n") == data.count(b"\r\n") > 10
        assert b"Back to top button" not in data and b"Load More" not in data
    again = run_cli("check", "--fix", str(seeds))
    assert b"nothing to fix" in again.stderr


# ---- our own drafts ------------------------------------------------------------------


def test_fix_applies_safe_substitutions_and_deletes_furniture(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(DRAFT, encoding="utf-8")
    result = run_cli("check", "--fix", str(path))
    assert path.read_text(encoding="utf-8") == FIXED
    assert result.returncode == 1
    assert b"fixed 3 findings in 1 draft" in result.stderr
    assert result.stdout.decode().splitlines() == [
        f"{path}:5:70: error hygiene.editor-note “JEFF OK’D” looks like a note to editors left in the copy: resolve it and delete it before publishing",
        "Found 1 error in 1 of 1 draft. The error fails the check.",
        "To pass: fix the error above (`copydesk explain RULE` says what each rule wants).",
    ]


@pytest.mark.parametrize(
    "name, encode",
    [
        ("utf-16-le", lambda t: b"\xff\xfe" + t.encode("utf-16-le")),
        ("utf-16-be", lambda t: b"\xfe\xff" + t.encode("utf-16-be")),
        ("cp1252", lambda t: t.encode("cp1252")),
        ("crlf", lambda t: t.replace("\n", "\r\n").encode()),
        ("cr", lambda t: t.replace("\n", "\r").encode()),
        ("bom", lambda t: b"\xef\xbb\xbf" + t.encode()),
    ],
)
def test_fix_writes_back_in_the_same_encoding_bom_and_line_endings(tmp_path, name, encode):
    path = tmp_path / "story.txt"
    path.write_bytes(encode(DRAFT))
    run_cli("check", "--fix", str(path))
    assert path.read_bytes() == encode(FIXED)


def test_mixed_line_endings_stay_as_they_were(tmp_path):
    path = tmp_path / "story.txt"
    mixed = DRAFT.replace("officials said.\n", "officials said.\r\n")
    path.write_bytes(mixed.encode())
    run_cli("check", "--fix", str(path))
    assert path.read_bytes() == FIXED.replace("officials said.\n", "officials said.\r\n").encode()


def test_fix_keeps_the_file_mode(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(DRAFT, encoding="utf-8")
    path.chmod(0o640)
    run_cli("check", "--fix", str(path))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.read_text(encoding="utf-8") == FIXED


def test_fix_in_markdown_applies_to_the_source_and_spares_code(tmp_path):
    source = (
        "---\ntitle: Strikes hit militia sites\n---\n\n"
        "The strikes hit  **three** facilities , harbor master Ruth Alder said.\n\n"
        "```\nThe strikes hit  three\nBack to top button\n```\n\n"
        "Iran retaliated with missile strikes, wounding dozens of soldiers, the ministry said.\n\n"
        "Back to top button\n"
    )
    path = tmp_path / "story.md"
    path.write_text(source, encoding="utf-8")
    result = run_cli("check", "--fix", str(path))
    assert result.returncode == 0, result.stderr
    assert path.read_text(encoding="utf-8") == (
        "---\ntitle: Strikes hit militia sites\n---\n\n"
        "The strikes hit **three** facilities, harbor master Ruth Alder said.\n\n"
        "```\nThe strikes hit  three\nBack to top button\n```\n\n"
        "Iran retaliated with missile strikes, wounding dozens of soldiers, the ministry said.\n"
    )


def test_fix_in_html_escapes_and_never_edits_across_tags(tmp_path):
    pack = tmp_path / "house.yaml"
    pack.write_text(
        """
name: house
description: test pack
rules:
  and-sign:
    kind: substitution
    level: warning
    message: "Use “{expected}”"
    swap:
      and co: '& Co.'
    examples:
      fail: ["Smith and co won.\\n"]
      pass: ["Smith & Co. won.\\n"]
""",
        encoding="utf-8",
    )
    source = (
        "<h1>Strikes hit militia sites</h1>\n"
        "<p>Smith and co said the strikes hit <b> </b> three sites.</p>\n"
        "<p>The strikes hit  <i>three</i> sites.</p>\n"
    )
    path = tmp_path / "story.html"
    path.write_text(source, encoding="utf-8")
    result = run_cli("check", "--fix", "--pack", str(pack), str(path))
    fixed = path.read_text(encoding="utf-8")
    assert "Smith &amp; Co. said" in fixed
    # the double space inside one text node is fixed; the one made by an empty <b> is not
    # touched (the tags would go with it)
    assert "<p>The strikes hit <i>three</i> sites.</p>" in fixed
    assert "<b> </b>" in fixed
    assert result.returncode == 0, result.stderr


def test_unsafe_fixes_need_the_flag(tmp_path):
    pack = tmp_path / "house.yaml"
    pack.write_text(UNSAFE_PACK, encoding="utf-8")
    path = tmp_path / "story.txt"
    path.write_text("Strikes hit militia sites\n\nThe troops moved towards the base.\n", encoding="utf-8")
    result = run_cli("check", "--fix", "--pack", str(pack), str(path))
    assert "towards" in path.read_text(encoding="utf-8")
    assert b"nothing to fix" in result.stderr
    assert b"house.towards" in result.stdout
    result = run_cli("check", "--fix", "--unsafe-fixes", "--pack", str(pack), str(path))
    assert path.read_text(encoding="utf-8") == "Strikes hit militia sites\n\nThe troops moved toward the base.\n"
    assert result.returncode == 0


def test_unsafe_fixes_alone_is_a_usage_error(tmp_path):
    result = run_cli("check", "--unsafe-fixes", str(tmp_path))
    assert result.returncode == 2
    assert b"--unsafe-fixes works with --fix or --diff" in result.stderr


def test_stdin_fix_prints_the_fixed_text(tmp_path):
    result = run_cli("check", "--fix", "-", input=DRAFT.encode())
    assert result.stdout.decode() == FIXED
    assert result.returncode == 1
    assert "-:5:70: error hygiene.editor-note" in result.stderr.decode()


def test_stdin_fix_keeps_the_encoding():
    result = run_cli("check", "--fix", "-", input=b"\xff\xfe" + DRAFT.replace("\n", "\r\n").encode("utf-16-le"))
    assert result.stdout == b"\xff\xfe" + FIXED.replace("\n", "\r\n").encode("utf-16-le")


def test_diff_with_nothing_to_fix_exits_zero(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text("Budget passes\n\nThe council voted 7-2.\n", encoding="utf-8")
    result = run_cli("check", "--diff", str(path))
    assert result.returncode == 0
    assert result.stdout == b""


def test_a_file_changed_on_disk_meanwhile_is_not_overwritten(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(b"new text")
    with pytest.raises(fixer.WriteError, match="changed on disk"):
        fixer.write_atomic(str(path), b"fixed", expected=b"old text")
    assert path.read_bytes() == b"new text"


def test_fixes_that_cannot_be_saved_in_the_encoding_are_left(tmp_path, capsys):
    pack = tmp_path / "house.yaml"
    pack.write_text(UNSAFE_PACK.replace("safe: false", "safe: true").replace("towards: toward", "towards: toward→"), encoding="utf-8")
    path = tmp_path / "story.txt"
    original = "Strikes hit militia sites\n\nThe troops moved towards the base – officials said.\n".encode("cp1252")
    path.write_bytes(original)
    status = cli.main(["check", "--fix", "--pack", str(pack), str(path)])
    captured = capsys.readouterr()
    assert path.read_bytes() == original
    assert "cannot be saved in cp1252" in captured.err
    assert "house.towards" in captured.out  # still reported
    assert status == 0  # a warning does not fail the run


# ---- fixes never corrupt text --------------------------------------------------------


def test_overlapping_fixes_never_corrupt_the_text():
    text = "abcdefghij"
    fixes = [Fix(2, 6, "X"), Fix(4, 8, "Y"), Fix(5, 5, "Z"), Fix(0, 1, ""), Fix(8, 10, "W"), Fix(8, 10, "W")]
    assert apply_fixes(text, fixes) == "bXghW"


def test_repeated_fixing_converges(tmp_path):
    # three spaces then two: one pass fixes both, and the loop stops when nothing changes
    path = tmp_path / "story.txt"
    path.write_text("Strikes hit sites\n\nThe strikes hit   three  sites , harbor master Ruth Alder said.\n", encoding="utf-8")
    run_cli("check", "--fix", str(path))
    assert path.read_text(encoding="utf-8") == "Strikes hit sites\n\nThe strikes hit three sites, harbor master Ruth Alder said.\n"


def test_fix_document_reports_what_it_applied():
    engine = Engine(load_rules())
    doc = formats.parse("story.txt", DRAFT)
    findings, _ = engine.run([doc])
    outcome = fixer.fix_document(doc, findings, engine)
    assert outcome.fixed.source == FIXED
    assert outcome.applied == 3 and outcome.passes == 1 and outcome.changed


def test_fix_fixes_every_copy_of_a_draft_each_in_its_own_line_endings(tmp_path):
    # copies share one check (lint/engine/parallel.py); each is still fixed, and written, on its own
    (tmp_path / "a.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(DRAFT, encoding="utf-8")
    crlf = DRAFT.replace("\n", "\r\n").encode("utf-8")
    (tmp_path / "c.txt").write_bytes(crlf)
    (tmp_path / "d.txt").write_bytes(crlf)
    result = run_cli("check", "--fix", str(tmp_path))
    assert result.returncode == 1, result.stderr  # the editor note is left for a person
    assert b"fixed 12 findings in 4 drafts" in result.stderr, result.stderr
    for name in ("a.txt", "b.txt"):
        assert (tmp_path / name).read_bytes() == FIXED.encode("utf-8")
    for name in ("c.txt", "d.txt"):
        assert (tmp_path / name).read_bytes() == FIXED.replace("\n", "\r\n").encode("utf-8")
