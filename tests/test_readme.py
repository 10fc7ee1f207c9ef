"""README.md's examples are what copydesk prints: the first command's output block, and the
JSON contract's example (the line it points at is the real one)."""

import json
import re

from conftest import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
FIRST_COMMAND = "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/copydesk check examples/drafts/harbor-strike.txt"


def _block(after: str, kind: str) -> str:
    start = README.index(after)
    m = re.compile(rf"^```{kind}\n(.*?)^```", re.M | re.S).search(README, start)
    return m.group(1)


def test_the_first_commands_output_block_is_what_it_prints():
    assert FIRST_COMMAND in README
    result = run_cli("check", "examples/drafts/harbor-strike.txt", cwd=ROOT)
    assert result.returncode == 1, result.stderr
    assert result.stdout == _block("The first command prints", "text")


def test_the_json_example_is_real_output():
    intro = README.index("`--format json` prints one object")
    command = re.search(r"`copydesk (check [^`]+--format json)`", README[intro:]).group(1).split()
    result = run_cli(*command, cwd=ROOT)
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout) == json.loads(_block("`--format json` prints one object", "json"))
