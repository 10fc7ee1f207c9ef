"""One scan per draft for every rule's triggers (lint/engine/triggers.py): a rule whose
triggers are absent is skipped, and the findings are those of a plain run, byte for byte."""

from __future__ import annotations

import json

import pytest

from clitools import ROOT, run
from lint.drafts.document import Document
from lint.engine import triggers
from lint.packs import loader

FIXTURES = ROOT / "tests" / "fixtures"

# a house style as a desk (or a Vale import) writes one: many word-list rules
WORDS = {
    "utilize": "use", "in order to": "to", "at this point in time": "now", "irregardless": "regardless",
    "alot": "a lot", "amid growing concerns": "amid concerns", "very unique": "unique", "first ever": "first",
    "past history": "history", "close proximity": "proximity", "end result": "result", "free gift": "gift",
    "added bonus": "bonus", "advance warning": "warning", "brand new": "new", "completely destroyed": "destroyed",
    "general public": "public", "join together": "join", "new record": "record", "over exaggerate": "exaggerate",
    "spokesperson said": "said", "per cent": "percent", "in the wake of": "after", "towards": "toward",
}
BANNED = [
    "slammed", "blasted", "shock", "bombshell", "mulls", "eyes", "vows", "probe", "axed", "sparks", "fury",
    "embattled", "controversial", "iconic", "historic", "unprecedented", "amid", "officials said", "slams", "Zoë",
]


def house_pack(tmp_path):
    lines = ["name: house", "description: A house style of word lists.", "rules:"]
    for i, (wrong, right) in enumerate(WORDS.items()):
        lines += [
            f"  swap-{i}:",
            "    kind: substitution",
            "    level: suggestion",
            "    message: \"House style: “{expected}”, not “{match}”\"",
            f"    ignorecase: {'true' if i % 2 else 'false'}",
            f"    swap: {{{json.dumps(wrong)}: {json.dumps(right)}}}",
            "    examples:",
            f"      fail: [{json.dumps('They said ' + wrong + ' twice.')}]",
            "      pass: [\"They said nothing.\"]",
        ]
    for i, word in enumerate(BANNED):
        lines += [
            f"  banned-{i}:",
            "    kind: existence",
            "    level: suggestion",
            "    message: \"Headline English: “{match}”\"",
            f"    ignorecase: {'true' if i % 3 else 'false'}",
            f"    tokens: [{json.dumps(word)}]",
            "    examples:",
            f"      fail: [{json.dumps('They said ' + word + ' twice.')}]",
            "      pass: [\"They said nothing.\"]",
        ]
    lines += [
        "  hedges:",
        "    kind: existence",
        "    level: suggestion",
        "    message: \"Hedge: “{match}”\"",
        "    patterns: ['\\b(?:reportedly|allegedly|apparently)\\b']",
        "    examples: {fail: [\"It was reportedly sold.\"], pass: [\"It was sold.\"]}",
        "  numbers-regex:",
        "    kind: substitution",
        "    level: suggestion",
        "    message: \"“{expected}”\"",
        "    regex: true",
        "    swap: {'\\b(\\d+) per cent\\b': '\\1 percent', '\\b(\\d+) ?a\\.m\\.': '\\1 a.m.'}",
        "    examples: {fail: [\"It rose 5 per cent at 9a.m. today.\"], pass: [\"It rose 5 percent at 9 a.m. today.\"]}",
    ]
    path = tmp_path / "house.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_gates_are_the_kinds_own_prefilter_tests(tmp_path):
    rules = {r.id: r for r in loader.load_pack(house_pack(tmp_path)).rules}
    assert triggers.triggers_of(rules["house.swap-0"].kind) == [(frozenset(["utilize"]), False)]
    assert triggers.triggers_of(rules["house.swap-1"].kind) == [(frozenset(["in order to"]), True)]
    assert triggers.triggers_of(rules["house.banned-0"].kind) == [(frozenset(["slammed"]), False)]
    # a non-ASCII token, case-insensitive: may_occur cannot tell, so the rule always runs
    assert triggers.triggers_of(rules[f"house.banned-{BANNED.index('Zoë')}"].kind) is None
    assert triggers.triggers_of(rules["house.hedges"].kind) == [(frozenset(["reportedly", "allegedly", "apparently"]), False)]
    # regex keys: each one's required literals (" per cent", "a.m.")
    assert triggers.triggers_of(rules["house.numbers-regex"].kind) == [(frozenset([" per cent"]), False), (frozenset(["a.m."]), False)]


def test_a_rule_whose_triggers_are_absent_is_skipped_and_the_others_run(tmp_path):
    rules = loader.load_pack(house_pack(tmp_path)).rules
    scan = triggers.TriggerScan(rules)
    doc = Document.from_text("The council will utilize the hall. The plan was slammed, reportedly.\n", "a.txt")
    skipped = {rules[i].id for i in scan.skipped(doc)}
    assert "house.swap-0" not in skipped and "house.banned-0" not in skipped and "house.hedges" not in skipped
    assert "house.swap-2" in skipped  # "at this point in time" is not there
    assert f"house.banned-{BANNED.index('Zoë')}" not in skipped  # ungated: always runs


