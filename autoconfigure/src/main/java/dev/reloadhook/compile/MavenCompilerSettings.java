package dev.reloadhook.compile;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads the effective {@code maven-compiler-plugin} configuration of a {@code pom.xml}
 * without running Maven: the pom and its parents (from the file system or the local
 * repository), their properties, plugin management and dependency management, as Maven
 * would combine them for the {@code compile} goal.
 *
 * @author reload-hook
 */
final class MavenCompilerSettings {

	private static final Log logger = LogFactory.getLog(MavenCompilerSettings.class);

	private static final String COMPILER_PLUGIN = "maven-compiler-plugin";

	private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

	private static final int MAX_PARENTS = 20;

	private final Path localRepository;

	private final Map<String, String> properties = new HashMap<>();

	private final Map<String, Element> configuration = new LinkedHashMap<>();

	private final Map<String, String> managedVersions = new HashMap<>();

	private MavenCompilerSettings(Path localRepository) {
		this.localRepository = localRepository;
	}

	/**
	 * Read the settings of a pom.
	 * @param pom the project's pom
	 * @param localRepository the local Maven repository, where parents and processors are
	 * @return the settings; the defaults, logged, if the pom cannot be read
	 */
	static CompilerSettings read(Path pom, Path localRepository) {
		try {
			MavenCompilerSettings settings = new MavenCompilerSettings(localRepository);
			settings.load(pom);
			return settings.toSettings(pom);
		}
		catch (Exception ex) {
			logger.warn("Cannot read the compiler settings of " + pom + " (" + ex + "): compiling with -g and -parameters");
			return CompilerSettings.defaults("defaults");
		}
	}

	/**
	 * Return the local repository: {@code maven.repo.local} or {@code ~/.m2/repository}.
	 * @return the local repository
	 */
	static Path localRepository() {
		String configured = System.getProperty("maven.repo.local");
		return (configured != null) ? Path.of(configured)
				: Path.of(System.getProperty("user.home"), ".m2", "repository");
	}

	private void load(Path pom) throws Exception {
		// Root-most first, so that children override what their parents set.
		List<Element> chain = new ArrayList<>();
		Path current = pom;
		while (current != null && chain.size() < MAX_PARENTS) {
			Element project = parse(current);
			chain.add(0, project);
			current = parentPom(current, project);
		}
		for (Element project : chain) {
			Element properties = child(project, "properties");
			if (properties != null) {
				children(properties).forEach((property) -> this.properties.put(property.getTagName(),
						property.getTextContent().trim()));
			}
		}
		Element own = chain.get(chain.size() - 1);
		putIfText("project.version", coordinate(own, "version"));
		putIfText("project.groupId", coordinate(own, "groupId"));
		this.properties.put("project.basedir", pom.getParent().toString());
		this.properties.put("basedir", pom.getParent().toString());
		for (Element project : chain) {
			Element build = child(project, "build");
			Element management = (build != null) ? child(build, "pluginManagement") : null;
			mergeCompilerConfiguration((management != null) ? child(management, "plugins") : null);
			mergeCompilerConfiguration((build != null) ? child(build, "plugins") : null);
			addManagedVersions(project, 0);
		}
	}

	private void putIfText(String name, @Nullable String value) {
		if (value != null) {
			this.properties.put(name, value);
		}
	}

	private @Nullable Path parentPom(Path pom, Element project) {
		Element parent = child(project, "parent");
		if (parent == null) {
			return null;
		}
		String groupId = text(parent, "groupId");
		String artifactId = text(parent, "artifactId");
		String version = text(parent, "version");
		Element relativePath = child(parent, "relativePath");
		String relative = (relativePath != null) ? relativePath.getTextContent().trim() : "../pom.xml";
		if (!relative.isEmpty()) {
			Path candidate = pom.getParent().resolve(relative).normalize();
			candidate = Files.isDirectory(candidate) ? candidate.resolve("pom.xml") : candidate;
			if (Files.isRegularFile(candidate) && isArtifact(candidate, groupId, artifactId)) {
				return candidate;
			}
		}
		Path inRepository = repositoryFile(groupId, artifactId, version, "pom");
		if (inRepository == null || !Files.isRegularFile(inRepository)) {
			throw new IllegalStateException("parent " + groupId + ":" + artifactId + ":" + version + " not found");
		}
		return inRepository;
	}

