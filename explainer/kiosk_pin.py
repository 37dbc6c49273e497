"""The kiosk administrator's PIN: PBKDF2-SHA256 lines, checked in constant time, tries slowed.

Format: pbkdf2_sha256$ITERATIONS$SALT$HASH, SALT and HASH in hex,
HASH = hashlib.pbkdf2_hmac("sha256", pin_utf8, bytes.fromhex(SALT), ITERATIONS).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

SCHEME = "pbkdf2_sha256"
MIN_ITERATIONS = 100_000
NEW_ITERATIONS = 600_000
MAX_WAIT_SECONDS = 300


class PinHashError(ValueError):
    """The configured PIN hash is not a usable pbkdf2_sha256 line."""


@dataclass(frozen=True)
class PinHash:
    iterations: int
    salt: bytes
    digest: bytes

    @classmethod
    def parse(cls, line: str) -> PinHash:
        parts = line.strip().split("$")
        if len(parts) != 4 or parts[0] != SCHEME:
            raise PinHashError("the PIN hash must look like pbkdf2_sha256$ITERATIONS$SALT$HASH")
        try:
            iterations = int(parts[1])
            salt, digest = bytes.fromhex(parts[2]), bytes.fromhex(parts[3])
        except ValueError:
            raise PinHashError("the PIN hash has a bad number or hex value") from None
        if iterations < MIN_ITERATIONS:
            raise PinHashError(f"the PIN hash needs at least {MIN_ITERATIONS:,} iterations")
        if not salt or len(digest) != 32:
            raise PinHashError("the PIN hash needs a salt and a 32-byte SHA-256 hash")
        return cls(iterations, salt, digest)

    def matches(self, pin: str) -> bool:
        computed = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), self.salt, self.iterations)
        return hmac.compare_digest(computed, self.digest)


def hash_pin(pin: str, iterations: int = NEW_ITERATIONS) -> str:
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)
    return f"{SCHEME}${iterations}${salt.hex()}${digest.hex()}"


@dataclass
class PinGuard:
    """Checks PINs; each wrong one doubles the wait before the next try (kept in memory only)."""

    pin_hash: PinHash
    clock: Callable[[], float] = time.monotonic
    failures: int = 0
    locked_until: float = field(default=0.0)

    def wait_seconds(self) -> int:
        return max(0, int(self.locked_until - self.clock() + 0.999))

    def check(self, pin: str) -> bool:
        if self.wait_seconds() > 0:
            return False
        if self.pin_hash.matches(pin):
            self.failures = 0
            return True
        self.failures += 1
        self.locked_until = self.clock() + min(2 ** self.failures, MAX_WAIT_SECONDS)
        return False
