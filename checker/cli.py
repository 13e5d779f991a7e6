"""The command line: parse options, call `audit()`, format, map errors to exit codes."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import click

from checker.errors import CheckerError, OptionError

EXIT_OK, EXIT_CONFLICTS, EXIT_ERROR = 0, 1, 2
FORMATS = ("md", "html", "json", "csv")
FAIL_ON = ("high", "medium", "low", "never")

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


def _formats(value: str) -> tuple[str, ...]:
    names = tuple(v.strip().lower() for v in value.split(",") if v.strip())
    bad = [n for n in names if n not in FORMATS]
    if bad or not names:
        shown = ", ".join(bad) or repr(value)
        raise click.BadParameter(f"{shown} is not a format; choose from {', '.join(FORMATS)}")
    return names


def _alignment_options(f: Callable[..., None]) -> Callable[..., None]:
    """--model, --backend, --device, --threshold, --nli and --top-k, shared by audit and eval."""
    options = [
        click.option(
            "--model",
            default=None,
            metavar="NAME_OR_PATH",
            help="Any sentence-transformers model name or local path "
            "[default: the packaged all-MiniLM-L6-v2].",
        ),
        click.option(
            "--backend",
            type=click.Choice(("torch", "onnx")),
            default="torch",
            show_default=True,
            help="Run the model with PyTorch, or with ONNX Runtime (int8, exported once and "
            "cached; needs pip install 'checker[onnx]').",
        ),
        click.option(
            "--device",
            type=click.Choice(("auto", "cpu", "cuda")),
            default="auto",
            show_default=True,
            help="Where the model runs; auto picks CUDA when a GPU is present.",
        ),
        click.option(
            "--threshold",
            type=float,
            default=0.4,
            show_default=True,
            help="Least cosine similarity for two sentences to be aligned, e.g. 0.5.",
        ),
        click.option(
            "--nli",
            default=None,
            metavar="MODEL",
            help="Optional: a sentence-transformers CrossEncoder with a 'contradiction' label "
            "(local path) that scores aligned pairs and adds 'other' conflicts.",
        ),
        click.option(
            "--top-k",
            type=int,
            default=3,
            show_default=True,
            help="Most similar sentences kept per sentence in each other source, e.g. 5.",
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="checker", prog_name="checker")
def cli() -> None:
    """checker: find where news articles about one event disagree (offline)."""


@cli.command("audit", help=AUDIT_HELP)
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    callback=lambda ctx, param, value: _formats(value),
    default="md",
    show_default=True,
    metavar="md|html|json|csv",
    help="Report format: Markdown, self-contained HTML, JSON (SPEC.md), or CSV. Several, "
    "comma-separated (md,html,json), write OUTPUT.md, OUTPUT.html, ... next to each other.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the report here (atomically) instead of standard output.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="low",
    show_default=True,
    help="Lowest severity that makes the exit code 1; 'never' always exits 0.",
)
@_alignment_options
@click.option(
    "--disable",
    "disabled",
    multiple=True,
    metavar="RULE",
    help="Turn a rule off by code (NUM, DATE, ROLE, ENT, POL); repeatable, e.g. --disable ENT.",
)
@click.option(
    "--max-bytes",
    type=int,
    default=20_000_000,
    show_default=True,
    help="Skip (and name) source files larger than this many bytes.",
)
def audit_cmd(
    sources: tuple[Path, ...],
    fmt: tuple[str, ...],
    output: Path | None,
    fail_on: str,
    model: str | None,
    backend: str,
    device: str,
    threshold: float,
    top_k: int,
    nli: str | None,
    disabled: tuple[str, ...],
    max_bytes: int,
) -> None:
    from checker.api import audit
    from checker.model import Severity
    from checker.report import FORMATTERS

    try:
        report = audit(
            list(sources),
            model=model,
            backend=backend,
            device=device,
            threshold=threshold,
            top_k=top_k,
            nli=nli,
            disabled_rules=disabled,
            max_bytes=max_bytes,
        )
        if len(fmt) > 1 and output is None:
            raise OptionError("several formats need -o/--output (a path without suffix)")
        for name in fmt:
            text = FORMATTERS[name]().format(report)
            if output is None:
                click.echo(text, nl=False)
            elif len(fmt) > 1:
                write_atomic(output.with_name(output.name + FORMATTERS[name].suffix), text)
            else:
                write_atomic(output, text)
    except CheckerError as err:
        raise click.exceptions.Exit(_fail(err)) from None
    for s in report.skipped:
        click.echo(f"checker: skipped {s.path}: {s.reason}", err=True)
    if fail_on != "never" and report.count_at_or_above(Severity(fail_on)):
        raise click.exceptions.Exit(EXIT_CONFLICTS)


EVAL_HELP = """Run the audit on labelled CASES_DIR folders and score it.

