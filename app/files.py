"""Each session's private folder for the files it makes (uploads, reports, exports).

Files live only while they are used: :func:`private_folder` gives a new folder
(mode 700) to each block that asks, and removes it, with everything in it, when the
block ends; downloads are served from memory. A folder is never shared, not even
between two downloads of one session: Streamlit makes a download's file on its own
thread, outside any session, and two users exporting at the same moment once wrote
to one folder and got each other's files. The folders sit in
``<state>/app-files/<pid>/``: at start the app removes those of servers no longer
running, and at exit its own, so nothing outlives a restart.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import streamlit as st

from core import config


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@st.cache_resource(show_spinner=False)
def _process_folder() -> Path:
    root = config.state_dir() / "app-files"
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(root, 0o700)
    for child in root.iterdir():
        if not child.name.isdigit() or not _alive(int(child.name)):
            shutil.rmtree(child, ignore_errors=True)
    mine = root / str(os.getpid())
    mine.mkdir(mode=0o700, exist_ok=True)
    atexit.register(shutil.rmtree, mine, True)
    return mine


@contextlib.contextmanager
def private_folder() -> Iterator[Path]:
    """A new folder of this block's alone (mode 700), removed with its files when the
    block ends."""
    folder = Path(tempfile.mkdtemp(prefix="f-", dir=_process_folder()))  # mode 700
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
