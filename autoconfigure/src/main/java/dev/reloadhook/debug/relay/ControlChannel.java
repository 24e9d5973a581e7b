package dev.reloadhook.debug.relay;

import java.io.PrintStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The relay's side of its line-based control channel with the application: lines out on
 * standard output. A thread of its own writes them: while a debugger holds every thread
 * of the application nobody reads the pipe, and no relay thread may block on it.
 * <p>
 * Lines out: {@code listening <host>:<port>}, {@code failed <reason>}, {@code connected},
 * {@code disconnected}, {@code redefined <token>}, {@code refused <token> <reason>},
 * {@code log INFO|WARN <message>}. Lines in (standard input):
 * {@code redefine <token> <generation> <class name>=<base64 class file>...}.
 *
 * @author reload-hook
 */
final class ControlChannel implements RelayLog {

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	private final PrintStream output;

	ControlChannel(PrintStream output) {
		this.output = output;
		Thread writer = new Thread(this::write, "relay-control-out");
		writer.setDaemon(true);
		writer.start();
	}

	void send(String line) {
		this.lines.add(line.replace('\n', ' '));
	}

	@Override
	public void info(String message) {
		send("log INFO " + message);
	}

	@Override
	public void warn(String message) {
		send("log WARN " + message);
	}

	private void write() {
		try {
			while (true) {
				this.output.println(this.lines.take());
				this.output.flush();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Write a last line and wait until it is out, before the process exits.
	 * @param line the line
	 */
	void sendNow(String line) {
		synchronized (this.output) {
			this.output.println(line);
			this.output.flush();
		}
	}

}
