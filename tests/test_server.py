"""`smp db start | stop | status` on real servers of the tests' own."""

from __future__ import annotations

import os

import pytest

from tests.conftest import _free_port, run_smp

pytestmark = pytest.mark.neo4j


def test_status_of_the_running_test_server(neo4j_env):
    result = run_smp("db", "status")
    assert result.returncode == 0
    assert "is running" in result.stdout
    assert f"bolt://127.0.0.1:{neo4j_env['SMP_DB_PORT']}" in result.stdout


def test_start_is_idempotent(neo4j_env):
    result = run_smp("db", "start")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Already running")


def test_start_stop_status_cycle(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_") and k != "SMP_DB_PORT"}
    env.update(SMP_HOME=str(tmp_path / "home"), SMP_DB_PORT=str(port), SMP_DB_HEAP="512m")
    try:
        started = run_smp("db", "start", env=env)
        assert started.returncode == 0, started.stderr
        assert f"bolt://127.0.0.1:{port}" in started.stdout
        password = (tmp_path / "home" / "neo4j" / "password").read_text().strip()
        assert len(password) >= 16
        assert oct((tmp_path / "home" / "neo4j" / "password").stat().st_mode)[-3:] == "600"
        loaded = run_smp("load", "tests/data/minimal", env=env)
        assert loaded.returncode == 0, loaded.stderr
        assert run_smp("db", "status", env=env).returncode == 0
    finally:
        stopped = run_smp("db", "stop", env=env)
    assert stopped.returncode == 0 and "Stopped" in stopped.stdout
    status = run_smp("db", "status", env=env)
    assert status.returncode == 3
    assert "not running" in status.stdout
    assert run_smp("db", "stop", env=env).stdout.startswith("The local Neo4j was not running")
    # Started again: same password, same data, and a launcher that comes up cleanly
    # (it used to die after every restart, setting the password it already had).
    try:
        again = run_smp("db", "start", env=env)
        assert again.returncode == 0, again.stderr
        analysed = run_smp("analyse", "--no-measures", env=env)
        assert analysed.returncode == 0, analysed.stderr
        assert '"coverage"' in analysed.stdout
    finally:
        run_smp("db", "stop", env=env)
    log = (tmp_path / "home" / "neo4j" / "server.log").read_text()
    assert log.count("SMP-NEO4J READY") == 2
    assert "Exception in thread" not in log


def test_start_without_java_says_how_to_use_another_server(tmp_path):
    env = dict(os.environ, SMP_HOME=str(tmp_path), SMP_JAVA_HOME=str(tmp_path / "nojava"),
               SMP_DB_PORT=str(_free_port()))  # fmt: skip
    result = run_smp("db", "start", env=env)
    assert result.returncode == 1
    assert "Java 17" in result.stderr and "NEO4J_URI" in result.stderr
    assert "Traceback" not in result.stderr


def test_start_with_unsplittable_java_options_says_so(tmp_path):
    env = dict(os.environ, SMP_HOME=str(tmp_path), SMP_DB_PORT=str(_free_port()),
               SMP_DB_JAVA_OPTS='-Xlog:gc:"unclosed')  # fmt: skip
    result = run_smp("db", "start", env=env)
    assert result.returncode == 1
    assert "SMP_DB_JAVA_OPTS cannot be split into options" in result.stderr
    assert "Traceback" not in result.stderr


def test_start_without_maven_says_how_to_use_another_server(tmp_path):
    env = dict(os.environ, SMP_HOME=str(tmp_path), SMP_RUNTIME=str(tmp_path / "runtime"),
               PATH="/nonexistent", SMP_DB_PORT=str(_free_port()))  # fmt: skip
    result = run_smp("db", "start", env=env)
    assert result.returncode == 1
    assert "Maven" in result.stderr and "NEO4J_URI" in result.stderr
