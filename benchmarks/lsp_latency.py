"""How fast `copydesk lsp` answers an edit, and whether its memory holds steady.

    python benchmarks/lsp_latency.py                 # about 5 minutes on 2 cores
    python benchmarks/lsp_latency.py --edits 200     # a quicker look at memory

It starts `copydesk lsp` as an editor would (a pygls client over stdio), with the debounce set
to 0, so the time from sending an edit to receiving its diagnostics is the time after the
debounce fires: the check, phase 2 with the workspace's other drafts, and the protocol. Drafts:

- a 2,000-word story made of ../shared/corpus/wikinews/ articles (relative to the repo root),
  or of generated drafts (benchmarks/run.py's) when that folder is absent;
- a workspace with that story alone, then with 500 other drafts (the corpus copied until 500,
  each copy made distinct, one giving a person of the story another rank), which the server
  reads once for the cross-draft rules.

Each edit replaces one word of the story. Reported: the first check (and reading the
workspace), the median, 95th percentile and maximum of `--samples` edits, a save (the draft
read again, the open drafts judged again), and the server's resident memory over `--edits`
edits. Numbers only: nothing is asserted. Prints Markdown for docs/performance.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import run as bench  # noqa: E402  (benchmarks/run.py: corpora)

WIKINEWS = ROOT.parent / "shared" / "corpus" / "wikinews"
STORY_WORDS = 2000
PERSON = "Harlan T. Brookfield"


def server_command():
    script = Path(sys.executable).with_name("copydesk")
    return [str(script), "lsp"] if script.exists() else [sys.executable, "-m", "lint", "lsp"]


def source_drafts(work: Path) -> tuple:
    if WIKINEWS.is_dir() and any(WIKINEWS.glob("*.txt")):
        return sorted(WIKINEWS.glob("*.txt")), f"{WIKINEWS.name} articles"
    out = work / "generated"
    bench.generate_corpus(out, count=500)
    return sorted(out.glob("*.txt")), "generated drafts"


def long_story(drafts) -> str:
    """A 2,000-word story: a headline, then the body paragraphs of several articles."""
    paragraphs, words = [], 0
    for path in drafts:
        body = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n")[1:] if len(p.split()) > 12]
        for paragraph in body:
            paragraphs.append(paragraph)
            words += len(paragraph.split())
            if words >= STORY_WORDS:
                break
        if words >= STORY_WORDS:
            break
    # one person the workspace's other story describes another way (the cross-draft check finds it)
    paragraphs.insert(1, f"Navy Adm. {PERSON} said the review would take a month.")
    return "Council weighs a long report on the river crossing\n\n" + "\n\n".join(paragraphs) + "\n"


def workspace_of(drafts, folder: Path, count: int) -> None:
    copies = bench.build_corpus(drafts[0].parent, folder / "copies", 0, rounds=-(-count // len(drafts)))[:count]
    made = bench.make_distinct(copies, folder / "archive")
    shutil.rmtree(folder / "copies")
    last = made[-1]
    last.write_text(last.read_text(encoding="utf-8") + f"\nNavy Vice Adm. {PERSON} declined to comment.\n", encoding="utf-8")


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


class Client:
    def __init__(self):
        self.lsp = LanguageClient("copydesk-bench", "1")
        self.arrived = {}
        self.waiters = {}

        @self.lsp.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams):
            self.arrived[params.uri] = (time.perf_counter(), params)
            waiter = self.waiters.pop(params.uri, None)
            if waiter is not None and not waiter.done():
                waiter.set_result(params)

        @self.lsp.feature(types.WINDOW_SHOW_MESSAGE)
        def shown(params):
            print(f"  (server: {params.message})", file=sys.stderr)

    async def start(self, folder: Path):
        await self.lsp.start_io(*server_command())
        await self.lsp.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=folder.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name=folder.name)],
            initialization_options={"debounce": 0},
        ))
        self.lsp.initialized(types.InitializedParams())

    @property
    def pid(self) -> int:
        return self.lsp._server.pid

    async def timed(self, uri: str, send) -> float:
        """Seconds from `send()` to the diagnostics of `uri`."""
        waiter = asyncio.get_running_loop().create_future()
        self.waiters[uri] = waiter
        start = time.perf_counter()
        send()
        await asyncio.wait_for(waiter, 300)
        return time.perf_counter() - start

    async def stop(self):
        await self.lsp.shutdown_async(None)
        self.lsp.exit(None)
        await self.lsp.stop()


async def measure(folder: Path, story: Path, samples: int, edits: int) -> dict:
    client = Client()
    await client.start(folder)
    uri = story.as_uri()
    text = story.read_text(encoding="utf-8")
    out = {}
    out["first"] = await client.timed(uri, lambda: client.lsp.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "plaintext", 1, text))))
    lines = text.split("\n")
    target = next(i for i, line in enumerate(lines) if len(line.split()) > 20)
    first_word = len(lines[target].split()[0])
    version = 1
    last = first_word

    def edit(n):
        nonlocal version, last
        version += 1
        word = f"Word{n}"
        params = types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(types.Position(target, 0), types.Position(target, last)), text=word)],
        )
        last = len(word)
        client.lsp.text_document_did_change(params)

    times = [await client.timed(uri, lambda n=n: edit(n)) for n in range(samples)]
    out["edits"] = times
    out["save"] = await client.timed(uri, lambda: client.lsp.text_document_did_save(
        types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri))))
    memory = [(0, rss_mb(client.pid))]
    step = max(1, edits // 10)
    for n in range(1, edits + 1):
        await client.timed(uri, lambda n=n: edit(samples + n))
        if n % step == 0:
            memory.append((n, rss_mb(client.pid)))
    out["memory"] = memory
    last = client.arrived[uri][1].diagnostics
    out["diagnostics"] = (len(last), sum(1 for d in last if d.code == "people.title-consistency"))
    await client.stop()
    return out


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def summary(label: str, result: dict) -> str:
    edits = sorted(result["edits"])
    p95 = edits[min(len(edits) - 1, int(round(0.95 * (len(edits) - 1))))]
    found, cross = result["diagnostics"]
    return (f"| {label} | {ms(result['first'])} | {ms(statistics.median(edits))} | {ms(p95)} | {ms(edits[-1])} "
            f"| {ms(result['save'])} | {found} ({cross}) |")


def memory_line(label: str, result: dict) -> str:
    points = result["memory"]
    return f"- {label}: " + ", ".join(f"{n}: {mb:.0f} MB" for n, mb in points)


async def main_async(args) -> int:
    with tempfile.TemporaryDirectory(prefix="copydesk-lsp-bench-") as tmp:
        work = Path(tmp)
        drafts, what = source_drafts(work)
        text = long_story(drafts)
        alone = work / "alone"
        alone.mkdir()
        (alone / "story.txt").write_text(text, encoding="utf-8")
        busy = work / "busy"
        busy.mkdir()
        (busy / "story.txt").write_text(text, encoding="utf-8")
        workspace_of(drafts, busy, args.drafts)
        print(f"story: {len(text.split())} words ({what}); workspace: {args.drafts} other drafts", file=sys.stderr)
        results = {}
        for label, folder in (("the story alone", alone), (f"with {args.drafts} drafts in the workspace", busy)):
            print(f"measuring {label} ...", file=sys.stderr)
            results[label] = await measure(folder, folder / "story.txt", args.samples, args.edits)
    words = len(text.split())
    rows = [
        f"`python benchmarks/lsp_latency.py --samples {args.samples} --edits {args.edits}` on {platform.machine()}, "
        f"Python {platform.python_version()}, {os.cpu_count()} cores: a {words}-word story made of {what}, debounce 0, "
        f"times from sending the edit to receiving its diagnostics.",
        "",
        "| workspace | first check (reads the workspace) | edit, median | edit, p95 | edit, max | save | diagnostics (cross-draft) |",
        "|---|---|---|---|---|---|---|",
    ]
    rows += [summary(label, result) for label, result in results.items()]
    rows += ["", f"Server memory (resident) over {args.edits} edits, by edits made:", ""]
    rows += [memory_line(label, result) for label, result in results.items()]
    print("\n".join(rows))
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=50, help="edits timed (default 50)")
    parser.add_argument("--edits", type=int, default=1000, help="edits for the memory curve (default 1000)")
    parser.add_argument("--drafts", type=int, default=500, help="other drafts in the workspace (default 500)")
    return asyncio.run(main_async(parser.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
