#!/usr/bin/env python3
"""Prints a loopback TCP port that is free now, for deploy/local-cluster.sh and bench/relay/run.sh.

The port is picked at random below the kernel's ephemeral range. A port the kernel hands out for port 0 is an
ephemeral one, and between the pick and the server's bind any outgoing connection on the machine may take it: a CI
run lost a silo to "address already in use" so. Ports below the range go only to servers that ask for them by
number. tests/TypingRace.Testing/LoopbackPorts.cs picks the tests' ports by the same rule.
"""
import random
import socket

LOWEST = 10000

try:
    with open("/proc/sys/net/ipv4/ip_local_port_range") as ports:
        ephemeral_low = int(ports.read().split()[0])
except (OSError, ValueError, IndexError):
    ephemeral_low = 32768

# Tried at random so that pickers running side by side rarely try the same port; 0 (the kernel's pick) when there is
# no room below the range, or nothing there was free.
candidates = [random.randint(LOWEST, ephemeral_low - 1) for _ in range(200)] if ephemeral_low > LOWEST + 1 else []
for port in candidates + [0]:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            continue
        print(probe.getsockname()[1])
        break