	private boolean isArtifact(Path pom, @Nullable String groupId, @Nullable String artifactId) {
		try {
			Element project = parse(pom);
			return artifactId != null && artifactId.equals(text(project, "artifactId"))
					&& (groupId == null || groupId.equals(coordinate(project, "groupId")));
		}
		catch (Exception ex) {
			return false;
		}
	}

	private void mergeCompilerConfiguration(@Nullable Element plugins) {
		if (plugins == null) {
			return;
		}
		for (Element plugin : children(plugins)) {
			if (!COMPILER_PLUGIN.equals(text(plugin, "artifactId"))) {
				continue;
			}
			merge(child(plugin, "configuration"));
			Element executions = child(plugin, "executions");
			if (executions != null) {
				children(executions).stream()
					.filter((execution) -> "default-compile".equals(text(execution, "id")))
					.forEach((execution) -> merge(child(execution, "configuration")));
			}
		}
	}

	private void merge(@Nullable Element configuration) {
		if (configuration != null) {
			children(configuration).forEach((element) -> this.configuration.put(element.getTagName(), element));
		}
	}

	private void addManagedVersions(Element project, int depth) {
		Element management = child(project, "dependencyManagement");
		Element dependencies = (management != null) ? child(management, "dependencies") : null;
		if (dependencies == null) {
			return;
		}
		for (Element dependency : children(dependencies)) {
			String key = interpolate(text(dependency, "groupId")) + ":" + interpolate(text(dependency, "artifactId"));
			String version = interpolate(text(dependency, "version"));
			if ("import".equals(text(dependency, "scope")) && depth < 2) {
				Path bom = repositoryFile(interpolate(text(dependency, "groupId")),
						interpolate(text(dependency, "artifactId")), version, "pom");
				if (bom != null && Files.isRegularFile(bom)) {
					try {
						addManagedVersions(parse(bom), depth + 1);
					}
					catch (Exception ex) {
						logger.debug("Cannot read " + bom, ex);
					}
				}
			}
			else if (version != null) {
				this.managedVersions.putIfAbsent(key, version);
			}
		}
	}

	private CompilerSettings toSettings(Path pom) {
		List<String> options = new ArrayList<>();
		// Maven's defaults: debug on (-g), parameters off.
		String debug = setting("debug", "maven.compiler.debug");
		if (debug == null || Boolean.parseBoolean(debug)) {
			String level = setting("debuglevel", "maven.compiler.debuglevel");
			options.add((level != null) ? "-g:" + level : "-g");
		}
		if (Boolean.parseBoolean(setting("parameters", "maven.compiler.parameters"))) {
			options.add("-parameters");
		}
		String release = setting("release", "maven.compiler.release");
		String source = setting("source", "maven.compiler.source");
		String target = setting("target", "maven.compiler.target");
		if (release != null) {
			options.addAll(List.of("--release", release));
		}
		else if (source != null || target != null) {
			release = (target != null) ? target : source;
			options.addAll(List.of("-source", (source != null) ? source : release, "-target", release));
		}
		String encoding = setting("encoding", "project.build.sourceEncoding");
		options.addAll(List.of("-encoding", (encoding != null) ? encoding : System.getProperty("file.encoding")));
		String proc = setting("proc", "maven.compiler.proc");
		if (proc != null) {
			options.add("-proc:" + proc);
		}
		List<String> processors = values("annotationProcessors");
		if (!processors.isEmpty()) {
			options.addAll(List.of("-processor", String.join(",", processors)));
		}
		options.addAll(values("compilerArgs"));
		Element arguments = this.configuration.get("compilerArguments");
		if (arguments != null) {
			for (Element argument : children(arguments)) {
				String value = interpolate(argument.getTextContent().trim());
				options.add(argument.getTagName().startsWith("A") ? "-" + argument.getTagName() + "=" + value
						: "-" + argument.getTagName());
			}
		}
		CompilerSettings.addFullProcessing(options);
		return new CompilerSettings(options, processorPath(), release, pom.toString());
	}

