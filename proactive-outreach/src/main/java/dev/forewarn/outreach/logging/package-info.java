/**
 * Log output masking: every phone number in E.164 form and every email address in a log line is
 * masked, whatever wrote it, by Logback converters that {@code logback-spring.xml} (and the demo's
 * and benchmark's Logback files) put in place of the message and exception converters.
 */
package dev.forewarn.outreach.logging;
