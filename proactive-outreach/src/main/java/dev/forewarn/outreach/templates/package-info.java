/**
 * Customer message templates per step, channel, rule (or rule family) and locale, their rendering
 * with the case's facts, and the SMS segment arithmetic (GSM-7 and UCS-2) that keeps texts short.
 */
package dev.forewarn.outreach.templates;
