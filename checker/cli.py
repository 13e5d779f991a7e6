"""The command line: parse options, call `audit()`, format, map errors to exit codes."""

from __future__ import annotations

import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from checker.cli_eval import eval_cmd
from checker.cli_io import (
    EXIT_CONFLICTS,
    EXIT_ERROR,
    EXIT_OK,
    Interrupted,
    Progress,
    emit,
    fail,
    interruptible,
    logging_to_stderr,
    output_path,
    refuse_overwriting_sources,
    say,
    write_atomic,
)
from checker.cli_options import (
    FORMATS,
    cache_for,
    optional_source_options,
    parse_formats,
    settle,
    source_options,
)
from checker.config import FAIL_ON
from checker.errors import CheckerError, OptionError
from checker.report import FORMATTERS
from checker.shown import shown

__all__ = ["FORMATS", "cli", "entry", "main", "write_atomic"]

AUDIT_HELP = """Audit SOURCE files and directories (.txt .md .html .htm .json .jsonl) about one
event and report the claims they disagree on.

\b
Examples:
  checker audit seeds/
  checker audit seeds/ --format html -o reports/seeds.html
  checker audit seeds/ --format md,html,json -o reports/seeds --fail-on never
  checker audit a.txt b.html --format json --fail-on high
  checker audit feed.jsonl --model /models/all-mpnet-base-v2 --threshold 0.45

\b
Exit codes:
  0  no conflict at or above --fail-on
  1  conflicts at or above --fail-on were found
  2  bad input, a bad option, or a model that cannot be loaded
"""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="checker", prog_name="checker")
def cli() -> None:
    """checker: find where news articles about one event disagree (offline)."""


def _run_audit(params: dict[str, Any], *, baseline: str | None) -> Any:
    """Run `audit()` with the settled options; the report, or a CheckerError raised."""
    quiet = params["quiet"]
    show_progress = not quiet and sys.stderr.isatty()
    with logging_to_stderr(quiet):
        return _audit(params, baseline, Progress() if show_progress else None)


def _audit(params: dict[str, Any], baseline: str | None, progress: Progress | None) -> Any:
    from checker.api import audit

    return audit(
        list(params["sources"]),
        reference=list(params["reference"]),
        baseline=baseline,
        cache=cache_for(params),
        progress=progress,
        model=params["model"],
        backend=params["backend"],
        device=params["device"],
        threshold=params["threshold"],
        top_k=params["top_k"],
        nli=params["nli"],
        disabled_rules=tuple(params["disabled"]),
        max_bytes=params["max_bytes"],
        max_sources=params["max_sources"],
        severity=params["severity"],
    )


def _notices(report: Any) -> None:
    """What the run left out or could not use, on standard error."""
    for s in report.skipped:
        say(f"checker: skipped {s.path}: {s.reason}")
    for note in report.extra.get("notes", ()):
        say(f"checker: {note}")


@cli.command("audit", help=AUDIT_HELP)
@source_options
@click.option(
    "--format",
    "fmt",
    callback=lambda ctx, param, value: parse_formats(value),
    default="md",
    show_default=True,
    metavar="|".join(FORMATS),
    help="Report format: Markdown, self-contained HTML, JSON (docs/SPEC.md), CSV, or for CI: SARIF "
    "2.1.0, GitHub Actions annotations, JUnit XML. Several, comma-separated (md,html,json), "
    "write OUTPUT.md, OUTPUT.html, ... (.sarif, .github.txt, .junit.xml) next to each other; "
    "OUTPUT may end in one of their suffixes (-o out.md: out.md, out.html).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the report to this file, atomically ('-': standard output, the default).",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="low",
    show_default=True,
    help="Lowest severity that makes the exit code 1; 'never' always exits 0.",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Conflicts recorded in this file (by 'checker baseline') are reported as known "
    "and never fail the run; recorded ones that no longer occur are listed as stale.",
)
@click.pass_context
def audit_cmd(ctx: click.Context, **params: Any) -> None:
    from checker.model import Severity

    try:
        p = settle(ctx, params)
        fmt, output = p["fmt"], output_path(p["output"])
        if len(fmt) > 1 and output is None:
            raise OptionError("several formats need -o/--output (a path without suffix)")
        if len(fmt) > 1 and output is not None:
            _outputs(output, fmt)  # a bad path is refused before the audit runs
        baseline = str(p["baseline"]) if p["baseline"] else None
        report = _run_audit(p, baseline=baseline)
        # Every format is rendered before the first file is written: less time half-updated.
        texts = [(name, FORMATTERS[name]().format(report)) for name in fmt]
        paths = _outputs(output, fmt) if output is not None and len(fmt) > 1 else {}
        if output is not None:
            refuse_overwriting_sources(list(paths.values()) or [output], _read_paths(report))
        for name, text in texts:
            if output is None:
                emit(text)
            else:
                write_atomic(paths.get(name, output), text)
    except CheckerError as err:
        raise click.exceptions.Exit(fail(err)) from None
    if not p["quiet"]:
        _notices(report)
        if report.baseline is not None:
            b = report.baseline
            say(f"checker: baseline {b.path}: {b.known} known, {b.new} new")
            if b.stale:
                say(
                    f"checker: {len(b.stale)} baseline entries no longer occur "
                    f"({', '.join(e.id for e in b.stale[:5])}{', ...' if len(b.stale) > 5 else ''}"
                    f"); prune them with: checker baseline SOURCE... --prune -o {b.path}"
                )
    fail_on = p["fail_on"]
    if fail_on != "never" and report.count_at_or_above(Severity(fail_on)):
        if not p["quiet"] and sys.stderr.isatty():
            click.echo(f"checker: {_summary(report, fail_on)}", err=True)
        raise click.exceptions.Exit(EXIT_CONFLICTS)


