"""The built-in rules by stable code; plug-ins join through the `checker.rules` entry points."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from importlib.metadata import entry_points
from typing import Any

from checker.errors import OptionError
from checker.rules.ages import AgeRule
from checker.rules.base import CompareContext, Document, Rule
from checker.rules.dates import DateRule
from checker.rules.entities import EntityRule
from checker.rules.numeric import NumericRule
from checker.rules.polarity import PolarityRule
from checker.rules.roles import RoleRule

log = logging.getLogger(__name__)

BUILTIN: dict[str, type] = {
    "NUM": NumericRule,
    "AGE": AgeRule,
    "DATE": DateRule,
    "ROLE": RoleRule,
    "ENT": EntityRule,
    "POL": PolarityRule,
}


def registry() -> dict[str, type]:
    """Built-in rules plus any registered under the `checker.rules` entry-point group."""
    rules = dict(BUILTIN)
    for ep in entry_points(group="checker.rules"):
        try:
            rules.setdefault(ep.name.upper(), ep.load())
        except Exception:  # a broken plug-in must not stop the audit
            log.warning("cannot load rule plug-in %s", ep.name, exc_info=True)
    return rules


def make_rules(
    disabled: Iterable[str] = (), settings: Mapping[str, Mapping[str, Any]] | None = None
) -> list[Rule]:
    """Instantiate every enabled rule with its settings (keyword arguments per rule code)."""
    available = registry()
    disabled = {d.upper() for d in disabled}
    unknown = disabled - set(available)
    if unknown:
        raise OptionError(
            f"unknown rule {', '.join(sorted(unknown))}; choose from {', '.join(available)}"
        )
    settings = settings or {}
    return [
        cls(**settings.get(code, {})) for code, cls in available.items() if code not in disabled
    ]


def rules_fingerprint(rules: Iterable[Rule]) -> str:
    """What extraction depends on: each rule's code, class, public settings and, for a
    plug-in, its distribution's version, in order."""
    parts = []
    for rule in rules:
        cls = type(rule)
        public = sorted((k, repr(v)) for k, v in _settings_of(rule) if not k.startswith("_"))
        parts.append(f"{rule.code}={cls.__module__}.{cls.__qualname__}{_plugin_version(cls)}")
        parts.append(repr(public))
    return "|".join(parts)


def _settings_of(rule: object) -> Iterable[tuple[str, Any]]:
    try:
        return list(vars(rule).items())
    except TypeError:  # a rule with __slots__
        names = [n for c in type(rule).__mro__ for n in getattr(c, "__slots__", ())]
        return [(n, getattr(rule, n, None)) for n in names]


def _plugin_version(cls: type) -> str:
    """The version of the distribution a plug-in rule comes from ("" for built-ins)."""
    top = cls.__module__.split(".")[0]
    if top == "checker":
        return ""
    try:
        from importlib.metadata import packages_distributions, version

        return "@" + ",".join(f"{d}={version(d)}" for d in packages_distributions().get(top, []))
    except Exception:  # metadata unreadable: the class name still keys it
        return "@?"


__all__ = [
    "CompareContext",
    "Document",
    "Rule",
    "make_rules",
    "registry",
    "rules_fingerprint",
    "BUILTIN",
]
