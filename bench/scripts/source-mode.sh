#!/usr/bin/env bash
# Source mode figures (issue 6): .java save -> first 200 with the new text, for reload-hook (source mode)
# and for DevTools (tuned) with `mvn -o -q compile` run right after each save, on a copy of demo-service.
# Usage: bench/scripts/source-mode.sh reload-hook|devtools body|endpoint   (after `mvn -q -DskipTests install`,
# or with CP_FILE=<file holding the demo's class path>, e.g. from the reactor: see source-mode-figures.sh)
# For reload-hook it also prints, from /actuator/reload, the reloads the saves caused (total, failed, no-op,
# by tier) and the median of the reloads' compile phase and of their whole duration.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
N=${N:-20}
MODE=$1            # reload-hook | devtools
EDIT=$2            # body | endpoint
PORT=${PORT:-19501}
W=$ROOT/bench/target/script-work/$MODE-$EDIT; rm -rf $W; mkdir -p $W
cp -r $ROOT/demo-service/src $ROOT/demo-service/pom.xml $W/
cp -r $ROOT/demo-service/target $W/target
if [ -n "${CP_FILE:-}" ]; then CP=$(cat $CP_FILE); else
mvn -q -o -f $ROOT/demo-service dependency:build-classpath -Dmdep.outputFile=$ROOT/bench/target/demo.cp > /dev/null; CP=$(cat $ROOT/bench/target/demo.cp)
fi
if [ "$MODE" = devtools ]; then
  CP=$(echo "$CP" | tr ':' '\n' | grep -v reloadhook | paste -sd:):$(ls ~/.m2/repository/org/springframework/boot/spring-boot-devtools/4.0.7/spring-boot-devtools-4.0.7.jar)
  EXTRA="-Dspring.devtools.restart.poll-interval=100ms -Dspring.devtools.restart.quiet-period=50ms -Dspring.devtools.livereload.enabled=false"
else
  EXTRA=""
fi
cd $W
java -Xmx512m -XX:TieredStopAtLevel=1 $EXTRA -cp $W/target/classes:$CP dev.reloadhook.demo.DemoApplication --server.port=$PORT > $W/app.log 2>&1 &
PID=$!
for i in $(seq 1 600); do curl -s -o /dev/null localhost:$PORT/api/greeting && break; sleep 0.1; done
SVC=$W/src/main/java/dev/reloadhook/demo/greeting/GreetingService.java
CTL=$W/src/main/java/dev/reloadhook/demo/greeting/GreetingController.java
times=()
for i in $(seq 1 $N); do
  sleep 1.5
  if [ "$EDIT" = body ]; then
    sed -i -E "s/return new Greeting\(\"[^\"]*\" \+ name/return new Greeting(\"Hi$i, \" + name/" $SVC
    url=/api/greeting; expect="Hi$i, "
  else
    sed -i -E "s#@GetMapping\(\"/api/greeting[0-9]*\"\)#@GetMapping(\"/api/greeting$i\")#" $CTL
    url=/api/greeting$i; expect="Hello"
    grep -q "Hi" $SVC && expect="Hi"
  fi
  t0=$(date +%s%N)
  if [ "$MODE" = devtools ]; then mvn -o -q compile > /dev/null 2>&1; fi
  while true; do
    body=$(curl -s localhost:$PORT$url)
    case "$body" in *"$expect"*) break;; esac
    now=$(date +%s%N); [ $(( (now - t0) / 1000000 )) -gt 60000 ] && { body=TIMEOUT; break; }
  done
  t1=$(date +%s%N)
  times+=( $(( (t1 - t0) / 1000000 )) )
done
if [ "$MODE" = reload-hook ]; then
  curl -s localhost:$PORT/actuator/reload/history | python3 -c '
import json, statistics, sys
reloads = [r for r in json.load(sys.stdin)["reloads"] if r["trigger"] == "files"]
def median(key):
    values = [r["phasesMs"].get(key, 0) if key else r["durationMs"] for r in reloads]
    return statistics.median(values) if values else 0
tiers = {}
for r in reloads:
    tiers[r["tier"] + "/" + r["outcome"]] = tiers.get(r["tier"] + "/" + r["outcome"], 0) + 1
print("reloads=%d failed=%d by-tier=%s compile-median=%sms duration-median=%sms" % (len(reloads),
      sum(r["outcome"] == "failure" for r in reloads), tiers, median("compile"), median(None)))'
fi
kill $PID; wait $PID 2>/dev/null
printf '%s\n' "${times[@]}" | sort -n | awk -v m="$MODE" -v e="$EDIT" '{a[NR]=$1} END {print m, e, "n=" NR, "median=" (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2), "min=" a[1], "max=" a[NR]}'
