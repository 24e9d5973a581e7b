package dev.reloadhook.debug.relay;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link VersionNames}.
 */
class VersionNamesTests {

	@Test
	void renamedVersionsAndTheirNestedClassesAreKnownByTheNameAsWritten() {
		assertThat(VersionNames.original("Lapp/Greeting$Reload3;")).isEqualTo("Lapp/Greeting;");
		assertThat(VersionNames.original("Lapp/Greeting$Reload3$1;")).isEqualTo("Lapp/Greeting$1;");
		assertThat(VersionNames.original("app.Greeting$Reload12")).isEqualTo("app.Greeting");
		assertThat(VersionNames.original("(Lapp/Greeting$Reload3$Body;Ljava/util/List<Lapp/Greeting$Reload3;>;)V"))
			.isEqualTo("(Lapp/Greeting$Body;Ljava/util/List<Lapp/Greeting;>;)V");
	}

	@Test
	void otherNamesAreLeftAsTheyAre() {
		assertThat(VersionNames.original("Lapp/Greeting;")).isEqualTo("Lapp/Greeting;");
		assertThat(VersionNames.original("Lapp/Greeting$ReloadButton;")).isEqualTo("Lapp/Greeting$ReloadButton;");
		assertThat(VersionNames.original("Lapp/Reloader$Reload;")).isEqualTo("Lapp/Reloader$Reload;");
	}

	@Test
	void versionsAreNumberedAndClassesUnderTheirOwnNameAreNone() {
		assertThat(VersionNames.version("Lapp/Greeting$Reload3$1;")).isEqualTo(3);
		assertThat(VersionNames.version("Lapp/Greeting;")).isZero();
	}

	@Test
	void classPreparePatternsMatchTheClassAndTheRenamedVersionsOfEachClassItMayBeNestedIn() {
		assertThat(VersionNames.classPreparePatterns("app.Greeting")).containsExactly("app.Greeting",
				"app.Greeting$Reload*");
		assertThat(VersionNames.classPreparePatterns("app.Greeting$1")).containsExactly("app.Greeting$1",
				"app.Greeting$Reload*", "app.Greeting$1$Reload*");
		assertThat(VersionNames.classPreparePatterns("Greeting")).containsExactly("Greeting", "Greeting$Reload*");
	}

}
