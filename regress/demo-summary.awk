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

# What regress/demo.sh's replay showed, from nolistd's own output: the
# print backend's decisions ("op":"add" whitelists an address) and the -e
# records (what the firewall did with each SYN when the capture was made).
# The senders' names are those of regress/captures/SOURCES for
# e2e-mta-nflog.pcap.

function field(name) {
	if (!match($0, "\"" name "\":\"[^\"]*\""))
		return ""
	return substr($0, RSTART + length(name) + 4,
	    RLENGTH - length(name) - 5)
}

function sender(a) {
	if (a ~ /^198\.51\.100\.1[0-3]$/ || a == "2001:db8:100::10")
		return "Postfix"
	if (a == "198.51.100.20" || a == "2001:db8:100::20")
		return "Exim"
	if (a == "198.51.100.30" || a == "2001:db8:100::30")
		return "OpenSMTPD"
	if (a == "198.51.100.41" || a == "198.51.100.42")
		return "Postfix (SNAT pool)"
	if (a == "203.0.113.66" || a == "2001:db8:113::66")
		return "swaks (a bot)"
	return "unnamed sender"
}

function seen(a) {
	if (!(a in first))
		first[a] = ++naddr
	order[first[a]] = a
}

field("op") == "add" {
	a = field("addr")
	sub(/\/[0-9]+$/, "", a)
	seen(a)
	added[a] = 1
	next
}

field("src") != "" {
	a = field("src")
	seen(a)
	if (field("ifname") == "pass-real-mx")
		passed[a]++
	else if (field("ifname") == "block-real-mx")
		dropped[a]++
}

# group CLASS TITLE: the addresses in CLASS, one line a sender
function group(cls, title,	i, a, s, n, line) {
	n = 0
	for (i = 1; i <= naddr; i++) {
		a = order[i]
		if (class[a] != cls)
			continue
		s = sender(a)
		if (!(s in line)) {
			names[++n] = s
			line[s] = ""
		}
		line[s] = line[s] " " a
	}
	if (n == 0)
		return
	print title
	for (i = 1; i <= n; i++)
		wrap(sprintf("  %-20s", names[i]), line[names[i]])
}

# wrap HEAD WORDS: HEAD and WORDS in lines of at most 78 columns
function wrap(head, words,	w, n, i, out) {
	n = split(words, w, " ")
	out = head
	for (i = 1; i <= n; i++) {
		if (length(out) + 1 + length(w[i]) > 78 && out != head) {
			print out
			out = head
			gsub(/./, " ", out)
		}
		out = out " " w[i]
	}
	print out
}

END {
	for (i = 1; i <= naddr; i++) {
		a = order[i]
		if (a in added)
			class[a] = "in"
		else if (passed[a])
			class[a] = "live"
		else
			class[a] = "out"
		syn[class[a], "pass"] += passed[a]
		syn[class[a], "drop"] += dropped[a]
	}
	print ""
	print "== What the replay showed (senders as regress/captures/SOURCES" \
	    " names them)"
	group("in", "Let in: they tried the fake MX first, and nolistd" \
	    " whitelisted them:")
	group("out", "Kept out: straight to the real MX, never whitelisted:")
	group("live", "Passed in the capture, not whitelisted here (the live" \
	    " run had expand pool):")
	printf "SYNs to the real MX as the capture logged them: let in %d" \
	    " passed, %d dropped\n(lost races, the capture's stopped" \
	    " daemon); kept out %d passed, %d dropped.\n",
	    syn["in", "pass"], syn["in", "drop"],
	    syn["out", "pass"], syn["out", "drop"]
}
