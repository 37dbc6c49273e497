"""`explainer kiosk hash-pin`: read a PIN twice, hidden, and print its pbkdf2_sha256 line."""

from __future__ import annotations

import getpass
import sys

from explainer.commands.output import EXIT_OK, EXIT_USAGE
from explainer.kiosk_pin import hash_pin

MIN_PIN_LENGTH = 6


def run_hash_pin() -> int:
    first = getpass.getpass("New administrator PIN: ")
    if len(first) < MIN_PIN_LENGTH:
        print(f"explainer: the PIN must have at least {MIN_PIN_LENGTH} characters.",
              file=sys.stderr)
        return EXIT_USAGE
    if getpass.getpass("The same PIN again: ") != first:
        print("explainer: the two PINs are not the same. Nothing was printed.", file=sys.stderr)
        return EXIT_USAGE
    print(hash_pin(first))
    print("Put this line in EXPLAINER_KIOSK_PIN_HASH or as kiosk_pin_hash in the settings file.",
          file=sys.stderr)
    return EXIT_OK
