# Retention figures (issue 3): physical connections opened and reload time over N reloads of the demo,
# with the auto-configured pool retained or not.
# Usage: python3 bench/scripts/retention.py on|off [reloads]   (after `mvn -q -DskipTests install`)
import json, subprocess, sys, time, urllib.request, statistics, os, re
mode = sys.argv[1]            # on | off
reloads = int(sys.argv[2]) if len(sys.argv) > 2 else 100
port = 19601 if mode == 'on' else 19602
root = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
os.makedirs(os.path.join(root, 'bench', 'target'), exist_ok=True)
cpfile = os.path.join(root, 'bench', 'target', 'demo.cp')
subprocess.run(['mvn', '-q', '-o', '-f', os.path.join(root, 'demo-service'), 'dependency:build-classpath',
                '-Dmdep.outputFile=' + cpfile], check=True, stdout=subprocess.DEVNULL)
cp = open(cpfile).read().strip()
args = ['java', '-Xmx512m', '-XX:TieredStopAtLevel=1', '-Dlogging.level.com.zaxxer.hikari.pool=DEBUG',
        '-cp', os.path.join(root, 'demo-service', 'target', 'classes') + ':' + cp, 'dev.reloadhook.demo.DemoApplication',
        '--server.port=%d' % port, '--reload-hook.history.size=200', '--reload-hook.watch.quiet-period=20ms']
if mode == 'off':
    args.append('--reload-hook.retain.datasource.enabled=false')
logfile = os.path.join(root, 'bench', 'target', 'retention-%s.log' % mode)
log = open(logfile, 'w')
p = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
def get(path):
    return json.load(urllib.request.urlopen('http://127.0.0.1:%d%s' % (port, path), timeout=30))
def state():
    return get('/actuator/reload')
for _ in range(600):
    try:
        s = state(); break
    except Exception:
        time.sleep(0.1)
for i in range(reloads):
    gen = s['generation']
    urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:%d/actuator/reload' % port, method='POST'), timeout=30).read()
    while True:
        s = state()
        if s['generation'] == gen + 1 and s['state'] == 'idle':
            break
        time.sleep(0.01)
    get('/api/items')
durations = [r['durationMs'] for r in s['history'] if r['trigger'] == 'manual']
last20 = durations[-20:]
p.terminate(); p.wait()
log.close()
added = sum(1 for line in open(logfile) if 'Added connection' in line)
print('retention=%s reloads=%d physical_connections_opened=%d reload_ms_median_last20=%s min=%s max=%s failed=%d' % (
    mode, reloads, added, statistics.median(last20), min(last20), max(last20), s['reloads']['failed']))
