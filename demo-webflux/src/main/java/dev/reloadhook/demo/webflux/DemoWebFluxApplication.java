package dev.reloadhook.demo.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small WebFlux service on Reactor Netty: run it with {@code mvn spring-boot:run} and
 * change its code while it serves.
 *
 * @author reload-hook
 */
@SpringBootApplication
public class DemoWebFluxApplication {

	public static void main(String[] args) {
		SpringApplication.run(DemoWebFluxApplication.class, args);
	}

}