def _summary(report: Any, fail_on: str) -> str:
    """One line saying why the run fails: "2 conflicts, 2 high: exit 1 because --fail-on low"."""
    new = [c for c in report.conflicts if not c.known]
    by = [(s, sum(1 for c in new if c.severity.value == s)) for s in ("high", "medium", "low")]
    counts = ", ".join(f"{n} {s}" for s, n in by if n)
    known = len(report.conflicts) - len(new)
    kind = "new conflict" if known else "conflict"
    also = f" ({known} known)" if known else ""
    return (
        f"{len(new)} {kind}{'s' * (len(new) != 1)}{also}, {counts}: exit 1 because "
        f"--fail-on {fail_on}"
    )


def _outputs(output: Path, fmt: Sequence[str]) -> dict[str, Path]:
    """The file of each format for `-o output`: output + suffix; a path that already ends in
    one of the formats' suffixes (out.md for md,html) stands for the same base."""
    name = output.name
    for other in FORMATTERS.values():
        if name.endswith(other.suffix) and len(name) > len(other.suffix):
            base = output.with_name(name[: -len(other.suffix)])
            if other.name not in fmt:
                raise OptionError(
                    f"-o {output} ends in {other.suffix} but the formats are {','.join(fmt)}; "
                    f"give a path without suffix, e.g. -o {base}"
                )
            name = base.name
            break
    return {n: output.with_name(name + FORMATTERS[n].suffix) for n in fmt}


BASELINE_HELP = """Record today's conflicts between SOURCE files in a baseline file, so that
'checker audit --baseline FILE' reports them as known and fails only on new ones.

Conflicts are recorded by their fingerprint id (type, subject, values and source ids; never
offsets), which survives edits elsewhere in an article and any file order. Re-run it to
accept the current conflicts and prune the stale ones.

\b
Examples:
  checker baseline sources/ -o checker-baseline.json
  checker audit sources/ --baseline checker-baseline.json
  checker baseline --against accepted/ incoming/ -o -
  checker baseline sources/ --prune -o checker-baseline.json
  checker baseline --from-review checker-review.json -o checker-baseline.json

A review file is what the HTML report's "Download baseline" button saves: the conflicts a
reviewer marked real or not a conflict, with their notes. --from-review adds them to the
baseline at -o (created if missing) without auditing anything.

\b
Exit codes: 0 written; 2 bad input or option.
"""


