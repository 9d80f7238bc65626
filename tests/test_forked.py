"""Work in a forked copy of the process (:mod:`core.forked`): the same result, done
here when no copy can be had, and no copy left behind when this process is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import core.forked
from core.config import REPO_ROOT
from core.forked import Forked, can_fork

pytestmark = pytest.mark.skipif(not can_fork(), reason="this system does not fork")


def test_the_work_is_done_in_a_copy_and_its_result_comes_back():
    with Forked(os.getpid) as copy:
        assert copy.result() != os.getpid()
    with Forked(os.getpid, parallel=False) as here:
        assert here.result() == os.getpid()


def test_a_copy_that_cannot_be_started_leaves_the_work_to_this_process(monkeypatch):
    def refuses(*_args, **_kwargs):
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(core.forked, "ProcessPoolExecutor", refuses)
    with Forked(os.getpid) as pending:
        assert pending.result() == os.getpid()


def _gone(pid: int) -> bool:
    """No such process, or one that has ended and waits to be reaped."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "State:\tZ" in status


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to see processes")
def test_a_copy_ends_when_this_process_is_killed(tmp_path):
    """``timeout smp load``, a cancelled job or the out-of-memory killer must not leave
    the copy running on (with a copy of a national network's memory) for ever."""
    noted = tmp_path / "copy.pid"
    script = textwrap.dedent(f"""
        import os, sys, time
        sys.path.insert(0, {str(REPO_ROOT)!r})
        from core.forked import Forked

        def work():
            open({str(noted)!r}, "w").write(str(os.getpid()))
            time.sleep(120)

        with Forked(work) as pending:
            pending.result()
    """)
    parent = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 60
        while not (noted.exists() and noted.read_text()) and time.monotonic() < deadline:
            time.sleep(0.1)
        copy = int(noted.read_text())
        assert not _gone(copy)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 15
        while not _gone(copy) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _gone(copy), "the copy outlived the process that made it"
    finally:
        parent.kill()
        if noted.exists() and noted.read_text() and not _gone(int(noted.read_text())):
            os.kill(int(noted.read_text()), signal.SIGKILL)
