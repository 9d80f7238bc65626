"""core.memory.no_gc: the cyclic collector is off inside, back on after, and what the
block made is still collected later."""

from __future__ import annotations

import gc
import weakref

from core.memory import no_gc


class _Node:
    pass


def test_the_collector_is_off_inside_and_on_after():
    assert gc.isenabled()
    with no_gc():
        assert not gc.isenabled()
        with no_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # an inner block leaves it as it found it
    assert gc.isenabled()


def test_cycles_made_inside_are_collected_later():
    with no_gc():
        node = _Node()
        node.itself = node  # a cycle: reference counting alone never frees it
        ref = weakref.ref(node)
        del node
    assert ref() is not None  # kept until a collection, as promised
    gc.collect()
    assert ref() is None


def test_objects_made_inside_leave_the_young_generation():
    """What the block made is moved to the oldest generation on leaving it, so the first
    collection after it does not walk them (core.memory._promote)."""
    with no_gc():
        made = [[i] for i in range(10_000)]
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(m) in oldest for m in made[::1000])
    assert gc.get_freeze_count() == 0  # moved there, not left frozen
