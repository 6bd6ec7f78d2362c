"""The sync folder's encryption: a key from the sync passphrase, and files sealed with it.

Everything in the folder is written by :func:`seal` and read by :func:`unseal`, with the
``cryptography`` library's primitives (no crypto of our own): the key is derived from the
passphrase by Argon2id (memory-hard, so guessing passphrases from a stolen folder is slow), and
each file is encrypted and authenticated by ChaCha20-Poly1305 under a random nonce. A file's
clear header (its kind, device and sequence number) is bound to its ciphertext as associated
data together with the journal's id, so a file edited, moved to another device's name, or
copied from another synced journal fails to open instead of being applied. The payload is JSON,
compressed, and its decompressed size is bounded, as is every size read from the folder.

The folder's header file holds the journal id, the Argon2id parameters and salt, and a key
check: a short text sealed with the key, which tells a wrong passphrase from a damaged file.
The parameters are bounded when read, so a crafted header cannot make the app spend gigabytes
of memory or minutes deriving a key.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import os
import struct
import zlib
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from coachjournal.sync.errors import SyncDataError, SyncPassphraseError

KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
#: Argon2id's cost for a new folder: 64 MiB of memory, 3 passes (about half a second here).
MEMORY_KIB = 64 * 1024
ITERATIONS = 3
LANES = 1
#: What a folder's header may ask for, at most: a crafted header asks for more in vain.
MAX_MEMORY_KIB = 512 * 1024
MAX_ITERATIONS = 10
MAX_LANES = 8
#: And at least: a header cannot weaken the derivation below the defaults' floor.
MIN_MEMORY_KIB = 64 * 1024
MIN_ITERATIONS = 2
#: The header file is small; anything longer is not ours.
MAX_HEADER_BYTES = 4096
#: The largest payload a file may unpack to (a snapshot of a very large journal fits).
MAX_PAYLOAD_BYTES = 512 * 1024 * 1024

HEADER_FORMAT = 1
_CHECK_TEXT = b"CoachJournal sync key check"

#: A sealed file: magic, format, kind, device (16 bytes), sequence number, nonce, ciphertext.
MAGIC = b"CJSYNC"
FILE_FORMAT = 1
_CLEAR = struct.Struct(">6sBc16sQ")
CLEAR_BYTES = _CLEAR.size + NONCE_BYTES
#: Kinds of sealed file.
CHANGES = b"c"
SNAPSHOT = b"s"
DEVICE = b"d"
KINDS = (CHANGES, SNAPSHOT, DEVICE)


@dataclasses.dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id's parameters and salt, as the folder's header gives them."""

    salt: bytes
    memory_kib: int = MEMORY_KIB
    iterations: int = ITERATIONS
    lanes: int = LANES

    def derive(self, passphrase: str) -> bytes:
        """The 32-byte key for ``passphrase``."""
        kdf = Argon2id(
            salt=self.salt,
            length=KEY_BYTES,
            iterations=self.iterations,
            lanes=self.lanes,
            memory_cost=self.memory_kib,
        )
        return kdf.derive(passphrase.encode("utf-8"))


@dataclasses.dataclass(frozen=True, slots=True)
class Header:
    """The folder's header: which journal it holds, and how to get and check its key."""

    journal_id: str
    kdf: KdfParams
    check: bytes

    def to_bytes(self) -> bytes:
        return json.dumps(
            {
                "format": HEADER_FORMAT,
                "journal": self.journal_id,
                "kdf": {
                    "algorithm": "argon2id",
                    "memory_kib": self.kdf.memory_kib,
                    "iterations": self.kdf.iterations,
                    "lanes": self.kdf.lanes,
                    "salt": base64.b64encode(self.kdf.salt).decode("ascii"),
                },
                "check": base64.b64encode(self.check).decode("ascii"),
            },
            indent=1,
        ).encode("utf-8")

    def key_for(self, passphrase: str) -> bytes:
        """The key ``passphrase`` gives, checked against the header's key check; raises
        :class:`SyncPassphraseError` when it is not this folder's passphrase."""
        key = self.kdf.derive(passphrase)
        if not self.opens(key):
            raise SyncPassphraseError(
                "The sync passphrase is not right for this folder; nothing was changed. "
                "Type the passphrase chosen when sync was set up."
            )
        return key

    def opens(self, key: bytes) -> bool:
        """Whether ``key`` is this folder's key."""
        nonce, sealed = self.check[:NONCE_BYTES], self.check[NONCE_BYTES:]
        try:
            text = ChaCha20Poly1305(key).decrypt(nonce, sealed, _check_aad(self.journal_id))
        except InvalidTag:
            return False
        return text == _CHECK_TEXT


def _check_aad(journal_id: str) -> bytes:
    return b"key-check:" + journal_id.encode("ascii")


def new_id() -> str:
    """A random id (32 lowercase hex digits) for a journal or a device."""
    return os.urandom(16).hex()


def new_header(passphrase: str) -> tuple[Header, bytes]:
    """A header for a new folder, with a new journal id and salt, and the key it checks."""
    params = KdfParams(salt=os.urandom(SALT_BYTES))
    journal_id = new_id()
    key = params.derive(passphrase)
    nonce = os.urandom(NONCE_BYTES)
    check = nonce + ChaCha20Poly1305(key).encrypt(nonce, _CHECK_TEXT, _check_aad(journal_id))
    return Header(journal_id, params, check), key


