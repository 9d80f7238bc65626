"""Sign-in and roles: local users with Argon2id passwords, lockout, failing closed, and
what a viewer may see."""

from __future__ import annotations

import base64
import hashlib
import json

import pytest

from core import users
from core.errors import UsageError
from core.users import SignInBroken
from graph.model import build_network
from graph.privacy import pseudonym, redact
from tests.conftest import run_smp


@pytest.fixture
def users_file(tmp_path, monkeypatch):
    """A users file and a state folder (marker, failure counts) of the test's own."""
    monkeypatch.setenv("SMP_HOME", str(tmp_path / "state"))
    path = tmp_path / "users.json"
    monkeypatch.setenv("SMP_USERS_FILE", str(path))
    return path


def test_users_are_hashed_with_argon2id_and_verified(users_file):
    users.add_user("vera", "viewer-pass-123", "viewer")
    users.add_user("ann", "analyst-pass-123", "analyst")
    text = users_file.read_text()
    assert "viewer-pass-123" not in text and text.count("$argon2id$") == 2
    assert oct(users_file.stat().st_mode)[-3:] == "600"
    marker = users_file.parent / "state" / "sign-in"  # how sign-in was set up: 600 too
    assert users.configured_kind() == "local" and oct(marker.stat().st_mode)[-3:] == "600"
    assert users.verify("vera", "viewer-pass-123").role == "viewer"
    assert users.verify("ann", "analyst-pass-123").role == "analyst"
    assert users.verify("vera", "analyst-pass-123").role is None
    assert users.verify("nobody", "viewer-pass-123").role is None
    assert users.remove_user("vera") and users.verify("vera", "viewer-pass-123").role is None


def test_an_old_scrypt_hash_still_works_and_is_upgraded(users_file):
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(b"old-password-1", salt=salt, n=2**14, r=8, p=1, dklen=32)
    old = f"scrypt$16384$8$1${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"
    users_file.write_text(json.dumps({"olga": {"role": "analyst", "password": old}}))
    assert users.verify("olga", "wrong-password").role is None
    assert users.verify("olga", "old-password-1").role == "analyst"
    stored = json.loads(users_file.read_text())["olga"]["password"]
    assert stored.startswith("$argon2id$")
    assert users.verify("olga", "old-password-1").role == "analyst"


def test_wrong_passwords_lock_the_name_for_a_growing_time(users_file):
    users.add_user("ada", "admin-pass-1234", "admin")
    now = 1_000_000.0
    for _ in range(users.FREE_ATTEMPTS):
        assert users.verify("ada", "guess", now=now).locked_for == 0
    locked = users.verify("ada", "admin-pass-1234", now=now + 1)
    assert locked.role is None and 0 < locked.locked_for <= 30  # right password, still locked
    assert users.verify("ada", "admin-pass-1234", now=now + 31).role == "admin"  # count reset
    for _ in range(users.FREE_ATTEMPTS):
        users.verify("ada", "guess", now=now + 40)
    assert users.verify("ada", "guess", now=now + 40 + 20).locked_for > 0  # not even counted
    users.verify("ada", "guess", now=now + 40 + 31)  # the sixth wrong one: 60 s now
    assert users.verify("ada", "admin-pass-1234", now=now + 71 + 59).locked_for > 0
    assert users.verify("ada", "admin-pass-1234", now=now + 71 + 61).role == "admin"


def test_unknown_names_are_locked_the_same_way(users_file):
    users.add_user("ada", "admin-pass-1234", "admin")
    for _ in range(users.FREE_ATTEMPTS):
        users.verify("mallory", "guess", now=0.0)
    assert users.verify("mallory", "guess", now=1.0).locked_for > 0
    failures = (users_file.parent / "state" / "sign-in-failures.json").read_text()
    assert "mallory" not in failures  # names typed at the form are not kept in clear


def test_removal_and_a_new_password_end_sessions(users_file):
    users.add_user("ann", "analyst-pass-123", "analyst")
    verdict = users.verify("ann", "analyst-pass-123")
    assert users.current_role("ann", verdict.fingerprint) == "analyst"
    users.add_user("ann", "analyst-pass-123", "viewer")  # demoted (and re-hashed)
    assert users.current_role("ann", verdict.fingerprint) is None
    verdict = users.verify("ann", "analyst-pass-123")
    assert users.current_role("ann", verdict.fingerprint) == "viewer"
    users.remove_user("ann")
    assert users.current_role("ann", verdict.fingerprint) is None


@pytest.mark.parametrize(
    "content", ["", "{not json", "[]", '{"x": {"role": "boss", "password": "p"}}', b"\xff\xfe"]
)
def test_a_damaged_users_file_lets_nobody_in(users_file, content):
    users.add_user("ada", "admin-pass-1234", "admin")
    if isinstance(content, bytes):
        users_file.write_bytes(content)
    else:
        users_file.write_text(content)
    assert users.configured_kind() == "local"
    with pytest.raises(SignInBroken):
        users.verify("ada", "admin-pass-1234")


def test_sign_in_stays_configured_without_users(users_file):
    assert users.configured_kind() is None
    users.add_user("ada", "admin-pass-1234", "admin")
    users.remove_user("ada")
    assert users.configured_kind() == "local" and users.load_users() == {}
    users_file.unlink()
    assert users.configured_kind() == "local"  # the marker remembers
    users.turn_sign_in_off()
    assert users.configured_kind() is None


@pytest.mark.parametrize(("password", "role"), [("short", "viewer"), ("long-enough-1", "boss")])
def test_bad_users_are_refused(users_file, password, role):
    with pytest.raises(UsageError):
        users.add_user("x", password, role)