\b
Each case is a folder with its sources and a gold.json:
  {"conflict": true|false, "type": "numeric"|"date"|"entity"|"role"|"other"|null,
   "a_span": "<sentence of the first source>", "b_span": "...", "sources": ["a.txt", "b.txt"]}

A case counts as flagged when any conflict is reported. Prints precision, recall, F1 and the
false-positive rate (share of no-conflict cases with a reported conflict) per folder and per
conflict type, and the localised recall (a reported conflict quotes sentences overlapping both
gold spans). The model is loaded once.

\b
Examples:
  checker eval fixtures/eval
  checker eval fixtures/eval ../shared/eval/multinews --format json -o eval.json
  checker eval fixtures/eval --min-recall 0.7 --max-fpr 0.1

\b
Exit codes: 0 every floor met; 1 a floor missed; 2 bad input or option.
"""


@cli.command("eval", help=EVAL_HELP)
@click.argument("cases", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="A table for people or JSON for machines.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the figures here instead of standard output.",
)
@_alignment_options
@click.option("--min-precision", type=float, default=None, help="Fail below this precision.")
@click.option("--min-recall", type=float, default=None, help="Fail below this recall.")
@click.option("--min-localised", type=float, default=None, help="Fail below this localised recall.")
@click.option(
    "--max-fpr", type=float, default=None, help="Fail above this false-positive rate, e.g. 0.1."
)
def eval_cmd(
    cases: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    model: str | None,
    backend: str,
    device: str,
    threshold: float,
    top_k: int,
    nli: str | None,
    min_precision: float | None,
    min_recall: float | None,
    min_localised: float | None,
    max_fpr: float | None,
) -> None:
    from checker.evaluate import evaluate
    from checker.report.evaltext import format_evaluation

    try:
        result = evaluate(
            list(cases),
            model=model,
            backend=backend,
            device=device,
            threshold=threshold,
            top_k=top_k,
            nli=nli,
        )
        if fmt == "json":
            import json

            text = json.dumps(result.to_dict(), indent=2) + "\n"
        else:
            text = format_evaluation(result)
        if output is None:
            click.echo(text, nl=False)
        else:
            write_atomic(output, text)
    except CheckerError as err:
        raise click.exceptions.Exit(_fail(err)) from None
    overall = result.overall()
    missed = []
    if min_precision is not None and overall.precision < min_precision:
        missed.append(f"precision {overall.precision:.3f} < {min_precision}")
    if min_recall is not None and overall.recall < min_recall:
        missed.append(f"recall {overall.recall:.3f} < {min_recall}")
    if min_localised is not None and overall.localised_recall < min_localised:
        missed.append(f"localised recall {overall.localised_recall:.3f} < {min_localised}")
    if max_fpr is not None and overall.false_positive_rate > max_fpr:
        missed.append(f"false-positive rate {overall.false_positive_rate:.3f} > {max_fpr}")
    if missed:
        click.echo("checker: below the floor: " + "; ".join(missed), err=True)
        raise click.exceptions.Exit(EXIT_CONFLICTS)


def _fail(err: CheckerError) -> int:
    message = str(err).splitlines()[0] if str(err) else type(err).__name__
    click.echo(f"checker: error: {message}", err=True)
    return EXIT_ERROR


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file in the same directory and rename, so readers never see half."""
    tmp = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="", errors="replace") as fh:
            fh.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as err:
        raise OptionError(f"cannot write {path}: {err.strerror or err}; check -o/--output") from err
    finally:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI with `argv` and return the exit code instead of exiting."""
    try:
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
        ex.show()
        return EXIT_ERROR
    except click.exceptions.Abort:
        click.echo("checker: interrupted", err=True)
        return 130
    return EXIT_OK


def entry() -> None:
    sys.exit(main())
