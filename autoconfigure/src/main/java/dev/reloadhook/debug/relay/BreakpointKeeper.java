package dev.reloadhook.debug.relay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.reloadhook.debug.jdwp.BreakpointRequest;
import dev.reloadhook.debug.jdwp.CompositeEvent.ClassPrepared;
import dev.reloadhook.debug.jdwp.Jdwp;
import dev.reloadhook.debug.jdwp.JdwpException;
import dev.reloadhook.debug.jdwp.Location;

/**
 * Keeps the debugger's breakpoints armed in every version of their classes: remembers each
 * by class, method and line, watches its class with class prepare requests of its own,
 * sets it again in each new version (new generation, redefinition, or a bean-tier version,
 * also one the bean tier had to rename: {@link VersionNames}) and tells which request id
 * the debugger knows each armed request by.
 * <p>
 * Its methods that send commands run on the session's worker thread only; the lookups the
 * reader threads make ({@link #isOwnRequest}, {@link #originalId}, {@link #isKnownOriginal})
 * are thread-safe.
 *
 * @author reload-hook
 */
final class BreakpointKeeper implements EventRewriter.RequestIds {

	/** Versions of a class the relay keeps its requests in: the serving and the previous one. */
	private static final int KEPT_VERSIONS = 2;

	private final VmCommands vm;

	private final ClassQueries classes;

	private final RelayLog log;

	private final Set<Integer> ownClassPrepares = ConcurrentHashMap.newKeySet();

	/** Request ids the relay armed, to the id the debugger knows the breakpoint by. */
	private final Map<Integer, Integer> originalIds = new ConcurrentHashMap<>();

	private final Set<Integer> knownOriginals = ConcurrentHashMap.newKeySet();

	private final Map<String, List<RememberedBreakpoint>> byClass = new HashMap<>();

	/** The relay's class prepare requests for each class it keeps breakpoints of. */
	private final Map<String, List<Integer>> classPrepareRequests = new HashMap<>();

	BreakpointKeeper(VmCommands vm, ClassQueries classes, RelayLog log) {
		this.vm = vm;
		this.classes = classes;
		this.log = log;
	}

	@Override
	public boolean isOwnRequest(int requestId) {
		return this.ownClassPrepares.contains(requestId);
	}

	@Override
	public int originalId(int requestId) {
		return this.originalIds.getOrDefault(requestId, requestId);
	}

	boolean isKnownOriginal(int requestId) {
		return this.knownOriginals.contains(requestId);
	}

	/**
	 * Note, on the reader thread, that the debugger got a breakpoint request id: a clear
	 * that follows at once must wait for {@link #remember}.
	 * @param originalId the request id
	 */
	void expect(int originalId) {
		this.knownOriginals.add(originalId);
	}

	/**
	 * Remember a breakpoint the debugger set.
	 * @param request its request
	 * @param originalId the id the virtual machine gave it
	 */
	void remember(BreakpointRequest request, int originalId) throws JdwpException {
		Location location = request.location();
		// Kept by the name the developer wrote: a breakpoint set in a renamed version
		// belongs in the versions after it too, and in the next generation's class.
		String signature = VersionNames.original(this.classes.signature(location.classId()));
		ClassQueries.Method method = this.classes.methods(location.classId()).stream()
			.filter((candidate) -> candidate.id() == location.methodId())
			.findFirst()
			.orElse(null);
		int line = (method != null) ? this.classes.lineAt(location.classId(), method.id(), location.index()) : -1;
		if (method == null || line < 0) {
			this.knownOriginals.remove(originalId);
			return;
		}
		RememberedBreakpoint breakpoint = new RememberedBreakpoint(signature, method.name(),
				VersionNames.original(method.signature()), line, request);
		List<RememberedBreakpoint> breakpoints = this.byClass.computeIfAbsent(signature, (key) -> new ArrayList<>());
		RememberedBreakpoint same = breakpoints.stream().filter(breakpoint::sameAs).findFirst().orElse(null);
		boolean known = same != null;
		if (same == null) {
			breakpoints.add(breakpoint);
			watch(signature);
			same = breakpoint;
		}
		same.originalIds().add(originalId);
		// An IDE sets its breakpoint again in a new version the relay already armed: one
		// request per version is enough, and the debugger's own wins.
		Integer relayArmed = same.armed().put(location.classId(), originalId);
		if (relayArmed != null && this.originalIds.remove(relayArmed) != null) {
			clearRequest(relayArmed);
		}
		if (!known) {
			// jdb sets its breakpoint in one loaded version of the class, maybe not the
			// serving one (a renamed bean-tier version is not found by its name): the
			// others get it too.
			for (LoadedClass loaded : this.classes.allVersions(signature)) {
				if (!same.armed().containsKey(loaded.typeId())) {
					// An older version may well lack the line: nothing to say.
					arm(same, loaded.typeTag(), loaded.typeId(), false);
				}
			}
		}
	}

