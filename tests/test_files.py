"""The app's private folders (app/files.py): never shared, not even by two downloads
made at the same moment outside any session."""

from __future__ import annotations

import stat
import threading

import pytest

from app import files


@pytest.fixture
def state(tmp_path, monkeypatch):
    monkeypatch.setenv("SMP_HOME", str(tmp_path))
    files._process_folder.clear()
    yield tmp_path
    files._process_folder.clear()


def test_two_downloads_at_once_each_get_their_own_folder(state):
    """Streamlit makes a download's file on a thread of its own, with no session: two
    users exporting at the same moment must still each get their own file (they once
    shared one folder and read each other's)."""
    both_written = threading.Barrier(2)
    seen: dict[str, tuple] = {}

    def export(who: str) -> None:
        with files.private_folder() as folder:
            path = folder / "view.graphml"  # the same name for everyone
            path.write_text(f"{who}'s view")
            both_written.wait(timeout=10)
            mode = stat.S_IMODE(folder.stat().st_mode)
            seen[who] = (folder, path.read_text(), mode)

    threads = [threading.Thread(target=export, args=(who,)) for who in ("analyst", "viewer")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert seen["analyst"][1] == "analyst's view" and seen["viewer"][1] == "viewer's view"
    assert seen["analyst"][0] != seen["viewer"][0]
    assert {mode for _f, _t, mode in seen.values()} == {0o700}
    assert not any(folder.exists() for folder, _t, _m in seen.values())  # removed after


def test_one_session_two_files_in_a_row(state):
    with files.private_folder() as first, files.private_folder() as second:
        assert first != second
        (first / "view.graphml").write_text("a")
        (second / "view.graphml").write_text("b")
        assert (first / "view.graphml").read_text() == "a"
    assert not first.exists() and not second.exists()
