#!/usr/bin/env bash
# bench/scripts/core-curve.sh SCALE [CORES...]: the speed-up curve of `amo build --full` on one machine.
# Generates one year (2024) at SCALE, ingests it on every core, then builds a fresh copy of that warehouse once
# per core count (default 16 8 4 2, largest first so that a run cut short still has its widest points). Each build
# is pinned to cores 0..N-1 with taskset and told N processors (-XX:ActiveProcessorCount), so the JVM's garbage
# collector and compiler threads see an N-core machine too, not only Spark's local[N] task slots.
#
# Environment: AMO (the launcher, default ./amo of this checkout; a packed runtime's launcher on a bare machine),
# AMO_HEAP (default 32g: the same heap for every point), CURVE_DIR (work folder, default bench/work/core-curve),
# CURVE_OUT (where the logs go, default CURVE_DIR/out). Needs disk for the CSV, the warehouse and one copy of it
# (scale 0.05: ~1 GB of CSV, ~2 GB in all). Writes CURVE_OUT/curve.log (one line per point: cores, exit code,
# seconds), machine.txt (lscpu, memory, disk), load.log and build_N.log (each step's time per core count).
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCALE=${1:?usage: core-curve.sh SCALE [CORES...]}; shift
CORES=("$@"); [ ${#CORES[@]} -gt 0 ] || CORES=(16 8 4 2)
AMO=${AMO:-$HERE/amo}
export AMO_HEAP=${AMO_HEAP:-32g}
DIR=${CURVE_DIR:-$HERE/bench/work/core-curve}; OUT=${CURVE_OUT:-$DIR/out}
mkdir -p "$DIR" "$OUT"
T0=$(date +%s)
log() { echo "[$(( $(date +%s) - T0 )) s] $*" | tee -a "$OUT/curve.log"; }
{ nproc; lscpu; free -g; df -h "$DIR"; } > "$OUT/machine.txt" 2>&1
command -v taskset >/dev/null || { echo "core-curve: taskset (util-linux) is needed to pin each build to its cores" >&2; exit 1; }
export SPARK_LOCAL_IP=127.0.0.1
# a bench key: generated data only
export AMO_PSEUDONYM_KEY=${AMO_PSEUDONYM_KEY:-core-curve-key-for-generated-data-only}

cd "$DIR" || exit 1
if [ -d wh/bronze ] && [ -f wh/.scale ] && [ "$(cat wh/.scale)" = "$SCALE" ]; then
  log "reusing the warehouse ingested at scale $SCALE"
else
  rm -rf landing wh
  "$AMO" generate --out landing --scale "$SCALE" --years 2024 --seed 42 > "$OUT/load.log" 2>&1 \
    || { log "generate failed: see $OUT/load.log"; exit 1; }
  log "generated scale $SCALE: $(du -sh landing | cut -f1) of CSV"
  "$AMO" --master "local[$(nproc)]" --warehouse wh ingest landing >> "$OUT/load.log" 2>&1 \
    || { log "ingest failed: see $OUT/load.log"; exit 1; }
  echo "$SCALE" > wh/.scale
  log "ingested on $(nproc) cores: $(grep -E '^rows:' "$OUT/load.log")"
  rm -rf landing
fi

for N in "${CORES[@]}"; do
  rm -rf wh_build && cp -a wh wh_build
  start=$(date +%s%N)
  AMO_JAVA_OPTS="${AMO_JAVA_OPTS:-} -XX:ActiveProcessorCount=$N" \
    taskset -c "0-$((N - 1))" "$AMO" --master "local[$N]" --warehouse wh_build build --full > "$OUT/build_$N.log" 2>&1
  code=$?
  log "build cores=$N exit=$code seconds=$(awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')"
done
rm -rf wh_build
log "done; step times per core count: grep '^\[' $OUT/build_*.log"
