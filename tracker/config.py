"""Load and validate config.toml before any I/O happens.

The file is parsed with tomllib and validated with pydantic models that forbid
unknown keys, so a typo fails at load time with the file, the field path and the
problem ("config.toml: shows[1].sources[0].url: must be an http(s) URL"), never
halfway through a run. Secrets never live in the file: fields ending in `_env`
name environment variables that are read only when a channel is built.
"""

from __future__ import annotations

import email.utils
import functools
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote_plus

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from tracker.cron import cron_trigger
from tracker.errors import ConfigError

DEFAULT_USER_AGENT = "renewal-tracker/0.1 (+https://github.com/renewal-tracker/renewal-tracker)"
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _http_url(value: str) -> str:
    """Accept only absolute http(s) URLs: file://, ftp:// and bare paths are mistakes here."""
    scheme, sep, rest = value.partition("://")
    host = rest.split("/")[0]
    if (
        not sep
        or scheme.lower() not in ("http", "https")
        or not host
        or any(c.isspace() for c in value)
    ):
        raise ValueError(f"must be an http(s) URL, got {value!r}")
    return value


def _feed_url(value: str) -> str:
    """An http(s) URL, or a search-feed template whose `{query}` is filled in per show."""
    _http_url(value.replace(QUERY, "x"))
    return value


def _search_template(value: str) -> str:
    if QUERY not in value:
        raise ValueError(f"a search feed needs a {QUERY} placeholder, got {value!r}")
    return _feed_url(value)


def _cron(value: str) -> str:
    try:
        cron_trigger(value)
    except ValueError as exc:
        raise ValueError(f"invalid cron expression {value!r}: {exc}") from None
    return value


def _env_name(value: str) -> str:
    if not _ENV_NAME.fullmatch(value):
        raise ValueError(f"must name an environment variable, got {value!r}")
    return value


_ADDR_SPEC = re.compile(r"[^@\s<>()\[\],;:\"]+@[A-Za-z0-9.-]+\.[A-Za-z0-9-]+")


def _email_address(value: str) -> str:
    """`me@example.org` or `Me <me@example.org>`; no control characters, one address only."""
    _, addr = email.utils.parseaddr(value)
    if (
        any(ord(c) < 32 or ord(c) == 127 for c in value)
        or not _ADDR_SPEC.fullmatch(addr)
        or len(email.utils.getaddresses([value])) != 1
    ):
        raise ValueError(f"must be an email address like me@example.org, got {value!r}")
    return value