	private List<Path> processorPath() {
		Element paths = this.configuration.get("annotationProcessorPaths");
		if (paths == null) {
			return List.of();
		}
		List<Path> jars = new ArrayList<>();
		for (Element path : children(paths)) {
			String groupId = interpolate(text(path, "groupId"));
			String artifactId = interpolate(text(path, "artifactId"));
			String version = interpolate(text(path, "version"));
			if (version == null) {
				version = this.managedVersions.get(groupId + ":" + artifactId);
			}
			if (version == null) {
				version = newestInRepository(groupId, artifactId);
			}
			Path jar = repositoryFile(groupId, artifactId, version, "jar");
			if (jar != null && Files.isRegularFile(jar)) {
				jars.add(jar);
			}
			else {
				logger.warn("Annotation processor " + groupId + ":" + artifactId + ":" + version
						+ " is not in the local repository " + this.localRepository
						+ ": run the build once; saved sources are compiled without it");
			}
		}
		return jars;
	}

	private @Nullable String newestInRepository(@Nullable String groupId, @Nullable String artifactId) {
		if (groupId == null || artifactId == null) {
			return null;
		}
		Path versions = this.localRepository.resolve(groupId.replace('.', File.separatorChar)).resolve(artifactId);
		try (Stream<Path> entries = Files.list(versions)) {
			return entries.filter(Files::isDirectory)
				.map((entry) -> entry.getFileName().toString())
				.max(Comparator.comparing(Runtime.Version::parse, Comparator.naturalOrder()))
				.orElse(null);
		}
		catch (Exception ex) {
			return null;
		}
	}

	private @Nullable Path repositoryFile(@Nullable String groupId, @Nullable String artifactId,
			@Nullable String version, String extension) {
		if (groupId == null || artifactId == null || version == null) {
			return null;
		}
		return this.localRepository.resolve(groupId.replace('.', File.separatorChar))
			.resolve(artifactId)
			.resolve(version)
			.resolve(artifactId + "-" + version + "." + extension);
	}

	private @Nullable String setting(String parameter, String property) {
		Element element = this.configuration.get(parameter);
		String value = (element != null) ? element.getTextContent().trim() : "${" + property + "}";
		String interpolated = interpolate(value);
		return (interpolated == null || interpolated.isEmpty() || interpolated.contains("${")) ? null : interpolated;
	}

	private List<String> values(String parameter) {
		Element element = this.configuration.get(parameter);
		if (element == null) {
			return List.of();
		}
		return children(element).stream().map((value) -> interpolate(value.getTextContent().trim())).toList();
	}

	private @Nullable String interpolate(@Nullable String value) {
		if (value == null) {
			return null;
		}
		String result = value;
		for (int round = 0; round < 10 && result.contains("${"); round++) {
			Matcher matcher = PROPERTY.matcher(result);
			StringBuilder replaced = new StringBuilder();
			while (matcher.find()) {
				String resolved = this.properties.get(matcher.group(1));
				matcher.appendReplacement(replaced, Matcher.quoteReplacement((resolved != null) ? resolved : matcher.group()));
			}
			matcher.appendTail(replaced);
			if (replaced.toString().equals(result)) {
				break;
			}
			result = replaced.toString();
		}
		return result;
	}

	private static @Nullable String coordinate(Element project, String name) {
		String own = text(project, name);
		Element parent = child(project, "parent");
		return (own != null || parent == null) ? own : text(parent, name);
	}

	private static Element parse(Path pom) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		factory.setExpandEntityReferences(false);
		return factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
	}

	private static @Nullable Element child(Element parent, String name) {
		for (Element element : children(parent)) {
			if (element.getTagName().equals(name)) {
				return element;
			}
		}
		return null;
	}

	private static @Nullable String text(Element parent, String name) {
		Element element = child(parent, name);
		return (element != null) ? element.getTextContent().trim() : null;
	}

	private static List<Element> children(Element parent) {
		List<Element> elements = new ArrayList<>();
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element) {
				elements.add(element);
			}
		}
		return elements;
	}

}
