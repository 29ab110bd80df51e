"""Fixed-size memory in front of the duplicate-matching tables, so that matching stays as
fast as with dicts without growing with the file.

- `KeyFilter`: a Bloom filter of the exact keys (UID, email, phone, profile) moved to the
  tables. A key absent from it, the usual case for a new card, is looked up without
  asking SQLite at all. 2 MiB whatever the file; with two probes it answers
  "maybe" for about 1 key in 100,000 that is absent at 60,000 keys, 1 in 14 at 1.5 million.
- `BucketCache`: the names of the most recently used fuzzy-match buckets (organisation and
  initial), least recently used dropped past `limit` names in all.
"""

from __future__ import annotations

from collections import OrderedDict

FILTER_BITS = 1 << 24
NAME_CACHE_LIMIT = 50_000  # names, about 7 MB; a 20,000-card import fits whole


class KeyFilter:
    """May `key` have been added? False is certain, True is "probably"."""

    def __init__(self, bits: int = FILTER_BITS) -> None:
        self._bits = bytearray(bits // 8)
        self._mask = bits - 1

    def add(self, key: str) -> None:
        h = hash(key)  # salted per process: the filter lives for one import only
        for probe in (h & self._mask, (h >> 32) & self._mask):
            self._bits[probe >> 3] |= 1 << (probe & 7)

    def __contains__(self, key: str) -> bool:
        h = hash(key)
        bits, mask = self._bits, self._mask
        first, second = h & mask, (h >> 32) & mask
        return bool(bits[first >> 3] >> (first & 7) & 1 and bits[second >> 3] >> (second & 7) & 1)


class BucketCache:
    """bucket -> {name: first person_id}, complete for every bucket it holds."""

    def __init__(self, limit: int | None = None) -> None:
        self._limit = NAME_CACHE_LIMIT if limit is None else limit
        self._buckets: OrderedDict[str, dict[str, int]] = OrderedDict()
        self._size = 0

    def get(self, bucket: str) -> dict[str, int] | None:
        names = self._buckets.get(bucket)
        if names is not None:
            self._buckets.move_to_end(bucket)
        return names

    def put(self, bucket: str, names: dict[str, int]) -> None:
        """Hold the complete contents of `bucket`."""
        old = self._buckets.pop(bucket, None)
        self._size += len(names) - (len(old) if old is not None else 0)
        self._buckets[bucket] = names
        self._shrink()

    def added(self, bucket: str, person_id: int, name: str) -> None:
        """Keep a bucket held up to date with a person just added to it."""
        names = self._buckets.get(bucket)
        if names is not None and name not in names:  # the first person by a name stays
            self._size += 1
            names[name] = person_id
            if self._size > self._limit:
                self._shrink()

    def _shrink(self) -> None:
        while self._size > self._limit and self._buckets:
            _, dropped = self._buckets.popitem(last=False)
            self._size -= len(dropped)
