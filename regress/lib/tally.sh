# The pass and fail counts of a test script, to be sourced: ok, bad
# "what", and tally_end as the script's last command (its exit status).
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
tally_end() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
