package dev.reloadhook.autoconfigure;

import dev.reloadhook.boot.ReloadRuntime;
import dev.reloadhook.config.ReloadHookProperties;
import dev.reloadhook.observe.metrics.ReloadMetrics;
import dev.reloadhook.reload.cleanup.GlobalRegistryDetacher;
import dev.reloadhook.reload.restart.RestartClassLoader;
import dev.reloadhook.retain.RetainedPoolMetrics;
import dev.reloadhook.retain.session.WebSessionHandOver;
import dev.reloadhook.serve.StartingGeneration;
import dev.reloadhook.serve.jetty.ReloadingJettyServletWebServerFactory;
import dev.reloadhook.serve.netty.ReloadingNettyReactiveWebServerFactory;
import dev.reloadhook.serve.tomcat.ReloadingTomcatServletWebServerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.reactor.netty.autoconfigure.ReactorNettyProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.reactive.ReactiveWebServerFactory;
import org.springframework.boot.web.server.servlet.ServletWebServerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.util.Assert;
import org.springframework.web.server.session.DefaultWebSessionManager;

/**
 * Auto-configuration of reload-hook inside a reloading generation: an embedded server
 * that outlives generations. Does nothing outside development (see
 * {@link ConditionalOnReloading}).
 *
 * @author reload-hook
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration",
		"org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration",
		"org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration" })
@ConditionalOnReloading
@EnableConfigurationProperties(ReloadHookProperties.class)
public final class ReloadHookAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MicrometerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		GlobalRegistryDetacher reloadHookGlobalRegistryDetacher(ApplicationContext context,
				ObjectProvider<MeterRegistry> registries) {
			return new GlobalRegistryDetacher(context, registries);
		}

		@Bean
		@ConditionalOnMissingBean
		ReloadMetrics reloadHookMetrics() {
			return new ReloadMetrics(runtime().state(), runtime().leaks());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "com.zaxxer.hikari.HikariDataSource", "io.micrometer.core.instrument.MeterRegistry" })
	static class RetainedPoolMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RetainedPoolMetrics reloadHookRetainedPoolMetrics(ObjectProvider<javax.sql.DataSource> dataSources) {
			return new RetainedPoolMetrics(dataSources);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tomcat.class, TomcatServletWebServerFactory.class })
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class TomcatConfiguration {

		@Bean
		@ConditionalOnMissingBean(ServletWebServerFactory.class)
		ReloadingTomcatServletWebServerFactory reloadingTomcatServletWebServerFactory(
				ObjectProvider<TomcatConnectorCustomizer> connectorCustomizers,
				ObjectProvider<TomcatContextCustomizer> contextCustomizers,
				ObjectProvider<TomcatProtocolHandlerCustomizer<?>> protocolHandlerCustomizers) {
			ReloadingTomcatServletWebServerFactory factory = new ReloadingTomcatServletWebServerFactory();
			factory.getConnectorCustomizers().addAll(connectorCustomizers.orderedStream().toList());
			factory.getContextCustomizers().addAll(contextCustomizers.orderedStream().toList());
			factory.getProtocolHandlerCustomizers().addAll(protocolHandlerCustomizers.orderedStream().toList());
			return factory;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Server.class, WebAppContext.class, JettyServletWebServerFactory.class })
	// With both servers on the class path Tomcat serves, whichever configuration the
	// context happens to read first.
	@ConditionalOnMissingClass("org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory")
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class JettyConfiguration {

		@Bean
		@ConditionalOnMissingBean(ServletWebServerFactory.class)
		ReloadingJettyServletWebServerFactory reloadingJettyServletWebServerFactory(
				ObjectProvider<JettyServerCustomizer> serverCustomizers) {
			ReloadingJettyServletWebServerFactory factory = new ReloadingJettyServletWebServerFactory();
			factory.getServerCustomizers().addAll(serverCustomizers.orderedStream().toList());
			return factory;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HttpServer.class, NettyReactiveWebServerFactory.class })
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@EnableConfigurationProperties(ReactorNettyProperties.class)
	static class NettyConfiguration {

		@Bean
		@ConditionalOnMissingBean(ReactiveWebServerFactory.class)
		ReloadingNettyReactiveWebServerFactory reloadingNettyReactiveWebServerFactory(
				ObjectProvider<NettyRouteProvider> routes, ObjectProvider<NettyServerCustomizer> serverCustomizers) {
			ReloadingNettyReactiveWebServerFactory factory = new ReloadingNettyReactiveWebServerFactory();
			routes.orderedStream().forEach(factory::addRouteProviders);
			factory.getServerCustomizers().addAll(serverCustomizers.orderedStream().toList());
			return factory;
		}

		/**
		 * Resources of the generation's own, for its HTTP clients: the global ones would
		 * be disposed by the replaced generation while the new one uses them.
		 */
		@Bean
		@ConditionalOnMissingBean
		ReactorResourceFactory reloadHookReactorResourceFactory(ReactorNettyProperties properties) {
			ReactorResourceFactory factory = new ReactorResourceFactory();
			factory.setUseGlobalResources(false);
			if (properties.getShutdownQuietPeriod() != null) {
				factory.setShutdownQuietPeriod(properties.getShutdownQuietPeriod());
			}
			return factory;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(DefaultWebSessionManager.class)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	static class WebSessionConfiguration {

		@Bean
		static WebSessionHandOver reloadHookWebSessionHandOver() {
			return new WebSessionHandOver(runtime().webSessions());
		}

	}

	/**
	 * The generation the context belongs to, whose servers its factories start. A bean,
	 * so that the server factories, and those of actuator's management child context,
	 * find it (see {@link StartingGeneration#of}).
	 */
	@Bean
	@ConditionalOnWebApplication
	@ConditionalOnMissingBean
	StartingGeneration reloadHookStartingGeneration(ApplicationContext context) {
		return runtime().startingGeneration(RestartClassLoader.generationOf(context.getClassLoader()));
	}

	private static ReloadRuntime runtime() {
		ReloadRuntime runtime = ReloadRuntime.current();
		Assert.state(runtime != null, "reload-hook is not active");
		return runtime;
	}

}