@cli.command("baseline", help=BASELINE_HELP)
@optional_source_options
@click.option(
    "-o",
    "--output",
    default=None,
    metavar="PATH",
    help="Where to write it ('-': standard output) [default: the configured baseline, "
    "else checker-baseline.json].",
)
@click.option(
    "--prune",
    is_flag=True,
    help="Rewrite the existing baseline at the output path keeping only the recorded "
    "conflicts that still occur: stale entries go, nothing new is accepted.",
)
@click.option(
    "--from-review",
    "review",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE",
    help="Merge this review (downloaded from the HTML report) into the baseline at -o "
    "instead of auditing SOURCE: its decisions and notes are kept.",
)
@click.pass_context
def baseline_cmd(ctx: click.Context, **params: Any) -> None:
    from checker.baseline import baseline_document, format_baseline, in_scope, load_baseline

    try:
        p = settle(ctx, params)
        output = p["output"] or p.get("config_baseline") or "checker-baseline.json"
        if p["review"] is not None:
            _merge_review(p, str(output))
            return
        if not p["sources"]:
            raise OptionError("give SOURCE... to audit, or --from-review FILE to merge a review")
        if p["prune"] and output == "-":
            raise OptionError("--prune rewrites a baseline file; give it with -o FILE")
        existing = None
        if p["prune"] or (p["reference"] and output != "-" and Path(output).is_file()):
            existing = load_baseline(output)
        keep = existing if p["prune"] else None
        report = _run_audit(p, baseline=None)
        # A run with references cannot judge conflicts among references only: keep those.
        scope = frozenset(s.id for s in report.sources if not s.reference)
        carry = (
            []
            if existing is None or not p["reference"]
            else [e for e in existing.entries if not in_scope(e, scope)]
        )
        previous = existing
        if previous is None and output != "-" and Path(output).is_file():
            try:  # re-recording keeps the reviewers' decisions and notes
                previous = load_baseline(output)
            except CheckerError:
                previous = None  # not a baseline: overwritten, as before
        text = format_baseline(report, keep, carry, previous)
        target = output_path(output)
        if target is None:
            emit(text)
        else:
            refuse_overwriting_sources([target], _read_paths(report))
            write_atomic(target, text)
    except CheckerError as err:
        raise click.exceptions.Exit(fail(err)) from None
    if not p["quiet"]:
        _notices(report)
        if output != "-":
            n = len(baseline_document(report, keep, carry, previous)["conflicts"])
            say(f"checker: recorded {n} conflict{'s' * (n != 1)} in {output}")


def _merge_review(p: dict[str, Any], output: str) -> None:
    """`baseline --from-review`: the review's entries added to the baseline at `output`."""
    import json

    from checker.baseline import load_baseline, merge_review

    if p["sources"] or p["prune"]:
        raise OptionError("--from-review merges a review file; give no SOURCE and no --prune")
    review = load_baseline(p["review"])
    existing = None
    if output != "-" and Path(output).is_file():
        existing = load_baseline(output)
    doc = merge_review(existing, review)
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if output == "-":
        emit(text)
        return
    write_atomic(Path(output), text)
    if not p["quiet"]:
        n, added = len(doc["conflicts"]), len(review.entries)
        click.echo(
            f"checker: merged {added} reviewed conflict{'s' * (added != 1)} into {output} "
            f"({n} recorded)",
            err=True,
        )


cli.add_command(eval_cmd)


def _read_paths(report: Any) -> list[str]:
    """Every file the run read as a source or named as one, but its own earlier reports."""
    skipped = [s.path for s in report.skipped if not s.reason.startswith("a checker ")]
    return [*(s.path for s in report.sources), *skipped]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI with `argv` and return the exit code instead of exiting.

    An interrupt returns 128 + the signal number (130 for SIGINT, 143 for SIGTERM) after one
    line on standard error; no report file is left half-written. An unexpected exception is
    one `checker: error:` line and exit 2, so a crash is never read as "conflicts found".
    """
    try:
        with interruptible():
            rv = cli.main(
                args=list(argv) if argv is not None else None,
                prog_name="checker",
                standalone_mode=False,
            )
        if isinstance(rv, int):  # click returns an Exit's code when not standalone
            return rv
    except click.exceptions.Exit as ex:
        return ex.exit_code
    except click.ClickException as ex:
        vars(ex)["message"] = shown(ex.message)  # a bad value quoted back may hold a newline
        ex.show()
        return EXIT_ERROR
    except Interrupted as ex:
        click.echo("checker: interrupted", err=True)
        return 128 + ex.signum
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("checker: interrupted", err=True)
        return 128 + signal.SIGINT
    except Exception as ex:  # a bug or an input not foreseen: exit 2, never 1 ("conflicts")
        first = (str(ex).strip().splitlines() or [""])[0][:300]
        say(f"checker: error: unexpected {type(ex).__name__}: {first}; please report it")
        return EXIT_ERROR
    return EXIT_OK


def entry() -> None:
    sys.exit(main())
