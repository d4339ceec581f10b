"""``paperlint rules`` and ``paperlint explain CODE``: the rule catalogue, from the registry."""

from __future__ import annotations

import json

import click

from paperlint.cli.common import fail
from paperlint.errors import PaperlintError


@click.command()
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text",
    show_default=True, help="Output format.",
)
@click.option("--profile", default=None, help="Only the rules this profile enables.")
def rules(output_format: str, profile: str | None) -> None:
    """List every rule with its code, name, severity, profiles and whether --fix can fix it."""
    from paperlint.checks.profiles import get_profile
    from paperlint.rulebook import RULES

    try:
        chosen = get_profile(profile) if profile else None
    except PaperlintError as error:
        fail(error)
    listed = [r for r in RULES.values() if chosen is None or r.code in chosen.rules]
    if output_format == "json":
        click.echo(json.dumps([rule.to_dict() for rule in listed], indent=2, ensure_ascii=False))
        return
    width = max(len(rule.name) for rule in listed) if listed else 0
    for rule in listed:
        severity = chosen.severity_of(rule.code) if chosen else rule.severity
        fix = f"fix:{rule.fixable}" if rule.fixable else ""
        click.echo(
            f"{rule.code}  {rule.name:<{width}}  {severity:<7}  {','.join(rule.profiles):<22}  "
            f"{fix:<18}  {rule.summary}"
        )


@click.command()
@click.argument("code")
def explain(code: str) -> None:
    """Show the documentation of one rule (by code, e.g. PL105, or name)."""
    from paperlint.checks.docs import render_rule
    from paperlint.rulebook import get_rule

    try:
        rule = get_rule(code)
    except PaperlintError as error:
        fail(error)
    click.echo(render_rule(rule))
