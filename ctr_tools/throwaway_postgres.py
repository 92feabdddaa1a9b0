"""A throwaway PostgreSQL cluster on 127.0.0.1, removed afterwards.

Used by ``make test-postgres``::

    python -m ctr_tools.throwaway_postgres -- COMMAND [ARGS...]

creates a cluster in a new temporary directory (``initdb --locale=C``, so
text order is byte order as on DuckDB and Spark), starts it on a free port
of 127.0.0.1 with password authentication, creates the database and the
reporting role, runs COMMAND with the ``CTR_POSTGRES_*`` variables the
``postgres`` target of profiles.yml reads, then stops the server and
deletes the directory, whether COMMAND passed, failed or was interrupted.
It exits with COMMAND's exit code.

initdb refuses to run as root, so as root the cluster runs as ``nobody``.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

DEFAULT_BIN_DIR = Path("/usr/lib/postgresql/15/bin")
UNPRIVILEGED_USER = "nobody"
SUPERUSER = "postgres"
DATABASE = "ctr"
DEFAULT_REPORTING_ROLE = "reporter"


@dataclass(frozen=True)
class Server:
    """How to reach a running cluster."""

    host: str
    port: int
    user: str
    password: str
    dbname: str

    def env(self) -> dict[str, str]:
        """The variables the ``postgres`` target of profiles.yml reads."""
        return {
            "CTR_POSTGRES_HOST": self.host,
            "CTR_POSTGRES_PORT": str(self.port),
            "CTR_POSTGRES_USER": self.user,
            "CTR_POSTGRES_PASSWORD": self.password,
            "CTR_POSTGRES_DBNAME": self.dbname,
        }


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def bin_dir() -> Path:
    """PostgreSQL's server binaries: CTR_POSTGRES_BIN_DIR or PostgreSQL 15's."""
    return Path(os.environ.get("CTR_POSTGRES_BIN_DIR", DEFAULT_BIN_DIR))


def _as_owner(command: Sequence[str]) -> list[str]:
    """The command, run as an unprivileged user when we are root."""
    if os.geteuid() == 0:
        return ["runuser", "-u", UNPRIVILEGED_USER, "--", *command]
    return list(command)


def _run(command: Sequence[str], log: Path) -> None:
    """Run a cluster command; raise with its log when it fails."""
    with log.open("a", encoding="utf-8") as out:
        result = subprocess.run(
            _as_owner(command), stdout=out, stderr=subprocess.STDOUT, check=False
        )
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed ({result.returncode}):\n"
            + log.read_text(encoding="utf-8")[-4000:]
        )


def _psql(server: Server, sql: str) -> None:
    """Run SQL as the superuser on the cluster's maintenance database."""
    subprocess.run(
        [
            str(bin_dir() / "psql"),
            "--no-psqlrc",
            "--quiet",
            "--set=ON_ERROR_STOP=1",
            f"--host={server.host}",
            f"--port={server.port}",
            f"--username={server.user}",
            "--dbname=postgres",
            f"--command={sql}",
        ],
        env={**os.environ, "PGPASSWORD": server.password},
        check=True,
        capture_output=True,
        text=True,
    )


@contextmanager
def throwaway_postgres(
    reporting_role: str | None = DEFAULT_REPORTING_ROLE,
    reporting_password: str | None = None,
) -> Iterator[Server]:
    """A fresh cluster with database ``ctr``; stopped and deleted on exit.

    When ``reporting_role`` is given, that login role exists (password
    ``reporting_password``, random when None) before the caller runs, so
    that dbt's grants to it succeed.
    """
    workdir = Path(tempfile.mkdtemp(prefix="ctr-postgres-"))
    data = workdir / "data"
    log = workdir / "commands.log"
    server_log = workdir / "server.log"
    started = False
    try:
        if os.geteuid() == 0:
            shutil.chown(workdir, user=UNPRIVILEGED_USER)
        password = secrets.token_urlsafe(16)
        password_file = workdir / "password"
        password_file.write_text(password + "\n", encoding="utf-8")
        if os.geteuid() == 0:
            shutil.chown(password_file, user=UNPRIVILEGED_USER)
        _run(
            [
                str(bin_dir() / "initdb"),
                f"--pgdata={data}",
                f"--username={SUPERUSER}",
                f"--pwfile={password_file}",
                "--auth=scram-sha-256",
                "--locale=C",
                "--encoding=UTF8",
                "--no-sync",
            ],
            log,
        )
        password_file.unlink()
        server = Server("127.0.0.1", free_port(), SUPERUSER, password, DATABASE)
        options = " ".join(
            [
                f"-c listen_addresses={server.host}",
                f"-c port={server.port}",
                f"-c unix_socket_directories={workdir}",
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
            ]
        )
        started = True
        _run(
            [
                str(bin_dir() / "pg_ctl"),
                f"--pgdata={data}",
                f"--log={server_log}",
                f"--options={options}",
                "--wait",
                "start",
            ],
            log,
        )
        _psql(server, f"create database {DATABASE} template template0")
        if reporting_role is not None:
            secret = reporting_password or secrets.token_urlsafe(16)
            _psql(
                server,
                f"create role {reporting_role} login password '{secret}'",
            )
        yield server
    finally:
        if started:
            subprocess.run(
                _as_owner(
                    [
                        str(bin_dir() / "pg_ctl"),
                        f"--pgdata={data}",
                        "--mode=immediate",
                        "--wait",
                        "stop",
                    ]
                ),
                capture_output=True,
                check=False,
            )
        shutil.rmtree(workdir, ignore_errors=True)


def _raise_on_termination(signum: int, frame: FrameType | None) -> None:
    """Turn SIGTERM and SIGHUP into an exception, so the cluster is removed."""
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command against a throwaway cluster; return its exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--reporting-role",
        default=os.environ.get("CTR_REPORTING_ROLE", DEFAULT_REPORTING_ROLE),
        help="login role created before the command runs (dbt grants to it)",
    )
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = list(args.command)
    if command[:1] == ["--"]:
        command = command[1:]
    if not command:
        parser.error("give the command to run after --")
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _raise_on_termination)
    started_at = time.monotonic()
    with throwaway_postgres(args.reporting_role) as server:
        print(
            f"throwaway PostgreSQL on {server.host}:{server.port} "
            f"(started in {time.monotonic() - started_at:.1f} s)",
            flush=True,
        )
        return subprocess.run(command, env={**os.environ, **server.env()}).returncode


if __name__ == "__main__":
    sys.exit(main())
