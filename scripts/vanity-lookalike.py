#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR Apache-2.0
"""Generates an address-poisoning look-alike of a real Base58Check address, the way vanity
kits do: vary the middle bytes of the payload until the encoding shares the first and last
characters with the victim's address. Used once to make the fixtures of tests/poisoning.rs.

    scripts/vanity-lookalike.py TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC   # ~58^4 tries, ~30 s
"""
import hashlib
import sys

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58decode(text):
    n = 0
    for ch in text:
        n = n * 58 + ALPHABET.index(ch)
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return b"\0" * (len(text) - len(text.lstrip("1"))) + raw


def b58encode(data):
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = ALPHABET[r] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def checksum(payload):
    return hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]


def main():
    victim = sys.argv[1]
    shared = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    decoded = b58decode(victim)
    payload = bytearray(decoded[:-4])
    target = int.from_bytes(decoded, "big") % 58**shared
    for counter in range(1, 1 << 40):
        payload[9:14] = counter.to_bytes(5, "big")
        full = bytes(payload) + checksum(bytes(payload))
        if int.from_bytes(full, "big") % 58**shared != target:
            continue
        candidate = b58encode(full)
        if candidate[: shared + 1] == victim[: shared + 1] and candidate != victim:
            print(candidate, counter)
            return


main()
