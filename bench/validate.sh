#!/usr/bin/env bash
# Measures `safeharbor validate` on a corpus of realistic question sets, side by side in one run
# with the floor (decoding the same files with go.yaml.in/yaml/v3 and nothing else) and with
# ajv-cli checking the same files against the set format's JSON Schema (`safeharbor schema`).
#
#   bench/validate.sh [FILES] [RUNS]     defaults: 1000 files, 5 runs of each tool
#
# The corpus is FILES copies of the built-in post-return 1.0.0 set (38 KB each), each with its own
# id, in sets/NNNN/v1.0.0.yaml. ajv-cli is installed from npm into a temporary folder when npm is
# there; without npm its row is left out. Prints the median wall time and peak memory of each.
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-1000}
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/safeharbor" ./cmd/safeharbor
go build -o "$work/yamldecode" ./bench/yamldecode
"$work/safeharbor" schema > "$work/set.schema.json"

for i in $(seq -w 1 "$files"); do
	mkdir -p "$work/sets/$i"
	sed "s/^id: post-return$/id: post-return-$i/" questions/post-return/v1.0.0.yaml > "$work/sets/$i/v1.0.0.yaml"
done
printf 'corpus: %s files, %s\n' "$files" "$(du -sh "$work/sets" | cut -f1)"

ajv=""
if command -v npm >/dev/null 2>&1; then
	(cd "$work" && npm install --silent --no-audit --no-fund ajv-cli@5 ajv-formats@2 >/dev/null 2>&1) && ajv="$work/node_modules/.bin/ajv"
fi

# measure NAME COMMAND...: runs the command $runs times; prints the median seconds and peak MiB.
measure() {
	local name=$1
	shift
	local times=() mems=()
	for _ in $(seq "$runs"); do
		/usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/err" || {
			# validate exits 1 on warnings it finds; anything else is a failed run.
			[ $? -eq 1 ] && [[ "$name" == *validate* ]] || { cat "$work/err" >&2; exit 1; }
		}
		read -r t m < <(tail -n 1 "$work/time") # after any "Command exited with ..." line
		times+=("$t")
		mems+=("$m")
	done
	local mt mm
	mt=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
	mm=$(printf '%s\n' "${mems[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
	printf '%-22s median %6.2f s   peak %6.0f MiB   (runs: %s)\n' "$name" "$mt" "$((mm / 1024))" "${times[*]}"
}

measure "yaml decode only" "$work/yamldecode" "$work/sets"
measure "safeharbor validate" "$work/safeharbor" validate "$work/sets"
if [ -n "$ajv" ]; then
	measure "ajv-cli (JSON Schema)" "$ajv" validate --spec=draft2020 -c ajv-formats --strict=false -s "$work/set.schema.json" -d "$work/sets/*/v1.0.0.yaml"
else
	echo "ajv-cli: npm not found, left out"
fi
echo "cores: $(nproc)"

# The worst case for "did you mean": a set just under the 2 MiB limit with 5,200 long ids, each
# referred to once with a slip. Every reference is a finding with a suggestion to search for.
long_id_set() {
	local n=5200 long="abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij"
	printf 'format: safeharbor/v1\nid: stress\nversion: 1.0.0\nstatus: draft\ntitle: Stress\nlanguage: en\n'
	printf 'sources:\n  - {id: guide, title: A guide}\nlevels: {possible: 2, clear: 4}\nsections:\n  - id: s\n    title: S\n    questions:\n'
	for i in $(seq 0 $((n - 1))); do
		printf '      - {id: q-%d, mode: ask, type: yesno, text: "Is it so?", indicator: indicator-%s-%dx}\n' "$i" "$long" "$i"
	done
	printf 'indicators:\n'
	for i in $(seq 0 $((n - 1))); do
		printf '  - {id: indicator-%s-%d, label: L, weight: 1, sources: [guide]}\n' "$long" "$i"
	done
}
long_id_set > "$work/stress.yaml"
printf 'stress set: %s\n' "$(du -h "$work/stress.yaml" | cut -f1)"
measure "validate, 5,200 slips" "$work/safeharbor" validate "$work/stress.yaml"
