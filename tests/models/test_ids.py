"""Ids made on the client: UUIDv7, one at a time (``new_id``) or a batch at once (``new_ids``)."""

from __future__ import annotations

import time
import uuid

from models.base import new_id, new_ids


def test_a_batch_of_ids_is_uuid7_in_increasing_order_and_stamped_now() -> None:
    before = time.time_ns() // 1_000_000
    ids = new_ids(10_000)  # more than the 4,096 a millisecond's counter holds
    assert len(set(ids)) == 10_000 and ids == sorted(ids)
    assert all(i.version == 7 and i.variant == uuid.RFC_4122 for i in ids)
    stamps = [i.int >> 80 for i in ids]
    assert before <= stamps[0] <= stamps[-1] <= before + 1_000  # milliseconds since 1970, as uuid7() gives
    assert new_ids(0) == [] and new_id().version == 7
    assert not set(new_ids(10_000)) & set(ids)  # the random bits differ from one batch to the next
