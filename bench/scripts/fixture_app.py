# What the fixture benchmarks share: the fixture application's runtime class path (from Maven, offline), a copy of its
# class directory to reload from, the JVM launch, and an HTTP client that logs in as dev/dev with HTTP basic.
# Run after `mvn -q -DskipTests install` (or with MAVEN_REPO pointing at a private local repository holding it).
import base64, json, os, re, shutil, subprocess, tempfile, time, urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
REPO = os.environ.get('MAVEN_REPO')
TARGET = os.path.join(ROOT, 'bench', 'target')
AUTH = 'Basic ' + base64.b64encode(b'dev:dev').decode()


def class_path():
    """The fixture's runtime jars, reload-hook's as installed."""
    os.makedirs(TARGET, exist_ok=True)
    cpfile = os.path.join(TARGET, 'fixture.cp')
    maven = ['mvn', '-q', '-o', '-f', os.path.join(ROOT, 'fixture-app'), 'dependency:build-classpath',
             '-DincludeScope=runtime', '-Dmdep.outputFile=' + cpfile] + (['-Dmaven.repo.local=' + REPO] if REPO else [])
    subprocess.run(maven, check=True, stdout=subprocess.DEVNULL)
    return [e for e in open(cpfile).read().strip().split(':') if e]


def copy_classes():
    """A copy of the fixture's class directory, which the benchmark may write to."""
    classes = tempfile.mkdtemp(prefix='fixture-classes-')
    shutil.rmtree(classes)
    shutil.copytree(os.path.join(ROOT, 'fixture-app', 'target', 'classes'), classes)
    return classes


def launch(classes, jars, port, log_name, jvm_args=(), app_args=()):
    """Start the fixture on the given port, its output in bench/target/<log_name>."""
    args = ['java', '-Xmx512m', '-XX:TieredStopAtLevel=1'] + list(jvm_args)
    args += ['-cp', classes + ':' + ':'.join(jars), 'dev.reloadhook.fixture.FixtureApplication',
             '--server.port=%d' % port] + list(app_args)
    log = open(os.path.join(TARGET, log_name), 'w')
    return subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT), log.name


class Client:
    """Calls the fixture as the dev user."""

    def __init__(self, port, timeout=60):
        self.port = port
        self.timeout = timeout

    def call(self, path, method='GET', raw=False):
        request = urllib.request.Request('http://127.0.0.1:%d%s' % (self.port, path), method=method,
                                         headers={'Authorization': AUTH})
        body = urllib.request.urlopen(request, timeout=self.timeout).read()
        return body if raw else json.loads(body)

    def wait_up(self, log_name, seconds=600):
        for _ in range(seconds * 10):
            try:
                self.call('/api/owners')
                return
            except Exception:
                time.sleep(0.1)
        raise SystemExit('the fixture did not answer: see ' + log_name)


def restart_class_loaders(pid):
    """Restart class loaders alive in the JVM (jcmd's class histogram runs a full GC first)."""
    histogram = subprocess.run(['jcmd', str(pid), 'GC.class_histogram'], capture_output=True, text=True).stdout
    return sum(int(m.group(1)) for m in re.finditer(r'\s(\d+)\s+\d+\s+\S*\.RestartClassLoader\b', histogram))
