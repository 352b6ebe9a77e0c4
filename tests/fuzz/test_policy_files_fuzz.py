"""Fuzzing policy files: any malformed file is refused with a PolicyError naming the file."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmi_workflow.errors import PolicyError
from pmi_workflow.policy import Policy

VALID = """
[[parameter]]
id = "parameter/health_certificate_max_months"
name = "health_certificate_max_months"
value = 6
unit = "months"
source = "Agency circular"
"""

values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.text(max_size=30),
    st.sampled_from(["2024-02-30", "\x00", "Atlantis", "x" * 2000]),
    st.lists(st.integers(), max_size=3),
)


def _toml_value(value: object) -> str:
    if value is None:
        return '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(str(item) for item in value) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text) + '"'


@settings(max_examples=150, deadline=None)
@given(
    key=st.sampled_from(
        [
            "id",
            "name",
            "value",
            "unit",
            "source",
            "effective_from",
            "effective_to",
            "confirmed",
            "surprise",
        ]
    ),
    value=values,
)
def test_a_parameter_with_any_bad_field_is_refused_or_accepted_cleanly(
    key: str, value: object
) -> None:
    lines = [line for line in VALID.strip().splitlines() if not line.startswith(f"{key} =")]
    lines.append(f"{key} = {_toml_value(value)}")
    try:
        policy = Policy.from_toml("\n".join(lines), file="agency.toml")
    except PolicyError as error:
        assert error.file == "agency.toml"
        assert "agency.toml" in str(error)
    else:
        assert policy.entries


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_is_never_a_crash(text: str) -> None:
    try:
        Policy.from_toml(text, file="random.toml")
    except PolicyError as error:
        assert "random.toml" in str(error)


@pytest.mark.parametrize(
    "payload",
    [
        b"\xff\xfe\x00\x00",
        b"[[parameter]]\nid = 1\n",
        b"x = [" * 5000,
        ("[[parameter]]\n" + "a." * 3000 + "b = 1\n").encode(),
    ],
)
def test_bad_files_name_the_file(tmp_path: Path, payload: bytes) -> None:
    path = tmp_path / "agency.toml"
    path.write_bytes(payload)
    with pytest.raises(PolicyError) as caught:
        Policy.load(path)
    assert caught.value.file == str(path)


def test_a_missing_file_is_a_policy_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="cannot read the file"):
        Policy.load(tmp_path / "nope.toml")


def test_a_bad_file_leaves_the_defaults_untouched(tmp_path: Path) -> None:
    before = Policy.default().entries
    path = tmp_path / "agency.toml"
    path.write_text(VALID.replace("value = 6", 'value = "six"'), encoding="utf-8")
    with pytest.raises(PolicyError):
        Policy.load(path)
    assert Policy.default().entries == before
