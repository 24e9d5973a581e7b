package dev.reloadhook.retain;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keeps a bean across reloads: it is created once, by the first generation that needs it,
 * handed to every later generation as the same instance, and closed when the JVM ends
 * (its {@code @PreDestroy} methods, {@code DisposableBean}, destroy method or
 * {@code close()}), not with each generation. For expensive development-time resources:
 * an embedded broker, a container-backed service connection, a client with its own
 * connection pool.
 * <p>
 * Put it on a {@code @Bean} method or on a {@code @Component} class. The bean's class must
 * come from a jar (the base class loader), not from the application's own class
 * directories: an instance of a class that is reloaded would keep its first generation
 * alive and would not match the new generation's version of that class. A bean that does
 * not qualify is created with each generation as usual, with one log line saying why. The
 * bean is created lazily, when first injected or looked up (as a scoped bean is), and what
 * it was given when created is what it keeps: inject into it only beans that are retained
 * too or whose classes come from jars and that live as long.
 * <p>
 * Spring Boot DevTools' {@code @RestartScope} is honoured the same way when DevTools is on
 * the class path.
 *
 * @author reload-hook
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RetainedAcrossReloads {

}
