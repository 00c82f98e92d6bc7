/**
 * Customer sign-in with a one-time code sent to a contact point of theirs (SMS or email, through
 * the outbox): short expiry, hashed, single use, a few wrong tries, a few codes per address per
 * window. A signed-in customer is a {@code CUSTOMER} session.
 */
package dev.forewarn.outreach.security.signin;
