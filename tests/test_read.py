"""Reading: encodings found and recorded, unreadable bytes reported, doc ids as the contract says."""
from __future__ import annotations

import pytest

from pipeline.read import ReadError, assign_doc_ids, decode, safe_stem

CHINESE = "医疗助理记录患者病史和个人信息，安排病人预约。药学技术人员测量药物并更新病人记录。" * 3
ENGLISH_CP1252 = ("Pharmacy technicians’ duties — counting, labeling and “packaging” prescriptions. "
                  "Café staff. ") * 3


def test_utf8_with_and_without_bom() -> None:
    assert decode(CHINESE.encode("utf-8")) == (CHINESE, "utf-8")
    assert decode(b"\xef\xbb\xbf" + CHINESE.encode("utf-8")) == (CHINESE, "utf-8-sig")


def test_utf16_with_bom() -> None:
    text, encoding = decode(CHINESE.encode("utf-16"))
    assert (text, encoding) == (CHINESE, "utf-16")


def test_gb18030_page_is_detected() -> None:
    text, encoding = decode(CHINESE.encode("gb18030"))
    assert text == CHINESE
    assert encoding == "gb18030"


def test_big5_page_is_detected() -> None:
    traditional = "醫療助理記錄患者病史和個人資訊，安排病人預約。藥學技術人員測量藥物並更新病人記錄。" * 3
    text, encoding = decode(traditional.encode("big5"))
    assert text == traditional
    assert encoding in ("big5", "big5hkscs", "cp950")


def test_cp1252_page_is_detected() -> None:
    text, encoding = decode(ENGLISH_CP1252.encode("cp1252"))
    assert text == ENGLISH_CP1252
    assert encoding == "cp1252"


def test_declared_charset_wins_when_the_bytes_agree() -> None:
    data = CHINESE.encode("gb18030")
    assert decode(data, "GBK") == (CHINESE, "gb18030")
    # a declaration the bytes contradict is ignored, not trusted
    assert decode(CHINESE.encode("utf-8"), "iso-8859-1")[1] == "utf-8"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (bytes(range(256)) * 20, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary"),
    ],
)
def test_unreadable_bytes_are_named(data: bytes, reason: str) -> None:
    with pytest.raises(ReadError, match=reason):
        decode(data)


def test_doc_ids_follow_the_contract() -> None:
    assert safe_stem("000_49c13e119e22e16b") == "000_49c13e119e22e16b"
    assert safe_stem("Medical Assistant (2024)") == "Medical_Assistant__2024_"
    assert safe_stem("医疗助理") == "doc____"
    assert assign_doc_ids(["a", "b", "a", "a"]) == ["a", "b", "a-2", "a-3"]


SIMPLIFIED = "护士的职责：测量生命体征，记录病史并安排预约。" * 4
TRADITIONAL = "護士的職責：測量生命體徵，記錄病史並安排預約。" * 4
LATIN = "Pharmacist’s duties — café counseling. " * 5


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (SIMPLIFIED.encode("utf-8") + b"\xe6\x8a truncated", "invalid utf-8 bytes"),
        (b"\xff\xfe" + "Nurse duties".encode("utf-16-le") + b"\x00\xd8", "invalid utf-16 bytes"),
        (SIMPLIFIED.encode("gb18030") + b"\x81\x20\x81" + SIMPLIFIED.encode("gb18030"), "undecodable"),
        (TRADITIONAL.encode("big5") + b"\xf9\xfe\xff\x20" + TRADITIONAL.encode("big5"), "undecodable"),
        (LATIN.encode("cp1252") + b"\x81\x8d\x8f\x90\x9d", "undecodable"),
    ],
    ids=["utf-8", "utf-16", "gb18030", "big5", "cp1252"],
)
def test_invalid_bytes_in_each_supported_encoding_are_reported(data: bytes, reason: str) -> None:
    with pytest.raises(ReadError, match=reason):
        decode(data)
