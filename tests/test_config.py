"""config.toml: loaded and validated once, before any I/O; every mistake names file, field, problem.

Secrets live only in environment variables named by `*_env` keys: a missing one is a
ConfigError naming the field, and a secret's value never shows up in an error or a log line.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tracker.alerts import build_channels
from tracker.cli import cli
from tracker.config import (
    Config,
    find_config_path,
    load_config,
    parse_config,
    resolve_env,
    sqlite_url_relative_to,
)
from tracker.errors import ConfigError

REPO = Path(__file__).resolve().parents[1]
TRACKER = REPO / ".venv" / "bin" / "tracker"

SHOW = '[[shows]]\ntitle = "Ballard"\n'


def write(folder: Path, text: str | bytes, name: str = "config.toml") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def config_error(path: Path) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return caught.value


# -- the example in the repository ---------------------------------------------------------


def test_the_repository_config_toml_loads_and_validates() -> None:
    config = load_config(REPO / "config.toml")

    assert config.path == REPO / "config.toml"
    assert [show.title for show in config.shows] == [
        "Ballard",
        "Bosch: Legacy",
        "Severance",
        "Reacher",
    ]
    assert config.shows[0].aliases == ["Renée Ballard"]
    assert config.shows[1].slug == "bosch-legacy"
    assert all(
        s.kind == "page" and s.url.startswith("https://") for sh in config.shows for s in sh.sources
    )
    assert config.shows[2].sources[1].cron == "30 */12 * * *"
    assert config.schedule.cron == "0 */6 * * *"
    assert (config.fetch.concurrency, config.fetch.per_host, config.fetch.max_bytes) == (
        16,
        2,
        5_000_000,
    )
    assert config.fetch.timeout == 20.0
    assert [alert.kind for alert in config.alerts] == ["console"]


def test_the_repository_database_lives_next_to_its_config_file() -> None:
    config = load_config(REPO / "config.toml")

    url = sqlite_url_relative_to(config.database.url, config.path)

    assert url == f"sqlite:///{REPO / 'tracker.db'}"


def test_an_empty_file_is_a_valid_config_with_the_documented_defaults(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, ""))

    assert config.database.url == "sqlite:///tracker.db"
    assert config.schedule.cron == "0 */6 * * *"
    assert config.fetch.timeout == 20.0
    assert (config.shows, config.alerts) == ([], [])


def test_a_bare_string_source_is_a_page_and_a_table_source_keeps_its_cron(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        SHOW + 'sources = ["https://news.example/a", '
        '{ url = "http://news.example/b", cron = "0 3 * * 1" }]\n',
    )

    sources = load_config(path).shows[0].sources

    assert [(s.kind, s.url, s.cron) for s in sources] == [
        ("page", "https://news.example/a", None),
        ("page", "http://news.example/b", "0 3 * * 1"),
    ]


DESIGN_EXAMPLE = """
[database]
url = "sqlite:///tracker.db"

[fetch]
concurrency = 16
per_host = 2
timeout = 20
max_bytes = 5_000_000

[schedule]
cron = "0 */6 * * *"

[[shows]]
title = "Ballard"
aliases = ["Renée Ballard"]
sources = [
  "https://news.example/ballard-season-2",
  { url = "https://news.example/tv.rss", kind = "feed" },
  { kind = "tvmaze", id = 12345, cron = "0 3 * * *" },
]

[[alerts]]
kind = "webhook"
url = "https://hooks.example/tracker"
secret_env = "TRACKER_WEBHOOK_SECRET"

