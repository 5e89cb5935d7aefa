"""Five-field crontab expressions read as crontab(5) reads them, and the daemon's schedule.

Every expectation is a list of next fire times computed from one fixed instant, so a
weekday off by one (APScheduler counts from Monday, crontab from Sunday) cannot hide.
"""

from __future__ import annotations

import itertools
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import jobs.daemon
import jobs.prune
from jobs.scrape import scrape
from tracker.cron import cron_trigger

WEDNESDAY_NOON = datetime(2025, 7, 9, 12, 0, tzinfo=UTC)  # Wed 9 July 2025, 12:00 UTC


def fire_times(expr: str, count: int = 7, start: datetime = WEDNESDAY_NOON) -> list[datetime]:
    trigger = cron_trigger(expr)
    times: list[datetime] = []
    previous, now = None, start
    for _ in range(count):
        fire = trigger.get_next_fire_time(previous, now)
        assert fire is not None
        times.append(fire)
        previous = now = fire
    return times


def weekdays(expr: str, count: int = 7) -> list[str]:
    return [t.strftime("%a") for t in fire_times(expr, count)]


# -- weekday numbering ------------------------------------------------------------------------


def test_weekday_0_is_sunday() -> None:
    times = fire_times("0 9 * * 0", 3)

    assert times == [
        datetime(2025, 7, 13, 9, 0, tzinfo=UTC),
        datetime(2025, 7, 20, 9, 0, tzinfo=UTC),
        datetime(2025, 7, 27, 9, 0, tzinfo=UTC),
    ]


def test_weekday_7_is_also_sunday() -> None:
    assert fire_times("0 9 * * 7", 5) == fire_times("0 9 * * 0", 5)


def test_weekday_1_is_monday() -> None:
    assert fire_times("0 9 * * 1", 2) == [
        datetime(2025, 7, 14, 9, 0, tzinfo=UTC),
        datetime(2025, 7, 21, 9, 0, tzinfo=UTC),
    ]


def test_weekday_6_is_saturday() -> None:
    assert fire_times("0 9 * * 6", 1) == [datetime(2025, 7, 12, 9, 0, tzinfo=UTC)]


def test_1_to_5_is_monday_to_friday() -> None:
    assert weekdays("0 9 * * 1-5", 10) == [
        "Thu",
        "Fri",
        "Mon",
        "Tue",
        "Wed",
        "Thu",
        "Fri",
        "Mon",
        "Tue",
        "Wed",
    ]


def test_0_to_6_is_every_day_of_the_week() -> None:
    times = fire_times("0 9 * * 0-6", 8)

    assert weekdays("0 9 * * 0-6", 7) == ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    assert all(b - a == timedelta(days=1) for a, b in itertools.pairwise(times))


def test_1_to_7_is_every_day_of_the_week_too() -> None:
    assert fire_times("0 9 * * 1-7", 7) == fire_times("0 9 * * 0-6", 7)


def test_5_to_7_is_friday_to_sunday() -> None:
    assert weekdays("0 9 * * 5-7", 6) == ["Fri", "Sat", "Sun", "Fri", "Sat", "Sun"]


def test_a_list_of_weekdays() -> None:
    assert weekdays("0 9 * * 1,3,5", 6) == ["Fri", "Mon", "Wed", "Fri", "Mon", "Wed"]


def test_a_stepped_range_of_weekdays() -> None:
    assert weekdays("0 9 * * 1-5/2", 6) == ["Fri", "Mon", "Wed", "Fri", "Mon", "Wed"]


def test_every_other_weekday_counts_from_sunday() -> None:
    assert weekdays("0 9 * * */2", 8) == ["Thu", "Sat", "Sun", "Tue", "Thu", "Sat", "Sun", "Tue"]


@pytest.mark.parametrize(
    ("names", "numbers"),
    [
        pytest.param("mon-fri", "1-5", id="mon-fri"),
        pytest.param("sun", "0", id="sun"),
        pytest.param("sat,sun", "6,0", id="weekend"),
        pytest.param("MON", "1", id="upper-case"),
        pytest.param("mon,3", "1,3", id="names-and-numbers-mixed"),
    ],
)
def test_weekday_names_pass_through_with_their_crontab_meaning(names: str, numbers: str) -> None:
    assert fire_times(f"0 9 * * {names}", 10) == fire_times(f"0 9 * * {numbers}", 10)


