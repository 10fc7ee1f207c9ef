"""`copydesk people ARCHIVE -o registry.yaml`: a house registry learned from an archive, that
`copydesk check --registry` then accepts and checks with."""

import time
from pathlib import Path

import pytest

from clitools import ROOT, run
from lint.api import Checker
from lint.packs import registry_writer
from lint.packs.registry import load_registry

ARCHIVE = Path("tests") / "fixtures" / "archive"  # as the run names it, from ROOT
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="module")
def learned(tmp_path_factory):
    out = tmp_path_factory.mktemp("people") / "registry.yaml"
    done = run(ROOT, "people", str(ARCHIVE), "-o", str(out))
    assert done.returncode == 0, done.stderr
    return out, done


def entry(registry, name):
    return next(p for p in registry.people if p.name == name)


def test_the_registry_loads_and_holds_each_person_in_the_most_used_form(learned):
    out, done = learned
    registry = load_registry(str(out))
    assert [p.name for p in registry.people] == ["Lucia Ferreira", "Harold T. Okafor", "Dana Whitcombe"]
    okafor = entry(registry, "Harold T. Okafor")
    assert [(r.branch, r.rank_form, r.start, r.end) for r in okafor.roles] == [("Marine Corps", "Gen.", None, None)]
    assert "wrote 3 people (2 with conflicts to review" in done.stderr


def test_the_navy_general_slip_is_a_commented_conflict_naming_the_draft(learned):
    text = learned[0].read_text(encoding="utf-8")
    block = text[text.index("- name: Harold T. Okafor") : text.index("- name: Dana Whitcombe")]
    review = " ".join(line.strip().lstrip("#").strip() for line in block.splitlines() if line.strip().startswith("#"))
    assert "REVIEW branch conflict: Marine Corps in 2 drafts, 2024-03-12 to 2025-02-10" in review
    assert "Navy in 1 draft, 2025-09-01, e.g. tests/fixtures/archive/2025-09-local-visit.txt:7 “Navy Gen. Harold Okafor” -- the Navy has no Gen. rank" in review
    assert "branch: Marine Corps (2 drafts, 2024-03-12 to 2025-02-10); Navy (1 draft, 2025-09-01)" in review
    assert "rank: Gen. (4 drafts, 2024-03-12 to 2025-09-01 and 1 undated)" in review


def test_a_civilian_post_that_changed_between_dated_stories_becomes_two_dated_roles(learned):
    registry = load_registry(str(learned[0]))
    whitcombe = entry(registry, "Dana Whitcombe")
    assert [(r.title, r.office, r.start, r.end) for r in whitcombe.roles] == [
        ("Representative", "representative", None, "2024-06-02"),
        ("Senator", "senator", "2025-02-10", None),
    ]
    assert "REVIEW title changed in time: Representative (2024-03-12 to 2024-06-02) -> Senator" in learned[0].read_text(encoding="utf-8")


def test_checking_with_the_learned_registry_flags_only_the_slip(learned):
    done = run(ROOT, "check", str(ARCHIVE), "--registry", str(learned[0]), "--select", "people.title-consistency", "--format", "json")
    import json

    findings = json.loads(done.stdout)["findings"]
    assert [(Path(f["path"]).name, f["line"], f["column"]) for f in findings] == [("2025-09-local-visit.txt", 7, 1)]
    assert "the branch differs" in findings[0]["message"]
    assert done.returncode == 0  # a warning


def test_a_later_story_with_the_old_post_is_flagged_against_the_learned_roles(learned):
    checker = Checker.load(ROOT, registry=str(learned[0]), select=["people.title-consistency"])
    late = "Whitcombe backs lane plan\n\nWASHINGTON, Nov. 3, 2025 (AP) — Rep. Dana Whitcombe said on Monday the lanes would stay open.\n"
    early = late.replace("Nov. 3, 2025", "April 2, 2024")
    [finding] = checker.check_text(late, "late.txt")
    assert (finding.line, finding.column, finding.match) == (3, 33, "Rep. Dana Whitcombe")
    assert "the title differs" in finding.message
    assert checker.check_text(early, "early.txt") == []


def test_without_output_the_registry_goes_to_stdout():
    done = run(ROOT, "people", str(ARCHIVE / "2025-02-wire-senate.txt"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# The people of ")
    assert "  - name: Harold Okafor\n" in done.stdout and "  - name: Dana Whitcombe\n" in done.stdout


def test_a_config_that_leaves_the_people_rule_out_is_told_what_is_missing(tmp_path):
    (tmp_path / "copydesk.yaml").write_text("ignore: [people]\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Sen. Dana Whitcombe spoke.\n", encoding="utf-8")
    done = run(tmp_path, "people", "a.txt")
    assert done.returncode == 2
    assert "no rule of kind person-consistency is on" in done.stderr
    assert "Traceback" not in done.stderr


def test_yaml_scalars_read_back_as_written():
    import yaml

    for value in ["Marine Corps", "Gen.", "O'Brien", "yes", "Chancellor: acting", "#1 fan", "Lt. Gen.", "Zoë Ní Bhriain"]:
        assert yaml.safe_load(f"k: {registry_writer.scalar(value)}")["k"] == value


@pytest.mark.skipif(not (SHARED / "corpus" / "wikinews").is_dir() or not (SHARED / "seeds").is_dir(), reason="../shared is absent")
def test_the_corpus_and_seed_like_drafts_give_a_registry_check_accepts(tmp_path):
    out = tmp_path / "people.yaml"
    started = time.monotonic()
    done = run(ROOT, "people", str(SHARED / "corpus" / "wikinews"), str(SHARED / "seeds"), str(ARCHIVE), "-o", str(out))
    took = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    registry = load_registry(str(out))
    assert len(registry.people) > 50
    mckenzie = entry(registry, "Kenneth F. McKenzie")
    assert [(r.branch, r.rank_form) for r in mckenzie.roles] == [("Marine Corps", "Gen.")]
    assert "“Navy Gen. Kenneth McKenzie” -- the Navy has no Gen. rank" in out.read_text(encoding="utf-8").replace("\n    #   ", " ")
    checked = run(ROOT, "check", str(SHARED / "seeds"), "--registry", str(out), "--select", "people.title-consistency")
    assert checked.returncode == 0, checked.stderr  # loaded: warnings only
    assert "draft-a.txt:23:1: warning people.title-consistency “Navy Gen. Kenneth McKenzie” here, but “Marine Corps Gen. Kenneth F. McKenzie” in the house registry" in checked.stdout
    assert took < 120


def test_on_a_cluster_the_registry_is_the_same(learned, tmp_path):
    pytest.importorskip("distributed", reason="copydesk[cluster] (dask[distributed]) is not installed")
    out = tmp_path / "registry.yaml"
    done = run(ROOT, "people", str(ARCHIVE), "-o", str(out), "--cluster", "local:1")
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == learned[0].read_text(encoding="utf-8")