[[alerts]]
kind = "email"
host = "smtp.example.org"
port = 587
security = "starttls"
username = "tracker@example.org"
password_env = "TRACKER_SMTP_PASSWORD"
from = "tracker@example.org"
to = ["me@example.org"]
"""


def test_the_design_md_example_config_validates(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, DESIGN_EXAMPLE))

    assert [s.kind for s in config.shows[0].sources] == ["page", "feed", "tvmaze"]
    assert [a.kind for a in config.alerts] == ["webhook", "email"]


def test_the_design_md_example_sources_validate(tmp_path: Path) -> None:
    without_email = DESIGN_EXAMPLE[: DESIGN_EXAMPLE.rindex("[[alerts]]")]
    config = load_config(write(tmp_path, without_email))

    [show] = config.shows
    assert [s.kind for s in show.sources] == ["page", "feed", "tvmaze"]
    assert [(t.kind, t.url, t.cron) for t in config.targets(show)] == [
        ("page", "https://news.example/ballard-season-2", None),
        ("feed", "https://news.example/tv.rss", None),
        (
            "tvmaze",
            "https://api.tvmaze.com/shows/12345?embed[]=previousepisode&embed[]=nextepisode",
            "0 3 * * *",
        ),
    ]


# -- each mistake: file, field path, problem -------------------------------------------------

BAD_CONFIGS = [
    pytest.param("bogus = 1\n", "bogus", "unknown key", id="unknown-top-level-key"),
    pytest.param(
        "[fetch]\nconcurrancy = 4\n",
        "fetch.concurrancy",
        "unknown key",
        id="unknown-key-in-a-table",
    ),
    pytest.param(
        SHOW + "bogus = true\n", "shows[0].bogus", "unknown key", id="unknown-key-in-a-show"
    ),
    pytest.param(
        SHOW + 'sources = [{ url = "https://a.example/x", bogus = 1 }]\n',
        "shows[0].sources[0].bogus",
        "unknown key",
        id="unknown-key-in-a-source",
    ),
    pytest.param(
        '[[alerts]]\nkind = "webhook"\nurl = "https://h.example/x"\nbogus = 1\n',
        "alerts[0].bogus",
        "unknown key",
        id="unknown-key-in-an-alert",
    ),
    pytest.param(
        SHOW + 'sources = ["ftp://news.example/ballard.html"]\n',
        "shows[0].sources[0].url",
        "must be an http(s) URL, got 'ftp://news.example/",
        id="ftp-url",
    ),
    pytest.param(
        SHOW + 'sources = ["file:///etc/passwd"]\n',
        "shows[0].sources[0].url",
        "must be an http(s) URL, got 'file:///etc/passwd'",
        id="file-url",
    ),
    pytest.param(
        SHOW + 'sources = ["pages/ballard.html"]\n',
        "shows[0].sources[0].url",
        "must be an http(s) URL, got 'pages/ballard.html'",
        id="bare-path",
    ),
    pytest.param(
        SHOW + 'sources = ["https://"]\n',
        "shows[0].sources[0].url",
        "must be an http(s) URL",
        id="url-without-host",
    ),
    pytest.param(
        '[[alerts]]\nkind = "slack"\nurl = "ftp://hooks.example/x"\n',
        "alerts[0].url",
        "must be an http(s) URL",
        id="alert-url-not-http",
    ),
    pytest.param(
        '[schedule]\ncron = "0 */6 * *"\n',
        "schedule.cron",
        "expected 5 fields (minute hour day month weekday), got 4",
        id="cron-4-fields",
    ),
    pytest.param(
        '[schedule]\ncron = "61 * * * *"\n',
        "schedule.cron",
        "invalid cron expression '61 * * * *'",
        id="cron-minute-61",
    ),
    pytest.param(
        SHOW + 'sources = [{ url = "https://a.example/x", cron = "0 9 * * 8" }]\n',
        "shows[0].sources[0].cron",
        "invalid cron expression '0 9 * * 8': ",
        id="cron-weekday-8",
    ),
    pytest.param(
        SHOW + 'cron = "0 25 * * *"\n',
        "shows[0].cron",
        "invalid cron expression",
        id="show-cron-hour-25",
    ),
    pytest.param(
        '[[shows]]\naliases = ["Renée Ballard"]\n',
        "shows[0].title",
        "required field is missing",
        id="show-without-title",
    ),
    pytest.param(
        '[[shows]]\ntitle = ""\n',
        "shows[0].title",
        "must not be blank",
        id="show-with-empty-title",
    ),
    pytest.param(
        '[fetch]\nconcurrency = "16"\n',
        "fetch.concurrency",
        "valid integer",
        id="concurrency-as-string",
    ),
    pytest.param(
        "[fetch]\nconcurrency = true\n",
        "fetch.concurrency",
        "valid integer",
        id="concurrency-as-bool",
    ),
    pytest.param(
        '[fetch]\ntimeout = "20"\n', "fetch.timeout", "valid number", id="timeout-as-string"
    ),
    pytest.param(
        "[fetch]\nconcurrency = 0\n",
        "fetch.concurrency",
        "greater than or equal to 1",
        id="concurrency-zero",
    ),
    pytest.param("[[shows]]\ntitle = 5\n", "shows[0].title", "valid string", id="title-as-number"),
    pytest.param('shows = "Ballard"\n', "shows", "valid list", id="shows-not-a-list"),
    pytest.param(
        '[[alerts]]\nkind = "pager"\n',
        "alerts[0]",
        "unknown kind 'pager' (known: 'console', 'webhook', 'slack', 'discord', 'email')",
        id="unknown-alert-kind",
    ),
    pytest.param(
        '[[alerts]]\nurl = "https://hooks.example/x"\n',
        "alerts[0]",
        "missing 'kind'",
        id="alert-without-kind",
    ),
    pytest.param(
        SHOW + 'sources = [{ kind = "carrier-pigeon", url = "https://a.example/x" }]\n',
        "shows[0].sources[0]",
        "unknown kind 'carrier-pigeon' (known: 'page', 'feed', 'tvmaze')",
        id="unknown-source-kind",
    ),
    pytest.param(
        '[[alerts]]\nkind = "webhook"\nurl = "https://h.example/x"\nsecret_env = "MY-SECRET"\n',
        "alerts[0].secret_env",
        "must name an environment variable, got 'MY-SECRET'",
        id="secret-env-not-a-variable-name",
    ),
    pytest.param(
        '[[alerts]]\nkind = "webhook"\nurl = "https://h.example/x"\nsecret_env = "1SECRET"\n',
        "alerts[0].secret_env",
        "must name an environment variable",
        id="secret-env-starting-with-a-digit",
    ),
    pytest.param(
        '[[shows]]\ntitle = "Ballard"\n[[shows]]\ntitle = "Severance"\n'
        '[[shows]]\ntitle = "ballard"\n',
        "shows",
        "show 'ballard' is listed twice",
        id="duplicate-show-titles",
    ),
    pytest.param("[database]\nurl = 5\n", "database.url", "valid string", id="database-url-number"),
]


@pytest.mark.parametrize(("text", "field", "problem"), BAD_CONFIGS)
def test_a_bad_config_names_the_file_the_field_and_the_problem(
    tmp_path: Path, text: str, field: str, problem: str
) -> None:
    path = write(tmp_path, text)

    error = config_error(path)

    assert error.path == str(path)
    assert error.field == field
    assert problem in error.problem
    assert str(error).startswith(f"{path}: {field}: ")
    assert "\n" not in str(error)
    assert error.exit_code == 2


def test_a_bad_weekday_in_a_source_cron_says_what_is_wrong_with_it(tmp_path: Path) -> None:
    path = write(
        tmp_path, SHOW + 'sources = [{ url = "https://a.example/x", cron = "0 9 * * 8" }]\n'
    )

    problem = config_error(path).problem

    assert "day of week" in problem and "8" in problem.split(":", 1)[1]


def test_a_show_title_of_only_spaces_is_rejected(tmp_path: Path) -> None:
    error = config_error(write(tmp_path, '[[shows]]\ntitle = "   "\n'))

    assert error.field == "shows[0].title"


def test_the_second_show_is_named_by_its_index(tmp_path: Path) -> None:
    text = (
        SHOW
        + 'sources = ["https://ok.example/a"]\n'
        + (
            '[[shows]]\ntitle = "Severance"\n'
            'sources = ["https://ok.example/b", "ftp://bad.example/c"]\n'
        )
    )

    error = config_error(write(tmp_path, text))

    assert error.field == "shows[1].sources[1].url"


def test_invalid_toml_syntax_names_the_file_and_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, '[database]\nurl = "sqlite:///t.db"\n[fetch\nconcurrency = 4\n')

    error = config_error(path)

    assert str(error).startswith(f"{path}: invalid TOML: ")
    assert "line 3" in str(error)


def test_a_missing_file_says_so_and_how_to_point_at_another(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "config.toml"

    error = config_error(path)

    assert str(error) == f"{path}: file not found (use --config or $TRACKER_CONFIG)"


def test_a_file_that_is_not_utf8_is_a_config_error_not_a_crash(tmp_path: Path) -> None:
    path = write(tmp_path, b'[[shows]]\ntitle = "Caf\xe9 Society"\n')  # latin-1 é

    error = config_error(path)

    assert str(error).startswith(f"{path}: cannot read: ")
    assert "utf-8" in str(error)


def test_a_directory_is_a_config_error_not_a_crash(tmp_path: Path) -> None:
    error = config_error(tmp_path)

    assert str(error).startswith(f"{tmp_path}: cannot read")


def test_parse_config_reports_against_the_path_it_is_given() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(
            {"shows": [{"title": "Ballard", "sources": ["ftp://x.example/"]}]}, Path("<demo>")
        )

    assert str(caught.value).startswith("<demo>: shows[0].sources[0].url: ")


# -- where the config is found --------------------------------------------------------------


def test_config_flag_beats_the_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_CONFIG", "/etc/tracker/env.toml")

    assert find_config_path("/srv/flag.toml") == Path("/srv/flag.toml")


def test_environment_variable_beats_the_working_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_CONFIG", "/etc/tracker/env.toml")

    assert find_config_path(None) == Path("/etc/tracker/env.toml")


def test_without_flag_or_variable_config_toml_in_the_working_directory_is_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("TRACKER_CONFIG", raising=False)

    assert find_config_path(None) == Path("config.toml")


def test_the_cli_follows_the_lookup_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("cwd", "env", "flag"):
        write(tmp_path / name, f'[database]\nurl = "sqlite:///{name}.db"\n')
    monkeypatch.chdir(tmp_path / "cwd")
    runner = CliRunner()

    monkeypatch.delenv("TRACKER_CONFIG", raising=False)
    from_cwd = runner.invoke(cli, ["init"])
    monkeypatch.setenv("TRACKER_CONFIG", str(tmp_path / "env" / "config.toml"))
    from_env = runner.invoke(cli, ["init"])
    from_flag = runner.invoke(cli, ["--config", str(tmp_path / "flag" / "config.toml"), "init"])

    assert (from_cwd.exit_code, from_env.exit_code, from_flag.exit_code) == (0, 0, 0)
    assert (tmp_path / "cwd" / "cwd.db").is_file()
    assert (tmp_path / "env" / "env.db").is_file()
    assert (tmp_path / "flag" / "flag.db").is_file()
    assert str(tmp_path / "flag" / "flag.db") in from_flag.output


# -- relative SQLite paths ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param("sqlite:///tracker.db", "sqlite:///{base}/tracker.db", id="relative-file"),
        pytest.param(
            "sqlite:///data/tracker.db", "sqlite:///{base}/data/tracker.db", id="relative-subfolder"
        ),
        pytest.param("sqlite:///../shared.db", "sqlite:///{parent}/shared.db", id="dot-dot"),
        pytest.param(
            "sqlite:////var/lib/tracker.db",
            "sqlite:////var/lib/tracker.db",
            id="absolute-unchanged",
        ),
        pytest.param("sqlite:///:memory:", "sqlite:///:memory:", id="memory-unchanged"),
        pytest.param("sqlite://", "sqlite://", id="bare-memory-unchanged"),
        pytest.param(
            "postgresql+psycopg://u@db.example/tracker",
            "postgresql+psycopg://u@db.example/tracker",
            id="postgres-unchanged",
        ),
    ],
)
def test_a_relative_sqlite_url_is_resolved_next_to_the_config_file(
    tmp_path: Path, url: str, expected: str
) -> None:
    base = (tmp_path / "etc").resolve()

    resolved = sqlite_url_relative_to(url, base / "config.toml")

    assert resolved == expected.format(base=base, parent=base.parent)


def test_without_a_config_path_the_url_is_left_alone() -> None:
    assert sqlite_url_relative_to("sqlite:///tracker.db", None) == "sqlite:///tracker.db"


def test_a_relative_sqlite_url_with_an_explicit_driver_is_resolved_too(tmp_path: Path) -> None:
    resolved = sqlite_url_relative_to("sqlite+pysqlite:///tracker.db", tmp_path / "config.toml")

    assert resolved == f"sqlite+pysqlite:///{tmp_path.resolve()}/tracker.db"


def test_init_from_another_directory_creates_the_database_next_to_the_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write(tmp_path / "etc", '[database]\nurl = "sqlite:///tracker.db"\n')
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")

    result = CliRunner().invoke(cli, ["--config", str(config), "init"])

    assert result.exit_code == 0, result.output
    assert (tmp_path / "etc" / "tracker.db").is_file()
    assert not (tmp_path / "elsewhere" / "tracker.db").exists()


# -- secrets ---------------------------------------------------------------------------------

SECRET_BYTES = b"correct-horse-battery-staple-0123456789"
SECRET = "whsec_" + base64.b64encode(SECRET_BYTES).decode()


def webhook_config(tmp_path: Path, url: str = "https://hooks.example/tracker") -> Path:
    return write(
        tmp_path,
        f'[database]\nurl = "sqlite:///tracker.db"\n'
        f'[[alerts]]\nkind = "console"\n'
        f'[[alerts]]\nkind = "webhook"\nurl = "{url}"\nsecret_env = "TRACKER_TEST_HOOK_SECRET"\n',
    )


def test_resolve_env_names_the_field_and_the_variable_when_it_is_unset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRACKER_TEST_HOOK_SECRET", raising=False)
    config = load_config(webhook_config(tmp_path))

    with pytest.raises(ConfigError) as caught:
        resolve_env("TRACKER_TEST_HOOK_SECRET", "alerts[1].secret_env", config)

    assert caught.value.field == "alerts[1].secret_env"
    assert str(caught.value) == (
        f"{tmp_path / 'config.toml'}: alerts[1].secret_env: "
        "environment variable TRACKER_TEST_HOOK_SECRET is not set"
    )


def test_resolve_env_returns_the_value_when_it_is_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_TEST_HOOK_SECRET", SECRET)
    config = load_config(webhook_config(tmp_path))

    assert resolve_env("TRACKER_TEST_HOOK_SECRET", "alerts[1].secret_env", config) == SECRET


def test_building_channels_fails_on_a_missing_secret_naming_the_alert(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRACKER_TEST_HOOK_SECRET", raising=False)
    config = load_config(webhook_config(tmp_path))

    with pytest.raises(ConfigError) as caught:
        build_channels(config)

    assert caught.value.field == "alerts[1].secret_env"
    assert "TRACKER_TEST_HOOK_SECRET is not set" in str(caught.value)


def test_a_secret_that_is_not_base64_is_rejected_without_echoing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("TRACKER_TEST_HOOK_SECRET", "hunter2 is my password!")
    config = load_config(webhook_config(tmp_path))

    with pytest.raises(ConfigError) as caught:
        build_channels(config)

    assert caught.value.field == "alerts[1].secret_env"
    assert "base64" in caught.value.problem
    assert "hunter2" not in str(caught.value)
    assert "hunter2" not in caplog.text


def test_run_with_a_missing_secret_exits_2_before_fetching_anything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer
) -> None:
    monkeypatch.delenv("TRACKER_TEST_HOOK_SECRET", raising=False)
    config = webhook_config(tmp_path)
    config.write_text(
        config.read_text()
        + f'[[shows]]\ntitle = "Ballard"\nsources = ["{httpserver.url_for("/b")}"]\n'
    )
    runner = CliRunner()
    assert runner.invoke(cli, ["--config", str(config), "init"]).exit_code == 0

    result = runner.invoke(cli, ["--config", str(config), "run"])

    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"error: {config}: alerts[1].secret_env: "
        "environment variable TRACKER_TEST_HOOK_SECRET is not set"
    ]
    assert httpserver.log == []


ARTICLE = """<!doctype html><html><head><title>Ballard renewed for season 2</title>
<meta property="article:published_time" content="2025-10-06T16:00:00Z"></head>
<body><article><h1>Ballard renewed for season 2 at Prime Video</h1>
<p>It's official: Prime Video has renewed Ballard for a second season, the streamer
announced Monday.</p>
<p>The Bosch spin-off stars Maggie Q as Detective Renée Ballard, who runs the LAPD's cold
case unit out of a basement office with a team of volunteers.</p></article></body></html>"""


def test_the_webhook_secret_never_appears_in_verbose_output_even_when_delivery_fails(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    """A real `tracker -vv run` in a subprocess: the hook answers 500, so failures are logged."""
    received: list[Request] = []

    def hook(request: Request) -> Response:
        received.append(request)
        return Response("upstream broke", status=500)

    httpserver.expect_request("/ballard").respond_with_data(ARTICLE, content_type="text/html")
    httpserver.expect_request("/hook", method="POST").respond_with_handler(hook)
    config = webhook_config(tmp_path, httpserver.url_for("/hook"))
    config.write_text(
        config.read_text()
        + f'[[shows]]\ntitle = "Ballard"\nsources = ["{httpserver.url_for("/ballard")}"]\n'
    )
    env = {**os.environ, "TRACKER_TEST_HOOK_SECRET": SECRET, "COLUMNS": "200"}
    assert CliRunner().invoke(cli, ["--config", str(config), "init"]).exit_code == 0

    result = subprocess.run(
        [str(TRACKER), "-vv", "--config", str(config), "run"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 1, result.stderr  # the pass completed; an alert is still due
    assert "alerts: 1 sent, 1 failed" in result.stdout  # console sent, webhook failed
    assert "answered HTTP 500" in result.stderr  # the failure is logged...
    assert len(received) == 1 and received[0].headers.get("webhook-signature", "").startswith("v1,")
    output = result.stdout + result.stderr
    for leak in (SECRET, SECRET.removeprefix("whsec_"), SECRET_BYTES.decode()):
        assert leak not in output  # ...without the secret
    assert json.loads(received[0].get_data())["type"] == "show.first_seen"


def test_a_validated_config_is_frozen(tmp_path: Path) -> None:
    config: Config = load_config(write(tmp_path, SHOW))

    with pytest.raises(Exception, match="frozen"):
        config.shows[0].title = "Bosch"  # type: ignore[misc]
