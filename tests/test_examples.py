"""Every example of every shipped rule: fail examples are flagged, pass examples are not."""

from __future__ import annotations

import pytest

from lint.packs import loader as packs

RULES = packs.load_rules()


def test_every_pack_loads_and_has_rules():
    assert {r.pack for r in RULES} >= {"hygiene"}
    for rule in RULES:
        assert rule.fail and rule.passing, rule.id
        assert rule.description, f"{rule.id} needs a description for `copydesk explain`"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_examples(rule):
    assert packs.run_examples([rule]) == []
