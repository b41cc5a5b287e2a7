#!/usr/bin/env python3
# Copyright (c) 2026 The nolistd authors
#
# Permission to use, copy, modify, and distribute this software for any
# purpose with or without fee is hereby granted, provided that the above
# copyright notice and this permission notice appear in all copies.
#
# THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
# WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
# MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
# ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
# WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
# ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF
# OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.

"""Writes the e2e world's zone files and the nsd zone list into DIR.
Usage: mkzones.py DIR
One forward zone, test., and the reverse zones of the documentation
ranges, so that every sender has forward-confirmed reverse DNS."""
import ipaddress
import os
import sys

TTL = 3600

# name -> addresses (forward) ; every address also gets a PTR to name
HOSTS = {
    "fake.nolist.test.": ["192.0.2.1", "2001:db8::1"],
    "mx.nolist.test.": ["192.0.2.2", "2001:db8::2"],
    "last.nolist.test.": ["192.0.2.3", "2001:db8::3"],
    "fake4.nolist.test.": ["192.0.2.1"],
    "mx4.nolist.test.": ["192.0.2.2"],
    "last4.nolist.test.": ["192.0.2.3"],
    "fake6.nolist.test.": ["2001:db8::1"],
    "mx6.nolist.test.": ["2001:db8::2"],
    "last6.nolist.test.": ["2001:db8::3"],
    # a domain without nolisting, for the baseline runs
    "mx.plain.test.": ["192.0.2.4", "2001:db8::4"],
    "ns.test.": ["192.0.2.54", "2001:db8::54"],
    "postfix.sender.test.": ["198.51.100.10", "2001:db8:100::10"],
    # fresh sources of the Postfix host, one per scenario that needs a
    # sender nolistd has never seen
    "p11.sender.test.": ["198.51.100.11"],
    "p12.sender.test.": ["198.51.100.12"],
    "p13.sender.test.": ["198.51.100.13"],
    "exim.sender.test.": ["198.51.100.20", "2001:db8:100::20"],
    "opensmtpd.sender.test.": ["198.51.100.30", "2001:db8:100::30"],
    "out1.poolmail.test.": ["198.51.100.41"],
    "out2.poolmail.test.": ["198.51.100.42"],
    "out0.poolmail.test.": ["198.51.100.40"],
    # the farm's pairs for Exim and OpenSMTPD
    "out3.poolmail.test.": ["198.51.100.43"],
    "out4.poolmail.test.": ["198.51.100.44"],
    "out5.poolmail.test.": ["198.51.100.45"],
    "out6.poolmail.test.": ["198.51.100.46"],
    "bot.dyn.test.": ["203.0.113.66", "2001:db8:113::66"],
}

# the fake MX at the best priority, the real one, a second fake last
MX = {
    "nolist.test.": ("fake", "mx", "last"),
    "v4.nolist.test.": ("fake4", "mx4", "last4"),
    "v6.nolist.test.": ("fake6", "mx6", "last6"),
}

REVERSE = {
    "2.0.192.in-addr.arpa.": "192.0.2.0/24",
    "100.51.198.in-addr.arpa.": "198.51.100.0/24",
    "113.0.203.in-addr.arpa.": "203.0.113.0/24",
    "8.b.d.0.1.0.0.2.ip6.arpa.": "2001:db8::/32",
}


def soa(origin):
    return (f"$ORIGIN {origin}\n$TTL {TTL}\n"
            f"@ SOA ns.test. hostmaster.test. 1 3600 600 86400 {TTL}\n"
            f"@ NS ns.test.\n")


def forward():
    lines = [soa("test.")]
    for name, addrs in HOSTS.items():
        for a in addrs:
            rr = "AAAA" if ":" in a else "A"
            lines.append(f"{name} {rr} {a}\n")
    lines.append("plain.test. MX 10 mx.plain.test.\n")
    # the pool sender's farm, as its SPF record publishes it: expand
    # pool lets in what it lists once one of them tried the fake MX
    lines.append('poolmail.test. TXT "v=spf1 ip4:198.51.100.40/29 -all"\n')
    for dom, (fake, real, last) in MX.items():
        lines.append(f"{dom} MX 10 {fake}.nolist.test.\n")
        lines.append(f"{dom} MX 20 {real}.nolist.test.\n")
        lines.append(f"{dom} MX 30 {last}.nolist.test.\n")
    return "".join(lines)


def reverse(origin, net):
    net = ipaddress.ip_network(net)
    lines = [soa(origin)]
    seen = set()
    for name, addrs in HOSTS.items():
        # the per-family MX names share addresses: the first name
        # listed gets the PTR
        for a in addrs:
            ip = ipaddress.ip_address(a)
            if ip in net and a not in seen:
                seen.add(a)
                lines.append(f"{ip.reverse_pointer}. PTR {name}\n")
    return "".join(lines)


def main():
    out = sys.argv[1]
    zones = {"test.": forward()}
    for origin, net in REVERSE.items():
        zones[origin] = reverse(origin, net)
    for origin, text in zones.items():
        with open(os.path.join(out, origin + "zone"), "w") as f:
            f.write(text)
    with open(os.path.join(out, "zones.conf"), "w") as f:
        for origin in zones:
            f.write(f'zone:\n\tname: "{origin}"\n'
                    f'\tzonefile: "{origin}zone"\n')


if __name__ == "__main__":
    main()
