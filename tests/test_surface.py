"""Guard the surface: every command has help with an example, JSON shapes are pinned,
and every alert kind the config accepts has a registered channel with one-line help.

Scripts and webhook receivers depend on these shapes: changing one must fail a test here
and come with a change to DESIGN.md.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

import tracker.alerts.console
import tracker.alerts.webhook
from tracker import render_json
from tracker.alerts import Channel, build_channels
from tracker.alerts.webhook import payload
from tracker.cli import cli
from tracker.config import AlertConfig, parse_config
from tracker.diff import CHANGE_KINDS
from tracker.extract import extract
from tracker.extract.model import CERTAINTIES, STATUSES
from tracker.store import ChangeEvent

# -- commands: help and examples ----------------------------------------------------------------


def walk(command: click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield path
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from walk(sub, (*path, name))


def command_at(path: tuple[str, ...]) -> click.Command:
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    return command


COMMANDS = list(walk(cli))


def _id(path: tuple[str, ...]) -> str:
    return " ".join(("tracker", *path))


def test_the_documented_commands_exist() -> None:
    assert {
        "tracker",
        "tracker daemon",
        "tracker db",
        "tracker db upgrade",
        "tracker demo",
        "tracker extract",
        "tracker history",
        "tracker init",
        "tracker run",
        "tracker status",
    } <= {_id(p) for p in COMMANDS}


@pytest.mark.parametrize("path", [pytest.param(p, id=_id(p)) for p in COMMANDS])
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    command = command_at(path)

    result = CliRunner().invoke(cli, [*path, "--help"])

    assert result.exit_code == 0, result.output
    assert command.help and command.help.strip()
    assert "Example:" in command.help
    assert "Example: tracker" in result.output
    example = command.help.split("Example:", 1)[1].split()
    assert example[0] == "tracker" and example[1 : 1 + len(path)] == list(path)


@pytest.mark.parametrize("path", [pytest.param(p, id=_id(p)) for p in COMMANDS])
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_works_for_every_command(path: tuple[str, ...], flag: str) -> None:
    result = CliRunner().invoke(cli, [*path, flag], prog_name="tracker")

    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Usage: {_id(path)} ")
    summary = (command_at(path).help or "").strip().splitlines()[0]
    assert summary in result.output


@pytest.mark.parametrize("path", [pytest.param(p, id=_id(p)) for p in COMMANDS])
def test_every_option_has_help_text(path: tuple[str, ...]) -> None:
    options = [p for p in command_at(path).params if isinstance(p, click.Option)]

    assert [o.name for o in options if not (o.help or "").strip()] == []


def test_the_top_level_help_lists_every_command_with_its_summary() -> None:
    result = CliRunner().invoke(cli, ["--help"])

    for name, command in cli.commands.items():
        assert name in result.output
        assert (command.get_short_help_str(limit=300)[:20]) in result.output


# -- extraction JSON -----------------------------------------------------------------------------

EXTRACTION_KEYS = [
    "show",
    "status",
    "season",
    "certainty",
    "lean",
    "published",
    "ratings",
    "evidence",
]
RATING_KEYS = ["imdb", "rotten_tomatoes", "rt_audience", "metacritic"]
EVIDENCE_KEYS = ["text", "status", "season", "certainty", "start", "end"]


def test_the_status_vocabulary_is_exactly_design_mds() -> None:
    assert set(STATUSES) == {
        "renewed",
        "ordered",
        "in_development",
        "pending",
        "ending",
        "ended",
        "cancelled",
        "revived",
        "unknown",
    }
    assert set(CERTAINTIES) == {"official", "reported", "speculative"}


def test_extraction_json_keys_are_pinned() -> None:
    result = extract(
        "Ballard",
        text="It's official: Prime Video has renewed Ballard for a "
        "second season. Ballard has a 7.5/10 on IMDb.",
    ).to_json()

    assert list(result) == EXTRACTION_KEYS
    assert list(result["ratings"]) == RATING_KEYS
    assert [list(e) for e in result["evidence"]] == [EVIDENCE_KEYS] * len(result["evidence"])
    assert result["evidence"], "the renewal sentence is evidence"
    assert result["status"] in STATUSES and result["certainty"] in CERTAINTIES
    assert json.loads(json.dumps(result)) == result


def test_extraction_json_with_an_id_puts_it_first() -> None:
    result = extract("Ballard", text="Nothing about any show here.").to_json("case-1")

    assert list(result) == ["id", *EXTRACTION_KEYS]
    assert result["id"] == "case-1"


def test_an_empty_extraction_has_every_key_with_null_values() -> None:
    result = extract("Ballard", text="A review of the weather in Los Angeles this week.").to_json()

    assert result == {
        "show": "Ballard",
        "status": "unknown",
        "season": None,
        "certainty": None,
        "lean": None,
        "published": None,
        "ratings": dict.fromkeys(RATING_KEYS),
        "evidence": [],
    }


# -- webhook payload -----------------------------------------------------------------------------


def change_event(
    kind: str = "status_changed", evidence: dict[str, Any] | None = None
) -> ChangeEvent:
    return ChangeEvent(
        id=42,
        kind=kind,
        occurred_at=datetime(2025, 10, 6, 17, 30, tzinfo=UTC),
        show_title="Ballard",
        show_slug="ballard",
        previous={"status": "pending", "season": 2, "certainty": "reported"},
        current={"status": "renewed", "season": 2, "certainty": "official"},
        evidence=evidence,
    )


EVIDENCE = {
    "url": "https://news.example/ballard-season-2",
    "text": "It's official: Prime Video has renewed Ballard for a second season.",
    "published": "2025-10-06",
}


def test_webhook_payload_keys_are_pinned() -> None:
    body = payload(change_event(evidence=EVIDENCE))

    assert list(body) == [
        "type",
        "version",
        "id",
        "occurred_at",
        "show",
        "previous",
        "current",
        "evidence",
    ]
    assert body["type"] == "show.status_changed"
    assert body["version"] == 1
    assert body["id"] == "42"
    assert body["occurred_at"] == "2025-10-06T17:30:00+00:00"
    assert body["show"] == {"title": "Ballard", "slug": "ballard"}
    assert body["previous"]["status"] == "pending" and body["current"]["status"] == "renewed"
    assert body["evidence"] == EVIDENCE
    assert json.loads(json.dumps(body)) == body


def test_webhook_payload_without_evidence_keeps_the_evidence_keys_as_null() -> None:
    body = payload(change_event(evidence=None))

    assert body["evidence"] == {"url": None, "text": None, "published": None}


@pytest.mark.parametrize("kind", CHANGE_KINDS)
def test_every_change_kind_becomes_a_show_dot_type(kind: str) -> None:
    assert payload(change_event(kind, EVIDENCE))["type"] == f"show.{kind}"


def test_the_design_md_event_types_exist() -> None:
    assert {"status_changed", "rating_changed"} <= set(CHANGE_KINDS)


def test_slack_and_discord_bodies_carry_the_one_line_description_and_evidence() -> None:
    config = parse_config(
        {
            "alerts": [
                {"kind": "slack", "url": "https://hooks.example/slack"},
                {"kind": "discord", "url": "https://hooks.example/discord"},
            ]
        },
        Path("config.toml"),
    )
    slack, discord = build_channels(config)
    event = change_event(evidence=EVIDENCE)

    text = slack.body(event)["text"]  # type: ignore[attr-defined]
    content = discord.body(event)["content"]  # type: ignore[attr-defined]

    assert text.splitlines()[0] == (
        "Ballard: status changed, pending (season 2, reported) → renewed (season 2, official)"
    )
    assert EVIDENCE["url"] in text and EVIDENCE["text"] in text
    assert content == text


def test_history_change_json_keys_are_pinned() -> None:
    assert list(render_json.change_json(change_event(evidence=EVIDENCE))) == [
        "id",
        "kind",
        "occurred_at",
        "show",
        "previous",
        "current",
        "evidence",
    ]


# -- alert channels ------------------------------------------------------------------------------


def config_alert_kinds() -> dict[str, type]:
    """kind -> settings class, read from the config's discriminated union."""
    union = typing.get_args(AlertConfig)[0]
    kinds: dict[str, type] = {}
    for settings in typing.get_args(union):
        (kind,) = typing.get_args(settings.model_fields["kind"].annotation)
        kinds[kind] = settings
    return kinds


