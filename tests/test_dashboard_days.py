"""Registrations per day are put on the briefing's local day, clock changes included."""
import random
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from briefings.services import dashboard
from briefings.services.dashboard import BUCKET_SECONDS, _local_days, _on_the_hour

from .participants_support import registration


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


@pytest.mark.parametrize("zone, expected", [
    ("Africa/Cairo", True), ("Europe/Paris", True), ("America/New_York", True),
    ("Asia/Kolkata", False), ("Asia/Kathmandu", False), ("Australia/Lord_Howe", False)])
def test_hours_are_used_only_where_each_lies_within_one_local_day(zone, expected):
    # A year of hours: every clock change of the year is among them.
    start = int(datetime(2030, 1, 1, tzinfo=timezone.utc).timestamp())
    hours = range(start, start + 366 * 24 * 3600, 3600)
    assert _on_the_hour(ZoneInfo(zone), hours) is expected


def test_a_zone_half_an_hour_off_utc_counts_by_the_quarter_hour(db, factory):
    briefing = factory.briefing(slug="delhi", tz="Asia/Kolkata")
    # India is UTC+5:30: 18:20 UTC is 23:50 on 1 June there, 18:40 UTC is 00:10 on 2 June.
    for moment in (datetime(2030, 6, 1, 18, 20, tzinfo=timezone.utc),
                   datetime(2030, 6, 1, 18, 40, tzinfo=timezone.utc)):
        registration(briefing, created_at=moment)
    days = dashboard.registrations_per_day(briefing, today=date(2030, 6, 2))
    assert [(d.day, d.new) for d in days] == [(date(2030, 6, 1), 1), (date(2030, 6, 2), 1)]
