"""docs/architecture.md is the map a newcomer reads: it names modules and functions that exist,
it names every module there is, and following "Adding a kind" to the letter gives a kind whose
pack's examples pass under `copydesk test-pack`."""

from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
TOY = "shouting"  # the doc's example kind: written by the reader, not shipped


def _blocks(after: str, lang: str):
    """The fenced code blocks of language `lang` in the section that starts at `after`."""
    start = DOC.index(after)
    end = DOC.find("\n**", start + len(after))
    section = DOC[start : end if end > 0 else len(DOC)]
    return re.findall(rf"^```{lang}\n(.*?)^```", section, re.M | re.S)


def test_every_module_the_doc_names_exists():
    named = set(re.findall(r"\blint/[\w/]*\w\.py\b", DOC))
    folders = set(re.findall(r"`(lint/[\w/]+/)`", DOC))
    assert len(named) > 30 and len(folders) > 8  # the map is there
    missing = sorted(p for p in named | folders if TOY not in p and not (ROOT / p).exists())
    assert not missing, f"docs/architecture.md names modules that do not exist: {missing}"


def test_every_module_there_is_is_on_the_map():
    unnamed = []
    for path in sorted((ROOT / "lint").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if "__pycache__" in rel or "/rules/" in rel:
            continue
        if path.name == "__init__.py" and rel != "lint/__init__.py":
            key = rel[: -len("__init__.py")]
            if f"`{key}`" in DOC or rel in DOC:
                continue
        elif rel in DOC or f"`{path.name}`" in DOC or f", {path.name}" in DOC:
            continue
        unnamed.append(rel)
    assert not unnamed, f"modules missing from docs/architecture.md's map (one line each): {unnamed}"


def test_the_walk_through_names_functions_that_exist():
    walk = DOC[DOC.index("## One draft, from") : DOC.index("## Where to add things")]
    names = sorted(set(re.findall(r"`(lint(?:\.\w+)+)`", walk)))
    assert "lint.cli.main.main" in names and "lint.report.text.render" in names
    wrong = []
    for dotted in names:
        parts = dotted.split(".")
        for cut in range(len(parts), 0, -1):  # the longest importable module, then attributes
            try:
                target = importlib.import_module(".".join(parts[:cut]))
            except ImportError:
                continue
            try:
                for attribute in parts[cut:]:
                    target = getattr(target, attribute)
            except AttributeError:
                wrong.append(dotted)
            break
        else:
            wrong.append(dotted)
    assert not wrong, f"docs/architecture.md's walk-through names what does not exist: {wrong}"
    # in the order they run: the command line first, the printed finding last
    order = [walk.index(n) for n in ("lint.cli.main.run", "lint.cli.check.check", "lint.api.Checker.load",
                                     "lint.engine.runner.Engine.check_document", "lint.api.Checker.filter",
                                     "lint.report.text.render")]
    assert order == sorted(order)


def test_a_kind_added_the_way_the_doc_says_passes_its_examples(tmp_path):
    """Steps 1 to 4 of "Adding a kind", done in a copy of the project."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "lint", project / "lint", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "rules", project / "rules")

    # 1. the kind's module, as the doc gives it (its first line names the file)
    (module,) = _blocks("**1. Write the kind**", "python")
    first, _, _ = module.partition("\n")
    target = project / first.lstrip("# ").strip()
    assert target.as_posix().endswith("lint/kinds/generic/shouting.py")
    target.write_text(module, encoding="utf-8")

    # 2. registered: the import beside the others, the class in KINDS's tuple
    import_line, tuple_line = _blocks("**2. Register it**", "python")
    registry = project / "lint" / "kinds" / "__init__.py"
    source = registry.read_text(encoding="utf-8")
    imports = [m.end() for m in re.finditer(r"^from lint\.kinds\.\S+ import \w+\n", source, re.M)]
    source = source[: imports[-1]] + import_line + source[imports[-1] :]
    opening = source.index("for kind in (\n") + len("for kind in (\n")
    source = source[:opening] + tuple_line + source[opening:]
    registry.write_text(source, encoding="utf-8")

    # 3. the pack, as the doc gives it
    (pack,) = _blocks("**3. Write a rule that uses it**", "yaml")
    name = pack.partition("\n")[0].lstrip("# ").strip()
    (tmp_path / name).write_text(pack, encoding="utf-8")

    # 4. its examples run, and print what the doc says
    (shown,) = _blocks("**4. Run its examples**", "")
    command, expected = shown.strip().split("\n", 1)
    args = command.lstrip("$ ").split()
    assert args[:2] == ["copydesk", "test-pack"]
    env = dict(os.environ, PYTHONPATH=str(project), COPYDESK_CACHE_DIR=str(tmp_path / "cache"), NO_COLOR="1")

    def copydesk(*arguments):
        return subprocess.run([sys.executable, "-m", "lint", *arguments], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=300)

    result = copydesk(*args[1:])
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == expected.strip()

    # the kind runs in `copydesk check` too, and its options show in `explain`
    (tmp_path / "fire.txt").write_text("Crews fought a DEADLY blaze near the NATO base.\n", encoding="utf-8")
    found = copydesk("check", "fire.txt", "--pack", name, "--select", "house")
    assert found.returncode == 0, found.stderr  # a warning does not fail the check
    assert found.stdout.startswith("fire.txt:1:16: warning house.shouting “DEADLY” is in capitals (6 letters)")
    explained = copydesk("explain", "house.shouting", "--pack", name)
    assert "min-letters" in explained.stdout or "min_letters" in explained.stdout
    assert "words in capitals this long or longer are flagged" in explained.stdout

    # and a pass example it flags fails the pack (the examples are a real test)
    (tmp_path / name).write_text(pack.replace('        - "The BBC said the fire was out."',
                                              '        - "The BBC said the fire was out."\n        - "A DEADLY storm."'),
                                 encoding="utf-8")
    failing = copydesk(*args[1:])
    assert failing.returncode == 1
    assert "pass example was flagged at 1:3 ('DEADLY')" in failing.stdout


@pytest.mark.parametrize("module", ["lint/record.py"])
def test_the_record_classes_say_why_they_are_kept(module):
    doc = (ROOT / module).read_text(encoding="utf-8")
    assert "docs/architecture.md" in doc and "Why not dataclasses" in doc
