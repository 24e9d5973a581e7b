#!/usr/bin/env bash
# Screenshot of the dashboard page (issue 4) in headless Chromium, after a few reloads of a copy of
# demo-service: a manual restart, a hot swap, a generation that fails to start and the fix.
# Usage: bench/scripts/dashboard-screenshot.sh [out.png]   (needs Debian's `chromium`; installs nothing
# into ~/.m2: the autoconfigure jar is taken from autoconfigure/target, the other jars from the demo's
# class path)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:-/tmp/dashboard/dash.png}
W=$ROOT/bench/target/script-work/dashboard; rm -rf "$W"; mkdir -p "$W/edits" "$(dirname "$OUT")"
mvn -o -q -f "$ROOT" -pl autoconfigure -DskipTests package > "$W/build.log"
mvn -o -q -f "$ROOT/demo-service" compile >> "$W/build.log"
mvn -o -q -f "$ROOT/demo-service" dependency:build-classpath -Dmdep.outputFile="$W/demo.cp" \
	-Dmdep.includeScope=runtime -DexcludeGroupIds=dev.reloadhook >> "$W/build.log"
CP=$(cat "$W/demo.cp"):$(ls "$ROOT"/autoconfigure/target/reload-hook-spring-boot-autoconfigure-*.jar | grep -v -e "-tests.jar" -e "-sources.jar" | head -1)
# A copy of the classes, outside a Maven project (no source mode): the edits below write class files.
cp -r "$ROOT/demo-service/target/classes" "$W/classes"
cd "$W"
java -Xmx512m -XX:TieredStopAtLevel=1 -cp "$W/classes:$CP" dev.reloadhook.demo.DemoApplication \
	--server.port=0 > "$W/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
	PORT=$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$W/app.log" | head -1)
	[ -n "$PORT" ] && break; sleep 0.1
done
[ -n "$PORT" ] || { echo "the demo did not start, see $W/app.log" >&2; exit 1; }
BASE=http://127.0.0.1:$PORT
idle() {
	for _ in $(seq 1 600); do
		curl -s "$BASE/actuator/reload" | grep -q '"state":"idle"' && return; sleep 0.1
	done
}
# Compile one source against the running class path and drop the class file into the class directory.
edit() {
	mkdir -p "$W/edits/out"
	javac -nowarn -parameters -g -d "$W/edits/out" -cp "$W/classes:$CP" "$1"
	(cd "$W/edits/out" && find . -name '*.class' -exec cp --parents {} "$W/classes/" \;)
	rm -rf "$W/edits/out"
}
reloads() { grep -c -E 'serving in|hot-swapped in|Reload failed|Nothing to reload' "$W/app.log" || true; }
await_reload() {
	for _ in $(seq 1 600); do [ "$(reloads)" -ge "$1" ] && break; sleep 0.1; done
	idle
}
N=$(reloads)
curl -s -X POST "$BASE/actuator/reload" > /dev/null; await_reload $((N + 1))
mkdir -p "$W/edits/src"
sed 's/"Hello, "/"Hi, "/' "$ROOT/demo-service/src/main/java/dev/reloadhook/demo/greeting/GreetingService.java" \
	> "$W/edits/src/GreetingService.java"
edit "$W/edits/src/GreetingService.java"; await_reload $((N + 2))
cat > "$W/edits/src/Broken.java" <<'EOF'
package dev.reloadhook.demo;

@org.springframework.stereotype.Component
class Broken {

	Broken() {
		throw new IllegalStateException("boom: a bean that cannot start");
	}

}
EOF
edit "$W/edits/src/Broken.java"; await_reload $((N + 3))
rm "$W/classes/dev/reloadhook/demo/Broken.class"; await_reload $((N + 4))
curl -s -X POST "$BASE/actuator/reload" > /dev/null; await_reload $((N + 5))
curl -s "$BASE/actuator/reload" > "$W/reload.json"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
	--disable-component-update --disable-sync --user-data-dir="$(mktemp -d)" --window-size=1280,1200 \
	--virtual-time-budget=5000 --screenshot="$OUT" "$BASE/reload-hook" > "$W/chromium.log" 2>&1
echo "screenshot: $OUT (state: $W/reload.json, log: $W/app.log)"
