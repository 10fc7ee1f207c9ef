"""A broken house pack costs only its broken rules: the rest of the run goes on, exit 2.

README: "a rule that fails its own examples never runs". Each broken rule is named with its
file, line and what is wrong; the drafts are still checked with every rule that works.
"""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli

HOUSE = """\
name: house
description: Our style.
rules:
  us-form:
    kind: substitution
    level: warning
    message: "Use “{expected}”, not “{match}”"
    swap:
      US: U.S.
    examples:
      fail: ["The US military struck.\\n"]
      pass: ["The U.S. military struck.\\n"]
  banned:
    kind: existence
    level: error
    message: "“{match}” is not a word we print"
    tokens: [irregardless]
    ignorecase: true
    examples:
      fail: ["Irregardless of the cost, it went ahead.\\n"]
      pass: ["Regardless of the cost, it went ahead.\\n"]
  weekday:
    kind: existence
    levl: warning
    message: "Drop the weekday"
    tokens: [Monday]
    examples:
      fail: ["It happened on Monday.\\n"]
      pass: ["It happened on Tuesday.\\n"]
"""

DRAFT = "Strikes\n\nThe US military struck on Monday, irregardless of the cost. JEFF OK’D\n"


def _files(tmp_path: Path, pack: str, encoding: str = "utf-8"):
    pack_path = tmp_path / "house.yaml"
    pack_path.write_bytes(pack.encode(encoding))
    draft = tmp_path / "story.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    return pack_path, draft


def test_a_broken_rule_is_named_and_the_others_still_check_the_drafts(tmp_path):
    pack, draft = _files(tmp_path, HOUSE)
    result = run_cli("check", "--pack", pack, draft)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    # the typo, at its line, with the closest key
    assert f"{pack}:24: rule 'weekday': unknown option 'levl' (did you mean 'level'?" in result.stderr
    assert "(rule house.weekday was not run; the other rules were)" in result.stderr
    # the pack's working rules and the built-in packs ran
    assert "house.us-form" in result.stdout
    assert "house.banned" in result.stdout
    assert "hygiene.editor-note" in result.stdout
    assert "house.weekday" not in result.stdout


def test_a_rule_failing_its_own_example_never_runs_and_the_rest_do(tmp_path):
    # the fail example no longer holds the token: the rule fails its own examples
    pack, draft = _files(tmp_path, HOUSE.replace('fail: ["Irregardless of the cost', 'fail: ["Whatever the cost'))
    result = run_cli("check", "--pack", pack, draft)
    assert result.returncode == 2
    assert f"{pack}:20: rule 'banned': fail example was not flagged" in result.stderr
    assert "(rule house.banned was not run; the other rules were)" in result.stderr
    assert "house.banned" not in result.stdout
    assert "house.us-form" in result.stdout and "hygiene.editor-note" in result.stdout


def test_a_pack_that_is_not_yaml_is_named_and_the_built_in_packs_still_run(tmp_path):
    pack, draft = _files(tmp_path, HOUSE.replace("    swap:\n", "    swap: [\n"))
    result = run_cli("check", "--pack", pack, draft, "--format", "json")
    assert result.returncode == 2
    assert f"{pack}:" in result.stderr and "invalid YAML" in result.stderr
    assert "(the pack was not loaded; the other packs were)" in result.stderr
    assert '"hygiene.editor-note"' in result.stdout
    assert "invalid YAML" in result.stdout  # summary.problems carries it to CI too


def test_selecting_a_broken_rule_is_not_a_typo(tmp_path):
    pack, draft = _files(tmp_path, HOUSE)
    result = run_cli("check", "--pack", pack, "--select", "house.weekday,hygiene", draft)
    assert result.returncode == 2
    assert "no rule matches" not in result.stderr
    assert "hygiene.editor-note" in result.stdout and "house." not in result.stdout