	/**
	 * Arm the remembered breakpoints of a class in a new version of it.
	 * @param prepared the new version
	 */
	void classPrepared(ClassPrepared prepared) throws JdwpException {
		String signature = VersionNames.original(prepared.signature());
		for (RememberedBreakpoint breakpoint : this.byClass.getOrDefault(signature, List.of())) {
			if (!breakpoint.armed().containsKey(prepared.typeId())) {
				arm(breakpoint, prepared.typeTag(), prepared.typeId(), true);
				releaseOldVersions(breakpoint);
			}
		}
	}

	/**
	 * Clear the relay's requests in all but the newest versions of the class: the JDWP
	 * agent holds the class of each request, which would keep closed generations in
	 * memory for as long as the debugger stays. The previous version keeps its request
	 * while its generation may still finish requests.
	 */
	private void releaseOldVersions(RememberedBreakpoint breakpoint) {
		List<Map.Entry<Long, Integer>> own = breakpoint.armed()
			.entrySet()
			.stream()
			.filter((armed) -> this.originalIds.containsKey(armed.getValue()))
			.toList();
		for (Map.Entry<Long, Integer> old : own.subList(0, Math.max(0, own.size() - KEPT_VERSIONS))) {
			breakpoint.armed().remove(old.getKey());
			this.originalIds.remove(old.getValue());
			clearRequest(old.getValue());
		}
	}

	/**
	 * Arm the remembered breakpoints of a class again after it was redefined: the JDWP
	 * agent deleted those it had.
	 * @param typeTag the kind of reference type
	 * @param typeId the class
	 * @param signature its signature
	 */
	void redefined(byte typeTag, long typeId, String signature) throws JdwpException {
		for (RememberedBreakpoint breakpoint : this.byClass.getOrDefault(VersionNames.original(signature),
				List.of())) {
			Integer previous = breakpoint.armed().remove(typeId);
			if (previous != null) {
				this.originalIds.remove(previous);
				// Normally gone with the redefinition already; make sure it cannot fire twice.
				clearRequest(previous);
			}
			arm(breakpoint, typeTag, typeId, true);
		}
	}

	/**
	 * The debugger cleared one of its breakpoint requests: clear every request armed for
	 * it, or point them at another of its ids for the same breakpoint.
	 * @param originalId the id the debugger cleared
	 */
	void clear(int originalId) {
		this.knownOriginals.remove(originalId);
		for (List<RememberedBreakpoint> breakpoints : this.byClass.values()) {
			for (RememberedBreakpoint breakpoint : List.copyOf(breakpoints)) {
				if (breakpoint.originalIds().remove(originalId)) {
					forget(breakpoint, originalId, breakpoints);
				}
			}
		}
		clearRequest(originalId);
	}

