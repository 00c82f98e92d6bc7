/**
 * The queue of work for human agents: visits customers asked for and cases nobody acknowledged,
 * each shown with its full context (the case, its evidence and ETA, every message and reply).
 */
package dev.forewarn.outreach.agents;
