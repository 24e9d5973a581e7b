# Session figures (issue 16): how many of 100 HTTP sessions keep their attribute over N reloads of the
# small web app, with reload-hook (in-memory hand-over) or Spring Boot DevTools (its default persistent
# sessions), and the time reload-hook's hand-over of those sessions adds to each restart. The app is a
# small web MVC + actuator + JDBC application written here, keeping a value of its own class per session.
# Usage: python3 bench/scripts/sessions.py reload-hook|devtools [reloads] [sessions]
# SERVER=jetty runs the app on Jetty instead of Tomcat (reload-hook's Jetty sessions are loaded by the new
# generation at their first request: there is no hand-over time to report then).
# Builds nothing into ~/.m2: compile the module first (`mvn -q -pl autoconfigure -am -DskipTests
# compile`); the autoconfigure classes are jarred here.
import http.client, json, os, re, shutil, socket, statistics, subprocess, sys, time
mode = sys.argv[1]
server = os.environ.get('SERVER', 'tomcat')
reloads = int(sys.argv[2]) if len(sys.argv) > 2 else 20
count = int(sys.argv[3]) if len(sys.argv) > 3 else 100
root = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
work = os.path.join(root, 'bench', 'target', 'script-work', 'sessions-' + mode + '-' + server)
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
def run(*command, **kwargs):
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, **kwargs)
cpfile = os.path.join(work, 'app.cp')
# The autoconfigure module's test class path (web MVC, actuator, JDBC, H2) less security and DevTools.
run('mvn', '-q', '-o', '-f', root, '-pl', 'autoconfigure', 'dependency:build-classpath',
    '-Dmdep.outputFile=' + cpfile, '-DincludeScope=test', '-DexcludeArtifactIds=spring-boot-starter-security,'
    'spring-boot-security,spring-security-config,spring-security-core,spring-security-web,spring-security-crypto,'
    'spring-boot-devtools' + (',spring-boot-tomcat,tomcat-embed-core,spring-boot-starter-tomcat,'
    'spring-boot-starter-tomcat-runtime,tomcat-embed-websocket,tomcat-embed-el' if server == 'jetty' else ''))
cp = open(cpfile).read().strip()
if mode == 'reload-hook':
    jar = os.path.join(work, 'reload-hook.jar')
    run('jar', 'cf', jar, '-C', os.path.join(root, 'autoconfigure', 'target', 'classes'), '.')
else:
    m2 = os.path.expanduser('~/.m2/repository/org/springframework/boot/spring-boot-devtools/4.0.7')
    jar = os.path.join(m2, 'spring-boot-devtools-4.0.7.jar')
cp = cp + ':' + jar
classes = os.path.join(work, 'classes')
os.makedirs(classes)
# A controller that keeps a value of the application's own (serializable) class in the session.
src = os.path.join(work, 'src', 'bench')
os.makedirs(src)
open(os.path.join(src, 'SessionApp.java'), 'w').write('''package bench;

@org.springframework.boot.autoconfigure.SpringBootApplication
public class SessionApp {

	public static void main(String[] args) {
		org.springframework.boot.SpringApplication.run(SessionApp.class, args);
	}

}
''')
open(os.path.join(src, 'SessionBench.java'), 'w').write('''package bench;

import jakarta.servlet.http.HttpSession;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SessionBench {

	public record Value(String text) implements java.io.Serializable {
	}

	@GetMapping("/bench/session/put")
	public String put(@RequestParam String value, HttpSession session) {
		session.setAttribute("value", new Value(value));
		return value;
	}

	@GetMapping("/bench/session/get")
	public String get(HttpSession session) {
		Object value = session.getAttribute("value");
		return (value instanceof Value mine) ? mine.text() : "none";
	}

}
''')
run('javac', '-nowarn', '-parameters', '-d', classes, '-cp', classes + ':' + cp, os.path.join(src, 'SessionApp.java'), os.path.join(src, 'SessionBench.java'))
# A free port chosen up front: DevTools binds the port again on every restart.
with socket.socket() as probe:
    probe.bind(('127.0.0.1', 0))
    port = probe.getsockname()[1]
args = ['java', '-Xmx512m', '-XX:TieredStopAtLevel=1', '-cp', classes + ':' + cp, 'bench.SessionApp',
        '--server.port=%d' % port, '--server.address=127.0.0.1', '--reload-hook.history.size=200', '--spring.devtools.livereload.enabled=false',
        '--logging.level.dev.reloadhook.serve.tomcat.SessionHandOver=debug']
logfile = os.path.join(work, 'app.log')
app = subprocess.Popen(args, stdout=open(logfile, 'w'), stderr=subprocess.STDOUT, cwd=work)
def log():
    return open(logfile).read()
def wait(predicate, what, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise SystemExit('timed out waiting for ' + what + ', see ' + logfile)
try:
    wait(lambda: ('Jetty' if server == 'jetty' else 'Tomcat') + ' started on port' in log(), 'the port')
    def request(path, cookie=None, method='GET'):
        for _ in range(200):
            try:
                connection = http.client.HTTPConnection('127.0.0.1', port, timeout=30)
                connection.request(method, path, headers={'Cookie': cookie} if cookie else {})
                response = connection.getresponse()
                body = response.read().decode()
                return response, body
            except OSError:
                time.sleep(0.05)  # DevTools closes the port while it restarts
        raise SystemExit('no answer from ' + path)
    wait(lambda: request('/bench/session/get')[0].status == 200, 'the application')
    cookies = []
    for i in range(count):
        response, _ = request('/bench/session/put?value=v%d' % i)
        cookies.append(response.getheader('Set-Cookie').split(';')[0])
    kept = []
    for r in range(1, reloads + 1):
        if mode == 'reload-hook':
            generation = json.loads(request('/actuator/reload')[1])['generation']
            request('/actuator/reload', method='POST')
            wait(lambda: (lambda s: s['generation'] == generation + 1 and s['state'] == 'idle')(
                json.loads(request('/actuator/reload')[1])), 'reload %d' % r)
        else:
            started = len(re.findall(r'Started SessionApp', log()))
            os.utime(os.path.join(classes, 'bench', 'SessionBench.class'))
            wait(lambda: len(re.findall(r'Started SessionApp', log())) > started, 'restart %d' % r)
        kept.append(sum(1 for i, cookie in enumerate(cookies)
                        if request('/bench/session/get', cookie)[1] == 'v%d' % i))
    print('%s on %s: sessions with their attribute after each of %d reloads (of %d): %s' % (
        mode, server, reloads, count, kept))
    print('%s on %s: all %d sessions kept after %d of %d reloads' % (
        mode, server, count, sum(1 for k in kept if k == count), reloads))
    handovers = [float(ms) for ms in re.findall(r'session\(s\) handed over in ([\d.]+) ms', log())]
    if handovers:
        print('reload-hook: hand-over of %d sessions per restart: median %.2f ms, max %.2f ms (%d restarts)' % (
            count, statistics.median(handovers), max(handovers), len(handovers)))
        state = json.loads(request('/actuator/reload')[1])
        switches = [r['phasesMs']['switch'] for r in state['history'] if r.get('trigger') == 'manual'
                    and r.get('phasesMs', {}).get('switch') is not None]
        if switches:
            print('reload-hook: switch phase (hand-over included): median %s ms' % statistics.median(switches))
finally:
    app.terminate()
    app.wait(30)
