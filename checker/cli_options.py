"""The options `audit`, `baseline` and `eval` share, and how a configuration file fills them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from checker.backends import BACKENDS, DEVICES
from checker.ingest import DEFAULT_MAX_BYTES, DEFAULT_MAX_SOURCES
from checker.report import FORMATTERS

FORMATS = tuple(FORMATTERS)


def parse_formats(value: str) -> tuple[str, ...]:
    names = tuple(v.strip().lower() for v in value.split(",") if v.strip())
    bad = [n for n in names if n not in FORMATS]
    if bad or not names:
        shown = ", ".join(bad) or repr(value)
        raise click.BadParameter(f"{shown} is not a format; choose from {', '.join(FORMATS)}")
    return names


def alignment_options(f: Callable[..., None]) -> Callable[..., None]:
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
            type=click.Choice(BACKENDS),
            default="torch",
            show_default=True,
            help="Run the model with PyTorch, or with ONNX Runtime (int8, exported once and "
            "cached; needs pip install 'checker[onnx]').",
        ),
        click.option(
            "--device",
            type=click.Choice(DEVICES),
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


def source_options(f: Callable[..., None], *, required: bool = True) -> Callable[..., None]:
    """SOURCE..., --against, --config, --cache, --disable, --max-bytes, --quiet and the
    alignment options: everything `audit` and `baseline` share."""
    options = [
        click.argument("sources", nargs=-1, required=required, type=click.Path(path_type=Path)),
        click.option(
            "--against",
            "reference",
            multiple=True,
            type=click.Path(path_type=Path),
            metavar="REFERENCE",
            help="Already accepted sources (file or directory; repeatable): compared with "
            "SOURCE, but only conflicts involving at least one SOURCE are reported.",
        ),
        click.option(
            "--config",
            "config_path",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help="Read settings from this checker.toml or pyproject.toml [default: the "
            "nearest checker.toml, or pyproject.toml with [tool.checker]].",
        ),
        click.option("--no-config", is_flag=True, help="Ignore any configuration file."),
        click.option(
            "--cache",
            "cache_path",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help="SQLite cache of sentences, claims and embeddings "
            "[default: cache.sqlite in $CHECKER_CACHE_DIR, else ~/.cache/checker].",
        ),
        click.option("--no-cache", is_flag=True, help="Neither read nor write the cache."),
        click.option(
            "--disable",
            "disabled",
            multiple=True,
            metavar="RULE",
            help="Turn a rule off by code (NUM, DATE, ROLE, ENT, POL); repeatable, "
            "e.g. --disable ENT.",
        ),
        click.option(
            "--max-bytes",
            type=int,
            default=DEFAULT_MAX_BYTES,
            show_default=True,
            help="Skip (and name) source files larger than this many bytes.",
        ),
        click.option(
            "--max-sources",
            type=int,
            default=DEFAULT_MAX_SOURCES,
            show_default=True,
            help="Exit 2 when more usable sources than this are found (references included).",
        ),
        click.option(
            "-q",
            "--quiet",
            is_flag=True,
            help="Print nothing on standard error but errors: no notices, no progress.",
        ),
    ]
    f = alignment_options(f)
    for option in reversed(options):
        f = option(f)
    return f


def optional_source_options(f: Callable[..., None]) -> Callable[..., None]:
    """`source_options` with SOURCE... optional (`baseline --from-review` needs none)."""
    return source_options(f, required=False)


# Configuration keys and the parameters they set when the command line leaves them alone.
CONFIG_PARAMS = {
    "format": "fmt",
    "fail-on": "fail_on",
    "model": "model",
    "backend": "backend",
    "device": "device",
    "threshold": "threshold",
    "top-k": "top_k",
    "nli": "nli",
    "disable": "disabled",
    "baseline": "baseline",
    "cache": "cache_path",
    "max-bytes": "max_bytes",
    "max-sources": "max_sources",
}


def settle(ctx: click.Context, params: dict[str, Any]) -> dict[str, Any]:
    """Fill the options not given on the command line from the configuration file."""
    from checker.config import Config, find_config, load_config

    path = params["config_path"]
    if params["no_config"]:
        config = Config()
    else:
        path = path or find_config()
        config = load_config(path) if path else Config()
    out = dict(params, severity=config.get("severity", {}), config_baseline=config.get("baseline"))
    for key, value in config.values.items():
        name = CONFIG_PARAMS.get(key)
        if name not in params or ctx.get_parameter_source(name) is not ParameterSource.DEFAULT:
            continue
        if name == "cache_path" and value is False:
            out["no_cache"] = True
        elif name == "fmt":
            out[name] = parse_formats(value)
        else:
            out[name] = value
    return out


def cache_for(params: dict[str, Any]) -> Path | None:
    from checker.cache import default_cache_path

    if params["no_cache"]:
        return None
    return Path(params["cache_path"]) if params["cache_path"] else default_cache_path()
