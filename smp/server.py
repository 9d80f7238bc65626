"""The project's own local Neo4j: 5.26 LTS Community, embedded, behind a small launcher.

Maven Central does not carry the 5.26 server distribution, so ``db/pom.xml`` fetches
the embedded artifacts (``org.neo4j:neo4j`` and ``org.neo4j:neo4j-bolt``) and
``db/SmpNeo4j.java`` starts them with the Bolt connector on 127.0.0.1 only.
Neo4j 5.26 runs on Java 17 or 21; newer JDKs on the machine are skipped.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from core import config
from core.errors import ServerError

NEO4J_VERSION = "5.26.30"
SUPPORTED_JAVA = (17, 21)
START_TIMEOUT_S = 180
STOP_TIMEOUT_S = 60

USE_YOUR_OWN = (
    "To use a Neo4j server you already have instead (Neo4j Desktop, Docker "
    "`docker run -p 7687:7687 neo4j:5.26`, or Aura), set NEO4J_URI, NEO4J_USER and "
    "NEO4J_PASSWORD and skip `smp db start`."
)


@dataclass(frozen=True)
class Status:
    running: bool
    pid: int | None
    port: int
    uri: str
    data_dir: Path
    log_file: Path

    def describe(self) -> str:
        if self.running:
            return (
                f"Neo4j {NEO4J_VERSION} (local, embedded) is running: pid {self.pid}, "
                f"{self.uri}, data in {self.data_dir}"
            )
        return (
            f"The local Neo4j is not running (would listen on {self.uri}, data in {self.data_dir})"
        )


def _home() -> Path:
    return config.state_dir() / "neo4j"


def _pid_file() -> Path:
    return _home() / "server.pid"


def _log_file() -> Path:
    return _home() / "server.log"


def _java_major(java: str) -> int | None:
    try:
        out = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=30, check=False
        )
    except OSError:
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2)) if major == 1 and match.group(2) else major


def find_java() -> Path:
    """A Java 17 or 21 runtime: ``SMP_JAVA_HOME``, ``JAVA_HOME``, the usual places, PATH."""
    if os.environ.get("SMP_JAVA_HOME"):
        java = Path(os.environ["SMP_JAVA_HOME"]) / "bin" / "java"
        if java.exists() and _java_major(str(java)) in SUPPORTED_JAVA:
            return java
        raise ServerError(
            f"SMP_JAVA_HOME={os.environ['SMP_JAVA_HOME']} is not a Java 17 or 21 installation. "
            + USE_YOUR_OWN
        )
    candidates: list[Path] = []
    for var in ("JAVA_HOME",):
        if os.environ.get(var):
            candidates.append(Path(os.environ[var]) / "bin" / "java")
    jvm = Path("/usr/lib/jvm")
    if jvm.is_dir():
        for major in SUPPORTED_JAVA:
            candidates += sorted(jvm.glob(f"*{major}*/bin/java"))
    on_path = shutil.which("java")
    if on_path:
        candidates.append(Path(on_path))
    for java in candidates:
        if java.exists() and _java_major(str(java)) in SUPPORTED_JAVA:
            return java
    raise ServerError(
        "No Java 17 or 21 found (Neo4j 5.26 needs one; newer Java is not supported). "
        "Install it (Debian: `apt-get install openjdk-17-jre-headless`) or set SMP_JAVA_HOME. "
        + USE_YOUR_OWN
    )


def _runtime_ready(runtime: Path) -> bool:
    return (runtime / "lib" / f"neo4j-{NEO4J_VERSION}.jar").exists() and (
        runtime / "classes" / "SmpNeo4j.class"
    ).exists()


def install(echo=print) -> Path:
    """Fetch Neo4j's jars through Maven and compile the launcher (once)."""
    runtime = config.runtime_dir()
    source = config.REPO_ROOT / "db" / "SmpNeo4j.java"
    classes = runtime / "classes"
    built = classes / "SmpNeo4j.class"
    if _runtime_ready(runtime) and built.stat().st_mtime >= source.stat().st_mtime:
        return runtime
    java = find_java()
    lib = runtime / "lib"
    if not (lib / f"neo4j-{NEO4J_VERSION}.jar").exists():
        mvn = shutil.which("mvn")
        if not mvn:
            raise ServerError(
                "Maven (`mvn`) is needed once to fetch Neo4j from Maven Central. "
                "Install it (Debian: `apt-get install maven`). " + USE_YOUR_OWN
            )
        echo(f"Fetching Neo4j {NEO4J_VERSION} from Maven Central (once, about 125 MB)...")
        partial = runtime / "lib.partial"
        shutil.rmtree(partial, ignore_errors=True)
        result = subprocess.run(
            [
                mvn, "-q", "-B", "-f", str(config.REPO_ROOT / "db" / "pom.xml"),
                "dependency:copy-dependencies", f"-DoutputDirectory={partial}",
                f"-Dneo4j.version={NEO4J_VERSION}",
            ],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if result.returncode != 0:
            raise ServerError(
                "Maven could not fetch Neo4j:\n" + (result.stdout + result.stderr)[-2000:]
            )
        shutil.rmtree(lib, ignore_errors=True)
        partial.rename(lib)
    javac = java.parent / "javac"
    if not javac.exists():
        raise ServerError(
            f"`javac` is missing next to {java}; install a full JDK 17 "
            "(Debian: `apt-get install openjdk-17-jdk-headless`). " + USE_YOUR_OWN
        )
    classes.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [str(javac), "-d", str(classes), "-cp", str(lib / "*"), str(source)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise ServerError("Could not compile the Neo4j launcher:\n" + result.stderr[-2000:])
    return runtime


def _read_pid() -> int | None:
    try:
        pid = int(_pid_file().read_text().strip())
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    # A zombie or a reused pid is not our server.
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return pid
    return pid if b"SmpNeo4j" in cmdline else None


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def local_password() -> str:
    """The local server's password: NEO4J_PASSWORD, else the generated one (made once)."""
    if os.environ.get("NEO4J_PASSWORD"):
        return os.environ["NEO4J_PASSWORD"]
    path = config.password_file()
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(18)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(password + "\n")
    return password


def status() -> Status:
    port = config.local_port()
    pid = _read_pid()
    return Status(
        running=pid is not None and _port_open(port),
        pid=pid,
        port=port,
        uri=f"bolt://127.0.0.1:{port}",
        data_dir=_home() / "data",
        log_file=_log_file(),
    )


def _bolt_answers(port: int, password: str) -> bool:
    from neo4j import GraphDatabase
    from neo4j.exceptions import Neo4jError, ServiceUnavailable

    try:
        with GraphDatabase.driver(f"bolt://127.0.0.1:{port}", auth=("neo4j", password)) as drv:
            drv.verify_connectivity()
        return True
    except (ServiceUnavailable, Neo4jError, OSError):
        return False


def start(echo=print) -> Status:
    """Start the local server unless it runs already; return once Bolt answers."""
    current = status()
    if current.running:
        return current
    port = current.port
    if _port_open(port):
        raise ServerError(
            f"Port {port} on 127.0.0.1 is taken by another program. Stop it, or choose "
            "another port with SMP_DB_PORT (and point NEO4J_URI at it)."
        )
    java = find_java()
    runtime = install(echo)
    password = local_password()
    home = _home()
    home.mkdir(parents=True, exist_ok=True)
    _private(config.state_dir())
    env = dict(os.environ)
    env.update(
        SMP_DB_HOME=str(home / "data"),
        SMP_DB_PORT=str(port),
        SMP_DB_PASSWORD=password,
        SMP_DB_PAGECACHE=os.environ.get("SMP_DB_PAGECACHE", "512m"),
    )
    heap = os.environ.get("SMP_DB_HEAP", "2g")
    try:
        java_opts = shlex.split(os.environ.get("SMP_DB_JAVA_OPTS", ""))
    except ValueError as err:
        raise ServerError(f"SMP_DB_JAVA_OPTS cannot be split into options: {err}") from err
    command = [
        str(java), f"-Xms{heap}", f"-Xmx{heap}", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError",
        "-XX:ActiveProcessorCount=2", "-Dfile.encoding=UTF-8",
        *java_opts,
        "-cp", f"{runtime / 'classes'}{os.pathsep}{runtime / 'lib' / '*'}", "SmpNeo4j",
    ]  # fmt: skip
    log = _log_file().open("ab")
    process = subprocess.Popen(
        command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        env=env, start_new_session=True, cwd=home, umask=0o077,
    )  # fmt: skip
    log.close()
    _pid_file().write_text(str(process.pid))
    echo(f"Starting Neo4j {NEO4J_VERSION} on bolt://127.0.0.1:{port} ...")
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            _pid_file().unlink(missing_ok=True)
            raise ServerError(
                f"Neo4j stopped while starting (exit {process.returncode}). "
                f"The end of {_log_file()}:\n{_tail(_log_file())}"
            )
        if _port_open(port) and _bolt_answers(port, password):
            return status()
        time.sleep(0.5)
    stop()
    raise ServerError(f"Neo4j did not answer within {START_TIMEOUT_S} s; see {_log_file()}")


def _private(folder: Path) -> None:
    """Only this account may read the state folder: folders 700, files 600 (the server
    itself runs with umask 077, so what it writes later is private too)."""
    folder.mkdir(parents=True, exist_ok=True)
    for root, dirs, files in os.walk(folder):
        os.chmod(root, 0o700)
        for name in files:
            path = Path(root) / name
            if not path.is_symlink():
                os.chmod(path, 0o600)
        dirs[:] = [d for d in dirs if not (Path(root) / d).is_symlink()]


def stop() -> bool:
    """Shut the local server down cleanly; False when it was not running."""
    pid = _read_pid()
    if pid is None:
        _pid_file().unlink(missing_ok=True)
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while time.monotonic() < deadline:
        if _read_pid() is None or not _alive(pid):
            break
        time.sleep(0.2)
    else:
        os.kill(pid, signal.SIGKILL)
    _pid_file().unlink(missing_ok=True)
    return True


def _alive(pid: int) -> bool:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def temporary_server(
    home: Path,
    heap: str = "1g",
    pagecache: str | None = None,
    import_dir: Path | None = None,
    fresh: bool = True,
    echo=lambda message: None,
):
    """A local server of its own (own port, own state folder ``home``) for the length of
    the block, with every connection setting of this process pointed at it; the
    environment is restored afterwards. Used by the tests and by ``smp bench``, so
    neither can touch the user's database. ``fresh`` empties its data folder first;
    ``import_dir`` is the only folder its LOAD CSV may read.
    """
    saved = dict(os.environ)
    for var in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE", "SMP_DB_PORT"):
        os.environ.pop(var, None)
    if fresh:
        shutil.rmtree(home / "neo4j" / "data", ignore_errors=True)
    port = free_port()
    os.environ.update(
        SMP_HOME=str(home), SMP_DB_PORT=str(port), NEO4J_URI=f"bolt://127.0.0.1:{port}",
        SMP_DB_HEAP=heap,
    )  # fmt: skip
    if pagecache:
        os.environ["SMP_DB_PAGECACHE"] = pagecache
    if import_dir is not None:
        import_dir.mkdir(parents=True, exist_ok=True)
        os.environ["SMP_DB_IMPORT_DIR"] = str(import_dir)
    try:
        start(echo=echo)
        os.environ["NEO4J_PASSWORD"] = local_password()
        yield dict(os.environ)
    finally:
        with contextlib.suppress(ServerError):
            stop()
        os.environ.clear()
        os.environ.update(saved)
