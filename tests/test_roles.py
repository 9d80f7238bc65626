"""Sign-in and roles: local users with hashed passwords, and what a viewer may see."""

from __future__ import annotations

import pytest

from graph.model import build_network
from graph.privacy import redact
from smp import users
from smp.errors import UsageError
from tests.conftest import run_smp


@pytest.fixture
def users_file(tmp_path, monkeypatch):
    path = tmp_path / "users.json"
    monkeypatch.setenv("SMP_USERS_FILE", str(path))
    return path


def test_users_are_hashed_and_verified(users_file):
    users.add_user("vera", "viewer-pass-123", "viewer")
    users.add_user("ann", "analyst-pass-123", "analyst")
    text = users_file.read_text()
    assert "viewer-pass-123" not in text and "scrypt$" in text
    assert oct(users_file.stat().st_mode)[-3:] == "600"
    assert users.verify("vera", "viewer-pass-123") == "viewer"
    assert users.verify("ann", "analyst-pass-123") == "analyst"
    assert users.verify("vera", "analyst-pass-123") is None
    assert users.verify("nobody", "viewer-pass-123") is None
    assert users.remove_user("vera") and users.verify("vera", "viewer-pass-123") is None


@pytest.mark.parametrize(("password", "role"), [("short", "viewer"), ("long-enough-1", "boss")])
def test_bad_users_are_refused(users_file, password, role):
    with pytest.raises(UsageError):
        users.add_user("x", password, role)


def test_user_commands(users_file):
    env_result = run_smp("user", "list")
    assert "sign-in is off" in env_result.stdout
    added = run_smp("user", "add", "ada", "--role", "admin", "--password-stdin",
                    input_text="admin-pass-12345\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "ada\tadmin" in run_smp("user", "list").stdout
    assert "admin-pass" not in users_file.read_text()
    assert run_smp("user", "remove", "nobody").returncode == 1


def test_redact_hides_personal_data_and_confidential_members():
    G = build_network(
        {
            "people": [{"person_id": "P-1", "name": "Ann Example", "email": "ann@example.org",
                        "phone": "01632 960001", "extra": {"jobTitle": "Chief"}}],
            "groups": [{"group_id": "G-OPEN", "name": "Open", "level": "local"},
                       {"group_id": "G-CONF", "name": "Closed", "level": "sub_regional",
                        "confidential": True}],
            "memberships": [{"person_id": "P-1", "group_id": g, "role": "member"}
                            for g in ("G-OPEN", "G-CONF")],
        }
    )  # fmt: skip
    R = redact(G)
    person = R.nodes["person:P-1"]
    assert person["name"] == "P-1" and person["email"] is None and person["phone"] is None
    assert "jobTitle" not in person
    assert [v for _u, v in R.out_edges("person:P-1")] == ["group:G-OPEN"]
    assert G.nodes["person:P-1"]["name"] == "Ann Example"  # the original is untouched


def test_no_pages_folder_that_streamlit_would_serve_without_sign_in():
    from smp.config import REPO_ROOT

    assert not (REPO_ROOT / "app" / "pages").exists()
