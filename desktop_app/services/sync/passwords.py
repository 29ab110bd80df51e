"""Account passwords live in the operating system's keychain through `keyring` (Secret
Service, macOS Keychain, Windows Credential Locker), never in the database. Where there
is no keychain, nothing is stored: the password comes from TRELLIS_CARDDAV_PASSWORD or is
asked for each time. Backends that would keep it in a file (keyrings.alt) are refused."""

from __future__ import annotations

import os

SERVICE = "Trellis CardDAV"
ENVIRONMENT = "TRELLIS_CARDDAV_PASSWORD"
_REFUSED_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


def _keychain() -> object | None:
    """The keychain backend, or None where there is none we trust with a password."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except (KeyringError, RuntimeError, OSError):
        return None
    module = type(backend).__module__
    if any(module.startswith(refused) for refused in _REFUSED_MODULES):
        return None
    chained = getattr(backend, "backends", None)
    if chained is not None and not any(
        not type(b).__module__.startswith(_REFUSED_MODULES) for b in chained
    ):
        return None
    return backend


def has_keychain() -> bool:
    return _keychain() is not None


def _key(url: str, user: str) -> str:
    return f"{user}@{url}"


def password_for(url: str, user: str) -> str | None:
    """TRELLIS_CARDDAV_PASSWORD when set, else the keychain's, else None (ask the user)."""
    from_environment = os.environ.get(ENVIRONMENT)
    if from_environment:
        return from_environment
    backend = _keychain()
    if backend is None:
        return None
    try:
        return backend.get_password(SERVICE, _key(url, user))  # type: ignore[attr-defined]
    except Exception:  # a locked or broken keychain is "no password": the caller asks
        return None


def remember(url: str, user: str, password: str) -> bool:
    """Keep the password in the keychain; False (nothing written anywhere) without one."""
    backend = _keychain()
    if backend is None:
        return False
    try:
        backend.set_password(SERVICE, _key(url, user), password)  # type: ignore[attr-defined]
    except Exception:  # the keychain refused: the password is asked for next time
        return False
    return True


def forget(url: str, user: str) -> None:
    """Take the password out of the keychain (an account removed); nothing to do without one."""
    backend = _keychain()
    if backend is None:
        return
    try:
        backend.delete_password(SERVICE, _key(url, user))  # type: ignore[attr-defined]
    except Exception:  # not there, or the keychain refused: nothing more to do
        return
