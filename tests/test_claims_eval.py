"""benchmarks/claims_eval.py on a small fixed-seed sample: the figures rule finds unsourced
claims built from parts and leaves the same claims alone once they are attributed."""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def claims_eval():
    spec = importlib.util.spec_from_file_location("claims_eval", ROOT / "benchmarks" / "claims_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["claims_eval"] = module  # (its dataclasses look their module up)
    spec.loader.exec_module(module)
    return module


def test_each_part_set_spells_hundreds_of_claims_in_every_family(claims_eval):
    for parts in (claims_eval.DESIGN, claims_eval.HELD_OUT):
        families = claims_eval._claims(parts)
        assert sum(len(set(c)) for c in families.values()) >= 200
        assert all(len(set(c)) >= 20 for c in families.values()), {k: len(set(v)) for k, v in families.items()}


def test_held_out_parts_share_no_subject_verb_or_source_with_the_design_parts(claims_eval):
    for slot in ("people", "agent", "buildings", "residents", "money_subject", "metric", "group",
                 "predicate", "source", "speaker", "money", "harmed", "displaced", "damaged"):
        assert not set(claims_eval.DESIGN[slot]) & set(claims_eval.HELD_OUT[slot]), slot


@pytest.mark.parametrize("name", ["DESIGN", "HELD_OUT"])
def test_recall_and_false_flags_meet_the_targets(claims_eval, name):
    score = claims_eval.evaluate(getattr(claims_eval, name), sample=12, seed=3)
    assert score.claims >= 150
    assert score.recall >= claims_eval.RECALL_TARGET, [c.claim for c in score.misses][:10]
    assert score.false_flags <= claims_eval.FALSE_FLAG_TARGET, [c.text for c in score.false_alarms][:10]
    # every attribution setting is measured, and every family
    assert set(score.by_setting) == {"public record", "in the sentence", "next sentence", "next paragraph", "quotation"}
    assert len(score.by_family) == 8


def test_the_cli_prints_recall_and_false_flags(claims_eval, capsys):
    assert claims_eval.main(["--sample", "3", "--set", "design"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("design: recall ") and "false flags" in out


def test_read_sample_lists_findings_to_judge_with_their_sentence(claims_eval):
    folder = ROOT / "tests" / "fixtures" / "figures"
    lines = claims_eval.read_sample(str(folder), size=3, seed=1)
    assert len(lines) == 3
    everything = claims_eval.read_sample(str(folder), size=100)
    assert len(everything) == 9
    assert "floods.txt:17:30 [£12m] (sum of money) The government has set aside £12m for flood recovery in the county." in everything
    assert set(lines) <= set(everything)
