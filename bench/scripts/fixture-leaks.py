# Leak and freeze figures (issue 12), on the fixture application (JPA, Thymeleaf, Security, caching):
#   python3 bench/scripts/fixture-leaks.py memory reload-hook|devtools [reloads]
#       -> live restart class loaders, heap and metaspace used (after a full GC, taken with jcmd) after every
#          10 reloads (default 30); reload-hook is reloaded with POST /actuator/reload, DevTools by touching a
#          class file of a copy of the fixture's class directory
#   python3 bench/scripts/fixture-leaks.py gap on|off [reloads]
#       -> longest gap between successful responses of a steady client (one request at a time on
#          /api/owners) during N reloads (default 10) and the 40 s after them, with the leak check on or off
# Run after `mvn -q -DskipTests install` (or with MAVEN_REPO pointing at a private local repository holding it).
# Memory figures use jcmd GC.class_histogram / GC.heap_info (a full GC each): only between reloads, never timed.
import base64, glob, json, os, re, shutil, subprocess, sys, tempfile, threading, time, urllib.request

root = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
kind, variant = sys.argv[1], sys.argv[2]
reloads = int(sys.argv[3]) if len(sys.argv) > 3 else (30 if kind == 'memory' else 10)
repo = os.environ.get('MAVEN_REPO')
target = os.path.join(root, 'bench', 'target')
os.makedirs(target, exist_ok=True)
cpfile = os.path.join(target, 'fixture.cp')
maven = ['mvn', '-q', '-o', '-f', os.path.join(root, 'fixture-app'), 'dependency:build-classpath',
         '-DincludeScope=runtime', '-Dmdep.outputFile=' + cpfile] + (['-Dmaven.repo.local=' + repo] if repo else [])
subprocess.run(maven, check=True, stdout=subprocess.DEVNULL)
jars = [e for e in open(cpfile).read().strip().split(':') if e]
port = {'reload-hook': 19711, 'devtools': 19712, 'on': 19713, 'off': 19714}[variant]
classes = tempfile.mkdtemp(prefix='fixture-classes-')
shutil.rmtree(classes)
shutil.copytree(os.path.join(root, 'fixture-app', 'target', 'classes'), classes)
args = ['java', '-Xmx512m', '-XX:TieredStopAtLevel=1']
if variant == 'devtools':
    m2 = repo or os.path.expanduser('~/.m2/repository')
    devtools = glob.glob(os.path.join(m2, 'org/springframework/boot/spring-boot-devtools/4.0.7/*.jar'))[0]
    jars = [j for j in jars if 'reload-hook' not in j] + [devtools]
    args += ['-Dspring.devtools.restart.poll-interval=100ms', '-Dspring.devtools.restart.quiet-period=50ms',
             '-Dspring.devtools.livereload.enabled=false']
args += ['-cp', classes + ':' + ':'.join(jars), 'dev.reloadhook.fixture.FixtureApplication', '--server.port=%d' % port]
if variant in ('on', 'off'):
    args.append('--reload-hook.leaks.enabled=%s' % ('true' if variant == 'on' else 'false'))
log = open(os.path.join(target, 'fixture-leaks-%s-%s.log' % (kind, variant)), 'w')
app = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
auth = 'Basic ' + base64.b64encode(b'dev:dev').decode()

def call(path, method='GET', raw=False):
    request = urllib.request.Request('http://127.0.0.1:%d%s' % (port, path), method=method,
                                     headers={'Authorization': auth})
    body = urllib.request.urlopen(request, timeout=30).read()
    return body if raw else json.loads(body)

def jcmd(*command):
    return subprocess.run(['jcmd', str(app.pid)] + list(command), capture_output=True, text=True).stdout

def memory():
    histogram = jcmd('GC.class_histogram')
    loaders = sum(int(m.group(1)) for m in re.finditer(r'\s(\d+)\s+\d+\s+\S*\.RestartClassLoader\b', histogram))
    info = jcmd('GC.heap_info')
    used = re.search(r'used (\d+)K', info)
    meta = re.search(r'Metaspace\s+used (\d+)K', info)
    return loaders, int(used.group(1)) / 1024 if used else -1, int(meta.group(1)) / 1024 if meta else -1

def restart_count():
    return len(re.findall(r'Started FixtureApplication', open(log.name).read()))

def reload_once(i):
    if variant == 'devtools':
        before = restart_count()
        # DevTools compares length and time: rewrite the same bytes with a new time stamp.
        path = os.path.join(classes, 'dev/reloadhook/fixture/owner/OwnerService.class')
        data = open(path, 'rb').read(); open(path, 'wb').write(data); os.utime(path, (time.time() + i, time.time() + i))
        for _ in range(1200):
            if restart_count() > before:
                break
            time.sleep(0.1)
        wait_up()
    else:
        generation = call('/actuator/reload')['generation']
        call('/actuator/reload', 'POST')
        while True:
            state = call('/actuator/reload')
            if state['generation'] == generation + 1 and state['state'] == 'idle':
                break
            time.sleep(0.02)
    call('/api/owners?city=London'); call('/owners', raw=True)

def wait_up():
    for _ in range(1200):
        try:
            call('/api/owners'); return
        except Exception:
            time.sleep(0.1)
    raise SystemExit('the fixture did not answer: see ' + log.name)

wait_up()
try:
    if kind == 'memory':
        rows = []
        for i in range(1, reloads + 1):
            reload_once(i)
            if i % 10 == 0:
                loaders, heap, meta = memory()
                rows.append((i, loaders, heap, meta))
                print('%s after %d reloads: %d restart class loaders alive, heap used %.1f MB, metaspace used %.1f MB'
                      % (variant, i, loaders, heap, meta), flush=True)
        if len(rows) >= 3:
            print('%s growth per reload over reloads 10-%d: heap %.2f MB, metaspace %.2f MB'
                  % (variant, rows[-1][0], (rows[-1][2] - rows[0][2]) / (rows[-1][0] - rows[0][0]),
                     (rows[-1][3] - rows[0][3]) / (rows[-1][0] - rows[0][0])))
    else:
        stop = threading.Event(); successes = []
        def client():
            while not stop.is_set():
                try:
                    call('/api/owners'); successes.append(time.perf_counter())
                except Exception:
                    pass
        thread = threading.Thread(target=client, daemon=True); thread.start()
        time.sleep(5)
        for i in range(1, reloads + 1):
            reload_once(i); time.sleep(1)
        quiet = time.perf_counter()
        time.sleep(40)
        stop.set(); thread.join(5)
        def longest(times):
            return max((b - a for a, b in zip(times, times[1:])), default=0) * 1000
        print('leak check %s: longest gap between successful responses %.0f ms overall (reloads included), '
              '%.0f ms in the 40 s after the reloads (when the leak check runs); %d responses'
              % (variant, longest(successes), longest([t for t in successes if t >= quiet]), len(successes)))
finally:
    app.terminate(); app.wait(20); shutil.rmtree(classes, ignore_errors=True)
