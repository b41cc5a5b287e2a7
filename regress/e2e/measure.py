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

"""What nolisting cost one delivery, from the daemon's -e records and the
sink's log: prints
    delivered <0|1> drops <N> fake_to_mail <s|-> submit_to_mail <s|->
drops: SYNs from SENDER to the real MX that the firewall dropped
(block-real-mx records) between the submission and the delivery (or now);
fake_to_mail: from the sender's first SYN to the fake MX to the message's
arrival; submit_to_mail: from the submission to the arrival.
Usage: measure.py RECORDS SINKLOG SUBJECT SUBMIT_TIME SENDER..."""
import json
import sys
import time


def lines(path):
    try:
        with open(path) as f:
            for line in f:
                try:
                    yield json.loads(line)
                except ValueError:
                    pass
    except FileNotFoundError:
        return


def main():
    records, sink, subject, t0 = sys.argv[1:5]
    t0 = float(t0)
    senders = set(sys.argv[5:])
    arrived = None
    for m in lines(sink):
        if m.get("subject") == subject:
            arrived = m["time"]
            break
    end = arrived if arrived is not None else time.time()
    drops, first_fake = 0, None
    for r in lines(records):
        if r.get("src") not in senders or not t0 <= r["time"] <= end:
            continue
        if r["ifname"] == "block-real-mx":
            drops += 1
        elif r["ifname"] == "block-fake-mx" and first_fake is None:
            first_fake = r["time"]
    f2m = s2m = "-"
    if arrived is not None:
        s2m = f"{arrived - t0:.3f}"
        if first_fake is not None:
            f2m = f"{arrived - first_fake:.3f}"
    print(f"delivered {int(arrived is not None)} drops {drops} "
          f"fake_to_mail {f2m} submit_to_mail {s2m}")


if __name__ == "__main__":
    main()