def test_rules_and_explain_list_what_works_and_name_what_is_broken(tmp_path):
    pack, _ = _files(tmp_path, HOUSE)
    result = run_cli("rules", "--pack", pack)
    assert result.returncode == 2
    assert "house.us-form" in result.stdout and "house.weekday" not in result.stdout
    assert f"{pack}:24: rule 'weekday'" in result.stderr


def test_test_pack_names_every_broken_rule(tmp_path):
    pack, _ = _files(tmp_path, HOUSE.replace("    swap:\n", "    swaps:\n"))
    result = run_cli("test-pack", pack)
    assert result.returncode == 2  # a rule that cannot load is a pack error, not a failing example
    assert f"{pack}:8: rule 'us-form': unknown option 'swaps'" in result.stderr
    assert f"{pack}:24: rule 'weekday': unknown option 'levl'" in result.stderr
    assert "2 broken (not run, see above)" in result.stdout


def test_a_pack_saved_as_windows_1252_is_read_with_a_notice(tmp_path):
    pack, draft = _files(tmp_path, HOUSE, encoding="cp1252")
    result = run_cli("check", "--pack", pack, draft)
    assert "Traceback" not in result.stderr and "codec" not in result.stderr
    assert f"copydesk: notice: {pack}:7: byte 0x93 at offset" in result.stderr
    assert "read as Windows-1252" in result.stderr
    assert "house.us-form" in result.stdout
    # and the message keeps its curly quotes
    assert "Use “U.S.”, not “US”" in result.stdout


def test_a_pack_saved_as_utf16_with_a_bom_is_read(tmp_path):
    pack, draft = _files(tmp_path, HOUSE.replace("  weekday:", "  other:").replace("levl:", "level:"), encoding="utf-16")
    result = run_cli("check", "--pack", pack, draft)
    assert result.returncode == 1, result.stderr
    assert "house.us-form" in result.stdout and "house.other" in result.stdout


def test_a_pack_nothing_decodes_is_named_with_its_line(tmp_path):
    pack, draft = _files(tmp_path, HOUSE)
    pack.write_bytes(pack.read_bytes().replace(b"Our style.", b"Our \x81\xe2\x80\x9cstyle."))
    result = run_cli("check", "--pack", pack, draft)
    assert result.returncode == 2
    assert f"{pack}:2: byte 0x81 at offset" in result.stderr and "save the pack as UTF-8" in result.stderr
    assert "hygiene.editor-note" in result.stdout


def test_a_people_list_saved_as_windows_1252_is_read_with_a_notice(tmp_path):
    registry = tmp_path / "people.yaml"
    registry.write_bytes("people:\n  - name: José Álvarez\n    roles:\n      - {title: mayor of Riverton}\n".encode("cp1252"))
    draft = tmp_path / "story.txt"
    draft.write_text("Budget\n\nMayor José Álvarez said the budget was final.\n", encoding="utf-8")
    result = run_cli("check", "--registry", registry, draft)
    assert result.returncode in (0, 1), result.stderr
    assert f"copydesk: notice: {registry}:2: byte 0xe9" in result.stderr and "read as Windows-1252" in result.stderr


def test_a_house_copy_of_a_built_in_pack_says_it_replaces_it(tmp_path):
    copy = tmp_path / "hygiene.yaml"
    copy.write_text(HOUSE.replace("name: house", "name: hygiene").replace("levl:", "level:"), encoding="utf-8")
    draft = tmp_path / "story.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    result = run_cli("check", "--pack", copy, draft)
    assert f"copydesk: notice: {copy}: pack 'hygiene' replaces the built-in 'hygiene' pack" in result.stderr
    assert "hygiene.editor-note" not in result.stdout
    # a house pack with its own name replaces nothing, and says nothing
    house = tmp_path / "house.yaml"
    house.write_text(HOUSE.replace("levl:", "level:"), encoding="utf-8")
    result = run_cli("check", "--pack", house, draft)
    assert "replaces" not in result.stderr
