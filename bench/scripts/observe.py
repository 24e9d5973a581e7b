# Observability figures (issue 4), on the demo-service:
#   python3 bench/scripts/observe.py snapshots on|off [reloads]  -> median reload time with automatic snapshots on or off
#   python3 bench/scripts/observe.py cost                        -> round trip of POST /actuator/reload/snapshots (takes
#                                                                   one) against GET /actuator/reload/history/1, 200 each
#   python3 bench/scripts/observe.py memory [reloads]            -> heap after a full GC, live generations and leak
#                                                                   suspects after N reloads
# Run after `mvn -q -DskipTests install`. Each reload is a POST /actuator/reload (a restart) followed by a query.
import json, os, statistics, subprocess, sys, time, urllib.request

root = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
kind = sys.argv[1]
if kind == 'snapshots':
    setting, reloads = sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 20
elif kind == 'cost':
    setting, reloads = None, 0
else:
    setting, reloads = None, int(sys.argv[2]) if len(sys.argv) > 2 else 100
port = 19611 if setting != 'off' else 19612
os.makedirs(os.path.join(root, 'bench', 'target'), exist_ok=True)
cpfile = os.path.join(root, 'bench', 'target', 'demo.cp')
subprocess.run(['mvn', '-q', '-o', '-f', os.path.join(root, 'demo-service'), 'dependency:build-classpath',
                '-Dmdep.outputFile=' + cpfile], check=True, stdout=subprocess.DEVNULL)
args = ['java', '-Xmx512m', '-XX:TieredStopAtLevel=1', '-cp',
        os.path.join(root, 'demo-service', 'target', 'classes') + ':' + open(cpfile).read().strip(),
        'dev.reloadhook.demo.DemoApplication', '--server.port=%d' % port, '--reload-hook.history.size=200']
if setting is not None:
    args.append('--reload-hook.snapshots.automatic=%s' % ('true' if setting == 'on' else 'false'))
log = open(os.path.join(root, 'bench', 'target', 'observe-%s.log' % kind), 'w')
app = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)

def call(path, method='GET'):
    request = urllib.request.Request('http://127.0.0.1:%d%s' % (port, path), method=method)
    return json.load(urllib.request.urlopen(request, timeout=30))

for _ in range(600):
    try:
        state = call('/actuator/reload'); break
    except Exception:
        time.sleep(0.1)
try:
    for i in range(reloads):
        generation = state['generation']
        call('/actuator/reload', 'POST')
        while True:
            state = call('/actuator/reload')
            if state['generation'] == generation + 1 and state['state'] == 'idle':
                break
            time.sleep(0.01)
        call('/api/items')
    if kind == 'cost':
        def timed(path, method):
            times = []
            for _ in range(200):
                start = time.perf_counter(); call(path, method); times.append((time.perf_counter() - start) * 1000)
            return statistics.median(times[50:])
        baseline = timed('/actuator/reload/history/1', 'GET')
        snapshot = timed('/actuator/reload/snapshots', 'POST')
        print('round trip median of the last 150 of 200: GET history/1 %.2f ms, POST snapshots %.2f ms, snapshot cost ~%.2f ms'
              % (baseline, snapshot, snapshot - baseline))
    elif kind == 'snapshots':
        durations = [r['durationMs'] for r in state['history'] if r['trigger'] == 'manual']
        print('snapshots.automatic=%s reloads=%d reload_ms median=%s min=%s max=%s' % (
            setting, reloads, statistics.median(durations), min(durations), max(durations)))
    else:
        # Let leak detection run its collections (2 s after the last reload), then read the heap after a full GC.
        deadline = time.time() + 60
        while time.time() < deadline and call('/actuator/reload')['liveGenerations'] > 1:
            time.sleep(0.5)
        subprocess.run(['jcmd', str(app.pid), 'GC.run'], check=True, stdout=subprocess.DEVNULL)
        snapshot = call('/actuator/reload/snapshots', 'POST')
        state = call('/actuator/reload')
        print('reloads=%d failed=%d live_generations=%d leak_suspects=%d heap_used_after_gc_mb=%.1f loaded_classes=%d '
              'unloaded_classes=%d threads=%d' % (
                  reloads, state['reloads']['failed'], state['liveGenerations'], len(state['leaks']),
                  snapshot['heapUsedBytes'] / 1048576, snapshot['loadedClasses'], snapshot['unloadedClasses'],
                  len(snapshot['threads'])))
finally:
    app.terminate(); app.wait(); log.close()
