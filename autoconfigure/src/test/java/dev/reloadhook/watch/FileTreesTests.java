package dev.reloadhook.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FileTrees}.
 */
class FileTreesTests {

	@TempDir
	Path root;

	@Test
	void filesDeletedWhileTheTreeIsWalkedAreLeftOutAndTheWalkGoesOn() throws IOException {
		for (int i = 0; i < 20; i++) {
			Files.writeString(Files.createDirectories(this.root.resolve("d" + (i % 3))).resolve("C" + i + ".class"), "x");
		}
		List<Path> seen = new ArrayList<>();
		// The first file seen deletes every other one, as a clean build or a probe file
		// being removed would: Files.walk throws NoSuchFileException then.
		FileTrees.walk(this.root, (file, attributes) -> {
			if (seen.isEmpty()) {
				deleteAllBut(file);
			}
			seen.add(file);
		});
		assertThat(seen).hasSize(1);
		assertThat(FileTrees.files(this.root, ".class")).containsExactlyElementsOf(seen);
	}

	@Test
	void filesAreTheRegularFilesWithTheSuffix() throws IOException {
		Path nested = Files.createDirectories(this.root.resolve("a/b"));
		Files.writeString(nested.resolve("One.class"), "x");
		Files.writeString(nested.resolve("one.txt"), "x");
		Files.createDirectories(this.root.resolve("Dir.class"));
		assertThat(FileTrees.files(this.root, ".class")).containsExactly(nested.resolve("One.class"));
	}

	@Test
	void aMissingRootHasNoFiles() {
		assertThat(FileTrees.files(this.root.resolve("gone"), ".class")).isEmpty();
	}

	private void deleteAllBut(Path kept) {
		try (var files = Files.walk(this.root)) {
			files.filter(Files::isRegularFile).filter((file) -> !file.equals(kept)).forEach((file) -> {
				try {
					Files.delete(file);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
