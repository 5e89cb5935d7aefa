"""The console channel: prints each change, with its evidence, to standard output."""

from __future__ import annotations

from collections.abc import Callable

import click
import httpx

from tracker.alerts import Channel, describe
from tracker.store import ChangeEvent


class ConsoleChannel(Channel):
    """Print each change to standard output."""

    kind = "console"
    echo: Callable[[str], None] = staticmethod(click.echo)

    def send(self, event: ChangeEvent, client: httpx.Client) -> None:
        lines = [f"ALERT {describe(event)}"]
        evidence = event.evidence or {}
        if evidence.get("text"):
            lines.append(f"      “{_clip(str(evidence['text']))}”")
        if evidence.get("url"):
            published = f" (published {evidence['published']})" if evidence.get("published") else ""
            lines.append(f"      {evidence['url']}{published}")
        self.echo("\n".join(lines))


def _clip(text: str, width: int = 150) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
