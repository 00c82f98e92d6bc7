/**
 * Case links: the link in every customer message is a signed, expiring token bound to one case
 * (HMAC-SHA256), revocable by raising the case's link generation. Nothing about a link is stored.
 */
package dev.forewarn.outreach.security.links;
