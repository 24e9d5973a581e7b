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
import glob, os, re, shutil, subprocess, sys, threading, time

import fixture_app

kind, variant = sys.argv[1], sys.argv[2]
reloads = int(sys.argv[3]) if len(sys.argv) > 3 else (30 if kind == 'memory' else 10)
jars = fixture_app.class_path()
port = {'reload-hook': 19711, 'devtools': 19712, 'on': 19713, 'off': 19714}[variant]
classes = fixture_app.copy_classes()
jvm = []
if variant == 'devtools':
    m2 = fixture_app.REPO or os.path.expanduser('~/.m2/repository')
    devtools = glob.glob(os.path.join(m2, 'org/springframework/boot/spring-boot-devtools/4.0.7/*.jar'))[0]
    jars = [j for j in jars if 'reload-hook' not in j] + [devtools]
    jvm += ['-Dspring.devtools.restart.poll-interval=100ms', '-Dspring.devtools.restart.quiet-period=50ms',
            '-Dspring.devtools.livereload.enabled=false']
app_args = []
if variant in ('on', 'off'):
    app_args.append('--reload-hook.leaks.enabled=%s' % ('true' if variant == 'on' else 'false'))
app, logname = fixture_app.launch(classes, jars, port, 'fixture-leaks-%s-%s.log' % (kind, variant), jvm, app_args)
client = fixture_app.Client(port, timeout=30)
call = client.call

def jcmd(*command):
    return subprocess.run(['jcmd', str(app.pid)] + list(command), capture_output=True, text=True).stdout

def memory():
    loaders = fixture_app.restart_class_loaders(app.pid)
    info = jcmd('GC.heap_info')
    used = re.search(r'used (\d+)K', info)
    meta = re.search(r'Metaspace\s+used (\d+)K', info)
    return loaders, int(used.group(1)) / 1024 if used else -1, int(meta.group(1)) / 1024 if meta else -1

def restart_count():
    return len(re.findall(r'Started FixtureApplication', open(logname).read()))

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
        client.wait_up(logname, 120)
    else:
        generation = call('/actuator/reload')['generation']
        call('/actuator/reload', 'POST')
        while True:
            state = call('/actuator/reload')
            if state['generation'] == generation + 1 and state['state'] == 'idle':
                break
            time.sleep(0.02)
    call('/api/owners?city=London'); call('/owners', raw=True)

client.wait_up(logname, 120)
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
