"""Each session's private folder for the files it makes (uploads, reports, exports).

Files live only while they are used: :func:`private_folder` gives a folder of this
session's (mode 700) and removes it, with everything in it, when the block ends;
downloads are served from memory. The folders sit in ``<state>/app-files/<pid>/``:
at start the app removes those of servers no longer running, and at exit its own,
so nothing outlives a restart.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
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


def _session_id() -> str:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx else "no-session"


@contextlib.contextmanager
def private_folder() -> Iterator[Path]:
    """This session's folder (mode 700), removed with its files when the block ends."""
    folder = _process_folder() / _session_id()
    folder.mkdir(mode=0o700, exist_ok=True)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
