# Restart-tier phase figures (issue 13) on the fixture application (JPA, Thymeleaf, Security, caching):
#   python3 bench/scripts/fixture-restart.py [reloads] [extra JVM or app arguments...]
#       -> N restarts requested with POST /actuator/reload (default 12, one at a time); prints the median
#          [min-max] of each phase from reload-hook's own log line ("Generation N serving in ... ms (restart:
#          refresh ..., switch ..., ...)") and the JVM's CPU time per restart; the first restart is left out (it
#          loads the library classes). At the end, the restart class loaders still alive after a full GC.
#   JFR=1 python3 bench/scripts/fixture-restart.py 12
#       -> also records a JFR file (bench/target/fixture-restart.jfr) over the restarts, for
#          `jfr print --events jdk.ExecutionSample --stack-depth 64`.
# Run after `mvn -q -DskipTests install` (or with MAVEN_REPO pointing at a private local repository holding it).
import base64, json, os, re, shutil, statistics, subprocess, sys, tempfile, time, urllib.request

root = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
reloads = int(sys.argv[1]) if len(sys.argv) > 1 else 12
extra = sys.argv[2:]
repo = os.environ.get('MAVEN_REPO')
target = os.path.join(root, 'bench', 'target')
os.makedirs(target, exist_ok=True)
cpfile = os.path.join(target, 'fixture.cp')
maven = ['mvn', '-q', '-o', '-f', os.path.join(root, 'fixture-app'), 'dependency:build-classpath',
         '-DincludeScope=runtime', '-Dmdep.outputFile=' + cpfile] + (['-Dmaven.repo.local=' + repo] if repo else [])
subprocess.run(maven, check=True, stdout=subprocess.DEVNULL)
jars = [e for e in open(cpfile).read().strip().split(':') if e]
port = int(os.environ.get('PORT', '19721'))
classes = tempfile.mkdtemp(prefix='fixture-classes-')
shutil.rmtree(classes)
shutil.copytree(os.path.join(root, 'fixture-app', 'target', 'classes'), classes)
args = ['java', '-Xmx512m', '-XX:TieredStopAtLevel=1']
if os.environ.get('JFR'):
    args.append('-XX:StartFlightRecording=filename=%s,settings=profile' % os.path.join(target, 'fixture-restart.jfr'))
args += [a for a in extra if a.startswith('-D') or a.startswith('-X')]
args += ['-cp', classes + ':' + ':'.join(jars), 'dev.reloadhook.fixture.FixtureApplication', '--server.port=%d' % port]
args += [a for a in extra if a.startswith('--')]
logname = os.path.join(target, 'fixture-restart.log')
log = open(logname, 'w')
app = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
auth = 'Basic ' + base64.b64encode(b'dev:dev').decode()

def call(path, method='GET', raw=False):
    request = urllib.request.Request('http://127.0.0.1:%d%s' % (port, path), method=method,
                                     headers={'Authorization': auth})
    body = urllib.request.urlopen(request, timeout=60).read()
    return body if raw else json.loads(body)

def process_cpu():
    # CPU time of the whole application JVM (all threads: the restart, the JIT, the GC), in ms:
    # less sensitive than elapsed time to other work on a shared machine.
    fields = open('/proc/%d/stat' % app.pid).read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf('SC_CLK_TCK')

cpus = []

def served():
    return len(re.findall(r'Generation \d+ (?:serving in|did not start)', open(logname).read()))

def wait_up():
    for _ in range(6000):
        try:
            call('/api/owners'); return
        except Exception:
            time.sleep(0.1)
    raise SystemExit('the fixture did not answer: see ' + logname)

wait_up()
try:
    for i in range(reloads):
        # Waits on the log, not on the endpoint: every authenticated request costs a BCrypt check,
        # which would compete with the restart for the CPU.
        before = served()
        cpu = process_cpu()
        call('/actuator/reload', 'POST')
        while served() == before:
            time.sleep(0.02)
        if i > 0:
            cpus.append(process_cpu() - cpu)
        call('/api/owners?city=London'); call('/owners', raw=True)
        time.sleep(1)
    # Generations still in memory after the restarts (a full GC first): the serving one, and
    # perhaps the last closed one still being collected.
    histogram = subprocess.run(['jcmd', str(app.pid), 'GC.class_histogram'], capture_output=True, text=True).stdout
    alive = sum(int(m.group(1)) for m in re.finditer(r'\s(\d+)\s+\d+\s+\S*\.RestartClassLoader\b', histogram))
finally:
    app.terminate(); app.wait(20); shutil.rmtree(classes, ignore_errors=True)
phases = {}
for line in open(logname):
    m = re.search(r'Generation (\d+) serving in (\d+) ms \(restart: ([^)]*)\)', line)
    if m and int(m.group(1)) > 2:
        phases.setdefault('total', []).append(int(m.group(2)))
        for name, value in re.findall(r'(\w+) (\d+)(?: \(\d+ requests? held\))?(?:, |$)', m.group(3)):
            phases.setdefault(name, []).append(int(value))
print('restart class loaders alive after %d restarts: %d' % (reloads, alive))
phases['cpu'] = cpus
for name, values in phases.items():
    print('%-8s median %5.0f ms [%d-%d] (n=%d)' % (name, statistics.median(values), min(values), max(values), len(values)))
