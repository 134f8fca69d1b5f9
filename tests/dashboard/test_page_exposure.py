"""The dashboard started exactly as the README says listens on loopback only, never on every interface."""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.browser import free_port

ROOT = Path(__file__).resolve().parents[2]
LISTEN = "0A"  # the TCP state column of /proc/net/tcp


def readme_dashboard_command() -> list[str]:
    """The README's command that opens the dashboard, without the setup step before it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if "streamlit run dashboard.py" in line and "setup.sh" in line)
    command = shlex.split(line.split("&&", 1)[1])
    assert command[:3] == [".venv/bin/streamlit", "run", "dashboard.py"], command
    return command


def listening(port: int) -> set[str]:
    """The local addresses with a listening TCP socket on the port (IPv4 and IPv6), from /proc/net."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        if not os.path.exists(table):
            continue
        for row in Path(table).read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            address, hex_port = local.split(":")
            if int(hex_port, 16) == port and state == LISTEN:
                raw = bytes.fromhex(address)
                # the kernel writes each 32-bit word in host (little-endian) order
                raw = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
                family = socket.AF_INET if width == 8 else socket.AF_INET6
                found.add(socket.inet_ntop(family, raw))
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads the listening sockets from Linux's /proc")
def test_the_readme_command_binds_loopback_only(tmp_path: Path) -> None:
    command = readme_dashboard_command()
    port = free_port()
    # The command as written, run by this interpreter's streamlit; only the port (a free one, so tests may run
    # beside a dashboard) and the store (a temporary one) come from the environment, as a user could set them.
    argv = [sys.executable, "-m", "streamlit", *command[1:]]
    env = {**os.environ, "STREAMLIT_SERVER_PORT": str(port), "EVENTS_DB": str(tmp_path / "events.db")}
    log = tmp_path / "streamlit.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.2)
        assert listening(port) == {"127.0.0.1"}
        printed = log.read_text()
        assert f"http://127.0.0.1:{port}" in printed or f"http://localhost:{port}" in printed
        assert "Network URL" not in printed and not re.search(r"External URL", printed)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_proc_net_parsing_reads_addresses_in_host_order() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        assert listening(port) == {"127.0.0.1"}
    if socket.has_ipv6:
        with socket.socket(socket.AF_INET6) as s6:
            try:
                s6.bind(("::1", 0))
            except OSError:
                pytest.skip("no IPv6 loopback here")
            s6.listen()
            assert listening(s6.getsockname()[1]) == {"::1"}
