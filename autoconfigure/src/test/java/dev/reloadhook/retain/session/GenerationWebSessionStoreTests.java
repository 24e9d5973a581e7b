package dev.reloadhook.retain.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.web.server.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GenerationWebSessionStore}: a saved session is read by the next
 * generation's store with its values re-created there, and a save that changes nothing
 * does not serialize the session again.
 */
class GenerationWebSessionStoreTests {

	private final HandedOverWebSessions shared = new HandedOverWebSessions();

	private final ClassLoader classLoader = getClass().getClassLoader();

	@Test
	void sessionSavedByOneGenerationIsReadByTheNext() {
		GenerationWebSessionStore first = new GenerationWebSessionStore(this.shared, this.classLoader,
				Duration.ofMinutes(30));
		WebSession session = first.createWebSession().block();
		ArrayList<String> cart = new ArrayList<>(List.of("apple"));
		session.getAttributes().put("cart", cart);
		session.save().block();

		GenerationWebSessionStore next = new GenerationWebSessionStore(this.shared, this.classLoader,
				Duration.ofMinutes(30));
		WebSession handedOver = next.retrieveSession(session.getId()).block();
		assertThat(handedOver).isNotNull();
		assertThat(handedOver.getAttributes().get("cart")).isEqualTo(cart).isNotSameAs(cart);
		assertThat(handedOver.isStarted()).isTrue();
	}

	@Test
	void saveWithTheSameValuesDoesNotSerializeAgainButANewValueDoes() {
		GenerationWebSessionStore store = new GenerationWebSessionStore(this.shared, this.classLoader,
				Duration.ofMinutes(30));
		WebSession session = store.createWebSession().block();
		session.getAttributes().put("user", "ada");
		session.save().block();
		HandedOverWebSessions.Saved saved = this.shared.get(session.getId());
		assertThat(saved).isNotNull();

		session.save().block();
		assertThat(this.shared.get(session.getId())).isSameAs(saved);

		session.getAttributes().put("user", "grace");
		session.save().block();
		assertThat(this.shared.get(session.getId())).isNotSameAs(saved);
	}

	@Test
	void invalidatedSessionIsNotHandedOver() {
		GenerationWebSessionStore first = new GenerationWebSessionStore(this.shared, this.classLoader,
				Duration.ofMinutes(30));
		WebSession session = first.createWebSession().block();
		session.getAttributes().put("user", "ada");
		session.save().block();
		session.invalidate().block();
		GenerationWebSessionStore next = new GenerationWebSessionStore(this.shared, this.classLoader,
				Duration.ofMinutes(30));
		assertThat(next.retrieveSession(session.getId()).blockOptional()).isEmpty();
	}

}
