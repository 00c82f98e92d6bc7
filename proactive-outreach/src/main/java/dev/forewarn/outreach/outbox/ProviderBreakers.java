package dev.forewarn.outreach.outbox;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One circuit breaker per provider (Resilience4j), so that a provider that is down holds its queue
 * instead of burning every message's retries: while it is open the outbox calls the provider not at
 * all and puts its messages back to wait, and after {@code open-for} one message probes it.
 * Throttling (429) says the provider is up and counts neither way; a permanent refusal is an answer
 * and counts as a success.
 */
@Component
class ProviderBreakers {

  private static final Logger log = LoggerFactory.getLogger(ProviderBreakers.class);

  private final CircuitBreakerRegistry registry;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
  private final Duration openFor;

  ProviderBreakers(OutboxProperties properties) {
    OutboxProperties.Breaker breaker = properties.breaker();
    this.openFor = breaker.openFor();
    this.registry =
        CircuitBreakerRegistry.of(
            CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.window())
                .minimumNumberOfCalls(breaker.minimumCalls())
                .failureRateThreshold(breaker.failureRate())
                .waitDurationInOpenState(breaker.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
  }

  /** The breaker of a provider, made on first use. */
  CircuitBreaker of(String provider) {
    return breakers.computeIfAbsent(
        provider,
        name -> {
          CircuitBreaker made = registry.circuitBreaker(name);
          made.getEventPublisher()
              .onStateTransition(
                  e ->
                      log.warn(
                          "provider breaker provider={} transition={}",
                          name,
                          e.getStateTransition()));
          return made;
        });
  }

  /** How long a message waits when its provider's breaker is open. */
  Duration openFor() {
    return openFor;
  }
}
