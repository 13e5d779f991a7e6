"""Draw the same-fact model's reliability plot: `python bench/reliability.py [-o FILE.svg]`.

Reads the reliability table that `python -m checker.train` recorded in the shipped model
(calibrated probability against the observed same-fact rate, in bins, on the pairs of the
held-out `test` incidents of the corpus) and writes it as a small self-contained SVG.
"""

from __future__ import annotations

import argparse
import json
import sys
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.samefact import model_path  # noqa: E402

W, H, PAD = 420, 420, 50


def svg(rows: dict[str, list[dict]], title: str) -> str:
    def x(v: float) -> float:
        return PAD + v * (W - 2 * PAD)

    def y(v: float) -> float:
        return H - PAD - v * (H - 2 * PAD)

    colours = {"all": "#1f5fa8", "NUM": "#c2571a", "DATE": "#2a8a3e"}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
        f'viewBox="0 0 {W} {H}" font-family="sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{W}" height="{H}" fill="white"/>',
        f'<line x1="{x(0)}" y1="{y(0)}" x2="{x(1)}" y2="{y(1)}" stroke="#999" '
        'stroke-dasharray="4 4"/>',
        f'<rect x="{x(0)}" y="{y(1)}" width="{x(1) - x(0)}" height="{y(0) - y(1)}" '
        'fill="none" stroke="#333"/>',
    ]
    for t in range(0, 11, 2):
        v = t / 10
        out.append(f'<text x="{x(v)}" y="{y(0) + 16}" text-anchor="middle">{v:.1f}</text>')
        out.append(f'<text x="{x(0) - 8}" y="{y(v) + 4}" text-anchor="end">{v:.1f}</text>')
    out.append(
        f'<text x="{W / 2}" y="{H - 12}" text-anchor="middle">predicted same-fact probability'
        "</text>"
    )
    out.append(
        f'<text x="14" y="{H / 2}" text-anchor="middle" transform="rotate(-90 14 {H / 2})">'
        "observed same-fact rate</text>"
    )
    out.append(f'<text x="{W / 2}" y="20" text-anchor="middle">{escape(title)}</text>')
    for i, (name, pts) in enumerate(rows.items()):
        c = colours.get(name, "#555")
        path = " ".join(f"{x(p['predicted']):.1f},{y(p['observed']):.1f}" for p in pts)
        out.append(f'<polyline points="{path}" fill="none" stroke="{c}" stroke-width="2"/>')
        for p in pts:
            r = 2 + min(6, p["pairs"] ** 0.5 / 4)
            out.append(
                f'<circle cx="{x(p["predicted"]):.1f}" cy="{y(p["observed"]):.1f}" r="{r:.1f}" '
                f'fill="{c}"><title>{name} {p["bin"]}: {p["pairs"]} pairs, predicted '
                f"{p['predicted']:.2f}, observed {p['observed']:.2f}</title></circle>"
            )
        out.append(
            f'<text x="{x(0) + 10}" y="{y(1) + 18 + 16 * i}" fill="{c}">{escape(name)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "reliability.svg")
    args = ap.parse_args()
    training = json.loads(model_path().read_text(encoding="utf-8"))["training"]
    rows = {"all": training["reliability_test"], **training["reliability_test_by_kind"]}
    n = sum(p["pairs"] for p in training["reliability_test"])
    title = f"Same-fact model on held-out incidents ({n:,} pairs)"
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(svg(rows, title), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