QUERY = "{query}"
HttpUrl = Annotated[str, AfterValidator(_http_url)]
FeedUrl = Annotated[str, AfterValidator(_feed_url)]
SearchTemplate = Annotated[str, AfterValidator(_search_template)]
Cron = Annotated[str, AfterValidator(_cron)]
EnvName = Annotated[str, AfterValidator(_env_name)]
EmailAddress = Annotated[str, AfterValidator(_email_address)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class DatabaseSettings(_Strict):
    url: str = "sqlite:///tracker.db"


class FetchSettings(_Strict):
    concurrency: int = Field(16, ge=1, le=256)
    per_host: int = Field(2, ge=1, le=64)
    min_interval: float = Field(1.0, ge=0, le=300)  # seconds between fetch starts on one site
    timeout: float = Field(20.0, gt=0, le=600)
    max_bytes: int = Field(5_000_000, ge=1024)
    max_redirects: int = Field(5, ge=0, le=20)
    retries: int = Field(2, ge=0, le=10)  # more attempts after a refused connection or 5xx/429
    backoff: float = Field(1.0, ge=0, le=60)  # first wait in seconds; doubles, plus jitter
    max_retry_wait: float = Field(60.0, ge=0, le=3600)  # longest Retry-After honoured in a run
    user_agent: str = DEFAULT_USER_AGENT
    # processes a `tracker run` pass of 32+ due sources is split across, each fetching,
    # reading and writing its share; unset = auto: one per CPU (up to 4), at most per_host
    processes: int | None = Field(None, ge=1, le=64)
    # processes that parse pages for a pass run in one process (the daemon's); unset =
    # auto: one per CPU beyond the first (up to 4) for passes of 32+ pages on machines with
    # 3+ CPUs, else pages are read in-process
    workers: int | None = Field(None, ge=0, le=64)

    @field_validator("timeout", "backoff", "max_retry_wait", "min_interval", mode="before")
    @classmethod
    def _int_seconds(cls, value: Any) -> Any:
        return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


class ScheduleSettings(_Strict):
    """When the daemon works. A source is due once per period of its crontab: a firing
    finds it due when it has not been checked since the previous fire time."""

    cron: Cron = "0 */6 * * *"
    # Seconds added at random to each firing, so daemons (and the sites they visit) do not
    # all start on the minute.
    jitter: int = Field(30, ge=0, le=3600)
    # A firing missed by up to this many seconds (the machine slept, a pass ran long) still
    # runs, once however many were missed; beyond it, the next firing catches up, since
    # dueness is read from the database.
    misfire_grace: int = Field(600, ge=1, le=86400)
    # How long a claimed source or alert stays claimed without a sign of life from its
    # worker; a live pass renews its leases, so this only bounds recovery after a crash.
    lease: int = Field(600, ge=10, le=86400)
    deliver_cron: Cron = "* * * * *"  # the daemon's outbox drain (alerts retry on backoff)


class FeedSettings(_Strict):
    """News-search feeds asked about every show (`{query}` = the show's query, URL-encoded)."""

    search: list[SearchTemplate] = []
    max_items: int = Field(50, ge=1, le=1000)  # newest items read per feed and show


class RatingThresholds(_Strict):
    """How far a rating must move to be a change worth an alert."""

    imdb: float = Field(0.3, gt=0, le=10)
    rotten_tomatoes: float = Field(5, gt=0, le=100)
    rt_audience: float = Field(5, gt=0, le=100)
    metacritic: float = Field(5, gt=0, le=100)
    tvmaze: float = Field(0.3, gt=0, le=10)

    @field_validator("*", mode="before")
    @classmethod
    def _int_is_float(cls, value: Any) -> Any:
        return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


class ChangeSettings(_Strict):
    """What counts as a change, and when it is held back."""

    ratings: RatingThresholds = RatingThresholds()
    failing_after: int = Field(3, ge=1, le=1000)  # failed checks in a row that make an alert
    # minutes a status alert waits in the outbox; a flip back within it withdraws both
    flap_window: int = Field(0, ge=0, le=7 * 24 * 60)


class RetentionSettings(_Strict):
    """How long checks and stored bodies are kept (snapshots and changes are history)."""

    checks_days: int = Field(90, ge=1)
    bodies_days: int = Field(180, ge=1)
    cron: Cron = "17 4 * * *"  # when the daemon prunes; 5-field crontab, UTC


class TvmazeSettings(_Strict):
    base_url: HttpUrl = "https://api.tvmaze.com"  # tests and mirrors point this elsewhere


class PageSource(_Strict):
    """A news article or show page, fetched and read as one article."""

    kind: Literal["page"] = "page"
    url: HttpUrl
    cron: Cron | None = None
    robots: bool = True  # false: fetch even where the site's robots.txt disallows it


class FeedSource(_Strict):
    """An RSS or Atom feed: its items that name the show become article fetches.

    A `{query}` in the URL makes it a search feed, filled in with the show's query.
    """

    kind: Literal["feed"]
    url: FeedUrl
    cron: Cron | None = None
    robots: bool = True


class TvmazeSource(_Strict):
    """The show on TVmaze, by id, or by a search for its title when no id is given."""

    kind: Literal["tvmaze"]
    id: int | None = Field(None, ge=1)
    cron: Cron | None = None
    robots: bool = True


def _source_shorthand(value: Any) -> Any:
    """A bare string in `sources` is a page URL; a table without `kind` is a page too."""
    if isinstance(value, str):
        return {"kind": "page", "url": value}
    if isinstance(value, dict) and "kind" not in value:
        return {"kind": "page", **value}
    return value


Source = Annotated[
    PageSource | FeedSource | TvmazeSource,
    Field(discriminator="kind"),
    BeforeValidator(_source_shorthand),
]
SOURCE_KINDS = ("page", "feed", "tvmaze")


@dataclass(frozen=True, slots=True)
class Target:
    """A source as fetched: its kind and concrete URL (templates filled in), when, robots."""

    kind: str
    url: str
    cron: str | None
    robots: bool


def _title(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value.strip()


class Show(_Strict):
    title: Annotated[str, AfterValidator(_title)]
    aliases: list[str] = []
    sources: list[Source] = []
    cron: Cron | None = None
    query: str | None = None  # what search feeds look for; the title when unset

    @property
    def slug(self) -> str:
        return slugify(self.title)


class ConsoleAlert(_Strict):
    """Print each change to standard output."""

    kind: Literal["console"]


class WebhookAlert(_Strict):
    """POST the versioned JSON payload to a URL."""

    kind: Literal["webhook"]
    url: HttpUrl
    secret_env: EnvName | None = None
    timeout: float = Field(10.0, gt=0, le=120)


class SlackAlert(_Strict):
    """POST a Slack incoming-webhook message."""

    kind: Literal["slack"]
    url: HttpUrl
    timeout: float = Field(10.0, gt=0, le=120)


class DiscordAlert(_Strict):
    """POST a Discord webhook message."""

    kind: Literal["discord"]
    url: HttpUrl
    timeout: float = Field(10.0, gt=0, le=120)


class EmailAlert(_Strict):
    """Send each change as an email (plain text and HTML) through an SMTP server."""

    kind: Literal["email"]
    host: Annotated[str, AfterValidator(_title)]
    port: int = Field(587, ge=1, le=65535)
    security: Literal["starttls", "ssl", "none"] = "starttls"
    username: str | None = None
    password_env: EnvName | None = None
    sender: EmailAddress = Field(alias="from")
    to: Annotated[list[EmailAddress], Field(min_length=1)]
    timeout: float = Field(10.0, gt=0, le=120)
    digest: bool = True  # several changes due at once go out as one message

    @model_validator(mode="after")
    def _password_with_username(self) -> EmailAlert:
        if self.username and not self.password_env:
            raise ValueError("password_env is required when username is set")
        return self


AlertConfig = Annotated[
    ConsoleAlert | WebhookAlert | SlackAlert | DiscordAlert | EmailAlert,
    Field(discriminator="kind"),
]


class Config(_Strict):
    database: DatabaseSettings = DatabaseSettings()
    fetch: FetchSettings = FetchSettings()
    schedule: ScheduleSettings = ScheduleSettings()
    feeds: FeedSettings = FeedSettings()
    tvmaze: TvmazeSettings = TvmazeSettings()
    changes: ChangeSettings = ChangeSettings()
    retention: RetentionSettings = RetentionSettings()
    shows: list[Show] = []
    alerts: list[AlertConfig] = []
    path: Path | None = Field(default=None, exclude=True)

    def targets(self, show: Show) -> list[Target]:
        """What to fetch for a show: its sources with URLs made concrete, then [feeds].search.

        A search feed's `{query}` becomes the show's query (its title unless set),
        URL-encoded; a TVmaze source becomes an API URL under [tvmaze].base_url.
        """
        query = quote_plus(show.query or show.title)
        found: dict[tuple[str, str], Target] = {}
        for source in show.sources:
            if isinstance(source, TvmazeSource):
                url = tvmaze_url(self.tvmaze.base_url, source.id, show.title)
            else:
                url = source.url.replace(QUERY, query)
            found.setdefault(
                (source.kind, url), Target(source.kind, url, source.cron, source.robots)
            )
        for template in self.feeds.search:
            url = template.replace(QUERY, query)
            found.setdefault(("feed", url), Target("feed", url, None, True))
        return list(found.values())

    def schedules(self) -> dict[str, set[tuple[str, str]]]:
        """Cron expression -> the (show slug, url) sources it runs.

        A source's own `cron` wins over its show's, which wins over [schedule].cron.
        """
        plan: dict[str, set[tuple[str, str]]] = {}
        for show in self.shows:
            for target in self.targets(show):
                cron = target.cron or show.cron or self.schedule.cron
                plan.setdefault(cron, set()).add((show.slug, target.url))
        return plan

    @field_validator("shows")
    @classmethod
    def _unique_titles(cls, shows: list[Show]) -> list[Show]:
        seen: set[str] = set()
        for show in shows:
            if show.slug in seen:
                raise ValueError(f"show {show.title!r} is listed twice")
            seen.add(show.slug)
        return shows


def tvmaze_url(base: str, show_id: int | None, title: str) -> str:
    """The TVmaze API call for a show, with the episodes that tell its season embedded."""
    embed = "embed[]=previousepisode&embed[]=nextepisode"
    if show_id is not None:
        return f"{base.rstrip('/')}/shows/{show_id}?{embed}"
    return f"{base.rstrip('/')}/singlesearch/shows?q={quote_plus(title)}&{embed}"


@functools.lru_cache(maxsize=16384)  # asked several times per show by every run
def slugify(title: str) -> str:
    """A stable URL-safe key for a show title ("Grey's Anatomy" -> "greys-anatomy")."""
    import unicodedata

    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    ascii_title = re.sub(r"['’]", "", ascii_title.lower())
    return re.sub(r"[^a-z0-9]+", "-", ascii_title).strip("-") or "show"


def find_config_path(explicit: str | os.PathLike[str] | None) -> Path:
    """`--config`, then `$TRACKER_CONFIG`, then ./config.toml."""
    for candidate in (explicit, os.environ.get("TRACKER_CONFIG")):
        if candidate:
            return Path(candidate)
    return Path("config.toml")


def load_config(path: str | os.PathLike[str]) -> Config:
    """Read and validate a config file; every problem becomes a ConfigError."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            str(path), "", "file not found (use --config or $TRACKER_CONFIG)"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), "", f"cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), "", f"invalid TOML: {exc}") from None
    return parse_config(raw, path)


def parse_config(raw: dict[str, Any], path: Path) -> Config:
    """Validate an already-parsed TOML mapping (used by load_config and the demo)."""
    try:
        config = Config.model_validate({**raw, "path": None})
    except ValidationError as exc:
        error = exc.errors()[0]
        raise ConfigError(str(path), _field_path(error["loc"]), _problem(error)) from None
    return config.model_copy(update={"path": path})


def _field_path(loc: tuple[int | str, ...]) -> str:
    """("shows", 1, "sources", 0, "page", "url") -> "shows[1].sources[0].url"."""
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts[-1] += f"[{item}]"
        elif item in _UNION_TAGS or "[" in item:
            continue  # pydantic's union tag, not a key the user wrote
        else:
            parts.append(item)
    return ".".join(parts)


_UNION_TAGS = {*SOURCE_KINDS, "console", "webhook", "slack", "discord", "email"}


def _problem(error: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required field is missing"
    if kind == "union_tag_invalid":
        return (
            f"unknown kind {error['input'].get('kind')!r} (known: {error['ctx']['expected_tags']})"
        )
    if kind == "union_tag_not_found":
        return "missing 'kind'"
    if kind == "literal_error" and error["loc"][-1] == "kind":
        return f"unknown kind {error['input']!r} (known: {error['ctx']['expected']})"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def resolve_env(name: str, field: str, config: Config) -> str:
    """Read a secret named in the config; a missing variable is a ConfigError, never logged."""
    value = os.environ.get(name)
    if not value:
        raise ConfigError(
            str(config.path or "config"), field, f"environment variable {name} is not set"
        )
    return value


def sqlite_url_relative_to(url: str, base: Path | None) -> str:
    """Resolve a relative SQLite path against the config file's folder, so cwd does not matter."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        return url  # the store reports a bad URL with its own message
    target = parsed.database
    if base is None or parsed.get_backend_name() != "sqlite" or not target:
        return url
    if target == ":memory:" or Path(target).is_absolute():
        return url
    absolute = parsed.set(database=str((base.parent / target).resolve()))
    return absolute.render_as_string(hide_password=False)
