/**
 * Customers, their contact points and the devices they own: who to tell when a device raises a
 * case.
 */
package dev.forewarn.outreach.customers;