def _damaged_header(what: str) -> SyncDataError:
    return SyncDataError(
        f"The sync folder's header file is damaged or not CoachJournal's ({what}); "
        "set sync up again in a new folder, or restore the header from another computer."
    )


def _bounded(value: Any, low: int, high: int, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise _damaged_header(f"its {what} is outside {low}–{high}")
    return value


def is_id(value: object) -> bool:
    """Whether ``value`` is an id as :func:`new_id` makes them."""
    return (
        isinstance(value, str) and len(value) == 32 and all(c in "0123456789abcdef" for c in value)
    )


def parse_header(data: bytes) -> Header:
    """The header in ``data`` (the header file's bytes), its parameters checked against the
    bounds; raises :class:`SyncDataError` for anything else."""
    if len(data) > MAX_HEADER_BYTES:
        raise _damaged_header("it is too long")
    try:
        found = json.loads(data.decode("utf-8"))
        kdf = found["kdf"]
        salt = base64.b64decode(kdf["salt"], validate=True)
        check = base64.b64decode(found["check"], validate=True)
    except (
        UnicodeDecodeError,
        ValueError,
        RecursionError,  # nested deeper than the JSON reader goes
        binascii.Error,
        KeyError,
        TypeError,
    ) as error:
        raise _damaged_header("it cannot be read") from error
    if found.get("format") != HEADER_FORMAT or kdf.get("algorithm") != "argon2id":
        raise _damaged_header("it is of an unknown format")
    if not is_id(found.get("journal")):
        raise _damaged_header("its journal id is not valid")
    if len(salt) < SALT_BYTES or len(salt) > 64:
        raise _damaged_header("its salt has the wrong length")
    if len(check) != NONCE_BYTES + len(_CHECK_TEXT) + 16:
        raise _damaged_header("its key check has the wrong length")
    params = KdfParams(
        salt=salt,
        memory_kib=_bounded(kdf.get("memory_kib"), MIN_MEMORY_KIB, MAX_MEMORY_KIB, "memory"),
        iterations=_bounded(kdf.get("iterations"), MIN_ITERATIONS, MAX_ITERATIONS, "passes"),
        lanes=_bounded(kdf.get("lanes"), 1, MAX_LANES, "lanes"),
    )
    return Header(found["journal"], params, check)


@dataclasses.dataclass(frozen=True, slots=True)
class Sealed:
    """A sealed file's clear header: what it claims to be (only :func:`unseal` proves it)."""

    kind: bytes
    device: str
    seq: int


class DamagedFile(Exception):  # noqa: N818 (names the condition)
    """A file did not open: damaged, half-written, tampered with, or another journal's. Not
    shown as it is: the folder layer decides whether and how to report it."""


def peek(data: bytes) -> Sealed:
    """The clear header at the start of ``data``, unverified; raises :class:`DamagedFile`
    when ``data`` does not start like a sealed file."""
    if len(data) < _CLEAR.size:
        raise DamagedFile("too short")
    magic, version, kind, device, seq = _CLEAR.unpack_from(data)
    if magic != MAGIC or version != FILE_FORMAT or kind not in KINDS:
        raise DamagedFile("not a sync file")
    return Sealed(kind, device.hex(), seq)


def _aad(clear: bytes, journal_id: str) -> bytes:
    return clear + journal_id.encode("ascii")


def seal(
    key: bytes, journal_id: str, kind: bytes, device: str, seq: int, payload: dict[str, Any]
) -> bytes:
    """``payload`` as JSON, compressed, encrypted and authenticated together with its kind,
    device, sequence number and the journal's id."""
    clear = _CLEAR.pack(MAGIC, FILE_FORMAT, kind, bytes.fromhex(device), seq)
    text = json.dumps(payload, separators=(",", ":")).encode("utf-8")
    if len(text) > MAX_PAYLOAD_BYTES:
        raise SyncDataError("This journal's changes are too large to be synced in one file.")
    plain = zlib.compress(text, 6)
    nonce = os.urandom(NONCE_BYTES)
    return clear + nonce + ChaCha20Poly1305(key).encrypt(nonce, plain, _aad(clear, journal_id))


def unseal(key: bytes, journal_id: str, data: bytes) -> tuple[Sealed, dict[str, Any]]:
    """The clear header and the payload of a sealed file, or :class:`DamagedFile` when it does
    not open (it is not what its header says, or not this journal's, or not whole)."""
    sealed = peek(data)
    clear, nonce = data[: _CLEAR.size], data[_CLEAR.size : CLEAR_BYTES]
    try:
        plain = ChaCha20Poly1305(key).decrypt(nonce, data[CLEAR_BYTES:], _aad(clear, journal_id))
    except (InvalidTag, ValueError) as error:
        raise DamagedFile("does not authenticate") from error
    unpack = zlib.decompressobj()
    try:
        text = unpack.decompress(plain, MAX_PAYLOAD_BYTES + 1)
    except zlib.error as error:
        raise DamagedFile("not compressed data") from error
    if len(text) > MAX_PAYLOAD_BYTES or unpack.unconsumed_tail or not unpack.eof:
        raise DamagedFile("too large or cut short")
    try:
        payload = json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise DamagedFile("not JSON") from error
    if not isinstance(payload, dict):
        raise DamagedFile("not a JSON object")
    return sealed, payload
