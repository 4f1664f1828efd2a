#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# run-checks.sh: the test driver behind `make check`.  Runs the Check suite
# binaries, a bounded pass of each libFuzzer target and the VM end-to-end
# scenarios, then prints one line that counts everything:
#   N passed, N failed, N skipped
# Options (in any order, each part optional):
#   --unit BIN...            Check suites (each test counts once)
#   --fuzz-build CMD         command that builds the fuzz targets (may fail:
#                            the targets are then skipped, with the reason)
#   --fuzz-seconds N BIN...  run each fuzz target for N seconds
#   --host BIN...            host programs that check by their exit status
#                            (bench_pump: two GRE pumps over loopback; raw
#                            sockets, so skipped unless root)
#   --vm                     the VM (or direct) end-to-end scenarios
set -u

here=$(cd "$(dirname "$0")" && pwd)
passed=0 failed=0 skipped=0
failures=()

unit=() fuzz=() host=() fuzz_build="" fuzz_seconds=10 vm=0
mode=""
while [ $# -gt 0 ]; do
	case $1 in
	--unit) mode=unit ;;
	--fuzz-build) fuzz_build=$2; shift ;;
	--fuzz-seconds) fuzz_seconds=$2; mode=fuzz; shift ;;
	--vm) vm=1; mode="" ;;
	--host) mode=host ;;
	*)
		case $mode in
		unit) unit+=("$1") ;;
		host) host+=("$1") ;;
		fuzz) fuzz+=("$1") ;;
		*) echo "run-checks: unexpected argument '$1'" >&2; exit 2 ;;
		esac
		;;
	esac
	shift
done

# Check prints "NN%: Checks: T, Failures: F, Errors: E" per suite.
for bin in "${unit[@]}"; do
	name=$(basename "$bin")
	out=$("$bin" 2>&1)
	rc=$?
	printf '%s\n' "$out" | sed "s|^|[$name] |"
	line=$(printf '%s\n' "$out" | grep -E '^[0-9]+%: Checks: ' | tail -n 1)
	if [ -z "$line" ]; then
		echo "[$name] no Check summary (exit $rc): counted as one failure"
		failed=$((failed + 1)); failures+=("$name")
		continue
	fi
	t=$(sed -E 's/.*Checks: ([0-9]+).*/\1/' <<<"$line")
	f=$(sed -E 's/.*Failures: ([0-9]+).*/\1/' <<<"$line")
	e=$(sed -E 's/.*Errors: ([0-9]+).*/\1/' <<<"$line")
	passed=$((passed + t - f - e))
	failed=$((failed + f + e))
	[ $((f + e)) -eq 0 ] && [ "$rc" -eq 0 ] || failures+=("$name")
done

for bin in "${host[@]}"; do
	name=$(basename "$bin")
	if [ "$(id -u)" -ne 0 ]; then
		echo "[$name] skipped: needs root (raw GRE sockets)"
		skipped=$((skipped + 1))
		continue
	fi
	out=$("$bin" 2>&1)
	rc=$?
	printf '%s\n' "$out" | sed "s|^|[$name] |"
	if [ $rc -eq 0 ]; then
		passed=$((passed + 1))
	else
		echo "[$name] FAILED (exit $rc)"
		failed=$((failed + 1)); failures+=("$name")
	fi
done

if [ ${#fuzz[@]} -gt 0 ]; then
	fuzz_ok=1
	probe=$(mktemp -d)
	printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
	    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }' \
	    >"$probe/p.c"
	if ! "${CLANG:-clang}" -fsanitize=fuzzer,address -o "$probe/p" "$probe/p.c" \
	    >/dev/null 2>&1; then
		echo "[fuzz] SKIP: ${CLANG:-clang} cannot build libFuzzer targets (install clang and libclang-rt-14-dev)"
		skipped=$((skipped + ${#fuzz[@]}))
		fuzz_ok=0
	elif [ -n "$fuzz_build" ] && ! blog=$($fuzz_build 2>&1); then
		printf '%s\n' "$blog" | tail -n 20
		echo "[fuzz] FAILED: the fuzz targets do not build (output above)"
		failed=$((failed + ${#fuzz[@]})); failures+=("fuzz-build")
		fuzz_ok=0
	fi
	rm -rf "$probe"
	if [ $fuzz_ok -eq 1 ]; then
		for bin in "${fuzz[@]}"; do
			name=$(basename "$bin")
			seeds="$here/fuzz/seeds/${name#fuzz_}"
			corpus=$(mktemp -d)
			args=(-max_total_time="$fuzz_seconds" -print_final_stats=1
			    -timeout=10 -rss_limit_mb=1024)
			dirs=("$corpus")
			[ -d "$seeds" ] && dirs+=("$seeds")
			if out=$("$bin" "${args[@]}" "${dirs[@]}" 2>&1); then
				execs=$(grep -E 'stat::number_of_executed_units' <<<"$out" |
				    awk '{print $2}')
				echo "[$name] ok: ${execs:-?} executions in ${fuzz_seconds}s"
				passed=$((passed + 1))
			else
				printf '%s\n' "$out" | tail -n 40
				echo "[$name] FAILED: crash or leak (reproducer above)"
				failed=$((failed + 1)); failures+=("$name")
			fi
			rm -rf "$corpus"
		done
	fi
fi

if [ $vm -eq 1 ]; then
	# run.sh prints one "RESULT name pass|fail|skip reason" per scenario.
	results=$(mktemp)
	"$here/vm/run.sh" --all --results "$results"
	rc=$?
	while read -r tag name res reason; do
		[ "$tag" = RESULT ] || continue
		case $res in
		pass) passed=$((passed + 1)) ;;
		skip) skipped=$((skipped + 1)); echo "[vm] SKIP $name: $reason" ;;
		*) failed=$((failed + 1)); failures+=("vm:$name") ;;
		esac
	done <"$results"
	if [ $rc -ne 0 ] && ! grep -q '^RESULT' "$results"; then
		echo "[vm] the bench itself failed (exit $rc): counted as one failure"
		failed=$((failed + 1)); failures+=("vm-bench")
	fi
	rm -f "$results"
fi

[ ${#failures[@]} -gt 0 ] && echo "failed: ${failures[*]}"
echo "$passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
