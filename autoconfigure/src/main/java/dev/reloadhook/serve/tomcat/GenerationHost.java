package dev.reloadhook.serve.tomcat;

import org.apache.catalina.Container;
import org.apache.catalina.ContainerListener;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleListener;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.mapper.MapperListener;
import org.jspecify.annotations.Nullable;

/**
 * A host that takes each generation's context as a new version of the same path (Tomcat
 * parallel deployment: requests map to the newest version) and keeps it hidden from
 * request mapping until the generation is ready to serve.
 *
 * @author reload-hook
 */
final class GenerationHost extends StandardHost {

	private @Nullable String nextVersion;

	private @Nullable Context lastAdded;

	private @Nullable MapperListener mapperListener;

	GenerationHost() {
		// Contexts are started by hand, outside the host's start-up and while older
		// versions serve.
		setStartChildren(false);
		setAutoDeploy(false);
	}

	void expect(String version) {
		this.nextVersion = version;
		this.lastAdded = null;
	}

	@Nullable Context takeAdded() {
		Context added = this.lastAdded;
		this.lastAdded = null;
		return added;
	}

	@Override
	public void addChild(Container child) {
		String version = this.nextVersion;
		if (child instanceof Context context && version != null) {
			context.setWebappVersion(version);
			context.setName(context.getPath() + "##" + version);
			this.nextVersion = null;
			this.lastAdded = context;
		}
		super.addChild(child);
		if (child instanceof Context context) {
			hideFromMapper(context);
		}
	}

	private void hideFromMapper(Context context) {
		// The mapper listener attached itself to the new context; a started context would
		// be mapped at once, before its application context has finished refreshing.
		for (ContainerListener listener : context.findContainerListeners()) {
			if (listener instanceof MapperListener mapper) {
				this.mapperListener = mapper;
				context.removeContainerListener(mapper);
			}
		}
		for (LifecycleListener listener : context.findLifecycleListeners()) {
			if (listener instanceof MapperListener mapper) {
				context.removeLifecycleListener(mapper);
			}
		}
	}

	/**
	 * Map the context: from now on new requests reach it rather than older versions.
	 * @param context the context to reveal
	 */
	void revealToMapper(Context context) {
		MapperListener mapper = this.mapperListener;
		if (mapper == null) {
			throw new IllegalStateException("No mapper listener found on " + getName());
		}
		attach(context, mapper);
		mapper.lifecycleEvent(new org.apache.catalina.LifecycleEvent(context,
				org.apache.catalina.Lifecycle.AFTER_START_EVENT, null));
	}

	private void attach(Container container, MapperListener mapper) {
		container.addContainerListener(mapper);
		container.addLifecycleListener(mapper);
		for (Container child : container.findChildren()) {
			attach(child, mapper);
		}
	}

}
