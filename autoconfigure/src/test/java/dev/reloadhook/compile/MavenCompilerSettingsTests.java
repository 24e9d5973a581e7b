package dev.reloadhook.compile;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MavenCompilerSettings}: the effective compiler configuration of a pom
 * and its parents, read without Maven.
 */
class MavenCompilerSettingsTests {

	@TempDir
	Path temp;

	private Path repository;

	@Test
	void inheritsFromAParentInTheLocalRepositoryAndInterpolatesProperties() throws Exception {
		repository();
		Path pom = writeChildPom("""
					<properties>
						<java.version>21</java.version>
					</properties>
				""");
		CompilerSettings settings = MavenCompilerSettings.read(pom, this.repository);
		assertThat(settings.options()).containsSubsequence("-g", "-parameters", "--release", "21", "-encoding",
				"ISO-8859-1");
		assertThat(settings.release()).isEqualTo("21");
		assertThat(settings.processorPath())
			.containsExactly(this.repository.resolve("com/example/processor/2.0/processor-2.0.jar"));
	}

	@Test
	void childConfigurationOverridesTheParentsAndAddsArguments() throws Exception {
		repository();
		Path pom = writeChildPom("""
					<build>
						<plugins>
							<plugin>
								<artifactId>maven-compiler-plugin</artifactId>
								<configuration>
									<parameters>false</parameters>
									<debuglevel>lines,source</debuglevel>
									<compilerArgs>
										<arg>-Amapstruct.defaultComponentModel=spring</arg>
									</compilerArgs>
									<annotationProcessorPaths>
										<path>
											<groupId>com.example</groupId>
											<artifactId>unmanaged</artifactId>
										</path>
									</annotationProcessorPaths>
								</configuration>
							</plugin>
						</plugins>
					</build>
				""");
		Files.createDirectories(this.repository.resolve("com/example/unmanaged/1.9"));
		write("repository/com/example/unmanaged/1.10/unmanaged-1.10.jar", "");
		CompilerSettings settings = MavenCompilerSettings.read(pom, this.repository);
		assertThat(settings.options()).contains("-g:lines,source", "-Amapstruct.defaultComponentModel=spring")
			.doesNotContain("-parameters", "-g");
		// No version and none managed: the newest in the local repository.
		assertThat(settings.processorPath())
			.containsExactly(this.repository.resolve("com/example/unmanaged/1.10/unmanaged-1.10.jar"));
	}

	@Test
	void parentInTheReactorIsFoundByItsRelativePath() throws Exception {
		write("reactor/pom.xml", """
				<project>
					<groupId>com.example</groupId>
					<artifactId>reactor</artifactId>
					<version>1.0</version>
					<properties>
						<maven.compiler.source>17</maven.compiler.source>
						<maven.compiler.target>17</maven.compiler.target>
						<maven.compiler.debug>false</maven.compiler.debug>
					</properties>
				</project>
				""");
		Path pom = write("reactor/module/pom.xml", """
				<project>
					<parent>
						<groupId>com.example</groupId>
						<artifactId>reactor</artifactId>
						<version>1.0</version>
					</parent>
					<artifactId>module</artifactId>
				</project>
				""");
		CompilerSettings settings = MavenCompilerSettings.read(pom, this.temp.resolve("empty"));
		assertThat(settings.options()).containsSubsequence("-source", "17", "-target", "17")
			.doesNotContain("-g", "-parameters");
	}

	@Test
	void unreadablePomFallsBackToTheDefaults() throws Exception {
		Path pom = write("broken/pom.xml", "<project><parent><groupId>x</groupId></parent>");
		CompilerSettings settings = MavenCompilerSettings.read(pom, this.temp.resolve("empty"));
		assertThat(settings.options()).contains("-g", "-parameters");
		assertThat(settings.origin()).isEqualTo("defaults");
	}

	private void repository() throws Exception {
		this.repository = this.temp.resolve("repository");
		write("repository/com/example/parent/1.0/parent-1.0.pom", """
				<project>
					<groupId>com.example</groupId>
					<artifactId>parent</artifactId>
					<version>1.0</version>
					<properties>
						<java.version>17</java.version>
						<maven.compiler.release>${java.version}</maven.compiler.release>
						<project.build.sourceEncoding>ISO-8859-1</project.build.sourceEncoding>
						<processor.version>2.0</processor.version>
					</properties>
					<dependencyManagement>
						<dependencies>
							<dependency>
								<groupId>com.example</groupId>
								<artifactId>processor</artifactId>
								<version>${processor.version}</version>
							</dependency>
						</dependencies>
					</dependencyManagement>
					<build>
						<pluginManagement>
							<plugins>
								<plugin>
									<groupId>org.apache.maven.plugins</groupId>
									<artifactId>maven-compiler-plugin</artifactId>
									<configuration>
										<parameters>true</parameters>
										<annotationProcessorPaths>
											<path>
												<groupId>com.example</groupId>
												<artifactId>processor</artifactId>
											</path>
										</annotationProcessorPaths>
									</configuration>
								</plugin>
							</plugins>
						</pluginManagement>
					</build>
				</project>
				""");
		write("repository/com/example/processor/2.0/processor-2.0.jar", "");
	}

	/**
	 * Write a pom whose parent is in the local repository, with the given elements.
	 */
	private Path writeChildPom(String elements) throws Exception {
		return write("project/pom.xml", """
				<project>
					<parent>
						<groupId>com.example</groupId>
						<artifactId>parent</artifactId>
						<version>1.0</version>
						<relativePath/>
					</parent>
					<artifactId>app</artifactId>
				""" + elements + "</project>\n");
	}

	private Path write(String name, String content) throws Exception {
		Path file = this.temp.resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
		return file;
	}

}