	private void forget(RememberedBreakpoint breakpoint, int originalId, List<RememberedBreakpoint> breakpoints) {
		boolean keep = !breakpoint.originalIds().isEmpty();
		breakpoint.armed().entrySet().removeIf((armed) -> {
			int id = armed.getValue();
			if (id == originalId) {
				return true;
			}
			if (!this.originalIds.containsKey(id)) {
				return false;
			}
			if (keep) {
				this.originalIds.put(id, breakpoint.latestOriginalId());
				return false;
			}
			this.originalIds.remove(id);
			clearRequest(id);
			return true;
		});
		if (!keep) {
			breakpoints.remove(breakpoint);
			if (breakpoints.isEmpty()) {
				unwatch(breakpoint.classSignature());
			}
		}
	}

	/**
	 * The debugger cleared all breakpoints: forget them, and clear what the relay armed.
	 */
	void forgetAll() {
		this.originalIds.keySet().forEach(this::clearRequest);
		this.originalIds.clear();
		this.knownOriginals.clear();
		List.copyOf(this.classPrepareRequests.keySet()).forEach(this::unwatch);
		this.byClass.clear();
	}

	private void watch(String signature) throws JdwpException {
		if (this.classPrepareRequests.containsKey(signature)) {
			return;
		}
		List<Integer> ids = new ArrayList<>();
		this.classPrepareRequests.put(signature, ids);
		for (String pattern : VersionNames.classPreparePatterns(RememberedBreakpoint.className(signature))) {
			byte[] request = this.vm.output()
				.writeByte(Jdwp.CLASS_PREPARE)
				// Hold the loading thread until the breakpoints are set: its next step may
				// be the line.
				.writeByte(Jdwp.SUSPEND_EVENT_THREAD)
				.writeInt(1)
				.writeByte(Jdwp.MODIFIER_CLASS_MATCH)
				.writeString(pattern)
				.toByteArray();
			int id = this.vm.call(Jdwp.EVENT_REQUEST, Jdwp.SET, request).readInt();
			this.ownClassPrepares.add(id);
			ids.add(id);
		}
	}

	private void unwatch(String signature) {
		for (int id : this.classPrepareRequests.getOrDefault(signature, List.of())) {
			this.ownClassPrepares.remove(id);
			this.vm.send(Jdwp.EVENT_REQUEST, Jdwp.CLEAR,
					this.vm.output().writeByte(Jdwp.CLASS_PREPARE).writeInt(id).toByteArray());
		}
		this.classPrepareRequests.remove(signature);
	}

	private void arm(RememberedBreakpoint breakpoint, byte typeTag, long typeId, boolean newVersion)
			throws JdwpException {
		ClassQueries.Method method = this.classes.methods(typeId).stream()
			.filter((candidate) -> candidate.name().equals(breakpoint.methodName())
					&& VersionNames.original(candidate.signature()).equals(breakpoint.methodSignature()))
			.findFirst()
			.orElse(null);
		long index = (method != null) ? this.classes.firstIndexOf(typeId, method.id(), breakpoint.line()) : -1;
		if (method == null || index < 0) {
			if (!newVersion) {
				return;
			}
			this.log.warn("Breakpoint at " + breakpoint.describe() + " has no code in the new version of "
					+ RememberedBreakpoint.className(breakpoint.classSignature())
					+ " and does not fire there; it is kept for later versions");
			return;
		}
		Location location = new Location(typeTag, typeId, method.id(), index);
		int id = this.vm.call(Jdwp.EVENT_REQUEST, Jdwp.SET, breakpoint.request().at(location, this.vm.output()))
			.readInt();
		this.originalIds.put(id, breakpoint.latestOriginalId());
		breakpoint.armed().put(typeId, id);
	}

	private void clearRequest(int id) {
		this.vm.send(Jdwp.EVENT_REQUEST, Jdwp.CLEAR,
				this.vm.output().writeByte(Jdwp.BREAKPOINT).writeInt(id).toByteArray());
	}

}
