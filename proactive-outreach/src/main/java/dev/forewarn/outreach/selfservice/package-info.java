/**
 * The customer's self-service page for one case, reached through the unguessable link in every
 * message: what is happening, and buttons to acknowledge, ask for a visit and rate the service.
 */
package dev.forewarn.outreach.selfservice;
