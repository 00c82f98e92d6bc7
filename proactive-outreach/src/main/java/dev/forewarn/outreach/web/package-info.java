/**
 * What every endpoint shares: the error body ({@code {"field": ..., "error": ...}}) and the
 * operator views that span features (stats, dead letters).
 */
package dev.forewarn.outreach.web;
