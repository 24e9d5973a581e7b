package dev.reloadhook.retain.session;

import java.time.Duration;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;

/**
 * Gives a WebFlux application's session manager a store whose sessions outlive the
 * generation, in place of Spring's in-memory one (with the same session timeout). A store
 * of the application's own (Spring Session's, for example) is left as it is.
 *
 * @author reload-hook
 */
public final class WebSessionHandOver implements BeanPostProcessor, BeanClassLoaderAware {

	private final HandedOverWebSessions sessions;

	private ClassLoader classLoader = WebSessionHandOver.class.getClassLoader();

	/**
	 * Create a post-processor that keeps sessions in the given JVM-wide store.
	 * @param sessions the sessions of the JVM
	 */
	public WebSessionHandOver(HandedOverWebSessions sessions) {
		this.sessions = sessions;
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DefaultWebSessionManager manager
				&& manager.getSessionStore() instanceof InMemoryWebSessionStore inMemory) {
			// Spring Boot's subclass sets the configured timeout on each new session.
			Duration maxIdleTime = inMemory.createWebSession().map((session) -> session.getMaxIdleTime())
				.blockOptional()
				.orElse(Duration.ofMinutes(30));
			manager.setSessionStore(new GenerationWebSessionStore(this.sessions, this.classLoader, maxIdleTime));
		}
		return bean;
	}

}
