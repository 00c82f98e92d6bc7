/**
 * The app channel: an in-app inbox that keeps each message for the customer's app and self-service
 * page and streams it to them over Server-Sent Events, and, when credentials are configured, push
 * notifications through Firebase Cloud Messaging instead.
 */
package dev.forewarn.outreach.notify.app;
