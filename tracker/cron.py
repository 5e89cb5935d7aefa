"""Five-field crontab expressions, read the way cron users expect.

APScheduler 3.x numbers weekdays from Monday (0 = mon), while crontab numbers them
from Sunday (0 or 7 = sun). We translate numeric day-of-week fields to names before
handing them to APScheduler, so "0 9 * * 1" means Monday at 09:00 as in crontab(5).
"""

from __future__ import annotations

import re
from datetime import UTC

from apscheduler.triggers.cron import CronTrigger

_DOW_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun")
_NUMBER = re.compile(r"\d+")


def _dow_to_names(field: str) -> str:
    """Expand a crontab weekday field (0-7, Sunday = 0 or 7) into day names.

    Ranges are expanded day by day because "0-6" would become "sun-sat", which
    APScheduler reads as an empty, invalid range (its week starts on Monday).
    Elements already written with names are passed through unchanged.
    """
    if field == "*":
        return field
    names: list[str] = []
    for element in field.split(","):
        base, _, step_text = element.partition("/")
        if base != "*" and not _NUMBER.fullmatch(base.replace("-", "", 1)):
            names.append(element)  # "mon-fri", "sun": APScheduler reads names as cron does
            continue
        low, high = (0, 6) if base == "*" else _bounds(base)
        step = int(step_text) if step_text else 1
        if step < 1:
            raise ValueError(f"step {step_text!r} must be at least 1")
        names.extend(_DOW_NAMES[day] for day in range(low, high + 1, step))
    return ",".join(dict.fromkeys(names))


def _bounds(base: str) -> tuple[int, int]:
    """The numeric bounds of "n" or "a-b", checked against crontab's 0-7."""
    low_text, _, high_text = base.partition("-")
    low, high = int(low_text), int(high_text or low_text)
    for value in (low, high):
        if value > 7:
            raise ValueError(f"day of week {value} is out of range 0-7")
    if low > high:
        raise ValueError(f"day-of-week range {base!r} runs backwards")
    return low, high


def cron_trigger(expr: str) -> CronTrigger:
    """Parse a 5-field crontab expression (UTC) into an APScheduler trigger.

    Raises ValueError with a readable message when the expression is invalid.
    """
    fields = expr.split()
    if len(fields) != 5:
        raise ValueError(f"expected 5 fields (minute hour day month weekday), got {len(fields)}")
    minute, hour, day, month, dow = fields
    return CronTrigger(
        minute=minute,
        hour=hour,
        day=day,
        month=month,
        day_of_week=_dow_to_names(dow),
        timezone=UTC,
    )
