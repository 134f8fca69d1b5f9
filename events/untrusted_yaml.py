"""YAML from files the user did not write (front matter, metadata manifests): limits first, then the values.

PyYAML's safe loader builds no objects, but it still honours aliases: a few hundred bytes of nested aliases
stand for billions of strings, and whatever walks or prints the value (a warning quoting it) expands them all.
So aliases are refused outright (news metadata never needs them), the text has a size cap, and every failure
is one `UntrustedYamlError` with a short message. Dates stay strings: `parse_date` reads them, and an
impossible date ("2025-02-30") is then one field's problem, not the whole document's.
"""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["UntrustedYamlError", "load"]

# libyaml where the wheel carries it (it does on Linux, macOS and Windows): several times faster than the
# pure-Python loader on a manifest of thousands of entries, and it caps nesting at 1,000 levels itself.
_BASE: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE):  # type: ignore[misc, valid-type]
    """The safe loader without the implicit timestamp type."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class UntrustedYamlError(ValueError):
    """The text is refused: too large, an alias, or not valid YAML; str() says which and where."""


def _where(mark: Any) -> str:
    return f"line {mark.line + 1} column {mark.column + 1}: " if mark is not None else ""


def _refuse_aliases(text: str) -> None:
    """Raise on the first alias (*name) in the text; anchors alone are harmless."""
    if "*" not in text:
        return  # no alias can be written without one: the common case costs a substring search
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            raise UntrustedYamlError(
                f"{_where(event.start_mark)}YAML aliases (*{str(event.anchor)[:40]}) are not accepted"
            )


def load(text: str, *, max_chars: int) -> Any:
    """Parse a YAML document from an untrusted source; UntrustedYamlError names what is wrong."""
    if len(text) > max_chars:
        raise UntrustedYamlError(f"{len(text):,} characters, more than the {max_chars:,} allowed")
    try:
        _refuse_aliases(text)
        return yaml.load(text, Loader=_Loader)
    except UntrustedYamlError:
        raise
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise UntrustedYamlError(f"{_where(mark)}{' '.join(str(problem).split())}") from None
    except (ValueError, RecursionError) as exc:
        # a constructor's own limits: an integer of more than 4,300 digits, nesting past the recursion limit
        raise UntrustedYamlError(f"a value cannot be read ({str(exc)[:80]})") from None
