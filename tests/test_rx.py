"""lint/engine/rx.py: a run whose patterns come from the caches does not import `regex`'s
Python part, and what stands in for it gives what `regex` gives.

- the flags are `regex`'s numbers, `escape` is `regex.escape`;
- a pattern pickled by `rx.dump` comes back as the same pattern, without the package;
- `substitution.expand` is `Match.expand` (it spares the shipped packs' `\\1` the import);
- `lazy_compile_all`: the first pattern of a group a process lacks compiles the group;
- end to end: a check with warm caches over realistic drafts never imports the package, and
  finds what a check that imported it finds.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import random
import subprocess
import sys
from pathlib import Path

import regex

from lint.engine import patterns, rx
from lint.kinds.generic.substitution import expand

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def test_flags_are_regex_numbers():
    for name, value in rx.FLAGS.items():
        assert int(getattr(regex, name)) == value, name
        assert rx.regex.__dict__[name] == value
    # every one-letter and named flag regex exports is served without the import
    exported = {n for n in dir(regex) if n.isupper() and isinstance(getattr(regex, n), regex.RegexFlag)}
    assert exported - {"DEFAULT_VERSION"} <= set(rx.FLAGS)


def test_escape_is_regex_escape():
    samples = [chr(c) for c in range(0x3100)] + ["Gen. (ret.)", "a-b c\td\ne", "U.S.", "C++ & C#", "50%", "~$5"]
    rnd = random.Random(5)
    alphabet = "ab .-()[]{}?*+|^$\\#&~\t\u00a0\u2009é’"
    samples += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12))) for _ in range(2000)]
    for text in samples:
        assert rx.regex.escape(text) == regex.escape(text), repr(text)
    # other arguments are the module's own
    assert rx.regex.escape("a b", literal_spaces=True) == "a b"
    assert rx.regex.escape(b"a.b") == regex.escape(b"a.b")


def test_dumped_patterns_come_back_the_same():
    sources = [
        (r"(?<![\p{L}])(?P<rank>Gen|Adm)\.\s+(\p{Lu}\p{Ll}+)", 0),
        (r"said|says", regex.IGNORECASE),
        (r"[^\p{L}\p{N}\s’'\-]", regex.REVERSE),
        (r"^\s*vale\s+(.+?)\s*$", regex.DOTALL | regex.MULTILINE),
    ]
    compiled = {(source, int(flags)): regex.compile(source, flags) for source, flags in sources}
    handle = io.BytesIO()
    rx.dump(compiled, handle)
    assert b"regex._regex" not in handle.getvalue() and b"_rebuild" in handle.getvalue()
    back = pickle.loads(handle.getvalue())
    text = "Gen. Kenneth McKenzie SAID, as Adm. Ray says: ‘no’.\n  vale off  \nmore"
    for key, pattern in compiled.items():
        again = back[key]
        assert type(again) is type(pattern)
        assert (again.pattern, again.flags, again.groupindex) == (pattern.pattern, pattern.flags, pattern.groupindex)
        assert [m.span() for m in again.finditer(text)] == [m.span() for m in pattern.finditer(text)]


def test_expand_is_match_expand():
    rnd = random.Random(11)
    alphabet = ["a", " ", "\\", "1", "2", "9", "0", "g", "<", ">", "n", "$", "é", "{"]
    matches = [
        regex.search(r"(a)(b)?", "ab"),
        regex.search(r"(a)(b)?", "a"),
        regex.search(r"(?P<n>a)(b)(c)(d)(e)(f)(g)(h)(i)(j)", "abcdefghij"),
        regex.search(r"x", "x"),
    ]
    for _ in range(5000):
        template = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 6)))
        for m in matches:
            try:
                want = m.expand(template)
            except Exception as error:  # noqa: BLE001 -- the same error either way
                want = type(error)
            try:
                got = expand(m, template)
            except Exception as error:  # noqa: BLE001
                got = type(error)
            assert got == want, (m.re.pattern, template)


def test_a_group_compiles_together(monkeypatch):
    monkeypatch.setattr(patterns, "_COMPILED", {})
    monkeypatch.setattr(patterns, "_state", {"loaded": True, "dirty": True})
    group = patterns.lazy_compile_all([(r"\bone\b", 0), (r"\btwo\b", regex.IGNORECASE), (r"\bthree\b", 0)])
    assert group[1].search("Two") is not None
    assert set(patterns._COMPILED) == {(r"\bone\b", 0), (r"\btwo\b", regex.IGNORECASE), (r"\bthree\b", 0)}
    # pickled (the pack cache) with its group
    again = pickle.loads(pickle.dumps(group[0]))
    assert again._group == group[0]._group


_PROBE = """
import json, sys
from lint.cli.main import main
status = main(["check", "--format", "json", *sys.argv[1:]])
print(json.dumps({"regex": "regex._main" in sys.modules, "status": status}), file=sys.stderr)
"""


def _check(paths, cache: Path):
    env = dict(os.environ, COPYDESK_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT), NO_COLOR="1")
    env.pop("COPYDESK_NO_CACHE", None)
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, "--jobs", "1", *map(str, paths)],
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=env, timeout=300,
    )
    probe = json.loads(proc.stderr.strip().splitlines()[-1])
    return probe, json.loads(proc.stdout)


def test_a_warm_run_never_imports_regex(tmp_path):
    # drafts in several newsrooms' styles and formats (Markdown, CRLF, desk notes, people,
    # figures, web furniture): what phase 1 reads and runs on them
    paths = [ROOT / "examples" / "drafts"] + [p for p in sorted(FIXTURES.iterdir()) if p.name not in ("lsp", "vale")]
    first, findings = _check(paths, tmp_path)  # fills the caches (compiling imports regex)
    assert first["status"] in (0, 1)
    second, again = _check(paths, tmp_path)
    assert second == {"regex": False, "status": first["status"]}
    assert again == findings and findings["findings"]


def test_the_package_imported_later_shares_the_extension():
    code = (
        "import pickle, sys\n"
        "from lint.engine import rx\n"
        "ext = rx.extension()\n"
        "assert 'regex._main' not in sys.modules\n"
        "import regex\n"
        "assert sys.modules['regex._regex'] is ext\n"
        "p = regex.compile(r'(?i)gen\\.')\n"
        "import io\n"
        "h = io.BytesIO(); rx.dump(p, h)\n"
        "q = pickle.loads(h.getvalue())\n"
        "assert type(q) is type(p) and q.search('GEN. Smith').span() == (0, 4)\n"
        "print('ok')\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
    assert proc.stdout.strip() == "ok", proc.stderr


def test_rebuilt_patterns_pickle_before_the_package_is_imported():
    """A process pool or a Dask cluster pickles the engine, patterns and all, to its workers:
    a pattern rebuilt without the package pickles too, and comes back."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    write = "import regex, sys\nfrom lint.engine import rx\nrx.dump(regex.compile(r'(?i)gen\\.'), sys.stdout.buffer)\n"
    data = subprocess.run([sys.executable, "-c", write], capture_output=True, cwd=ROOT, env=env, timeout=60, check=True).stdout
    read = (
        "import pickle, sys\n"
        "p = pickle.loads(sys.stdin.buffer.read())\n"
        "q = pickle.loads(pickle.dumps(p))\n"
        "assert 'regex._main' not in sys.modules, 'imported'\n"
        "print(q.search('Gen. Smith').span())\n"
    )
    proc = subprocess.run([sys.executable, "-c", read], input=data, capture_output=True, cwd=ROOT, env=env, timeout=60)
    assert proc.stdout.decode().strip() == "(0, 4)", proc.stderr.decode()


def test_standard_re_patterns_come_back_without_compiling():
    import re

    sources = [(r"(?P<a>x+)|[^\x00-\x1f]y", re.I | re.M), (r"\'(?![tsd]|ve|ll|re)", 0), (rb"CORRECTED|UPDATE|RPT", 0)]
    compiled = [re.compile(source, flags) for source, flags in sources]
    handle = io.BytesIO()
    rx.dump(compiled, handle)
    assert b"_rebuild_std" in handle.getvalue() and b"_compile" not in handle.getvalue()
    re.purge()
    back = pickle.loads(handle.getvalue())
    texts = ["xxX y Z\x01y", "don't 'quote' it's", b"RPT: CORRECTED UPDATE"]
    for pattern, again in zip(compiled, back):
        assert (again.pattern, again.flags, again.groupindex, again.groups) == (pattern.pattern, pattern.flags, pattern.groupindex, pattern.groups)
        for text in texts:
            if isinstance(text, type(pattern.pattern)):
                assert [m.span() for m in again.finditer(text)] == [m.span() for m in pattern.finditer(text)]
