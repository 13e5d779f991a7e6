"""The `checker eval` table: figures per folder, per conflict type, and the missed cases."""

from __future__ import annotations

from checker.evaluate import Evaluation, Score

_HEAD = (
    f"{'':<34}{'cases':>6}{'conf':>6}{'clean':>6}{'prec':>7}{'recall':>7}{'F1':>7}"
    f"{'FPR':>7}{'local':>7}"
)


def _row(name: str, s: Score) -> str:
    return (
        f"{name[-34:]:<34}{s.cases:>6}{s.conflict_cases:>6}{s.clean_cases:>6}"
        f"{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.false_positive_rate:>7.3f}"
        f"{s.localised_recall:>7.3f}"
    )


def format_evaluation(ev: Evaluation) -> str:
    who = "the naive comparator" if ev.comparator == "naive" else "checker"
    lines = [f"split: {ev.split} ({who})", _HEAD]
    lines += [_row(f, s) for f, s in ev.by_folder().items()]
    lines.append(_row("all", ev.overall()))
    lines += ["", "by gold type:", _HEAD]
    lines += [_row(t, s) for t, s in ev.by_type().items()]
    lines += ["", "by severity (a reported conflict is correct when it quotes both gold spans):"]
    for sev, f in ev.by_severity().items():
        lines.append(
            f"  {sev:<8}{int(f['reported']):>5} reported {int(f['correct']):>5} correct"
            f"   precision {f['precision']:.3f}"
        )
    missed = [r for r in ev.results if r.gold_conflict and not r.flagged]
    wrong = [r for r in ev.results if not r.gold_conflict and r.flagged]
    errors = [r for r in ev.results if r.error]
    if missed:
        lines += ["", "missed: " + ", ".join(f"{r.case} ({r.gold_type})" for r in missed)]
    if wrong:
        lines += ["false alarms: " + ", ".join(f"{r.case} ({'/'.join(r.reported)})" for r in wrong)]
    if errors:
        lines += ["errors: " + "; ".join(f"{r.case}: {r.error}" for r in errors)]
    lines += ["", f"{len(ev.results)} cases of split {ev.split} in {ev.seconds:.1f} s", ""]
    return "\n".join(lines)
