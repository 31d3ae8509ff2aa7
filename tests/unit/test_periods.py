from datetime import date

import pytest

from indicators.periods import parse_period, period_from_end_year


@pytest.mark.parametrize(
    ("label", "year_type", "canonical", "start", "end"),
    [
        ("2018/19", "academic", "2018/19", date(2018, 9, 1), date(2019, 8, 31)),
        ("201819", "academic", "2018/19", date(2018, 9, 1), date(2019, 8, 31)),
        ("2018/19", "financial", "2018/19", date(2018, 4, 1), date(2019, 3, 31)),
        (
            "2017/18 Q1",
            "financial",
            "2017/18 Q1 (Apr–Jun 2017)",
            date(2017, 4, 1),
            date(2017, 6, 30),
        ),
        (
            "2017/18 Q4",
            "financial",
            "2017/18 Q4 (Jan–Mar 2018)",
            date(2018, 1, 1),
            date(2018, 3, 31),
        ),
        # canonical labels parse back to themselves
        (
            "2017/18 Q1 (Apr–Jun 2017)",
            "financial",
            "2017/18 Q1 (Apr–Jun 2017)",
            date(2017, 4, 1),
            date(2017, 6, 30),
        ),
        ("Jul–Sep 2024", "calendar", "Jul–Sep 2024", date(2024, 7, 1), date(2024, 9, 30)),
        ("2024", "calendar", "2024", date(2024, 1, 1), date(2024, 12, 31)),
        # Welsh calendar quarter Apr-Jun 2018 and English financial Q1 2018/19 cover the
        # same months: both labels name the months, neither calls it Q2 against Q1.
        ("2018 Q2 (Apr-Jun)", "calendar", "Apr–Jun 2018", date(2018, 4, 1), date(2018, 6, 30)),
        (
            "2018/19 Q1",
            "financial",
            "2018/19 Q1 (Apr–Jun 2018)",
            date(2018, 4, 1),
            date(2018, 6, 30),
        ),
        ("2024 Q3 (Jul-Sep)", "calendar", "Jul–Sep 2024", date(2024, 7, 1), date(2024, 9, 30)),
        ("2018 H1 (Jan-Jun)", "calendar", "Jan–Jun 2018", date(2018, 1, 1), date(2018, 6, 30)),
        (
            "2020/21 to 2022/23",
            "financial",
            "2020/21 to 2022/23",
            date(2020, 4, 1),
            date(2023, 3, 31),
        ),
        ("1999/00", "financial", "1999/00", date(1999, 4, 1), date(2000, 3, 31)),
    ],
)
def test_parse_period(label, year_type, canonical, start, end):
    period = parse_period(label, year_type=year_type)
    assert (period.label, period.start, period.end) == (canonical, start, end)


@pytest.mark.parametrize(
    ("label", "year_type"),
    [
        ("2018/20", "academic"),  # years do not follow
        ("2018/19", "calendar"),
        ("2024", "financial"),
        ("2017/18 Q5", "financial"),
        ("2017/18 Q1", "academic"),
        ("typical (2013/14-2016/17)", "financial"),
        ("", "calendar"),
        ("<script>", "calendar"),
    ],
)
def test_parse_period_rejects(label, year_type):
    with pytest.raises(ValueError, match="period"):
        parse_period(label, year_type=year_type)


def test_end_year_means_the_year_the_period_ends():
    # LAIT writes 2022 for the 2021/22 school year and for the 2021/22 financial year.
    assert period_from_end_year(2022, year_type="academic").label == "2021/22"
    assert period_from_end_year(2022, year_type="financial").end == date(2022, 3, 31)
    assert period_from_end_year(2022, year_type="calendar").label == "2022"
