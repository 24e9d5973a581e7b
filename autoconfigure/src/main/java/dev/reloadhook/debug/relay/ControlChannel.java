package dev.reloadhook.debug.relay;

import java.io.PrintStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import dev.reloadhook.debug.control.FromRelay;

/**
 * The relay's side of its control channel with the application: {@link FromRelay} messages
 * out on standard output, one line each. A thread of its own writes them: while a debugger
 * holds every thread of the application nobody reads the pipe, and no relay thread may
 * block on it.
 *
 * @author reload-hook
 */
final class ControlChannel implements RelayLog {

	private final BlockingQueue<FromRelay> messages = new LinkedBlockingQueue<>();

	private final PrintStream output;

	ControlChannel(PrintStream output) {
		this.output = output;
		Thread writer = new Thread(this::write, "relay-control-out");
		writer.setDaemon(true);
		writer.start();
	}

	void send(FromRelay message) {
		this.messages.add(message);
	}

	@Override
	public void info(String message) {
		send(new FromRelay.Log(FromRelay.Level.INFO, message));
	}

	@Override
	public void warn(String message) {
		send(new FromRelay.Log(FromRelay.Level.WARN, message));
	}

	private void write() {
		try {
			while (true) {
				String line = this.messages.take().toLine();
				synchronized (this.output) {
					this.output.println(line);
					this.output.flush();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Write a last message and wait until it is out, before the process exits.
	 * @param message the message
	 */
	void sendNow(FromRelay message) {
		synchronized (this.output) {
			this.output.println(message.toLine());
			this.output.flush();
		}
	}

}
