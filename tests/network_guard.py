"""The app opens no network connection, ever: guards that catch any attempt.

- :func:`guard_sockets` (used by an autouse fixture in ``tests/conftest.py``): inside the test
  process, connecting a socket of any family but ``AF_UNIX``, or looking a host name up, raises
  :class:`NetworkUsedError` and is recorded, so that a test that swallows the exception still fails.
- :data:`AUDIT_HOOK` (used by ``tests/core/test_no_network.py``): Python code that installs a
  ``sys.addaudithook`` hook in a child process; the hook sees every socket connect, bind and
  name lookup and every ``urllib`` request, however deep in a library, and writes each one for
  the test to read.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

import pytest


class NetworkUsedError(RuntimeError):
    """Code under test tried to reach the network."""


def _internet(sock: socket.socket) -> bool:
    return sock.family != getattr(socket, "AF_UNIX", None)


def guard_sockets(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Refuse internet sockets and name lookups for the rest of the test; return the list the
    attempts are recorded in."""
    attempts: list[str] = []

    def refuse(what: str) -> NetworkUsedError:
        attempts.append(what)
        return NetworkUsedError(f"a test tried to use the network: {what}")

    def guarded(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def method(self: socket.socket, address: Any, *args: Any) -> Any:
            if _internet(self):
                raise refuse(f"socket.{name}({address!r})")
            return real(self, address, *args)

        return method

    for name in ("connect", "connect_ex", "bind"):
        monkeypatch.setattr(socket.socket, name, guarded(name, getattr(socket.socket, name)))

    def lookup(name: str) -> Callable[..., Any]:
        def refused(host: Any, *args: Any, **kwargs: Any) -> Any:
            raise refuse(f"socket.{name}({host!r})")

        return refused

    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
        monkeypatch.setattr(socket, name, lookup(name))
    return attempts


#: Prepended to a child's code: records any network use in the file named by
#: ``$COACHJOURNAL_NETWORK_LOG`` and refuses it.
AUDIT_HOOK = """
import os, socket, sys

def _network_guard(event, args):
    if event in ("socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg"):
        sock, address = args[0], args[-1]
        if sock.family == getattr(socket, "AF_UNIX", None):
            return
    elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr"):
        address = args[0]
    elif event == "urllib.Request":
        address = args[0]
    else:
        return
    with open(os.environ["COACHJOURNAL_NETWORK_LOG"], "a", encoding="utf-8") as log:
        log.write(f"{event} {address!r}\\n")
    raise RuntimeError(f"network use refused: {event} {address!r}")

sys.addaudithook(_network_guard)
"""
