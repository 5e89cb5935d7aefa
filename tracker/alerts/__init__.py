"""Alert channels and outbox delivery.

Channels register themselves by the `kind` used in config.toml (a small registry in
the urlwatch style); the class docstring's first line doubles as its help text.
Delivery drains the outbox after the run's writes have committed: each (change,
channel) row is sent, then marked sent; a failure is kept with a backoff and tried
again on the next run, so an alert is never lost and, once sent, never repeated.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from tracker.config import AlertConfig, Config
from tracker.errors import AlertError
from tracker.lock import worker_id
from tracker.store import ChangeEvent, Delivery, Store, backoff, channel_key

if TYPE_CHECKING:
    import httpx

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


class Channel:
    """Base class: subclasses set `kind` and implement `send`."""

    kind: ClassVar[str] = ""
    registry: ClassVar[dict[str, type[Channel]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.kind:
            Channel.registry[cls.kind] = cls

    def __init__(self, settings: AlertConfig, config: Config) -> None:
        self.settings = settings
        self.key = channel_key(self.kind, getattr(settings, "url", ""))

    def send(self, event: ChangeEvent, client: httpx.Client) -> None:
        raise NotImplementedError

    def batches(self, deliveries: list[Delivery]) -> list[list[Delivery]]:
        """How due rows are grouped into messages: one each, unless the channel digests."""
        return [[delivery] for delivery in deliveries]

    def send_digest(self, events: Sequence[ChangeEvent], client: httpx.Client) -> None:
        """Several changes in one message; only channels whose `batches` group call it."""
        raise NotImplementedError

    @classmethod
    def help(cls) -> str:
        return (cls.__doc__ or "").strip().splitlines()[0]


def build_channels(config: Config, echo: Callable[[str], None] | None = None) -> list[Channel]:
    """One channel per [[alerts]] entry; secrets are resolved here, before any fetch."""
    from tracker.alerts import console, email, webhook  # noqa: F401  (registers the channels)

    channels: dict[str, Channel] = {}
    for settings in config.alerts:
        channel = Channel.registry[settings.kind](settings, config)
        if echo is not None and isinstance(channel, console.ConsoleChannel):
            channel.echo = echo
        channels.setdefault(channel.key, channel)  # the same destination twice is one channel
    return list(channels.values())


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    sent: int
    failed: int
    gave_up: int


DELIVERY_LEASE = timedelta(minutes=10)  # when the caller has no [schedule].lease at hand
CLAIM_LIMIT = 500  # outbox rows claimed per round; a drain takes rounds until none are due


def deliver(
    store: Store,
    channels: Sequence[Channel],
    now: datetime,
    owner: str | None = None,
    lease: timedelta = DELIVERY_LEASE,
) -> DeliveryReport:
    """Claim the due outbox rows of these channels, send them, record each outcome.

    Claimed with a lease, so two daemons (or a daemon and `tracker run`) never send the
    same row at once; rows claimed but not sent (a crash, an interrupt) come back when the
    lease runs out, and a long drain renews its leases as it goes. A channel that batches
    (`digest`) gets its rows in as few messages as it likes; a channel whose endpoint says
    it is gone (410) gets nothing more in this drain. Rounds of CLAIM_LIMIT rows go on
    until nothing is due, so the alerts of a large first pass all leave at once.
    """
    import httpx  # loaded to send: `tracker status` and `history` only describe() changes

    owner = owner or worker_id()
    by_key = {channel.key: channel for channel in channels}
    totals = [0, 0, 0]
    gone: set[str] = set()
    renewed = time.monotonic()
    client: httpx.Client | None = None  # made for the first alert: its TLS set-up is ~40 ms
    try:
        while True:
            live = [key for key in by_key if key not in gone]
            claimed = store.claim_deliveries(owner, now, lease, live, CLAIM_LIMIT)
            if claimed and client is None:
                client = httpx.Client(follow_redirects=False)
            for key, rows in _by_channel(claimed).items():
                for batch in by_key[key].batches(rows):
                    assert client is not None
                    *outcome, stopped = _send(store, by_key[key], batch, client, now, owner)
                    totals = [t + o for t, o in zip(totals, outcome, strict=True)]
                    if stopped:
                        gone.add(key)  # switched off: its rows stay for `alerts retry`
                        break
                    if time.monotonic() - renewed > lease.total_seconds() / 3:
                        store.renew_leases(owner, datetime.now(UTC), lease)
                        renewed = time.monotonic()
            if len(claimed) < CLAIM_LIMIT:
                break
    finally:
        if client is not None:
            client.close()
        store.release_deliveries(owner)
    return DeliveryReport(*totals)


def _by_channel(deliveries: Sequence[Delivery]) -> dict[str, list[Delivery]]:
    grouped: dict[str, list[Delivery]] = {}
    for delivery in deliveries:
        grouped.setdefault(delivery.channel, []).append(delivery)
    return grouped


def _send(
    store: Store,
    channel: Channel,
    batch: list[Delivery],
    client: httpx.Client,
    now: datetime,
    owner: str,
) -> tuple[int, int, int, bool]:
    """One message (a change, or a digest of several): (sent, failed, gave up, gone).

    A failure is counted per row: a change that joined a digest with an old, much-retried
    one keeps its own attempts and backoff.
    """
    try:
        if len(batch) == 1:
            channel.send(batch[0].change, client)
        else:
            channel.send_digest([d.change for d in batch], client)
    except AlertError as exc:
        if exc.gone:
            store.disable_channel(channel.key, str(exc), now)
            logger.warning("alert channel %s switched off: %s", channel.kind, exc)
            return 0, len(batch), 0, True
        retries = {
            d.id: None
            if d.attempts + 1 >= MAX_ATTEMPTS or not exc.retry
            else now + backoff(d.attempts + 1)
            for d in batch
        }
        store.mark_failed(retries, str(exc), owner)
        gave_up = sum(1 for when in retries.values() if when is None)
        logger.warning(
            "alert via %s failed (%s rows, %s given up): %s", channel.kind, len(batch), gave_up, exc
        )
        return 0, len(batch), gave_up, False
    store.mark_delivered([d.id for d in batch], now, owner)
    return len(batch), 0, 0, False


def send_test(channels: Sequence[Channel], now: datetime) -> list[tuple[Channel, str | None]]:
    """`tracker alerts test`: a made-up change through every channel, nothing stored.

    Returns each channel with None when it was sent, or the error that stopped it.
    """
    event = ChangeEvent(
        id=0,
        kind="test",
        occurred_at=now,
        show_title="renewal-tracker test",
        show_slug="renewal-tracker-test",
        previous=None,
        current={"status": "renewed", "season": 2, "certainty": "official"},
        evidence={"url": None, "text": "A test alert: this channel works.", "published": None},
    )
    import httpx  # see deliver()

    results: list[tuple[Channel, str | None]] = []
    with httpx.Client(follow_redirects=False) as client:
        for channel in channels:
            try:
                channel.send(event, client)
            except AlertError as exc:
                results.append((channel, str(exc)))
            else:
                results.append((channel, None))
    return results


def describe(event: ChangeEvent) -> str:
    """One line a person reads: "Ballard: pending → renewed (season 2, official)"."""
    current, previous = event.current, event.previous or {}
    if event.kind == "rating_changed":
        return (
            f"{event.show_title}: {current['rating']} rating moved "
            f"{previous.get('value')} → {current['value']}"
        )
    if event.kind == "source_failing":
        return (
            f"{event.show_title}: source failing ({current['failures']} checks in a row): "
            f"{current['source']}"
        )
    if event.kind == "source_recovered":
        return f"{event.show_title}: source answering again: {current['source']}"
    if event.kind == "test":
        return f"{event.show_title}: a test alert, nothing changed"
    now = _status_text(current)
    if event.kind == "first_seen":
        return f"{event.show_title}: first seen as {now}"
    before = _status_text(previous)
    label = {"certainty_upgraded": "confirmed", "season_changed": "season changed"}.get(
        event.kind, "status changed"
    )
    return f"{event.show_title}: {label}, {before} → {now}"


def _status_text(view: dict[str, Any]) -> str:
    details = [f"season {view['season']}"] if view.get("season") else []
    if view.get("certainty"):
        details.append(str(view["certainty"]))
    suffix = f" ({', '.join(details)})" if details else ""
    return f"{view.get('status', 'unknown')}{suffix}"
