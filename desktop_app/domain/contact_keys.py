"""When two emails, phones or organisations are the same: the keys they are stored and
matched by (the `normalized` columns, duplicate matching of imports). Values are always
shown as written; these keys only match.

Pure rules: storage writes the keys, services' import matching compares them.
"""

from __future__ import annotations

from functools import lru_cache

import phonenumbers


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


_NANP_CHARS = frozenset("0123456789 ()+.-")
_NOT_DIGITS = str.maketrans("", "", " ()+.-")


@lru_cache(maxsize=65536)
def quick_normalize_phone(value: str) -> str:
    """`normalize_phone`, cached, with a fast path for plain NANP numbers.

    phonenumbers takes ~30 µs a number, as long as the rest of an import of that card. A
    10-digit North American number written with only digits, spaces and `()+.-` gives the
    same E.164 without it (a property test compares both on generated numbers).
    """
    text = value.strip()
    if not _NANP_CHARS.issuperset(text) or "+" in text[1:]:
        return normalize_phone(value)
    digits = text.translate(_NOT_DIGITS)
    if len(digits) == 11 and digits[0] == "1" and digits[1] in "23456789":
        return "+" + digits
    if len(digits) == 10 and not text.startswith("+") and digits[0] in "23456789":
        return "+1" + digits
    return normalize_phone(value)
