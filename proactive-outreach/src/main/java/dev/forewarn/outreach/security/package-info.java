/**
 * Who may call what. One {@code SecurityFilterChain} per concern (actuator, Twilio webhooks, the
 * REST API, case links, the customer's pages, the staff console), the roles ({@link Role}), the
 * principals a request can act as, and the secrets read from the environment or from files. Staff
 * users, API tokens, case links and customer sign-in codes live in the sub-packages.
 */
package dev.forewarn.outreach.security;
