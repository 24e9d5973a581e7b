package dev.reloadhook.bench.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.SpringAsmInfo;

/**
 * The cost of reload-hook's "is this class file complete?" check ({@code ClassFileCheck}:
 * read the file, then a full ASM visit), which runs for every changed class file before a
 * reload: for a small class and a large one, with and without the file read.
 * Run: {@code mvn -q -f bench exec:exec@jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ClassFileParseBenchmark {

	/** A small application class and a large framework class. */
	@Param({ "dev/reloadhook/bench/Stats.class", "org/springframework/boot/SpringApplication.class" })
	public String classFile;

	private byte[] bytes;

	private Path file;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		try (InputStream in = ClassFileParseBenchmark.class.getClassLoader().getResourceAsStream(this.classFile)) {
			if (in == null) {
				throw new IllegalStateException(this.classFile + " is not on the class path");
			}
			this.bytes = in.readAllBytes();
		}
		this.file = Files.createTempFile("bench-", ".class");
		Files.write(this.file, this.bytes);
	}

	@TearDown(Level.Trial)
	public void tearDown() throws IOException {
		Files.deleteIfExists(this.file);
	}

	/** Parsing only: a full visit of bytes already in memory. */
	@Benchmark
	public boolean visit() {
		return isComplete(this.bytes);
	}

	/** What the watcher does: read the file, then visit it. */
	@Benchmark
	public boolean readAndVisit() throws IOException {
		return isComplete(Files.readAllBytes(this.file));
	}

	/** A cheaper check for comparison: the header only (magic number, constant pool count). */
	@Benchmark
	public int headerOnly() {
		return new ClassReader(this.bytes).getAccess();
	}

	private static boolean isComplete(byte[] bytes) {
		try {
			new ClassReader(bytes).accept(new ClassVisitor(SpringAsmInfo.ASM_VERSION) {
			}, 0);
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
