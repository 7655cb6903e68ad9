"""Facet bitmaps: filters and disjunctive facet counts for the database engine without SQL per facet.

Bit *i* stands for the *i*-th indexed document in newest-first order. Each facet value has a bitmap
(a Python int); a filter is an OR of value bitmaps, a query's matches one more bitmap, and a count is
``(matches & other_filters & value).bit_count()``. At 10,000 offers each operation takes microseconds,
so all facet counts come from one pass over the matching ids. The bitmaps are built once per process
and rebuilt when the index's version token changes (any write sets a new one).

The same snapshot remembers, per searched word, which documents it is in and, for *broad* words (in
more than ``BROAD`` documents, such as the target-group names nearly every offer carries), its ranked tiers,
much as Elasticsearch caches frequent filters: matching and ranking such a word touches every document, so
it is done once per index version and process, and each later query starts from its bitmaps. Only derived
index data is kept, never a result: filters, facets and paging are computed per query, and a write drops
everything with the snapshot.
"""

import threading
from collections import OrderedDict, defaultdict

# Words remembered per snapshot, least recently used dropped first. A narrow word costs a few bytes, a broad
# one four bitmaps (1.25 KB each at 10,000 documents): at most about 5 MB per worker at that size.
REMEMBERED_TERMS = 1024


class FacetBitmaps:
    def __init__(self, ordered_ids, facet_rows):
        self.ids = list(ordered_ids)
        self.position = {doc_id: pos for pos, doc_id in enumerate(self.ids)}
        self.size = len(self.ids)
        self.everything = (1 << self.size) - 1
        positions = defaultdict(list)
        for doc_id, field, value in facet_rows:
            pos = self.position.get(doc_id)
            if pos is not None:
                positions[(field, value)].append(pos)
        self.values = defaultdict(dict)
        for (field, value), found in positions.items():
            self.values[field][value] = self.bitmap(found)
        self._terms = OrderedDict()
        self._lock = threading.Lock()

    def remembered(self, key):
        """What ``remember`` kept under ``key`` for this snapshot, or None."""
        with self._lock:
            value = self._terms.get(key)
            if value is not None:
                self._terms.move_to_end(key)
            return value

    def remember(self, key, value):
        """Keep ``value``, derived from this snapshot, for later queries (dropped with the snapshot)."""
        with self._lock:
            self._terms[key] = value
            self._terms.move_to_end(key)
            while len(self._terms) > REMEMBERED_TERMS:
                self._terms.popitem(last=False)

    def bitmap(self, positions):
        bits = bytearray((self.size + 7) // 8)
        for pos in positions:
            bits[pos >> 3] |= 1 << (pos & 7)
        return int.from_bytes(bits, "little")

    def of_ids(self, doc_ids):
        position = self.position.get
        return self.bitmap(pos for pos in map(position, doc_ids) if pos is not None)

    def filter(self, field, values):
        bits = 0
        for value in values:
            bits |= self.values[field].get(value, 0)
        return bits

    def counts(self, field, within):
        """How many documents of ``within`` carry each value of ``field``."""
        out = {}
        for value, bits in self.values[field].items():
            count = (bits & within).bit_count()
            if count:
                out[value] = count
        return out

    def members(self, bits):
        """A fast membership test for one bitmap (positions), without shifting big ints."""
        raw = bits.to_bytes((self.size + 7) // 8 or 1, "little")
        return lambda pos: bool(raw[pos >> 3] >> (pos & 7) & 1)

    def first_in_tiers(self, tiers, offset, limit):
        """One page of ids from ranked tiers (best first, each newest first); an id counts in its best tier."""
        found, seen = [], 0
        for tier in tiers:
            bits = tier & ~seen
            seen |= tier
            size = bits.bit_count()
            if offset >= size:
                offset -= size
                continue
            found += self.first(bits, offset, limit - len(found))
            offset = 0
            if len(found) == limit:
                break
        return found

    def first(self, bits, offset, limit):
        """Ids of the set bits in newest-first order, one page of them."""
        found, skipped = [], 0
        raw = bits.to_bytes((self.size + 7) // 8 or 1, "little")
        for byte_index, byte in enumerate(raw):
            if not byte:
                continue
            for bit in range(8):
                if byte >> bit & 1:
                    if skipped < offset:
                        skipped += 1
                        continue
                    found.append(self.ids[byte_index * 8 + bit])
                    if len(found) == limit:
                        return found
        return found