@pytest.mark.skipif(triggers.ahocorasick is None, reason="pyahocorasick is not installed")
def test_aho_corasick_and_the_substring_fallback_find_the_same_triggers_in_the_same_places(tmp_path):
    rules = loader.load_pack(house_pack(tmp_path)).rules
    fast, plain = triggers.TriggerScan(rules, "aho-corasick"), triggers.TriggerScan(rules, "substring")
    assert (fast.method, plain.method) == ("aho-corasick", "substring")
    drafts = sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".txt", ".md"))
    assert len(drafts) > 20
    for path in drafts:
        doc = Document.from_text(path.read_text(encoding="utf-8"), str(path))
        a, b = fast.scan(doc, where=True), plain.scan(doc, where=True)
        assert a.found == b.found, path
        for string, folded in a.found:
            assert a.where(string, folded) == b.where(string, folded), (path, string)
        assert fast.skipped(doc) == plain.skipped(doc)


@pytest.mark.parametrize("scan", ["aho-corasick", "substring"])
def test_findings_are_byte_identical_to_a_plain_run(tmp_path, scan):
    pack = house_pack(tmp_path)
    args = ["check", str(FIXTURES), "--pack", str(pack), "--format", "json", "--jobs", "1"]
    gated = run(ROOT, *args, env={"TRIGGER_SCAN": scan})
    plain = run(ROOT, *args, env={"COPYDESK_NO_PREFILTER": "1"})
    assert gated.returncode == plain.returncode == 1, gated.stderr
    assert gated.stdout == plain.stdout
    assert sum(1 for f in json.loads(gated.stdout)["findings"] if f["rule"].startswith("house.")) >= 10


def test_the_substring_scan_finds_every_string_the_text_holds_whatever_its_characters():
    """The fallback looks for a string only when the text holds each of its characters: on
    random texts it finds exactly the strings a plain `in` finds, folded ones included."""
    import random

    from lint.drafts.document import prefilter_fold

    rng = random.Random(5)
    alphabet = "ab ,.\t\u00a0\u00e9\u0130I\u00df\n"
    strings = {"".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 4))) for _ in range(60)}
    scan = triggers.TriggerScan([], "substring")
    scan.strings = {False: set(strings), True: {prefilter_fold(s) for s in strings}}
    scan._build()
    for _ in range(400):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        doc = Document.from_text(text, "a.txt")
        found = scan.scan(doc, where=True).found
        want = {(s, False) for s in strings if s in doc.text}
        want |= {(s, True) for s in scan.strings[True] if s in doc.folded_text}
        assert found == want, text


def test_the_default_scan_is_the_automaton_only_for_many_strings(tmp_path, monkeypatch):
    """A few gate strings (the shipped packs: 21) are found faster by one substring test each
    than by an Aho-Corasick pass; a house pack's hundreds of words take the automaton."""
    monkeypatch.delenv("TRIGGER_SCAN", raising=False)
    shipped = triggers.TriggerScan(loader.load_rules())
    assert sum(map(len, shipped.strings.values())) < triggers.AUTOMATON_MIN_STRINGS
    assert shipped.method == "substring"
    words = [f"word{i}" for i in range(triggers.AUTOMATON_MIN_STRINGS)]
    pack = tmp_path / "many.yaml"
    pack.write_text(
        "name: many\ndescription: Many banned words.\nrules:\n  banned:\n    kind: existence\n    level: warning\n"
        "    message: \"'{match}' is banned\"\n    tokens: [" + ", ".join(words) + "]\n"
        "    examples:\n      fail: ['word3 here']\n      pass: ['nothing here']\n",
        encoding="utf-8",
    )
    many = triggers.TriggerScan(loader.load_pack(pack).rules)
    assert many.method == ("aho-corasick" if triggers.ahocorasick is not None else "substring")
    doc = Document.from_text("Only word7 is here.\n", "a.txt")
    assert many.skipped(doc) == triggers.TriggerScan(loader.load_pack(pack).rules, "substring").skipped(doc) == frozenset()


def test_gates_decided_on_classes_of_characters_skip_what_the_substring_tests_skip(tmp_path):
    """The case-sensitive gates are tested on the draft's characters reduced to classes
    (tab, space and no-break space stand for each other in the shipped packs' strings): on
    random texts, the shipped packs and a house pack skip exactly the rules the substring
    tests skip."""
    import random

    rng = random.Random(7)
    alphabet = "ab ,.:;\t\u00a0\u00e9\u00c0\u2019\u0130\n" + "aé"
    packs = [loader.load_rules(), loader.load_pack(house_pack(tmp_path)).rules]
    for rules in packs:
        fast = triggers.TriggerScan(rules, "substring")
        plain = triggers.TriggerScan(rules, "substring")
        plain._classes = None
        assert fast._classes is not None
        for _ in range(600):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))
            text += rng.choice(["", " utilize", " in order to", " per cent", "  slammed", " Zoë"])
            doc = Document.from_text(text, "a.txt")
            assert fast.skipped(doc) == plain.skipped(doc), text
    shipped = triggers.TriggerScan(packs[0], "substring")._classes
    assert shipped.complete and len(shipped._tests) == 2  # each gate one reduced string to look for
    assert all(len(needles) == 1 for _, needles in shipped._tests)


def test_characters_stand_for_each_other_only_where_every_string_allows_it():
    scan = triggers.TriggerScan([], "substring")
    scan.gates = {0: [(frozenset({"ab", "cb"}), False)], 1: [(frozenset({"a."}), False)], 2: [(frozenset({"x\u00a0", "x "}), False)]}
    scan._build()
    for text, skipped in [("cb", {1, 2}), ("ab", {1, 2}), ("c.", {0, 1, 2}), ("a.", {0, 2}), ("x\u00a0", {0, 1}),
                          ("x\t", {0, 1, 2}), ("\u00e0b", {0, 1, 2}), ("x ", {0, 1})]:
        assert scan.skipped(Document.from_text(text, "a.txt")) == frozenset(skipped), text