def test_a_star_weekday_fires_every_day() -> None:
    assert weekdays("0 9 * * *", 7) == ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]


def test_the_other_fields_and_utc() -> None:
    times = fire_times("30 */6 * * *", 3)

    assert times == [
        datetime(2025, 7, 9, 12, 30, tzinfo=UTC),
        datetime(2025, 7, 9, 18, 30, tzinfo=UTC),
        datetime(2025, 7, 10, 0, 30, tzinfo=UTC),
    ]
    assert all(t.utcoffset() == timedelta(0) for t in times)


def test_day_of_month_and_month() -> None:
    assert fire_times("15 4 1 jan,jul *", 2) == [
        datetime(2026, 1, 1, 4, 15, tzinfo=UTC),
        datetime(2026, 7, 1, 4, 15, tzinfo=UTC),
    ]


def test_a_restricted_day_of_month_and_weekday_fire_on_either_like_crontab() -> None:
    assert fire_times("0 0 1 * 1", 5) == [
        datetime(2025, 7, 14, 0, 0, tzinfo=UTC),  # Monday
        datetime(2025, 7, 21, 0, 0, tzinfo=UTC),  # Monday
        datetime(2025, 7, 28, 0, 0, tzinfo=UTC),  # Monday
        datetime(2025, 8, 1, 0, 0, tzinfo=UTC),  # the 1st, a Friday
        datetime(2025, 8, 4, 0, 0, tzinfo=UTC),  # Monday
    ]


def test_a_weekday_name_range_starting_on_sunday_is_sunday_to_thursday() -> None:
    assert fire_times("0 9 * * sun-thu", 10) == fire_times("0 9 * * 0-4", 10)


def test_a_range_from_7_to_7_is_sunday_only() -> None:
    assert fire_times("0 9 * * 7-7", 3) == fire_times("0 9 * * 0", 3)


def test_a_starred_step_day_of_month_with_a_weekday_needs_both_like_crontab() -> None:
    assert fire_times("0 0 */2 * 1", 2) == [
        datetime(2025, 7, 21, 0, 0, tzinfo=UTC),
        datetime(2025, 8, 11, 0, 0, tzinfo=UTC),
    ]


# -- invalid expressions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "fragments"),
    [
        pytest.param(
            "0 9 * *", ["expected 5 fields (minute hour day month weekday)", "got 4"], id="4-fields"
        ),
        pytest.param("0 9 * * * *", ["expected 5 fields", "got 6"], id="6-fields"),
        pytest.param("", ["expected 5 fields", "got 0"], id="empty"),
        pytest.param("61 * * * *", ["61", "maximum value (59)"], id="minute-61"),
        pytest.param("0 24 * * *", ["24", "maximum value (23)"], id="hour-24"),
        pytest.param("0 0 32 * *", ["32", "maximum value (31)"], id="day-32"),
        pytest.param("0 0 * 13 *", ["13", "maximum value (12)"], id="month-13"),
        pytest.param("0 9 * * 8", ["day of week", "8", "0-7"], id="weekday-8"),
        pytest.param("0 9 * * 1-9", ["day of week", "9"], id="weekday-range-to-9"),
        pytest.param("0 9 * * 5-1", ["'5-1'", "runs backwards"], id="weekday-range-backwards"),
        pytest.param("0 9 * * 1-5/0", ["step", "at least 1"], id="weekday-step-0"),
        pytest.param("0 9 * * funday", ["funday"], id="unknown-weekday-name"),
        pytest.param("0 9 * * 1,,2", ["day"], id="empty-list-element"),
    ],
)
def test_an_invalid_expression_raises_value_error_with_readable_text(
    expr: str, fragments: list[str]
) -> None:
    with pytest.raises(ValueError) as caught:
        cron_trigger(expr)

    message = str(caught.value)
    assert [f for f in fragments if f not in message] == []
    assert "\n" not in message and "int()" not in message


