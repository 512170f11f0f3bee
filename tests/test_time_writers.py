"""The writers that format a whole list's times at once say what the one-off formatters say."""
from datetime import datetime, timedelta, timezone

import pytest
from flask_babel import force_locale

from briefings import i18n

# Across a summer-time change in each zone, and a zone that writes "+04" for want of a name.
ZONES = ["Europe/Berlin", "Africa/Cairo", "Asia/Dubai", "America/New_York", "UTC"]
MOMENTS = [datetime(2026, 3, 28, 22, 45, tzinfo=timezone.utc) + timedelta(minutes=35 * n)
           for n in range(0, 200, 7)]


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
@pytest.mark.parametrize("zone", ZONES)
def test_a_span_reads_as_date_time_time_and_zone(app, language, zone):
    with app.test_request_context(), force_locale(language):
        span = i18n.span_writer(zone)
        stamp = i18n.stamp_writer(zone)
        for start in MOMENTS:
            end = start + timedelta(minutes=90)
            assert span(start, end) == (
                f"{i18n.format_short_date(start, zone)} {i18n.format_time(start, zone)}"
                f"–{i18n.format_time(end, zone)} {i18n.zone_abbreviation(start, zone)}")
            assert stamp(start) == (f"{i18n.format_short_date(start, zone)}, "
                                    f"{i18n.format_time(start, zone)}")


def test_the_language_is_the_page_language(app):
    start = datetime(2026, 6, 20, 7, 30, tzinfo=timezone.utc)
    end = start + timedelta(hours=1)
    with app.test_request_context():
        with force_locale("fr"):
            french = i18n.span_writer("Europe/Paris")(start, end)
        with force_locale("ar"):
            arabic = i18n.span_writer("Europe/Paris")(start, end)
    assert french == "20 juin 2026 09:30–10:30 CEST"
    assert arabic == "20\u200f/06\u200f/2026 09:30–10:30 CEST"  # right-to-left marks in the date
