"""The pack cache gives the very rules a fresh load gives, and never a stale one."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lint.packs import cache as packcache
from lint.packs import loader as packs
from lint.engine.runner import Engine

ROOT = Path(__file__).resolve().parent.parent

PACK = """\
name: house
description: A house pack.
rules:
  us-form:
    kind: substitution
    level: {level}
    message: "Use “{{expected}}”"
    swap:
      US: U.S.
    examples:
      fail: ["The US base was hit.\\n"]
      pass: ["The U.S. base was hit.\\n"]
"""

DRAFT = "Strikes hit base\n\nThe the US base was hit , officials said. TK\n"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(folder))
    monkeypatch.delenv("COPYDESK_NO_CACHE", raising=False)
    return folder


def _findings(rules):
    findings, errors = Engine(rules).check_texts([DRAFT])
    assert not errors
    return [(f.rule, f.line, f.column, str(f.severity), f.message, f.fix) for f in findings]


def test_a_cached_load_gives_the_same_rules_and_findings(cache, tmp_path):
    pack = tmp_path / "house.yaml"
    pack.write_text(PACK.format(level="warning"), encoding="utf-8")
    fresh = packs.load_rules([pack])
    assert len(list(cache.glob("packs-*.pickle"))) == 1
    again = packs.load_rules([pack])
    assert again is not fresh
    assert [r.id for r in again] == [r.id for r in fresh]
    assert _findings(again) == _findings(fresh)
    assert ("house.us-form", 3, 9, "warning", "Use “U.S.”") == _findings(again)[1][:5]


def test_an_edited_pack_is_loaded_again(cache, tmp_path):
    pack = tmp_path / "house.yaml"
    pack.write_text(PACK.format(level="warning"), encoding="utf-8")
    packs.load_rules([pack])
    time.sleep(0.01)
    pack.write_text(PACK.format(level="error"), encoding="utf-8")
    os.utime(pack, ns=(time.time_ns(), time.time_ns() + 1_000_000))
    rules = {r.id: r for r in packs.load_rules([pack])}
    assert str(rules["house.us-form"].severity) == "error"


def _age(path: Path, days: float) -> None:
    then = time.time() - days * 86400
    os.utime(path, (then, then))


def test_pruning_keeps_the_cache_runs_still_read(cache, tmp_path):
    """A commit hook's cache, written once long ago and read on every commit, outlives caches
    other configurations wrote more recently but no run has read since: each kind keeps the
    KEEP files used last."""
    hook = tmp_path / "hook.yaml"
    hook.write_text(PACK.format(level="warning"), encoding="utf-8")
    packs.load_rules([hook])
    (hook_cache,) = cache.glob("packs-*.pickle")
    _age(hook_cache, 3)
    for n in range(packcache.KEEP - 1):  # other checkouts' packs, written after it
        other = tmp_path / f"other-{n}.yaml"
        other.write_text(PACK.format(level="warning").replace("house", f"other{n}"), encoding="utf-8")
        packs.load_rules([other])
    for path in cache.glob("packs-*.pickle"):
        if path != hook_cache:
            _age(path, 2)
    assert len(list(cache.glob("packs-*.pickle"))) == packcache.KEEP

    packs.load_rules([hook])  # the hook runs: read from the cache, not rebuilt
    assert time.time() - hook_cache.stat().st_mtime < 60
    newest = tmp_path / "newest.yaml"
    newest.write_text(PACK.format(level="error").replace("house", "newest"), encoding="utf-8")
    packs.load_rules([newest])  # a ninth: the least recently used goes, not the hook's

    left = list(cache.glob("packs-*.pickle"))
    assert len(left) == packcache.KEEP
    assert hook_cache in left


def test_a_cache_read_recently_is_not_written_again(cache, tmp_path):
    """Reading renews a file's time only when it is older than REFRESH_SECONDS: a run that
    only reads does not write to the cache folder each time."""
    pack = tmp_path / "house.yaml"
    pack.write_text(PACK.format(level="warning"), encoding="utf-8")
    packs.load_rules([pack])
    (written,) = cache.glob("packs-*.pickle")
    recent = time.time() - packcache.REFRESH_SECONDS / 2
    os.utime(written, (recent, recent))
    packs.load_rules([pack])
    assert written.stat().st_mtime == pytest.approx(recent, abs=1)


def test_a_broken_pack_is_an_error_every_time(cache, tmp_path):
    pack = tmp_path / "house.yaml"
    pack.write_text(PACK.format(level="loud"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(Exception, match="level"):
            packs.load_rules([pack])
    assert not list(cache.glob("packs-*.pickle"))


def test_a_corrupt_or_unwritable_cache_is_ignored(cache, monkeypatch):
    expected = _findings(packs.load_rules())
    for path in cache.glob("packs-*.pickle"):
        path.write_bytes(b"not a pickle")
    assert _findings(packs.load_rules()) == expected
    monkeypatch.setenv("COPYDESK_CACHE_DIR", "/proc/no/such/place")
    assert _findings(packs.load_rules()) == expected


def test_no_cache_when_turned_off(cache, monkeypatch):
    monkeypatch.setenv("COPYDESK_NO_CACHE", "1")
    packs.load_rules()
    assert not cache.exists()


def test_a_cached_run_does_not_import_the_yaml_parser(cache):
    env = dict(os.environ, PYTHONPATH=str(ROOT), COPYDESK_CACHE_DIR=str(cache))
    code = (
        "import sys\nfrom lint.packs import loader as packs\nfrom lint.engine.runner import Engine\n"
        "rules = packs.load_rules()\n"
        "findings, _ = Engine(rules).check_texts(['Head\\n\\nOne. Two said. TK\\n'])\n"
        "print(len(findings), 'yaml' in sys.modules)\n"
    )
    first = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    second = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert first.stdout.split() == ["1", "True"], first.stderr
    assert second.stdout.split() == ["1", "False"], second.stderr


def test_the_key_follows_the_code(cache, tmp_path, monkeypatch):
    before = packcache.key(("x",), [])
    extra = tmp_path / "input.yaml"
    extra.write_text("a: 1\n", encoding="utf-8")
    monkeypatch.setattr(packcache, "EXTRA_INPUTS", [extra])
    assert packcache.key(("x",), []) != before


def test_the_fast_exit_still_saves_the_pattern_cache_and_every_line_of_output(cache, tmp_path):
    """`python -m lint` ends with os._exit (no interpreter teardown): the exit handlers must
    still run (they write the compiled-pattern cache), all output must arrive, and the exit
    status must be main()'s."""
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for n in range(30):
        (drafts / f"story-{n:02}.txt").write_text(f"Story {n}\n\nThe the mayor spoke , aides said. TK\n", encoding="utf-8")
    env = dict(os.environ, COPYDESK_CACHE_DIR=str(cache), NO_COLOR="1")
    env.pop("COPYDESK_NO_CACHE", None)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    result = subprocess.run(
        [sys.executable, "-m", "lint", "check", "--jobs", "1", str(drafts)], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert sum(1 for line in lines if "story-" in line) == 90  # three findings a draft
    assert "Found 30 errors, 30 warnings, 30 suggestions in 30 of 30 drafts." in lines[-2]  # then what to do
    assert len(list(cache.glob("patterns-*.pickle"))) == 1


def test_the_built_in_digests_are_hashlibs():
    """lint/engine/digests.py skips hashlib's OpenSSL start-up; the digests must not change (baseline
    fingerprints and boilerplate story keys are made of them)."""
    import hashlib

    from lint.engine import digests

    data = "Harbor talks stall — café".encode()
    assert digests.sha1(data).hexdigest() == hashlib.sha1(data).hexdigest()
    assert digests.sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    assert digests.blake2b(data, digest_size=16).hexdigest() == hashlib.blake2b(data, digest_size=16).hexdigest()


def test_the_cache_lives_where_the_readme_says(tmp_path, monkeypatch):
    monkeypatch.delenv("COPYDESK_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert packcache.cache_dir() == tmp_path / "home" / ".cache" / "copydesk"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert packcache.cache_dir() == tmp_path / "xdg" / "copydesk"
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "mine"))
    assert packcache.cache_dir() == tmp_path / "mine"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## The pack cache"):]
    for said in ("`$COPYDESK_CACHE_DIR`", "`$XDG_CACHE_HOME/copydesk`", "`~/.cache/copydesk`", "COPYDESK_NO_CACHE=1",
                 f"the {packcache.KEEP} files runs have used most recently", "rm -rf ~/.cache/copydesk"):
        assert said in section, said


def test_a_pack_with_a_broken_rule_is_never_cached_and_its_problem_is_said_every_time(cache, tmp_path):
    pack = tmp_path / "house.yaml"
    pack.write_text(PACK.format(level="loud"), encoding="utf-8")
    for _ in range(2):
        rule_set = packs.load_rule_set([pack])
        assert any("rule 'us-form': `level` must be error, warning or suggestion, not 'loud'" in p for p in rule_set.problems)
        assert "house.us-form" in rule_set.broken
        assert any(r.id.startswith("hygiene.") for r in rule_set.rules)
    assert not list(cache.glob("packs-*.pickle"))
