"""When two emails, phones or organisations are the same: the keys they are stored and
matched by (the `normalized` columns, duplicate matching of imports). Values are always
shown as written; these keys only match.

Pure rules: storage writes the keys, services' import matching compares them.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

import phonenumbers
from phonenumbers import COUNTRY_CODE_TO_REGION_CODE, PhoneMetadata, PhoneNumber


def normalize_email(value: str) -> str:
    return value.strip().casefold()


def normalize_org_name(name: str) -> str:
    return " ".join(name.split()).casefold()


def normalize_phone(value: str, region: str = "US") -> str:
    """E.164 when the number parses, else its digits; used for matching, never for display."""
    try:
        parsed = phonenumbers.parse(value, region)
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        return "".join(ch for ch in value if ch.isdigit())


REGION = "US"
_PLAIN_CHARS = frozenset("0123456789 ()+.-")
_NOT_DIGITS = str.maketrans("", "", " ()+.-")
_NO_PREFIX = re.compile(r"(?!)")  # a country without a national prefix: never matches


class PhoneKey(NamedTuple):
    normalized: str
    possible: bool


@lru_cache(maxsize=65536)
def phone_key(value: str) -> PhoneKey:
    """The stored normalisation of `value` (`normalize_phone`'s) and whether it may
    identify a person: only a number phonenumbers calls possible may (a six-digit "123456"
    becomes `+1123456`, which is nobody's number).

    phonenumbers takes ~30-50 µs a number, as long as the rest of an import of that card,
    so the common spellings take a short cut that gives the same answer (property tests
    compare both on generated numbers): a 10-digit North American number written with only
    digits, spaces and `()+.-`, a national number that starts with neither 1 nor 011, and a
    `+<country code>` number whose national part cannot start with its country's national
    prefix. Cached: a card's number is looked up again for matching, for the writer and for
    merging, and the same office number recurs.
    """
    text = value.strip()
    if _PLAIN_CHARS.issuperset(text) and "+" not in text[1:]:
        digits = text.translate(_NOT_DIGITS)
        if len(digits) == 11 and digits[0] == "1" and digits[1] in "23456789":
            return PhoneKey("+" + digits, True)
        if len(digits) == 10 and not text.startswith("+") and digits[0] in "23456789":
            return PhoneKey("+1" + digits, True)
        if text.startswith("+") and (found := _international(digits)) is not None:
            return found
        if "+" not in text and 4 <= len(digits) <= 15 and not digits.startswith(("1", "011")):
            # A national number of the default region with neither its national prefix
            # (1) nor its international one (011): phonenumbers keeps every digit.
            return PhoneKey("+1" + digits, len(digits) in _possible_lengths(1))
    try:
        parsed = phonenumbers.parse(value, REGION)
    except phonenumbers.NumberParseException:
        return PhoneKey("".join(ch for ch in value if ch.isdigit()), False)
    return PhoneKey(
        phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164),
        phonenumbers.is_possible_number(parsed),
    )


def _international(digits: str) -> PhoneKey | None:
    """`+` and `digits`, when phonenumbers would keep every digit; else None (ask it)."""
    for size in (1, 2, 3):
        if digits[:size] and digits[0] != "0" and int(digits[:size]) in COUNTRY_CODE_TO_REGION_CODE:
            break
    else:
        return None
    code, national = int(digits[:size]), digits[size:]
    prefix = _national_prefix(code)
    # A leading zero (Italy) or a national prefix phonenumbers may strip: its own answer.
    if not 2 <= len(national) <= 17 or national[0] == "0" or prefix is None:
        return None
    if prefix.match(national):
        return None
    return PhoneKey("+" + digits, len(national) in _possible_lengths(code))


@cache
def _possible_lengths(code: int) -> frozenset[int]:
    """The national-number lengths `is_possible_number` accepts after `+<code>` (it looks
    at nothing else but the length), asked of phonenumbers once per country."""
    return frozenset(
        length
        for length in range(2, 18)
        if phonenumbers.is_possible_number(
            PhoneNumber(country_code=code, national_number=int("9" * length))
        )
    )


@cache
def _national_prefix(code: int) -> re.Pattern[str] | None:
    """The pattern of the national prefix phonenumbers strips after `+<code>`; None when
    the country's rules are unknown (then no short cut)."""
    regions = COUNTRY_CODE_TO_REGION_CODE.get(code, ())
    if not regions:
        return None
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(code, regions[0])
    if metadata is None:
        return None
    pattern = metadata.national_prefix_for_parsing
    return re.compile(pattern) if pattern else _NO_PREFIX


@lru_cache(maxsize=65536)
def quick_normalize_phone(value: str) -> str:
    """`normalize_phone`, by way of `phone_key`'s short cuts; cached itself too, as it is
    asked three times a number (matching, the writer, merging)."""
    return phone_key(value).normalized