@pytest.mark.parametrize("weekday", ["1-", "-1"])
def test_a_weekday_with_a_dangling_dash_is_rejected_with_readable_text(weekday: str) -> None:
    with pytest.raises(ValueError) as caught:
        cron_trigger(f"0 9 * * {weekday}")

    assert "day" in str(caught.value)
    assert "int()" not in str(caught.value)


# -- the daemon wires the scrape jobs to these triggers ---------------------------------------


def daemon_config(tmp_path: Path, schedule: str, source_cron: str | None = None) -> Path:
    source = '"https://news.example/ballard"'
    if source_cron:
        source = f'{{ url = "https://news.example/ballard-2", cron = "{source_cron}" }}'
        source = f'"https://news.example/ballard", {source}'
    path = tmp_path / "config.toml"
    path.write_text(
        f'[schedule]\ncron = "{schedule}"\n[[shows]]\ntitle = "Ballard"\nsources = [{source}]\n',
        encoding="utf-8",
    )
    return path


def scrape_jobs(scheduler: Any) -> list[Any]:
    return [job for job in scheduler.get_jobs() if job.func is scrape]


def first_fires(scheduler: Any) -> dict[str, datetime]:
    """Each scrape job's first firing after Wednesday noon, to the minute: the default
    jitter adds up to 30 s, which the daemon test checks on its own."""
    fires = {
        job.args[2]: job.trigger.get_next_fire_time(None, WEDNESDAY_NOON)
        for job in scrape_jobs(scheduler)
    }
    assert all(fire.second < 31 for fire in fires.values())
    return {cron: fire.replace(second=0, microsecond=0) for cron, fire in fires.items()}


def test_the_daemon_runs_the_scrape_job_on_the_configured_crontab_in_utc(tmp_path: Path) -> None:
    config = daemon_config(tmp_path, "0 9 * * 1")  # Mondays 09:00, as crontab means it

    scheduler = jobs.daemon.build_scheduler(config)

    [job] = scrape_jobs(scheduler)
    assert job.func is scrape
    assert tuple(job.args[:3]) == (config, None, "0 9 * * 1")
    assert isinstance(job.args[3], threading.Event)  # set by SIGTERM: start no new fetch
    assert (job.coalesce, job.max_instances, job.misfire_grace_time) == (True, 1, 600)
    assert job.trigger.jitter == 30  # [schedule].jitter's default, in seconds
    assert first_fires(scheduler) == {"0 9 * * 1": datetime(2025, 7, 14, 9, 0, tzinfo=UTC)}
    assert str(scheduler.timezone) == "UTC"


def test_the_daemon_passes_the_db_override_to_every_scrape(tmp_path: Path) -> None:
    config = daemon_config(tmp_path, "0 */6 * * *")

    scheduler = jobs.daemon.build_scheduler(config, "sqlite:////srv/other.db")

    assert [job.args[1] for job in scheduler.get_jobs()] == ["sqlite:////srv/other.db"] * 3


def test_the_daemon_prunes_daily_on_the_retention_crontab(tmp_path: Path) -> None:
    config = daemon_config(tmp_path, "0 */6 * * *")

    scheduler = jobs.daemon.build_scheduler(config)

    [job] = [job for job in scheduler.get_jobs() if job.id == "prune"]
    assert job.func is jobs.prune.prune and tuple(job.args) == (config, None)
    assert job.trigger.get_next_fire_time(None, WEDNESDAY_NOON) == datetime(
        2025, 7, 10, 4, 17, tzinfo=UTC
    )  # the default "17 4 * * *": tomorrow 04:17 UTC


def test_a_source_with_its_own_cron_is_scraped_on_that_cron(tmp_path: Path) -> None:
    config = daemon_config(tmp_path, "0 */6 * * *", source_cron="30 3 * * *")

    scheduler = jobs.daemon.build_scheduler(config)

    assert first_fires(scheduler) == {
        "0 */6 * * *": datetime(2025, 7, 9, 12, 0, tzinfo=UTC),  # noon itself matches
        "30 3 * * *": datetime(2025, 7, 10, 3, 30, tzinfo=UTC),
    }