@pytest.mark.neo4j
def test_user_commands(users_file, neo4j_env):
    env_result = run_smp("user", "list")
    assert "sign-in is off" in env_result.stdout
    added = run_smp("user", "add", "ada", "--role", "admin", "--password-stdin",
                    input_text="admin-pass-12345\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "ada\tadmin" in run_smp("user", "list").stdout
    from core import db

    with db.driver() as driver:  # the database knows sign-in is on, whatever SMP_HOME says
        setting = "MATCH (s:SmpSetting {name: 'sign_in'}) RETURN s.value AS kind"
        assert [r["kind"] for r in driver.execute_query(setting).records] == ["local"]
    assert "admin-pass" not in users_file.read_text()
    assert run_smp("user", "remove", "nobody").returncode == 1
    removed = run_smp("user", "remove", "ada")
    assert removed.returncode == 0 and "Sign-in stays on" in removed.stderr
    assert "nobody can use the app" in run_smp("user", "list").stdout
    assert run_smp("user", "sign-in-off").returncode == 2  # no prompt without a terminal
    assert run_smp("user", "sign-in-off", "--yes").returncode == 0
    assert "sign-in is off" in run_smp("user", "list").stdout
    with db.driver() as driver:
        assert not driver.execute_query(setting).records


def _sample_graph():
    return build_network(
        {
            "organisations": [{"org_id": "O-1", "name": "Refugee Aid", "sector": "vcs"}],
            "people": [{"person_id": "P-1", "name": "Ann Example", "email": "ann@example.org",
                        "phone": "01632 960001", "org_id": "O-1",
                        "extra": {"jobTitle": "Chief"}},
                       {"person_id": "P-2", "name": "Bo Hidden"}],
            "groups": [{"group_id": "G-OPEN", "name": "Open", "level": "local"},
                       {"group_id": "G-CONF", "name": "Closed", "level": "sub_regional",
                        "confidential": True}],
            "memberships": [{"person_id": "P-1", "group_id": g, "role": "vcs_rep"}
                            for g in ("G-OPEN", "G-CONF")]
                           + [{"person_id": "P-2", "group_id": "G-CONF", "role": "chair"}],
        }
    )  # fmt: skip


def test_redact_shows_people_by_role_and_sector_under_pseudonyms():
    G = _sample_graph()
    R = redact(G, b"key")
    token = pseudonym("P-1", b"key")
    person = R.nodes[f"person:{token}"]
    assert person == {"label": "Person", "id": token, "name": "VCS rep, voluntary sector",
                      "org_id": "O-1", "email": None, "phone": None}  # fmt: skip
    assert sorted(v for _u, v in R.out_edges(f"person:{token}")) == ["group:G-OPEN", "org:O-1"]
    shown = repr(list(R.nodes(data=True))) + repr(list(R.edges(data=True)))
    for secret in ("P-1", "P-2", "Ann", "Bo Hidden", "ann@", "01632", "Chief"):
        assert secret not in shown
    assert G.nodes["person:P-1"]["name"] == "Ann Example"  # the original is untouched


def test_no_pages_folder_that_streamlit_would_serve_without_sign_in():
    from core.config import REPO_ROOT

    assert not (REPO_ROOT / "app" / "pages").exists()


def test_sign_ins_at_the_same_moment_are_counted_before_any_password_is_checked(users_file):
    from concurrent.futures import ThreadPoolExecutor

    users.add_user("ada", "admin-pass-1234", "admin")
    tries = ["wrong-password"] * 11 + ["admin-pass-1234"]
    with ThreadPoolExecutor(max_workers=12) as pool:
        verdicts = list(pool.map(lambda p: users.verify("ada", p), tries))
    checked = [v for v in verdicts if not v.locked_for]
    assert len(checked) <= users.FREE_ATTEMPTS  # the rest locked out unchecked
    assert len(verdicts) - len(checked) >= len(tries) - users.FREE_ATTEMPTS


def test_a_viewer_learns_nothing_of_a_rep_seated_only_on_confidential_groups():
    """Issue 28, row 10: no organisation, no term end; and lines with a confidential end
    do not say how many carry them."""
    import datetime as dt

    from graph.explain import coverage_explanation
    from graph.flow import flow_graph
    from graph.views import explorer_graph

    G = build_network({
        "areas": [{"area_id": "A", "name": "Aville", "type": "local_authority"}],
        "organisations": [{"org_id": "O", "name": "Secret Law Centre", "sector": "vcs"}],
        "people": [{"person_id": "P", "name": "Ann", "org_id": "O"},
                   {"person_id": "Q", "name": "Bo"}],
        "groups": [{"group_id": "S", "name": "Closed", "level": "sub_regional",
                    "confidential": True},
                   {"group_id": "R", "name": "Open board", "level": "regional"}],
        "memberships": [{"person_id": "P", "group_id": g, "role": "vcs_rep",
                         "represents_area_id": "A", "selection": "elected",
                         "end_date": dt.date(2027, 7, 24)} for g in ("S",)]
                       + [{"person_id": "Q", "group_id": g, "role": "member"} for g in "SR"],
        "reporting_lines": [{"from_group_id": "S", "to_group_id": "R"}],
    })  # fmt: skip
    day = dt.date(2026, 9, 30)
    viewer = coverage_explanation(G, day, "A", names=False).sentence
    assert viewer == "Aville: covered by an elected VCS rep."
    analyst = coverage_explanation(G, day, "A", names=True).sentence
    assert "Secret Law Centre" in analyst and "24 July 2027" in analyst
    R = redact(G, b"key")
    H = explorer_graph(R, day, flow=flow_graph(G, day))
    assert H.edges["group:S", "group:R"]["carriers"] is None  # "carried by someone"
    full = explorer_graph(G, day, flow=flow_graph(G, day))
    assert full.edges["group:S", "group:R"]["carriers"] == 1
