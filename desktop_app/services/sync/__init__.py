"""Two-way sync of contacts with a CardDAV address book or a vdir folder (docs/sync.md)."""
