package dev.reloadhook.demo.webflux.greeting;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Service;

/**
 * Builds greetings and counts them.
 *
 * @author reload-hook
 */
@Service
class GreetingService {

	private final AtomicLong count = new AtomicLong();

	Greeting greet(String name) {
		return new Greeting("Hello, " + name + "!", this.count.incrementAndGet());
	}

}
