"""`trellis sync`: two-way sync with a CardDAV address book or a vdir folder (docs/sync.md).

    trellis sync --add-account NAME --url URL --user USER [--address-book PATH|all]
    trellis sync [--account NAME] [--dry-run] [--json] [--yes]
    trellis sync --vdir FOLDER [--dry-run] [--json] [--yes]

Exit 0 synced, 1 failed (the reason on stderr), 3 conflicts wait for the user.
The password comes from TRELLIS_CARDDAV_PASSWORD, else the keychain, else a prompt on a
terminal; it is never written to disk.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_app.storage.database import Database

EXIT_CONFLICTS = 3


def register(subparsers: argparse._SubParsersAction) -> None:
    from desktop_app.cli import add_db_argument

    parser = subparsers.add_parser(
        "sync",
        help="sync contacts both ways with a CardDAV address book or a vdir folder",
        description="Two-way sync with the address book you already have (Nextcloud, "
        "iCloud, Fastmail, Google, Radicale…) or a vdir folder. Exit 0 synced, 1 failed, "
        "3 conflicts wait for you.",
    )
    add_db_argument(parser)
    parser.add_argument("--add-account", metavar="NAME", help="set up a CardDAV account")
    parser.add_argument("--url", help="the server's address (with --add-account)")
    parser.add_argument("--user", help="the user name (with --add-account)")
    parser.add_argument(
        "--address-book",
        default="all",
        metavar="PATH|all",
        help="which address book to sync (with --add-account; default: all)",
    )
    parser.add_argument("--account", metavar="NAME", help="the account to sync")
    parser.add_argument("--vdir", type=Path, metavar="FOLDER", help="sync with a vdir folder")
    parser.add_argument(
        "--dry-run", action="store_true", help="say what would change; change nothing"
    )
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    parser.add_argument(
        "--resolve",
        choices=("local", "remote"),
        help="decide every waiting conflict: keep Trellis's values or the server's "
        "(the next sync carries the decision over)",
    )
    parser.add_argument(
        "--yes", action="store_true", help="go ahead when more than a few contacts would be deleted"
    )


def run(args: argparse.Namespace) -> int:
    from desktop_app.cli import CommandError, db_path, fail, report_warnings
    from desktop_app.domain.errors import MissingError, RuleError
    from desktop_app.services.sync import run as sync
    from desktop_app.storage.database import open_database

    if args.add_account is not None and args.vdir is not None:
        raise CommandError("--add-account and --vdir do not go together")
    if args.add_account is not None and (not args.url or not args.user):
        raise CommandError("--add-account needs --url and --user")
    with open_database(db_path(args)) as db:
        report_warnings(db)
        try:
            if args.add_account is not None:
                return _add_account(db, args)
            if args.resolve is not None:
                from desktop_app.services.sync.conflicts import resolve_all

                count = len(sync.conflicts(db))
                resolve_all(db, args.resolve)
                print(f"{count} conflict(s) decided for {args.resolve}; sync to send them.")
                return 0
            if args.vdir is not None:
                report = sync.sync_vdir(
                    db, args.vdir, dry_run=args.dry_run, confirm_deletions=args.yes
                )
            else:
                account = sync.account_named(db, args.account)
                password = _password(account.url, account.username)
                report = sync.sync_carddav(
                    db, account, password, dry_run=args.dry_run, confirm_deletions=args.yes
                )
        except (sync.SyncError, RuleError, MissingError) as error:
            return fail(f"sync failed: {error}")
    if args.json:
        print(json.dumps(report.as_json()))
    else:
        prefix = "would sync (dry run)" if args.dry_run else "synced"
        print(f"{prefix}: {report.summary()}")
        for note in report.notes:
            print(f"note: {note}")
        if report.conflicts:
            print(
                "Contacts changed on both sides wait for you; neither side was overwritten. "
                "Decide with --resolve local|remote, then sync again."
            )
    return EXIT_CONFLICTS if report.conflicts else 0


def _add_account(db: Database, args: argparse.Namespace) -> int:
    from desktop_app.cli.terminal_text import printable
    from desktop_app.services.sync import passwords
    from desktop_app.services.sync import run as sync

    password = _password(args.url, args.user)
    account, books = sync.add_account(
        db,
        args.add_account,
        args.url,
        args.user,
        password,
        args.address_book,
    )
    kept = passwords.remember(account.url, account.username, password)
    for book in books:
        print(f"address book: {printable(book.name)} ({printable(book.url)})")
    where = (
        "the password is kept in the keychain"
        if kept
        else f"no keychain here: the password was not saved (set {passwords.ENVIRONMENT} "
        "or type it at each sync)"
    )
    print(f"account {printable(account.name)} added; {where}.")
    return 0


def _password(url: str, user: str) -> str:
    from desktop_app.cli import CommandError
    from desktop_app.services.sync import passwords

    password = passwords.password_for(url, user)
    if password:
        return password
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        return getpass.getpass(f"Password for {user} at {url}: ")
    raise CommandError(
        f"no password for {user} at {url}: set {passwords.ENVIRONMENT} or run on a terminal"
    )
