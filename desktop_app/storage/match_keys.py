"""What makes two emails, phones or organisation names 'the same' in the database.

The `normalized` columns of emails, phones and organisations hold these keys; values are
always shown as written.
"""

from __future__ import annotations

from functools import lru_cache

import phonenumbers

DEFAULT_REGION = "US"


def normalize_email(value: str) -> str:
    return value.strip().casefold()


@lru_cache(maxsize=65536)
def normalize_phone(value: str, region: str = DEFAULT_REGION) -> str:
    """E.164 when the number parses, else its digits; used for matching, never for display."""
    try:
        parsed = phonenumbers.parse(value, region)
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        return "".join(ch for ch in value if ch.isdigit())


def normalize_org_name(name: str) -> str:
    """Casefolded, whitespace collapsed: the organisations table's unique key."""
    return " ".join(name.split()).casefold()
