"""Personal data is masked in repr, str, format, logs and errors."""

import logging
import pickle

import pytest

from pmi_workflow.privacy import MaskedStr, PersonName, mask_name, mask_nik, mask_value


def test_masks_keep_only_a_few_characters() -> None:
    assert mask_nik("3603121505950002") == "3603**********02"
    assert mask_name("Siti  Aminah") == "S*** A*****"
    assert mask_value("AB", keep_start=4, keep_end=2) == "A*"


def test_masking_never_shows_more_than_half() -> None:
    for length in range(1, 20):
        masked = mask_value("x" * length, keep_start=4, keep_end=2)
        assert masked.count("x") <= length // 2


def test_names_are_masked_in_logs(caplog: pytest.LogCaptureFixture) -> None:
    name = PersonName("Siti Aminah")
    with caplog.at_level(logging.INFO):
        logging.getLogger("pmi_workflow.test").info("applicant %s (%r)", name, name)
    assert "Siti" not in caplog.text
    assert "Aminah" not in caplog.text


def test_an_empty_name_is_refused() -> None:
    with pytest.raises(ValueError, match="must not be empty"):
        PersonName("   ")


def test_masked_values_survive_pickling() -> None:
    name = PersonName("Siti Aminah")
    assert pickle.loads(pickle.dumps(name)) == name


def test_different_kinds_of_masked_values_are_not_equal() -> None:
    assert MaskedStr("Siti") != PersonName("Siti")


def test_library_errors_mask_nik_shaped_numbers_whatever_their_source() -> None:
    from pmi_workflow.errors import InvalidInputError

    error = InvalidInputError.single("cannot open", "file", source="3603121505950002.json")
    assert "3603121505950002" not in str(error)
    assert "3603**********02.json" in str(error)
