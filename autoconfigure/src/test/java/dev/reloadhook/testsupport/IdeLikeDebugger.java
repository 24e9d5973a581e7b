package dev.reloadhook.testsupport;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.jdi.AbsentInformationException;
import com.sun.jdi.Bootstrap;
import com.sun.jdi.Location;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.VMDisconnectEvent;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.ClassPrepareRequest;
import com.sun.jdi.request.EventRequest;

/**
 * A JDI client that keeps its line breakpoints the way IntelliJ IDEA and VS Code's
 * java-debug do: a class prepare request per class, and the breakpoint set again in each
 * new class of that name. It counts the event sets with a breakpoint hit and resumes them,
 * unless asked to hold them.
 */
public final class IdeLikeDebugger implements AutoCloseable {

	private final VirtualMachine vm;

	/** Class name to line. */
	private final Map<String, Integer> breakpoints = new ConcurrentHashMap<>();

	private final AtomicInteger hits = new AtomicInteger();

	private final BlockingQueue<EventSet> held = new LinkedBlockingQueue<>();

	private volatile boolean holding;

	private volatile int suspendPolicy = EventRequest.SUSPEND_EVENT_THREAD;

	private IdeLikeDebugger(VirtualMachine vm) {
		this.vm = vm;
		Thread loop = new Thread(this::handleEvents, "ide-like-debugger");
		loop.setDaemon(true);
		loop.start();
	}

	/**
	 * Attach to a JDWP agent or to the debug relay on 127.0.0.1.
	 */
	public static IdeLikeDebugger attach(int port) throws Exception {
		return new IdeLikeDebugger(attachVirtualMachine(port));
	}

	public static VirtualMachine attachVirtualMachine(int port) throws Exception {
		AttachingConnector connector = Bootstrap.virtualMachineManager()
			.attachingConnectors()
			.stream()
			.filter((candidate) -> "dt_socket".equals(candidate.transport().name()))
			.findFirst()
			.orElseThrow();
		Map<String, Connector.Argument> arguments = connector.defaultArguments();
		arguments.get("hostname").setValue("127.0.0.1");
		arguments.get("port").setValue(Integer.toString(port));
		return connector.attach(arguments);
	}

	public VirtualMachine vm() {
		return this.vm;
	}

	/**
	 * Set a line breakpoint in every loaded and every future class of that name.
	 */
	public void breakAt(String className, int line, int suspendPolicy) {
		this.suspendPolicy = suspendPolicy;
		this.breakpoints.put(className, line);
		ClassPrepareRequest prepare = this.vm.eventRequestManager().createClassPrepareRequest();
		prepare.addClassFilter(className);
		prepare.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
		prepare.enable();
		this.vm.classesByName(className).forEach(this::arm);
	}

	private void arm(ReferenceType type) {
		Integer line = this.breakpoints.get(type.name());
		if (line == null) {
			return;
		}
		try {
			for (Location location : type.locationsOfLine(line)) {
				BreakpointRequest request = this.vm.eventRequestManager().createBreakpointRequest(location);
				request.setSuspendPolicy(this.suspendPolicy);
				request.enable();
			}
		}
		catch (AbsentInformationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void handleEvents() {
		try {
			while (true) {
				EventSet set = this.vm.eventQueue().remove();
				boolean hit = false;
				for (Event event : set) {
					if (event instanceof VMDisconnectEvent) {
						return;
					}
					if (event instanceof ClassPrepareEvent prepared) {
						arm(prepared.referenceType());
					}
					hit |= event instanceof BreakpointEvent;
				}
				if (hit) {
					this.hits.incrementAndGet();
					if (this.holding) {
						this.held.add(set);
						continue;
					}
				}
				set.resume();
			}
		}
		catch (InterruptedException | com.sun.jdi.VMDisconnectedException ex) {
			// detached
		}
	}

	/**
	 * Return the number of event sets with a breakpoint hit so far.
	 */
	public int hits() {
		return this.hits.get();
	}

	/**
	 * Keep the event sets with a hit suspended instead of resuming them.
	 */
	public void hold(boolean holding) {
		this.holding = holding;
	}

	/**
	 * Take the oldest held event set, waiting up to 90 seconds for one.
	 */
	public EventSet takeHeld() throws InterruptedException {
		EventSet set = this.held.poll(90, java.util.concurrent.TimeUnit.SECONDS);
		if (set == null) {
			throw new AssertionError("No breakpoint hit was held within 90 seconds");
		}
		return set;
	}

	@Override
	public void close() {
		try {
			this.vm.dispose();
		}
		catch (com.sun.jdi.VMDisconnectedException ex) {
			// already gone
		}
	}

}
