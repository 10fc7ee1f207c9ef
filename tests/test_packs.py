"""Pack loading: every mistake a copy chief can make gives file:line, exit 2, no traceback."""

from __future__ import annotations

import textwrap

import pytest

from conftest import run_cli
from lint.packs import loader as packs
from lint.model import CopydeskError

GOOD_RULE = """\
name: house
description: Our style.
rules:
  us-form:
    kind: substitution
    level: warning
    message: "Use “{expected}”, not “{match}”"
    description: House style spells it U.S.
    swap:
      US: U.S.
    examples:
      fail:
        - text: "The US military struck.\\n"
          match: US
          fixed: "The U.S. military struck.\\n"
      pass:
        - "The U.S. military struck.\\n"
"""


def write(tmp_path, text, name="house.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load_error(tmp_path, text) -> str:
    path = write(tmp_path, text)
    with pytest.raises(CopydeskError) as error:
        packs.load_pack(path)
    return str(error.value)


def test_good_pack_loads_and_its_rule_runs(tmp_path):
    pack = packs.load_pack(write(tmp_path, GOOD_RULE))
    assert [r.id for r in pack.rules] == ["house.us-form"]


def test_option_typo_names_file_line_and_the_options(tmp_path):
    message = load_error(tmp_path, GOOD_RULE.replace("    swap:\n", "    swaps:\n"))
    assert message.startswith(f"{tmp_path / 'house.yaml'}:9: rule 'us-form': unknown option 'swaps'")
    assert "substitution takes:" in message and "swap" in message


def test_unknown_kind(tmp_path):
    message = load_error(tmp_path, GOOD_RULE.replace("kind: substitution", "kind: substitute"))
    assert ":5: rule 'us-form': unknown kind 'substitute'" in message
    assert "existence" in message


def test_bad_regex_names_the_pattern(tmp_path):
    text = GOOD_RULE.replace("kind: substitution", "kind: substitution\n    regex: true").replace(
        "      US: U.S.", "      'US(': U.S."
    )
    message = load_error(tmp_path, text)
    assert ":10: rule 'us-form': bad regular expression 'US('" in message


def test_wrong_type(tmp_path):
    message = load_error(tmp_path, GOOD_RULE.replace("    swap:\n      US: U.S.", "    swap: [US, U.S.]"))
    assert ":9: rule 'us-form': option 'swap' must be a mapping of text to text" in message


def test_failing_example_is_reported_with_its_line(tmp_path):
    text = GOOD_RULE.replace('        - "The U.S. military struck.\\n"', '        - "The US Army struck.\\n"')
    message = load_error(tmp_path, text)
    assert ":17: rule 'us-form': pass example was flagged at 1:5 ('US')" in message


def test_missing_examples(tmp_path):
    text = GOOD_RULE[: GOOD_RULE.index("    examples:")]
    message = load_error(tmp_path, text)
    assert ":4: rule 'us-form': needs `examples` with `fail:`" in message


def test_message_with_unknown_placeholder(tmp_path):
    message = load_error(tmp_path, GOOD_RULE.replace("{expected}", "{wanted}"))
    assert ":7: rule 'us-form': the message names {wanted}" in message


def test_broken_yaml(tmp_path):
    message = load_error(tmp_path, "name: house\nrules:\n  a: [unclosed\n")
    assert message.startswith(f"{tmp_path / 'house.yaml'}:")
    assert "invalid YAML" in message


def test_yes_no_on_off_stay_words(tmp_path):
    text = """\
    name: house
    description: Words that YAML 1.1 would turn into booleans.
    rules:
      words:
        kind: existence
        level: suggestion
        message: "“{match}”"
        description: Finds yes, no, on and off.
        tokens: [yes, no, on, off, Yes, NO]
        examples:
          fail: ["Say no.\\n"]
          pass: ["Say nothing.\\n"]
    """
    pack = packs.load_pack(write(tmp_path, text))
    assert pack.rules[0].kind.tokens == ["yes", "no", "on", "off", "Yes", "NO"]


def test_cli_pack_error_exits_2_without_traceback(tmp_path):
    path = write(tmp_path, GOOD_RULE.replace("    swap:\n", "    swaps:\n"))
    draft = tmp_path / "story.txt"
    draft.write_text("Strikes\n\nThe US military struck. JEFF OK’D\n", encoding="utf-8")
    result = run_cli("check", "--pack", path, draft)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{path}:9: rule 'us-form': unknown option 'swaps'" in result.stderr
    # the broken rule is left out; the drafts are still checked with every other rule
    assert "house.us-form" not in result.stdout
    assert "hygiene.editor-note" in result.stdout


def test_user_copy_of_a_builtin_pack_replaces_it(tmp_path):
    text = GOOD_RULE.replace("name: house", "name: hygiene")
    path = write(tmp_path, text)
    draft = tmp_path / "story.txt"
    draft.write_text("Strikes\n\nThe US military struck. JEFF OK’D\n", encoding="utf-8")
    result = run_cli("check", "--pack", path, draft)
    assert "hygiene.us-form" in result.stdout
    assert "hygiene.editor-note" not in result.stdout  # the built-in hygiene pack was replaced


def test_two_user_packs_with_one_name_is_an_error(tmp_path):
    first = write(tmp_path, GOOD_RULE, "a.yaml")
    second = write(tmp_path, GOOD_RULE, "b.yaml")
    result = run_cli("check", "--pack", first, "--pack", second, tmp_path)
    assert result.returncode == 2
    assert f"{second}:1: pack name 'house' is already used by {first}" in result.stderr


def test_table_reference_from_a_data_folder_beside_the_pack(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "banned.yaml").write_text("words: [irregardless, alot]\n", encoding="utf-8")
    text = """\
    name: house
    description: Banned words.
    rules:
      banned:
        kind: existence
        level: warning
        message: "“{match}” is not a word we print"
        description: Words we never print.
        tokens: {table: banned, key: words}
        examples:
          fail: ["It cost alot.\\n"]
          pass: ["It cost a lot.\\n"]
    """
    pack = packs.load_pack(write(tmp_path, text))
    assert pack.rules[0].kind.tokens == ["irregardless", "alot"]


def test_catastrophic_regex_fails_one_rule_and_the_rest_still_report(tmp_path):
    text = """\
    name: slow
    description: A pattern that backtracks without end on a long run of a's.
    rules:
      backtrack:
        kind: existence
        level: warning
        message: "“{match}”"
        description: Catastrophic backtracking.
        patterns: ['(a|a)+$']
        examples:
          fail: ["aaa\\n"]
          pass: ["bbb\\n"]
    """
    path = write(tmp_path, text)
    draft = tmp_path / "story.txt"
    draft.write_text("Headline\n\n" + "a" * 40 + "b said the official. JEFF OK’D\n", encoding="utf-8")
    result = run_cli("check", "--pack", path, "--timeout", "0.5", draft)
    assert result.returncode == 2
    assert "rule slow.backtrack" in result.stderr and "took longer than 0.5 s" in result.stderr
    assert "hygiene.editor-note" in result.stdout
    assert "Traceback" not in result.stderr


def test_test_pack_reports_each_failure(tmp_path):
    text = GOOD_RULE.replace('        - "The U.S. military struck.\\n"', '        - "The US Army struck.\\n"')
    path = write(tmp_path, text)
    result = run_cli("test-pack", path)
    assert result.returncode == 1
    assert f"{path}:17: rule 'us-form': pass example was flagged" in result.stdout
    assert "1 failing" in result.stdout
    good = write(tmp_path, GOOD_RULE, "good.yaml")
    result = run_cli("test-pack", good)
    assert result.returncode == 0
    assert "1 rules, 2 examples: all pass" in result.stdout


def test_a_kind_takes_its_options_once_and_keeps_them():
    """Kinds are frozen records (lint/kinds/base.py: Kind, lint/record.py), as a frozen
    dataclass would be."""
    from lint.kinds import KINDS
    from lint.record import FrozenInstanceError

    existence = KINDS["existence"]
    kind = existence(tokens=["TK"], ignorecase=True)
    assert (kind.tokens, kind.ignorecase, kind.patterns, kind.whole_line) == (["TK"], True, (), False)
    with pytest.raises(FrozenInstanceError):
        kind.tokens = ["TKTK"]
    with pytest.raises(TypeError, match="unexpected keyword argument 'token'"):
        existence(token=["TK"])
    assert kind == existence(tokens=["TK"], ignorecase=True) != existence(tokens=["TK"])
    assert repr(kind).startswith("Existence(tokens=['TK'], patterns=(), ignorecase=True")
    # a kind's own options come after those it inherits, as a dataclass orders its fields
    assert KINDS["person-consistency"]._fields[:2] == ("ranks", "titles")
