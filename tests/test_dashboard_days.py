"""Registrations per day are put on the briefing's local day, clock changes included."""
import random
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from briefings.services.dashboard import BUCKET_SECONDS, _local_days


@pytest.mark.parametrize("zone", [
    "Africa/Cairo", "Europe/Paris", "America/St_Johns", "Asia/Kolkata", "Australia/Lord_Howe",
    "Pacific/Chatham", "America/Santiago", "UTC"])
def test_every_quarter_hour_lands_on_the_day_a_local_clock_shows(zone):
    tz, picked = ZoneInfo(zone), random.Random(zone)
    local_day = _local_days(tz)
    for _ in range(3000):
        seconds = picked.randrange(1_600_000_000, 1_950_000_000) // BUCKET_SECONDS * BUCKET_SECONDS
        expected = datetime.fromtimestamp(seconds, timezone.utc).astimezone(tz).date()
        assert local_day(seconds) == expected, seconds


def test_the_quarter_hours_around_a_clock_change_are_placed_one_by_one():
    paris = ZoneInfo("Europe/Paris")
    local_day = _local_days(paris)
    # 2030-10-27: clocks go back at 01:00 UTC; 22:00 UTC the day before is already the 27th.
    for hour in range(20, 26):
        seconds = int(datetime(2030, 10, 26, tzinfo=timezone.utc).timestamp()) + hour * 3600
        assert local_day(seconds) == datetime.fromtimestamp(
            seconds, timezone.utc).astimezone(paris).date()
