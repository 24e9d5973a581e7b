# Restart-tier phase figures (issue 13) on the fixture application (JPA, Thymeleaf, Security, caching):
#   python3 bench/scripts/fixture-restart.py [reloads] [extra JVM or app arguments...]
#       -> N restarts requested with POST /actuator/reload (default 12, one at a time); prints the median
#          [min-max] of each phase from reload-hook's own log line ("Generation N serving in ... ms (restart:
#          refresh ..., switch ..., ...)") and the JVM's CPU time per restart; the first restart is left out (it
#          loads the library classes). At the end, the restart class loaders still alive after a full GC.
#   JFR=1 python3 bench/scripts/fixture-restart.py 12
#       -> also records a JFR file (bench/target/fixture-restart.jfr) over the restarts, for
#          `jfr print --events jdk.ExecutionSample --stack-depth 64`; JFR_SETTINGS=<file.jfc> for another sampling rate.
# Run after `mvn -q -DskipTests install` (or with MAVEN_REPO pointing at a private local repository holding it).
import os, re, shutil, statistics, sys, time

import fixture_app

reloads = int(sys.argv[1]) if len(sys.argv) > 1 else 12
extra = sys.argv[2:]
jars = fixture_app.class_path()
port = int(os.environ.get('PORT', '19721'))
classes = fixture_app.copy_classes()
jvm = []
if os.environ.get('JFR'):
    # JFR_SETTINGS: another .jfc (e.g. a copy of profile.jfc sampling every 1 ms instead of 10-20).
    jvm.append('-XX:StartFlightRecording=filename=%s,settings=%s'
               % (os.path.join(fixture_app.TARGET, 'fixture-restart.jfr'), os.environ.get('JFR_SETTINGS', 'profile')))
jvm += [a for a in extra if a.startswith('-D') or a.startswith('-X')]
app, logname = fixture_app.launch(classes, jars, port, 'fixture-restart.log', jvm, [a for a in extra if a.startswith('--')])
client = fixture_app.Client(port)
call = client.call

def process_cpu():
    # CPU time of the whole application JVM (all threads: the restart, the JIT, the GC), in ms:
    # less sensitive than elapsed time to other work on a shared machine.
    fields = open('/proc/%d/stat' % app.pid).read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf('SC_CLK_TCK')

cpus = []

def served():
    return len(re.findall(r'Generation \d+ (?:serving in|did not start)', open(logname).read()))

client.wait_up(logname)
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
    alive = fixture_app.restart_class_loaders(app.pid)
finally:
    app.terminate(); app.wait(20); shutil.rmtree(classes, ignore_errors=True)
phases = {}
for line in open(logname):
    m = re.search(r'Generation (\d+) serving in (\d+) ms \(restart: (.*)\), ', line)
    if m and int(m.group(1)) > 2:
        phases.setdefault('total', []).append(int(m.group(2)))
        # Phases, and the parts of the refresh in brackets: "refresh 540 [prepare 30, parse 130, ...], switch 0".
        for name, value in re.findall(r'(\w+) (\d+)(?= \(\d+ requests? held\)|, | \[|\]|$)', m.group(3)):
            phases.setdefault(name, []).append(int(value))
print('restart class loaders alive after %d restarts: %d' % (reloads, alive))
phases['cpu'] = cpus
for name, values in phases.items():
    print('%-8s median %5.0f ms [%d-%d] (n=%d)' % (name, statistics.median(values), min(values), max(values), len(values)))
