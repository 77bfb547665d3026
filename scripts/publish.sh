#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0
# The publisher pipeline, in one script: the daily CI job (.github/workflows/publish.yml), the
# local page (scripts/serve.sh) and the tests (scripts/test-publish.sh) all run exactly this.
#
#   1. import every source into rows (JSON Lines), one file per source with a stable name:
#        --sdn-xml FILE / --sdn-url URL   OFAC's sdn_advanced.xml   → ofac-sdn.jsonl (import-ofac)
#        --ofac-snapshot DIR              sanctioned_addresses_<TICKER>.txt files
#                                                                   → ofac-<TICKER>.jsonl (import-addresses)
#        --rows FILE (repeatable)         your own CSV / JSON Lines rows (a bank's list), as they are
#      Addresses that do not parse are reported (with their line) in <work>/reports/ and printed;
#      they are never listed and never silently dropped.
#   2. with --previous-url, fetch the live publication (publication.json and the lists it keeps)
#      when --out holds none, so deltas and the shrink guard start from what clients hold;
#   3. wallet-risk publish: build, apply --removals last, guard against shrinking sources,
#      sign, write the full list, the deltas and the signed index into --out.
#
# Usage: scripts/publish.sh --out DIR --secret-key FILE --list-id ID [sources...] [options]
#   --issued-at UNIX   issue time (default: now; CI passes the day's midnight: re-runs are no-ops)
#   --removals FILE    CSV address,reason,date[,chain]: off the list whatever the sources say
#   --allow-shrink     publish although a source lost more than --max-shrink-percent (default 10)
#   --cert FILE        a key certificate (rotated online key), repeatable
#   --keep N, --expires-in-days N, --max-shrink-percent N   passed to wallet-risk publish
#   --sdn-date DATE    the "first reported" date of SDN rows (default: the issue day)
#   --cli PATH         the wallet-risk binary (default: target/release/wallet-risk, built if missing)
#   --work DIR         where the rows and reports go (default: <out>.work, replaced)
set -euo pipefail
cd "$(dirname "$0")/.."

out= key= list_id= sdn_xml= sdn_url= snapshot= previous_url= issued_at= sdn_date= removals= work=
cli="${WALLET_RISK_CLI:-target/release/wallet-risk}"
rows=() pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --secret-key) key="$2"; shift 2 ;;
    --list-id) list_id="$2"; shift 2 ;;
    --sdn-xml) sdn_xml="$2"; shift 2 ;;
    --sdn-url) sdn_url="$2"; shift 2 ;;
    --sdn-date) sdn_date="$2"; shift 2 ;;
    --ofac-snapshot) snapshot="$2"; shift 2 ;;
    --rows) rows+=("$2"); shift 2 ;;
    --removals) removals="$2"; shift 2 ;;
    --previous-url) previous_url="${2%/}"; shift 2 ;;
    --issued-at) issued_at="$2"; shift 2 ;;
    --cli) cli="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --allow-shrink) pass+=("$1"); shift ;;
    --cert|--keep|--expires-in-days|--max-shrink-percent|--lookalike-hints) pass+=("$1" "$2"); shift 2 ;;
    *) echo "publish: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
for required in out key list_id; do
  if [ -z "${!required}" ]; then
    echo "publish: --${required//_/-} is required (usage at the top of scripts/publish.sh)" >&2
    exit 2
  fi
done
if [ -z "$sdn_xml$sdn_url$snapshot${rows[*]+x}" ]; then
  echo "publish: no source given (--sdn-xml, --sdn-url, --ofac-snapshot or --rows)" >&2
  exit 2
fi

step() { printf '==> %s\n' "$*" >&2; }

if [ ! -x "$cli" ]; then
  step "cargo build --release (the publisher CLI)"
  cargo build --release --quiet
fi
issued_at="${issued_at:-$(date +%s)}"
sdn_date="${sdn_date:-$(date -u -d "@$issued_at" +%F)}"
work="${work:-$out.work}"
rm -rf "$work"
mkdir -p "$work/rows" "$work/reports" "$out"
inputs=()

# 1. Sources → rows.
if [ -n "$sdn_url" ]; then
  step "downloading $sdn_url"
  sdn_xml="$work/sdn_advanced.xml"
  curl --fail --silent --show-error --location --retry 4 --retry-delay 30 --max-time 600 \
    --output "$sdn_xml" "$sdn_url"
fi
if [ -n "$sdn_xml" ]; then
  step "import-ofac $sdn_xml"
  "$cli" import-ofac --date "$sdn_date" --out "$work/rows/ofac-sdn.jsonl" \
    --report "$work/reports/ofac-sdn.jsonl" "$sdn_xml"
  inputs+=("$work/rows/ofac-sdn.jsonl")
fi
if [ -n "$snapshot" ]; then
  # The snapshot's date is the date of its rows (SNAPSHOT_DATE, see its README).
  snapshot_date="$(tr -d '[:space:]' < "$snapshot/SNAPSHOT_DATE")"
  step "import-addresses $snapshot/*.txt (OFAC snapshot of $snapshot_date)"
  for file in "$snapshot"/sanctioned_addresses_*.txt; do
    ticker="$(basename "$file" .txt)"
    ticker="${ticker#sanctioned_addresses_}"
    "$cli" import-addresses --category sanctioned --source "OFAC SDN" \
      --source-url https://sanctionssearch.ofac.treas.gov/ --date "$snapshot_date" \
      --ticker "$ticker" --out "$work/rows/ofac-$ticker.jsonl" \
      --report "$work/reports/ofac-$ticker.jsonl" "$file" 2>>"$work/import.log"
    inputs+=("$work/rows/ofac-$ticker.jsonl")
  done
fi
for r in "${rows[@]+"${rows[@]}"}"; do
  inputs+=("$r")
done
not_listed="$(find "$work/reports" -name '*.jsonl' -exec cat {} + | wc -l)"
if [ "$not_listed" -gt 0 ]; then
  step "$not_listed source addresses do not parse and are not listed (reports in $work/reports/):"
  find "$work/reports" -name '*.jsonl' -exec cat {} + >&2
fi

# 2. The live publication, when this folder has none (a fresh CI runner).
if [ -n "$previous_url" ] && [ ! -f "$out/publication.json" ]; then
  step "fetching the previous publication from $previous_url"
  if curl --fail --silent --show-error --location --retry 3 --output "$work/publication.json" \
      "$previous_url/publication.json"; then
    node -e '
      const p = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      for (const l of p.lists) console.log(l.path);
    ' "$work/publication.json" | while read -r path; do
      case "$path" in lists/*.wrl) ;; *) echo "publish: unexpected path '$path' in publication.json" >&2; exit 1 ;; esac
      mkdir -p "$out/lists"
      curl --fail --silent --show-error --location --retry 3 --output "$out/$path" "$previous_url/$path"
    done
    cp "$work/publication.json" "$out/publication.json"
  else
    step "no previous publication at $previous_url: this is the first one"
  fi
fi

# 3. Build, guard, sign, write.
removal_args=()
if [ -n "$removals" ]; then
  removal_args=(--removals "$removals")
fi
step "wallet-risk publish → $out"
"$cli" publish --out "$out" --secret-key "$key" --list-id "$list_id" --issued-at "$issued_at" \
  "${removal_args[@]+"${removal_args[@]}"}" "${pass[@]+"${pass[@]}"}" "${inputs[@]}"
