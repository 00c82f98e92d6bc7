/**
 * SMS through the Twilio Java SDK, with a REST client of our own (never the SDK's global state) so
 * that the API base URL can point at a local stand-in.
 */
package dev.forewarn.outreach.notify.sms;
