"""The registries: names in order, one-line errors, and the CLI offering exactly the
registered recognizers."""

from __future__ import annotations

import click
import pytest

from geomap.errors import ConfigurationError
from geomap.recognize import GazetteerRecognizer
from geomap.registry import Registry, make_recognizer, recognizers


def test_entries_keep_their_order_and_resolve_by_name() -> None:
    reg: Registry[int] = Registry("widget")
    reg.register("b")(2)
    reg.register("a")(1)
    assert reg.names() == ("b", "a") and list(reg) == ["b", "a"]
    assert reg.get("a") == 1 and "b" in reg and "c" not in reg


def test_unknown_name_is_one_line_naming_the_choices() -> None:
    reg: Registry[int] = Registry("widget")
    reg.register("a")(1)
    reg.register("b")(2)
    with pytest.raises(ConfigurationError) as info:
        reg.get("c")
    assert str(info.value) == "unknown widget 'c' (choose a, b)"


def test_a_name_is_registered_once() -> None:
    reg: Registry[int] = Registry("widget")
    reg.register("a")(1)
    with pytest.raises(ConfigurationError, match="registered twice"):
        reg.register("a")(2)
    reg.unregister("a")
    assert reg.names() == ()


def test_the_builtin_recognizers() -> None:
    assert recognizers.names() == ("gazetteer", "spacy")
    with pytest.raises(ConfigurationError,
                       match=r"^unknown recognizer 'x' \(choose gazetteer, spacy\)$"):
        make_recognizer("x", None)  # type: ignore[arg-type]


def test_make_recognizer_builds_the_registered_one(gazetteer) -> None:
    assert isinstance(make_recognizer("gazetteer", gazetteer), GazetteerRecognizer)


@pytest.mark.parametrize("command", ["run", "geoparse", "export", "eval"])
def test_cli_recognizer_choices_are_the_registry(command: str) -> None:
    from geomap.cli import cli

    cmd = cli.get_command(click.Context(cli), command)
    (option,) = [p for p in cmd.params if p.name == "recognizer"]
    assert isinstance(option.type, click.Choice)
    assert tuple(option.type.choices) == recognizers.names()
