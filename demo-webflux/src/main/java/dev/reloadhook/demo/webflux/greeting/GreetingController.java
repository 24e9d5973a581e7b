package dev.reloadhook.demo.webflux.greeting;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Says hello. Change the text in {@link GreetingService}, save, and the next request
 * answers with the new one.
 *
 * @author reload-hook
 */
@RestController
class GreetingController {

	private final GreetingService greetings;

	GreetingController(GreetingService greetings) {
		this.greetings = greetings;
	}

	@GetMapping("/api/greeting")
	Mono<Greeting> greeting(@RequestParam(defaultValue = "World") String name) {
		return Mono.fromSupplier(() -> this.greetings.greet(name));
	}

}
