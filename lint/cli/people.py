"""`copydesk people ARCHIVE -o registry.yaml`: the people of an archive, as a house registry.

Phase 1 of the person-consistency rule (`people.title-consistency`) over every draft, here or
on a Dask cluster (`--cluster`), gives each draft's people with their branch, rank, post and
the draft's date; `lint.packs.registry_writer` turns them into a registry a desk reviews and
then checks with (`copydesk check --registry registry.yaml`).
"""

from __future__ import annotations

import sys

from lint.model import CopydeskError

EXIT_OK, EXIT_ERROR = 0, 2


def run(args) -> int:
    from lint.api import Checker
    from lint.cli import progress
    from lint.packs import registry_writer

    checker = Checker.load(config=args.config, packs=args.pack)
    ids = registry_writer.person_rules(checker.rules)
    if not ids:
        raise CopydeskError(
            f"no rule of kind {registry_writer.RULE_KIND} is on (the built-in one is people.title-consistency): "
            "the config's select/ignore or packs leave it out; `copydesk people` learns from its facts"
        )
    learner_checker = checker.only(ids, registry=False)  # learn everyone, not only those a registry misses
    phase1 = None
    closer = None
    if args.cluster:
        from lint.engine import cluster

        phase1, closer = cluster.phase1_on(args.cluster)
    try:
        result = learner_checker.check_paths(args.paths, jobs=args.jobs, progress=progress.bar, phase1=phase1)
    finally:
        if closer is not None:
            closer()
    for message in result.notices:
        print(f"copydesk: notice: {message}", file=sys.stderr)
    for message in result.errors:
        print(f"copydesk: {message}", file=sys.stderr)

    rule = learner_checker.rules[0]
    learner = registry_writer.Learner(rule.kind.extractor)
    learned = learner.learn(registry_writer.gather(result.results, ids), min_drafts=args.min_drafts)
    where = ", ".join(args.paths) if args.paths else "the config's corpus"
    text = registry_writer.render(learned, len(result.results), where)
    if args.output and args.output != "-":
        try:
            with open(args.output, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as error:
            raise CopydeskError(f"-o {args.output}: cannot write: {error.strerror or error}") from None
        reviews = sum(1 for p in learned if p.review)
        print(
            f"copydesk: wrote {len(learned)} people ({reviews} with conflicts to review, marked # REVIEW) "
            f"from {len(result.results)} draft{'s' if len(result.results) != 1 else ''} to {args.output}; "
            f"check with: copydesk check --registry {args.output}",
            file=sys.stderr,
        )
    else:
        from lint.cli import fit_stdout

        fit_stdout()
        sys.stdout.write(text)
        sys.stdout.flush()
    return EXIT_ERROR if result.errors else EXIT_OK


def add_parser(sub, jobs_type, cluster_help: str) -> None:
    people = sub.add_parser("people", help="learn the people of an archive and write them as a house registry (YAML)")
    people.add_argument("paths", nargs="*", metavar="PATH", help="the archive: files or folders (default: the config's corpus)")
    people.add_argument("-o", "--output", metavar="FILE", help="write the registry to FILE (default: standard output)")
    people.add_argument("--min-drafts", type=int, default=1, metavar="N", help="only people named in full in N drafts or more (default 1)")
    people.add_argument("--config", metavar="FILE", help="config file (default: the nearest one)")
    people.add_argument("--pack", action="append", default=[], metavar="FILE", help="add a rule pack (repeatable)")
    people.add_argument("--jobs", "-j", type=jobs_type, default=None, metavar="N", help="processes reading drafts (default: auto)")
    people.add_argument("--cluster", metavar="SCHEDULER", default=None, help=cluster_help)
