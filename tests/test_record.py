"""lint/record.py: the records copydesk uses instead of dataclasses behave as dataclasses do
where copydesk relies on it (fields, defaults, equality, hashing, freezing, replace, repr)."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path
from typing import ClassVar, List

import pytest

from lint.model import Finding, Fix, Hit, Severity
from lint.record import FrozenInstanceError, Record, field, replace

ROOT = Path(__file__).resolve().parent.parent


class Byline(Record, frozen=True):
    name: str
    desk: str = "metro"
    notes: List[str] = field(default_factory=list, compare=False)
    kind: ClassVar[str] = "byline"  # a class variable, not a field


class Correction(Record):
    line: int
    text: str = ""
    seen: List[int] = field(default_factory=list)

    def __post_init__(self):
        self.text = self.text.strip()


class Update(Correction):
    when: str = "today"


def test_fields_take_positions_names_and_defaults_and_a_fresh_factory_value_each():
    a = Byline("Ana Ruiz")
    b = Byline(name="Ana Ruiz", desk="metro")
    assert (a.name, a.desk, a.notes) == ("Ana Ruiz", "metro", [])
    assert a.notes is not b.notes  # each record its own list, as default_factory promises
    assert Byline._fields == ("name", "desk", "notes") and Byline.kind == "byline"
    assert Update._fields == ("line", "text", "seen", "when")  # a base class's fields first
    assert Update(3, " fixed ").text == "fixed"  # __post_init__ runs
    with pytest.raises(TypeError, match="missing required argument 'name'"):
        Byline()
    with pytest.raises(TypeError, match="unexpected keyword argument 'nam'"):
        Byline("Ana", nam="x")
    with pytest.raises(TypeError, match="multiple values for argument 'name'"):
        Byline("Ana", name="Ana")


def test_equality_hashing_and_freezing_follow_dataclasses():
    a, b = Byline("Ana", notes=["x"]), Byline("Ana", notes=["y"])
    assert a == b and hash(a) == hash(b)  # notes: compare=False
    assert a != Byline("Ana", desk="sports")
    assert a != ("Ana", "metro")  # another class is never equal
    with pytest.raises(FrozenInstanceError):
        a.desk = "sports"
    with pytest.raises(AttributeError):  # as dataclasses.FrozenInstanceError is one
        del a.desk
    c = Correction(4)
    c.text = "changed"  # mutable records assign as usual
    with pytest.raises(TypeError):
        hash(c)  # and, as a mutable dataclass, do not hash
    assert replace(a, desk="sports") == Byline("Ana", "sports")
    assert replace(c, line=5) == Correction(5, "changed")
    with pytest.raises(TypeError, match="no field 'dek'"):
        replace(a, dek="x")
    assert repr(a) == "Byline(name='Ana', desk='metro', notes=['x'])"
    assert pickle.loads(pickle.dumps(a)) == a


def test_findings_sort_compare_and_hash_by_path_line_column_rule_only():
    def finding(path, line, column, rule, message="m"):
        return Finding(path, line, column, rule, line, column + 1, Severity.ERROR, message)

    found = [finding("b.txt", 1, 1, "x"), finding("a.txt", 2, 1, "x"), finding("a.txt", 1, 9, "y"),
             finding("a.txt", 1, 9, "a"), finding("a.txt", 10, 1, "x")]
    assert [(f.path, f.line, f.column, f.rule) for f in sorted(found)] == [
        ("a.txt", 1, 9, "a"), ("a.txt", 1, 9, "y"), ("a.txt", 2, 1, "x"), ("a.txt", 10, 1, "x"), ("b.txt", 1, 1, "x")]
    assert finding("a.txt", 1, 1, "x", "one") == finding("a.txt", 1, 1, "x", "two")
    assert len({finding("a.txt", 1, 1, "x", "one"), finding("a.txt", 1, 1, "x", "two")}) == 1
    assert finding("a.txt", 1, 1, "x") <= finding("a.txt", 1, 1, "x") < finding("a.txt", 1, 2, "x")
    assert Finding._fields[:4] == ("path", "line", "column", "rule") and len(Finding._fields) == 12
    hit = Hit(3, 5)
    assert hit.values == {} and hit.values is not Hit(3, 5).values and hit.fix is None
    assert Hit(3, 5, {"n": 1}, Fix(3, 5, "x")) == Hit(start=3, end=5, values={"n": 1}, fix=Fix(3, 5, "x"))


def test_a_run_does_not_import_dataclasses():
    """The point of records: a run's start pays neither dataclasses' import nor its code
    generation (about 30 ms of a commit hook)."""
    code = (
        "import sys; from lint.cli import main as cli; cli.main(['check', 'examples/drafts/harbor-strike.txt']); "
        "print(sorted(m for m in ('dataclasses', 'inspect') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout + result.stderr


def test_a_finding_travels_between_processes_whole():
    """Pool children send findings pickled as their values (`Finding.__reduce__`): every
    field, the level and the fix come back equal, not just the compared four."""
    fix = Fix(10, 13, " ...", safe=False)
    found = Finding("a.txt", 3, 7, "ap.ellipsis", 3, 8, Severity.SUGGESTION, "space it", "…", fix, 10, 13)
    back = pickle.loads(pickle.dumps(found, pickle.HIGHEST_PROTOCOL))
    assert back.__dict__ == found.__dict__ and back.severity is Severity.SUGGESTION
    assert back.fix == fix and back.fix.safe is False