def test_the_channel_modules_register_their_channels() -> None:
    assert Channel.registry["console"] is tracker.alerts.console.ConsoleChannel
    assert Channel.registry["webhook"] is tracker.alerts.webhook.WebhookChannel


@pytest.mark.parametrize("kind", sorted(config_alert_kinds()))
def test_every_alert_kind_the_config_accepts_has_a_channel_with_one_line_help(kind: str) -> None:
    channel = Channel.registry.get(kind)

    assert channel is not None, f"config accepts kind {kind!r} but no channel registers it"
    assert channel.kind == kind
    doc = (channel.__doc__ or "").strip()
    assert doc and len(doc.splitlines()) == 1
    assert channel.help() == doc
    settings_doc = (config_alert_kinds()[kind].__doc__ or "").strip()
    assert settings_doc and len(settings_doc.splitlines()) == 1


def test_every_registered_channel_is_accepted_by_the_config() -> None:
    assert set(Channel.registry) == set(config_alert_kinds())


def test_build_channels_makes_one_channel_per_alert_entry_in_order() -> None:
    config = parse_config(
        {
            "alerts": [
                {"kind": "console"},
                {"kind": "webhook", "url": "https://hooks.example/a"},
                {"kind": "discord", "url": "https://hooks.example/d"},
            ]
        },
        Path("config.toml"),
    )

    channels = build_channels(config)

    assert [type(c).__name__ for c in channels] == [
        "ConsoleChannel",
        "WebhookChannel",
        "DiscordChannel",
    ]
    assert len({c.key for c in channels}) == 3
    assert all("hooks.example" not in c.key for c in channels)  # keys never store the URL


def test_every_source_kind_the_config_accepts_has_a_handler_with_help() -> None:
    from tracker.kinds import SourceKind
    from tracker.store import CONFIGURED_KINDS

    assert set(SourceKind.registry) == {*CONFIGURED_KINDS, "article"}
    assert all((kind.__doc__ or "").strip() for kind in SourceKind.registry.values())
    assert [k for k, kind in SourceKind.registry.items() if kind.holds_page] == ["page", "article"]
