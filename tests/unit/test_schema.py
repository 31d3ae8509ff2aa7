import numpy as np
import pandas as pd
import pytest

from indicators.errors import SchemaError
from indicators.schema import COLUMNS, conform, read_tidy_csv, validate


def good_row(**changes):
    row = {
        "indicator_id": "eyfsp_gld",
        "area_code": "E06000005",
        "area_name": "Darlington",
        "area_level": "la",
        "nation": "England",
        "period": "2018/19",
        "period_start": "2018-09-01",
        "period_end": "2019-08-31",
        "breakdown": "all",
        "value": 70.0,
        "numerator": 70.0,
        "denominator": 100.0,
        "status": "ok",
        "area_status": "current",
        "derivation": "published",
        "source_id": "synthetic",
    }
    row.update(changes)
    return row


def frame_of(*rows):
    return conform(pd.DataFrame(list(rows)))


def test_a_good_frame_passes_and_conform_orders_columns():
    frame = validate(frame_of(good_row()), origin="test")
    assert tuple(frame.columns) == COLUMNS


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"area_code": "Darlington"}, "not a GSS code"),
        ({"area_code": "W06000001"}, "nation does not match"),
        ({"area_level": "region"}, "prefix does not match"),
        ({"status": "zero"}, "unknown status"),
        ({"status": "suppressed"}, "no value but value is set"),
        ({"value": np.nan}, "value is empty"),
        ({"numerator": 200.0}, "numerator exceeds denominator"),
        ({"period_end": "2017-01-01"}, "ends before it starts"),
        ({"lower_ci95": 71.0, "upper_ci95": 80.0}, "outside its 95 CI"),
        ({"lower_ci95": 60.0}, "only one bound"),
        ({"source_id": ""}, "empty source_id"),
    ],
)
def test_validation_names_origin_and_row(change, message):
    frame = frame_of(good_row(area_code="E06000001"), good_row(**change))
    with pytest.raises(SchemaError, match=message) as caught:
        validate(frame, origin="somefile.csv", first_row=2)
    assert caught.value.origin == "somefile.csv"
    assert caught.value.row == 3  # second data row of a CSV with a header
    assert "somefile.csv, row 3" in str(caught.value)


def test_duplicate_keys_are_rejected():
    with pytest.raises(SchemaError, match="duplicate"):
        validate(frame_of(good_row(), good_row()), origin="x")


def test_read_tidy_csv_names_the_line_of_a_bad_number(tmp_path):
    frame = frame_of(good_row(), good_row(area_code="E06000001"))
    path = tmp_path / "indicators.csv"
    text = frame.to_csv(index=False).replace(
        "E06000001,Darlington,la,England,2018/19,2018-09-01,2019-08-31,all,70.0",
        "E06000001,Darlington,la,England,2018/19,2018-09-01,2019-08-31,all,seventy",
    )
    path.write_text(text)
    with pytest.raises(SchemaError, match=r"line|row 3") as caught:
        read_tidy_csv(path)
    assert str(path) in str(caught.value) and "seventy" in str(caught.value)


def test_read_tidy_csv_reports_missing_columns(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("indicator_id,area_code\nx,E06000005\n")
    with pytest.raises(SchemaError, match="missing columns"):
        read_tidy_csv(path)
