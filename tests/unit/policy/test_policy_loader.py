"""Loading a policy file: the default file loads, and malformed files fail naming the key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.policy import PolicyError, load_policy, parse_policy
from bot.policy.loader import DEFAULT_POLICY_FILE, parse_yaml, policy_from_data


def problems_for(data: Any) -> str:
    with pytest.raises(PolicyError) as error:
        policy_from_data(data)
    return str(error.value)


def test_the_default_policy_file_is_the_path_bot_config_points_at() -> None:
    expected = Path(__file__).resolve().parents[3] / "bot/policy/data/progress_housing.yml"
    assert expected == DEFAULT_POLICY_FILE


def test_the_default_policy_loads_and_names_the_organisation() -> None:
    assert load_policy().organisation.name == "Progress Housing Group"


def test_each_call_loads_afresh_so_callers_decide_on_caching(policy: Any) -> None:
    again = load_policy()
    assert again == policy
    assert again is not policy


def test_a_misspelled_category_key_names_the_path_and_suggests_the_right_key(
    policy_data: Any,
) -> None:
    policy_data["categories"][3]["priorty"] = policy_data["categories"][3].pop("priority")
    message = problems_for(policy_data)
    assert "categories[3].priorty: unknown key (did you mean 'priority'?)" in message
    assert "categories[3].priority: missing key" in message


def test_a_missing_top_level_section_is_named(policy_data: Any) -> None:
    del policy_data["case_review"]
    assert "case_review: missing key" in problems_for(policy_data)


def test_a_missing_nested_key_is_named(policy_data: Any) -> None:
    del policy_data["organisation"]["opening_hours"]["wednesday"]
    assert "organisation.opening_hours.wednesday: missing key" in problems_for(policy_data)


def test_a_wrong_type_names_the_key(policy_data: Any) -> None:
    policy_data["priorities"][0]["working_days"] = "one"
    assert "priorities[0].working_days: expected a whole number" in problems_for(policy_data)


def test_an_unknown_scope_is_rejected_with_the_allowed_values(policy_data: Any) -> None:
    policy_data["categories"][0]["scope"] = "out_of_scope"
    assert "categories[0].scope: must be one of" in problems_for(policy_data)


def test_a_priority_level_that_does_not_exist_is_named(policy_data: Any) -> None:
    policy_data["categories"][2]["priority"] = 3
    assert "categories[2].priority: no priority level 3 in priorities" in problems_for(policy_data)


def test_a_signpost_that_does_not_exist_is_named(policy_data: Any) -> None:
    policy_data["exclusions"][1]["signposts"] = ["ico", "citizens_advice"]
    message = problems_for(policy_data)
    assert "exclusions[1].signposts[1]: unknown signpost 'citizens_advice'" in message


def test_an_unknown_emergency_signpost_is_named(policy_data: Any) -> None:
    policy_data["emergency"]["signpost"] = "call_999"
    assert "emergency.signpost: unknown signpost 'call_999'" in problems_for(policy_data)


def test_an_exclusion_yielding_to_an_unknown_category_is_named(policy_data: Any) -> None:
    policy_data["exclusions"][0]["yields_to"] = ["noize"]
    assert "exclusions[0].yields_to[0]: unknown category 'noize'" in problems_for(policy_data)


def test_duplicate_category_keys_are_rejected(policy_data: Any) -> None:
    policy_data["categories"][1]["key"] = policy_data["categories"][0]["key"]
    assert "categories[1].key: duplicate key 'domestic_abuse'" in problems_for(policy_data)


def test_a_malformed_phrase_names_its_path(policy_data: Any) -> None:
    policy_data["categories"][0]["patterns"].append("fly-tipping")
    message = problems_for(policy_data)
    assert "categories[0].patterns[" in message
    assert "'fly-tipping' must be letters or digits" in message


def test_malformed_opening_hours_name_the_weekday(policy_data: Any) -> None:
    policy_data["organisation"]["opening_hours"]["friday"] = "18:00-08:00"
    message = problems_for(policy_data)
    assert "organisation.opening_hours.friday:" in message
    assert "closing time must be after opening time" in message


def test_an_unknown_time_zone_is_named(policy_data: Any) -> None:
    policy_data["organisation"]["timezone"] = "Europe/Londres"
    assert "organisation.timezone: unknown time zone" in problems_for(policy_data)


def test_an_unknown_bank_holiday_region_is_named(policy_data: Any) -> None:
    policy_data["organisation"]["bank_holidays"]["subdivision"] = "XYZ"
    assert "organisation.bank_holidays.subdivision: not known" in problems_for(policy_data)


def test_exclusion_wording_longer_than_an_sms_is_rejected(policy_data: Any) -> None:
    policy_data["exclusions"][0]["where_to_go"] = "Please " * 60
    message = problems_for(policy_data)
    assert "exclusions[0].where_to_go: must be under 300 characters" in message


def test_a_tenancy_starting_digit_must_be_one_digit(policy_data: Any) -> None:
    policy_data["tenancy_reference"]["starts_with"] = ["4", "55"]
    message = problems_for(policy_data)
    assert "tenancy_reference.starts_with[1]: must be one digit" in message


def test_the_error_message_starts_by_naming_the_file(tmp_path: Path, policy_data: Any) -> None:
    del policy_data["version"]
    file = tmp_path / "broken.yml"
    file.write_text(yaml.safe_dump(policy_data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(PolicyError) as error:
        load_policy(file)
    assert str(error.value).startswith(f"{file}: invalid policy (1 problem(s))")
    assert "version: missing key" in str(error.value)


def test_policy_error_is_a_value_error() -> None:
    assert issubclass(PolicyError, ValueError)


def test_a_missing_file_is_a_policy_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="cannot read policy file"):
        load_policy(tmp_path / "nope.yml")


def test_invalid_yaml_is_a_policy_error() -> None:
    with pytest.raises(PolicyError, match="not valid YAML"):
        parse_policy("organisation: [unclosed")


def test_a_duplicated_yaml_key_is_rejected_rather_than_silently_overwritten() -> None:
    with pytest.raises(PolicyError, match="duplicate key 'name'"):
        parse_yaml("organisation:\n  name: A\n  name: B\n")


def test_yes_no_and_clock_times_stay_text_as_an_editor_would_expect() -> None:
    assert parse_yaml("a: no\nb: 18:00\nc: true\nd: 5") == {
        "a": "no",
        "b": "18:00",
        "c": True,
        "d": 5,
    }
