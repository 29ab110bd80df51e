"""Matching keys: what makes two emails, phones, names or organisations 'the same'.

Emails, phones and organisations use the database's keys (domain/contact_keys.py), so a
number typed in the detail panel and the same number in a vCard meet; names get a looser
key for fuzzy matching. Values are always shown as written; these keys only match.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from desktop_app.domain.contact_keys import normalize_email, normalize_org_name, phone_key
from desktop_app.domain.contact_keys import quick_normalize_phone as normalize_phone

# Below this many digits a number is an extension or a test value, too weak to match on.
MIN_PHONE_DIGITS = 7

_NON_WORD = re.compile(r"[^\w]+")

__all__ = [
    "MIN_PHONE_DIGITS",
    "name_blocks",
    "name_key",
    "normalize_email",
    "normalize_org_name",
    "normalize_phone",
    "profile_key",
]


def phone_match_key(value: str) -> str:
    """The normalised phone, or '' when it cannot identify anyone: too short, or a number
    phonenumbers does not call possible (a six-digit "123456" is no one's `+1123456`)."""
    key, possible = phone_key(value)  # E.164 ("+" and digits) or digits only
    return key if possible and len(key) - key.startswith("+") >= MIN_PHONE_DIGITS else ""


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A person's name for fuzzy matching: no accents, no punctuation, tokens sorted."""
    return " ".join(sorted(name_tokens(name)))


@lru_cache(maxsize=65536)
def name_tokens(name: str) -> tuple[str, ...]:
    """The words of a name in their order: casefolded, without accents or punctuation."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return tuple(_NON_WORD.sub(" ", plain).split())


def profile_key(url: str) -> str:
    """A LinkedIn profile URL without scheme, `www.`, query or trailing slash; else ''."""
    text = url.strip().casefold()
    if "linkedin.com/in/" not in text:
        return ""
    text = text.split("?")[0].split("#")[0].rstrip("/")
    return "linkedin.com/in/" + text.split("linkedin.com/in/", 1)[1]


def name_blocks(name: str) -> tuple[str, ...]:
    """The initials of a name's first and last words: fuzzy candidates share one of them.

    "Alan M. Turing", "Alan Turing" and "Turing, Alan" all meet; "Bob" and "Robert" do
    not (nicknames are out of reach of a fuzzy ratio anyway).
    """
    tokens = name_tokens(name)
    if not tokens:
        return ()
    return tuple(dict.fromkeys((tokens[0][0], tokens[-1][0])))
