"""Five-field crontab expressions, read the way cron users expect.

APScheduler 3.x numbers weekdays from Monday (0 = mon), while crontab numbers them
from Sunday (0 or 7 = sun), and its week also starts on Monday for name ranges
("sun-thu" is backwards to it). We expand every weekday field into an explicit list
of day names before handing it over, so "0 9 * * 1" means Monday at 09:00 and
"sun-thu" means Sunday to Thursday, as in crontab(5). Like cron, when both the
day-of-month and the weekday are restricted (neither starts with "*"), either one
matching fires the job.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from apscheduler.triggers.base import BaseTrigger

_DOW_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
_DOW_VALUE = {name: index for index, name in enumerate(_DOW_NAMES)}
_DAY = r"(?:[0-7]|sun|mon|tue|wed|thu|fri|sat)"
_ELEMENT = re.compile(rf"(\*|{_DAY}(?:-{_DAY})?)(?:/(\d+))?")


def _day(text: str) -> int:
    value = _DOW_VALUE.get(text)
    return value if value is not None else int(text) % 7


def _dow_to_names(field: str) -> str:
    """Expand a crontab weekday field ("1-5", "sun-thu", "*/2", "0,6") into day names."""
    if field == "*":
        return field
    days: list[int] = []
    for element in field.lower().split(","):
        match = _ELEMENT.fullmatch(element)
        if match is None:
            raise ValueError(f"invalid day of week {element!r} (use 0-7 or sun-sat)")
        days.extend(_expand(match.group(1), int(match.group(2) or 1)))
    return ",".join(_DOW_NAMES[d] for d in dict.fromkeys(days))


def _expand(base: str, step: int) -> list[int]:
    if step < 1:
        raise ValueError("a step must be at least 1")
    if base == "*":
        return list(range(0, 7, step))
    low_text, _, high_text = base.partition("-")
    low = 7 if low_text == "7" else _day(low_text)  # "7-7" is Sunday, not the whole week
    high_text = high_text or low_text
    high = 7 if high_text == "7" else _day(high_text)
    if high < low:
        raise ValueError(f"day-of-week range {base!r} runs backwards")
    return [day % 7 for day in range(low, high + 1, step)]


def cron_trigger(expr: str, jitter: int | None = None) -> BaseTrigger:
    """Parse a 5-field crontab expression (UTC) into an APScheduler trigger.

    `jitter` delays each firing by up to that many seconds (APScheduler 3 takes it on
    the trigger; an `add_job(jitter=…)` beside a trigger object is silently dropped).
    Raises ValueError with a readable message when the expression is invalid.
    """
    # APScheduler (and asyncio) load on the first crontab read: startup of `tracker run`
    from apscheduler.triggers.combining import OrTrigger
    from apscheduler.triggers.cron import CronTrigger

    fields = expr.split()
    if len(fields) != 5:
        raise ValueError(f"expected 5 fields (minute hour day month weekday), got {len(fields)}")
    minute, hour, day, month, dow = fields
    common = {"minute": minute, "hour": hour, "month": month, "timezone": UTC}
    if not day.startswith("*") and not dow.startswith("*"):  # as Vixie cron does
        return OrTrigger(
            [
                CronTrigger(day=day, **common),
                CronTrigger(day_of_week=_dow_to_names(dow), **common),
            ],
            jitter=jitter,
        )
    return CronTrigger(day=day, day_of_week=_dow_to_names(dow), jitter=jitter, **common)


@lru_cache(maxsize=256)
def _trigger(expr: str) -> BaseTrigger:
    return cron_trigger(expr)


def fired_since(expr: str, last: datetime | None, now: datetime) -> bool:
    """Whether the crontab `expr` fired after `last` and by `now`.

    This is what "due" means: a source last checked at `last` is due again once its
    schedule has fired since. Read from the database rather than kept in memory, it makes
    a duplicate firing (a second daemon, a restart, a `tracker run --due-only` from cron)
    find nothing left to do, and a daemon that was down catch up with one pass.
    """
    if last is None:
        return True
    after = last + timedelta(microseconds=1)  # a check at the fire time itself counts
    upcoming = _trigger(expr).get_next_fire_time(None, after)
    return upcoming is not None and upcoming <= now
