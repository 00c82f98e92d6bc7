/**
 * What customers see of their own things: the page a message's case link opens ({@code /c/{token}},
 * one case), the one-time-code sign-in and account page ({@code /me}), and the customer-scoped API
 * ({@code /api/me}), all read through the caller's {@code CustomerScope}.
 */
package dev.forewarn.outreach.selfservice;
