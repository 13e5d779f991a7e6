"""`checker eval`: run the audit on labelled cases and score it against floors."""

from __future__ import annotations

from pathlib import Path

import click

from checker.cli_io import EXIT_CONFLICTS, emit, fail, output_path, say, write_atomic
from checker.cli_options import alignment_options
from checker.errors import CheckerError

EVAL_HELP = """Run the audit on labelled CASES_DIR folders and score it.

\b
Each case is a folder with its sources and a gold.json:
  {"conflict": true|false, "type": "numeric"|"date"|"entity"|"role"|"other"|null,
   "a_span": "<sentence of the first source>", "b_span": "...", "sources": ["a.txt", "b.txt"]}

A case counts as flagged when any conflict is reported. Prints precision, recall, F1 and the
false-positive rate (share of no-conflict cases with a reported conflict) per folder and per
conflict type, and the localised recall (a reported conflict quotes sentences overlapping both
gold spans). The model is loaded once.

--split dev|test scores only the cases of that part of the split by event (checker/splits.py:
tune and read on dev, report on test); the output names the split. --baseline-naive scores
the naive comparator instead of the audit: any two different numbers in similar sentences
(cosine >= 0.6 with the same embedder), for comparison.

\b
Examples:
  checker eval fixtures/eval
  checker eval --split test fixtures/eval ../shared/eval/gva
  checker eval --split dev --baseline-naive ../shared/eval/wikicontradict
  checker eval fixtures/eval --format json -o eval.json
  checker eval fixtures/eval --min-recall 0.7 --max-fpr 0.1

\b
Exit codes: 0 every floor met; 1 a floor missed; 2 bad input or option.
"""


@click.command("eval", help=EVAL_HELP)
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
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the figures to this file ('-': standard output, the default).",
)
@click.option(
    "--split",
    type=click.Choice(["dev", "test", "all"]),
    default="all",
    show_default=True,
    help="Score only the cases of this part of the split by event (checker/splits.py).",
)
@click.option(
    "--baseline-naive",
    is_flag=True,
    default=False,
    help="Score the naive comparator (different numbers in similar sentences) instead.",
)
@alignment_options
@click.option("--min-precision", type=float, default=None, help="Fail below this precision.")
@click.option("--min-recall", type=float, default=None, help="Fail below this recall.")
@click.option("--min-localised", type=float, default=None, help="Fail below this localised recall.")
@click.option(
    "--max-fpr", type=float, default=None, help="Fail above this false-positive rate, e.g. 0.1."
)
def eval_cmd(
    cases: tuple[Path, ...],
    fmt: str,
    output: str | None,
    split: str,
    baseline_naive: bool,
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
            split=split,
            comparator="naive" if baseline_naive else "checker",
            threshold=threshold,
            top_k=top_k,
            nli=nli,
        )
        if fmt == "json":
            import json

            text = json.dumps(result.to_dict(), indent=2) + "\n"
        else:
            text = format_evaluation(result)
        target = output_path(output)
        if target is None:
            emit(text)
        else:
            write_atomic(target, text)
    except CheckerError as err:
        raise click.exceptions.Exit(fail(err)) from None
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
        say("checker: below the floor: " + "; ".join(missed))
        raise click.exceptions.Exit(EXIT_CONFLICTS)
