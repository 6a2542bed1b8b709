"""Click pieces the command line adds: positional arguments with a help text, and commands
listed in the order they were added.

click before 8.5 documents options but not arguments, so `check -h` would not say what
FILES is; `Command` prints an "Arguments" section before the options, from
`Argument.help`, whatever the click version. Plain
click, no typer: typer builds a pydantic TypeAdapter per parameter, which made the front
end the slowest part of a small check.
"""

from __future__ import annotations

from typing import Any

import click


class Argument(click.Argument):
    """A positional argument that carries a help text for `Command`'s help page."""

    def __init__(self, param_decls: list[str], help: str = "", **attrs: Any) -> None:
        super().__init__(param_decls, **attrs)
        self.help = help


class Command(click.Command):
    """A command whose help lists its arguments, each with its help text."""

    def format_arguments(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Nothing: click 8.5 lists documented arguments itself ("Positional arguments");
        `format_options` lists them, so every click version prints the same help."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [
            (param.make_metavar(ctx), f"{param.help}  [required]" if param.required else param.help)
            for param in self.get_params(ctx)
            if isinstance(param, Argument)
        ]
        if rows:
            with formatter.section("Arguments"):
                formatter.write_dl(rows)
        super().format_options(ctx, formatter)


class Group(click.Group):
    """A group that lists its commands in the order they were added (click sorts them by
    name), so `netdoctor -h` shows `check` first, the command most people want."""

    command_class = Command
    group_class = type  # click: subgroups (`cases`) are of this class too

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)
